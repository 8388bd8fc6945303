"""Importing films into an archive that already holds some: match, then skip, update or add.

A film matches on an external id first (IMDb, Wikidata, MovieLens...), then on
its title, year and director; a person on their name or a name variant. New
films go in with executemany as on the bulk path; festivals, editions and
sections named by the import are found or created, and screenings added. The
whole import is one transaction and one Changes: one undoable step. A dry run
does all of it and rolls back, so its plan is exactly what the import would do.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, select, update

from curator.catalog.base import CatalogBase
from curator.catalog.bulk import FilmData
from curator.catalog.changes import Changes, RowChange, merge_rows
from curator.catalog.errors import Cancelled
from curator.catalog.naming import slugify, sort_name, sort_title
from curator.catalog.unit import TABLES, translate_errors
from curator.catalog.validation import (
    FIRST_FILM_YEAR,
    MAX_RUNTIME,
    check_year,
    film_problems,
    latest_year,
)
from curator.model import Base, FilmKind, PublicationState
from curator.model.entities import utcnow
from curator.store import search as fts

EXISTING_POLICIES = ("skip", "update", "duplicate")
_STATES = frozenset(PublicationState)
_KINDS = frozenset(FilmKind) | {""}
Progress = Callable[[int, int], bool | None]
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_ASCII_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ScreeningRef:
    """A festival appearance as a spreadsheet or a page names it: `MIFF`, 1989, `Animation`."""

    festival: str
    year: int
    section: str = ""
    premiere: str = ""


@dataclass
class FilmImport:
    """One film to import, with where it came from (`row 12`, a page's file name)."""

    film: FilmData
    source: str
    screenings: tuple[ScreeningRef, ...] = ()
    related: tuple[int, ...] = ()  # indexes of this import's items: its "See also" films
    existing: str | None = None  # this record's own policy, overriding the import's
    quote_sources: tuple[str, ...] = ()  # where each of the film's quotes was said


@dataclass
class ImportResult:
    changes: Changes
    dry_run: bool
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # matched, and left as they were
    repeated: list[str] = field(default_factory=list)  # sources repeating an earlier film
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    film_ids: list[int | None] = field(default_factory=list)  # per item; None: not imported
    people_created: int = 0

    def summary(self) -> str:
        """`2,481 new films, 12 updates, 3 rows with errors` (what the import does or did)."""
        parts = [_count(len(self.created), "new film"), _count(len(self.updated), "update")]
        if self.unchanged:
            parts.append(f"{len(self.unchanged):,} already in the archive")
        if self.repeated:
            parts.append(f"{len(self.repeated):,} repeating a film above")
        parts.append(_count(len(self.errors), "row") + " with errors")
        return ", ".join(parts)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


@contextmanager
def without_cycle_collector() -> Iterator[None]:
    """Pause the cyclic garbage collector: an import makes hundreds of thousands of
    objects, none of them garbage, and the collector would only rescan them again and again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def fold(text: str) -> str:
    """Case-, accent- and punctuation-blind form of a title or a name, for matching."""
    if text.isascii():
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare).strip()


def fast_slug(text: str, fallback: str) -> str:
    """`slugify` with a fast path for plain ASCII text (same result, far cheaper)."""
    if text.isascii():
        return _ASCII_SLUG.sub("-", text.lower()).strip("-")[:80].rstrip("-") or fallback
    return slugify(text, fallback)


class _NewRows:
    """Rows to insert, ids assigned up front, written with the driver's executemany."""

    AUTOINCREMENT = ("film", "person", "festival", "edition", "section", "still", "collection")

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.by_table: dict[str, list[dict[str, Any]]] = {}
        self.next_id: dict[str, int] = {}
        self.now = utcnow()
        # SQLAlchemy's SQLite DateTime format: the driver gets the text, Changes the datetime
        self.now_text = self.now.strftime("%Y-%m-%d %H:%M:%S.%f")

    def new_id(self, table: str) -> int:
        if table not in self.next_id:
            t = TABLES[table]
            from sqlalchemy import func

            top = self.conn.execute(select(func.max(t.c.id))).scalar() or 0
            if table in self.AUTOINCREMENT and self.conn.dialect.name == "sqlite":
                seq = self.conn.exec_driver_sql(
                    "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).scalar()
                top = max(top, seq or 0)
            self.next_id[table] = top + 1
        value = self.next_id[table]
        self.next_id[table] += 1
        return value

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        row = {"id": self.new_id(table), "version": 1, "created_at": self.now_text,
               "updated_at": self.now_text, **values}
        self.by_table.setdefault(table, []).append(row)
        return row

    def add_values(self, table: str, film_id: int, values: tuple[str, ...]) -> None:
        """A film's countries, languages or genres: the bulk of an import's rows."""
        out = self.by_table.setdefault(table, [])
        if table not in self.next_id:
            self.new_id(table)
            self.next_id[table] -= 1
        next_id, now = self.next_id[table], self.now_text
        position = 0
        seen = set()
        for value in values:
            name = value.strip()
            if name and name not in seen:
                seen.add(name)
                out.append({"id": next_id, "version": 1, "created_at": now, "updated_at": now,
                            "film_id": film_id, "position": position, "name": name})
                next_id += 1
                position += 1
        self.next_id[table] = next_id

    def flush(self) -> list[RowChange]:
        changes: list[RowChange] = []
        cursor = self.conn.connection.cursor()
        try:
            for table in (t.name for t in Base.metadata.sorted_tables):
                rows = self.by_table.get(table)
                if not rows:
                    continue
                columns = list(rows[0])
                sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
                       f"VALUES ({', '.join(':' + c for c in columns)})")
                cursor.executemany(sql, rows)
                now = self.now
                for r in rows:
                    r["created_at"] = r["updated_at"] = now
                changes.extend(_inserted(table, r) for r in rows)
        finally:
            cursor.close()
        self.by_table.clear()
        return changes


def _inserted(table: str, row: dict[str, Any]) -> RowChange:
    """RowChange(table, (id,), None, row), built without the frozen dataclass's slow
    field-by-field __init__: an import records hundreds of thousands of them."""
    change = object.__new__(RowChange)
    change.__dict__.update(table=table, key=(row["id"],), before=None, after=row)
    return change


class _Archive:
    """What the import needs to know of the archive, loaded once and kept up to date."""

    def __init__(self, conn: Connection) -> None:
        t = TABLES
        self.by_external: dict[tuple[str, str], int] = {}
        self.external_of: dict[int, dict[str, set[str]]] = {}
        for scheme, value, fid in conn.execute(select(
                t["external_id"].c.scheme, t["external_id"].c.value, t["external_id"].c.film_id)
                .where(t["external_id"].c.film_id.is_not(None))):
            self.add_external(fid, scheme, value)
        self.by_title: dict[str, list[int]] = {}
        self.year: dict[int, int | None] = {}
        film = t["film"]
        for fid, title, original, year in conn.execute(
                select(film.c.id, film.c.title, film.c.original_title, film.c.year)
                .order_by(film.c.id)):
            self.add_film(fid, title, original, year)
        self.directors: dict[int, set[int]] = {}
        credit = t["credit"]
        for fid, pid in conn.execute(select(credit.c.film_id, credit.c.person_id)
                                     .where(credit.c.role == "director")):
            self.directors.setdefault(fid, set()).add(pid)
        self.people: dict[str, int] = {}
        self.people_folded: dict[str, int | None] = {}
        variant, person = t["name_variant"], t["person"]
        for pid, name in [*conn.execute(select(variant.c.person_id, variant.c.name)),
                          *conn.execute(select(person.c.id, person.c.name))]:
            self.add_person(pid, name)
        self.festivals: dict[str, int] = {}
        self.festival_slugs: set[str] = set()
        for fid, name, short, slug in conn.execute(select(
                t["festival"].c.id, t["festival"].c.name, t["festival"].c.short_name,
                t["festival"].c.slug)):
            self.festival_slugs.add(slug)
            for n in (name, short):
                if n.strip():
                    self.festivals.setdefault(n.strip().casefold(), fid)
        edition = t["edition"]
        self.editions: dict[tuple[int, int], int] = {}
        self.edition_slugs: set[str] = set()
        for eid, fid, year, slug in conn.execute(select(edition.c.id, edition.c.festival_id,
                                                        edition.c.year, edition.c.slug)):
            self.editions[(fid, year)] = eid
            self.edition_slugs.add(slug)
        section = t["section"]
        self.sections: dict[tuple[int, str], int] = {}
        self.section_count: dict[int, int] = {}
        for sid, eid, name in conn.execute(select(section.c.id, section.c.edition_id,
                                                  section.c.name)):
            self.sections.setdefault((eid, name.strip().casefold()), sid)
            self.section_count[eid] = self.section_count.get(eid, 0) + 1
        self.festival_short: dict[int, str] = {
            fid: short or name for fid, name, short in conn.execute(
                select(t["festival"].c.id, t["festival"].c.name, t["festival"].c.short_name))}

    def add_film(self, fid: int, title: str, original: str, year: int | None) -> None:
        self.year[fid] = year
        for text in {fold(title), fold(original)} - {""}:
            self.by_title.setdefault(text, []).append(fid)

    def add_external(self, fid: int, scheme: str, value: str) -> None:
        key = (scheme.casefold(), value.strip())
        self.by_external.setdefault(key, fid)
        self.external_of.setdefault(fid, {}).setdefault(key[0], set()).add(key[1])

    def add_person(self, pid: int, name: str) -> None:
        self.people.setdefault(name.strip().casefold(), pid)
        key = fold(name)
        if key in self.people_folded and self.people_folded[key] != pid:
            self.people_folded[key] = None  # two people fold alike: no accent-blind match
        else:
            self.people_folded[key] = pid

    def person(self, name: str) -> int | None:
        pid = self.people.get(name.strip().casefold())
        return pid if pid is not None else self.people_folded.get(fold(name))

    def match(self, film: FilmData, has_directors: bool, director_ids: set[int]) -> int | None:
        for scheme, value in film.external_ids:
            fid = self.by_external.get((scheme.casefold(), value.strip()))
            if fid is not None:
                return fid
        keys = {fold(film.title), fold(film.original_title)} - {""}
        candidates = sorted({fid for k in keys for fid in self.by_title.get(k, ())})
        ours: dict[str, set[str]] = {}
        for scheme, value in film.external_ids:
            ours.setdefault(scheme.casefold(), set()).add(value.strip())
        compatible = []
        for fid in candidates:
            theirs_ids = self.external_of.get(fid, {})
            if any(s in theirs_ids and not v & theirs_ids[s] for s, v in ours.items()):
                continue  # the same database says these are two films
            theirs = self.directors.get(fid, set())
            if has_directors and theirs and not director_ids & theirs:
                continue
            if self.year.get(fid) == film.year:
                return fid
            compatible.append(fid)
        if film.year is None and len(compatible) == 1:
            return compatible[0]  # a film named without its year: the only one of that title
        return None


class ImportOps(CatalogBase):
    def import_films(
        self,
        items: Sequence[FilmImport],
        *,
        existing: str = "skip",
        dry_run: bool = False,
        label: str = "Import films",
        progress: Progress | None = None,
    ) -> ImportResult:
        """Import films, matching those already in the archive; see the module docstring.

        `existing` says what to do with a film that matches one in the archive:
        skip it, update it with what the import knows, or add it again anyway.
        `progress(done, total)` returning False cancels, leaving the archive as it was.
        """
        if existing not in EXISTING_POLICIES:
            raise ValueError(f"existing must be one of {EXISTING_POLICIES}, not {existing!r}")
        result = ImportResult(Changes(label), dry_run)
        with without_cycle_collector():
            self._import(items, existing, dry_run, label, progress, result)
        return result

    def _import(self, items: Sequence[FilmImport], existing: str, dry_run: bool, label: str,
                progress: Progress | None, result: ImportResult) -> None:
        with translate_errors(), self.archive.write_engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                # a big import touches every index page; keep them in memory (64 MB)
                conn.connection.cursor().execute("PRAGMA cache_size = -65536").close()
            transaction = conn.begin()
            try:
                run = _ImportRun(conn, result, existing)
                for n, item in enumerate(items):
                    if progress and n % 1000 == 0 and progress(n, len(items)) is False:
                        raise Cancelled("The import was cancelled; nothing was changed.")
                    result.film_ids.append(run.import_one(item))
                run.link_related(items)
                rows = run.finish()
                if progress:
                    progress(len(items), len(items))
            except BaseException:
                transaction.rollback()
                raise
            if dry_run:
                transaction.rollback()
            else:
                transaction.commit()
                result.changes = Changes(label, tuple(rows),
                                         frozenset(result.created + result.updated))


class _ImportRun:
    """The state of one import inside its transaction."""

    def __init__(self, conn: Connection, result: ImportResult, policy: str) -> None:
        self.conn = conn
        self.result = result
        self.policy = policy
        self.rows = _NewRows(conn)
        self.known = _Archive(conn)
        self.extra: list[RowChange] = []  # updates and deletes, recorded by hand
        self.touched: set[int] = set()  # existing films changed by this import
        self.screened: set[tuple[int, int, int | None]] = set()
        self.screened_films: set[int] = set()
        self.created: set[int] = set()
        self.latest_year = latest_year()
        self.updated: set[int] = set()
        self.unchanged: set[int] = set()

    # -- one film --------------------------------------------------------------------
    def import_one(self, item: FilmImport) -> int | None:
        film = item.film
        problems = {} if self._plainly_valid(film) else film_problems(
            {"title": film.title, "year": film.year, "runtime": film.runtime,
             "state": film.state, "kind": film.kind})
        for ref in item.screenings:
            if not ref.festival.strip():
                problems["festival"] = "The festival has no name."
            elif msg := check_year(ref.year, label=f"The year of {ref.festival}"):
                problems["festival"] = msg
        if problems:
            self.result.errors.append((item.source, " ".join(problems.values())))
            return None
        policy = item.existing or self.policy
        names = [name for name, role in film.credits if role == "director"]
        directors = {pid for name in names if (pid := self.known.person(name)) is not None}
        match = None if policy == "duplicate" else self.known.match(film, bool(names), directors)
        if match is None:
            fid = self._create(item)
            self.result.created.append(fid)
            self.created.add(fid)
            return fid
        if match in self.created:
            # the same film again further down the file: one more screening, say
            for ref in item.screenings:
                self._add_screening(match, ref)
            self.result.repeated.append(item.source)
            return match
        if policy == "update" and self._update(match, item):
            if match not in self.updated:
                self.updated.add(match)
                self.result.updated.append(match)
            if match in self.unchanged:
                self.unchanged.discard(match)
                self.result.unchanged.remove(match)
        elif match not in self.unchanged:
            self.unchanged.add(match)
            self.result.unchanged.append(match)
        return match

    def _plainly_valid(self, film: FilmData) -> bool:
        """The common case, checked cheaply; anything else gets the catalogue's full rules."""
        year, runtime = film.year, film.runtime
        return (film.title.strip() != "" and film.state in _STATES and film.kind in _KINDS
                and (year is None or type(year) is int and FIRST_FILM_YEAR <= year
                     <= self.latest_year)
                and (runtime is None or type(runtime) is int and 1 <= runtime <= MAX_RUNTIME))

    def _create(self, item: FilmImport) -> int:
        film, rows = item.film, self.rows
        title = film.title.strip()
        fid = rows.add(
            "film", slug=fast_slug(title, "film"), title=title,
            original_title=film.original_title.strip(),
            sort_title=film.sort_title or sort_title(title), year=film.year,
            runtime=film.runtime, format=film.format, colour=film.colour, kind=film.kind,
            synopsis=film.synopsis, notes=film.notes, state=film.state,
        )["id"]
        self.known.add_film(fid, title, film.original_title, film.year)
        for table, values in (("film_country", film.countries),
                              ("film_language", film.languages), ("film_genre", film.genres)):
            if values:
                rows.add_values(table, fid, values)
        for pos, alt in enumerate(dict.fromkeys(a.strip() for a in film.alt_titles if a.strip())):
            rows.add("alt_title", film_id=fid, position=pos, title=alt, note="")
        self._add_credits(fid, film.credits, set(), 0)
        sources = item.quote_sources
        for pos, (text, attribution) in enumerate(film.quotes):
            rows.add("quote", film_id=fid, position=pos, text=text.strip(),
                     attribution=attribution.strip(),
                     source=sources[pos].strip() if pos < len(sources) else "")
        for scheme, value in dict.fromkeys(film.external_ids):
            self._add_external_id(fid, scheme, value)
        for ref in item.screenings:
            self._add_screening(fid, ref)
        return fid

    def _add_credits(self, fid: int, credits: tuple[tuple[str, str], ...],
                     held: set[tuple[int, str]], position: int) -> bool:
        added = False
        for name, role in credits:
            if not name.strip():
                continue
            pid = self._person(name)
            if (pid, role) in held:
                continue
            held.add((pid, role))
            self.rows.add("credit", film_id=fid, person_id=pid, role=role, character="",
                          position=position)
            position += 1
            added = True
            if role == "director":
                self.known.directors.setdefault(fid, set()).add(pid)
        return added

    def _person(self, name: str) -> int:
        pid = self.known.person(name)
        if pid is None:
            clean = " ".join(name.split())
            pid = self.rows.add("person", slug=fast_slug(clean, "person"), name=clean,
                                sort_name=sort_name(clean), birth_year=None, death_year=None,
                                country="", biography="", notes="", state="published")["id"]
            self.known.add_person(pid, clean)
            self.result.people_created += 1
        return pid

    def _add_external_id(self, fid: int, scheme: str, value: str) -> None:
        self.rows.add("external_id", film_id=fid, person_id=None, scheme=scheme.strip(),
                      value=value.strip())
        self.known.add_external(fid, scheme, value)

    def _add_screening(self, fid: int, ref: ScreeningRef) -> bool:
        known, rows = self.known, self.rows
        festival_id = known.festivals.get(ref.festival.strip().casefold())
        if festival_id is None:
            name = " ".join(ref.festival.split())
            is_acronym = " " not in name and len(name) <= 12
            slug = _free(fast_slug(name, "festival"), known.festival_slugs)
            festival_id = rows.add("festival", slug=slug, name=name,
                                   short_name=name if is_acronym else "", city="", country="",
                                   description="")["id"]
            known.festivals[name.casefold()] = festival_id
            known.festival_short[festival_id] = name
        edition_id = known.editions.get((festival_id, ref.year))
        if edition_id is None:
            label = f"{known.festival_short[festival_id]} {ref.year}"
            edition_id = rows.add("edition", festival_id=festival_id,
                                  slug=_free(slugify(label), known.edition_slugs),
                                  year=ref.year, number=None, starts_on=None, ends_on=None,
                                  intro="", opening_film_id=None, state="published")["id"]
            known.editions[(festival_id, ref.year)] = edition_id
        section_id = None
        if ref.section.strip():
            section = " ".join(ref.section.split())
            section_id = known.sections.get((edition_id, section.casefold()))
            if section_id is None:
                position = known.section_count.get(edition_id, 0)
                section_id = rows.add("section", edition_id=edition_id,
                                      slug=fast_slug(section, "section"), name=section,
                                      description="", position=position)["id"]
                known.sections[(edition_id, section.casefold())] = section_id
                known.section_count[edition_id] = position + 1
        key = (fid, edition_id, section_id)
        if key in self.screened:
            return False
        if fid not in self.screened_films and fid not in self.created:
            # an existing film: learn its screenings once, so none is added twice
            self.screened_films.add(fid)
            s = TABLES["screening"]
            self.screened.update(self.conn.execute(
                select(s.c.film_id, s.c.edition_id, s.c.section_id).where(s.c.film_id == fid)))
            if key in self.screened:
                return False
        self.screened.add(key)
        self.screened_films.add(fid)
        rows.add("screening", film_id=fid, edition_id=edition_id, section_id=section_id,
                 premiere=ref.premiere)
        return True

    # -- updating a film already in the archive ------------------------------------------
    def _update(self, fid: int, item: FilmImport) -> bool:
        film, conn, t = item.film, self.conn, TABLES
        before = dict(conn.execute(select(t["film"]).where(t["film"].c.id == fid))
                      .mappings().one())
        values: dict[str, Any] = {}
        for name in ("original_title", "year", "runtime", "kind", "format", "colour",
                     "synopsis"):
            new = getattr(film, name)
            if isinstance(new, str):
                new = new.strip()
            if new not in (None, "") and new != before[name]:
                values[name] = new
        if film.notes.strip() and film.notes.strip() not in before["notes"]:
            values["notes"] = "\n\n".join(x for x in (before["notes"], film.notes.strip()) if x)
        changed = bool(values)
        for table, wanted in (("film_country", film.countries),
                              ("film_language", film.languages), ("film_genre", film.genres)):
            changed |= self._replace_values(fid, table, wanted)
        changed |= self._add_missing(fid, item)
        if changed:
            after = {**before, **values, "version": before["version"] + 1,
                     "updated_at": utcnow()}
            conn.execute(update(t["film"]).where(t["film"].c.id == fid).values(
                **{k: after[k] for k in (*values, "version", "updated_at")}))
            self.extra.append(RowChange("film", (fid,), before, after))
            self.touched.add(fid)
        return changed

    def _replace_values(self, fid: int, table: str, wanted: tuple[str, ...]) -> bool:
        wanted_list = list(dict.fromkeys(v.strip() for v in wanted if v.strip()))
        if not wanted_list:
            return False
        t = TABLES[table]
        current = [dict(r) for r in self.conn.execute(
            select(t).where(t.c.film_id == fid).order_by(t.c.position)).mappings()]
        if [r["name"] for r in current] == wanted_list:
            return False
        self.conn.execute(delete(t).where(t.c.film_id == fid))
        self.extra.extend(RowChange(table, (r["id"],), r, None) for r in current)
        for pos, name in enumerate(wanted_list):
            self.rows.add(table, film_id=fid, position=pos, name=name)
        return True

    def _add_missing(self, fid: int, item: FilmImport) -> bool:
        """Add the parts the import knows and the film lacks; nothing is taken away."""
        film, conn, t = item.film, self.conn, TABLES
        changed = False
        alt = t["alt_title"]
        have_alt = {r.title.casefold(): r.position for r in conn.execute(
            select(alt.c.title, alt.c.position).where(alt.c.film_id == fid))}
        pos = max(have_alt.values(), default=-1) + 1
        for title in dict.fromkeys(a.strip() for a in film.alt_titles if a.strip()):
            if title.casefold() not in have_alt:
                self.rows.add("alt_title", film_id=fid, position=pos, title=title, note="")
                have_alt[title.casefold()] = pos
                pos += 1
                changed = True
        credit = t["credit"]
        held = {(r.person_id, r.role) for r in conn.execute(
            select(credit.c.person_id, credit.c.role).where(credit.c.film_id == fid))}
        top = conn.execute(select(credit.c.position).where(credit.c.film_id == fid)
                           .order_by(credit.c.position.desc()).limit(1)).scalar()
        changed |= self._add_credits(fid, film.credits, held, (top if top is not None else -1) + 1)
        quote = t["quote"]
        have_quotes = {r.text.strip() for r in conn.execute(
            select(quote.c.text).where(quote.c.film_id == fid))}
        pos = len(have_quotes)
        for n, (text, attribution) in enumerate(film.quotes):
            if text.strip() and text.strip() not in have_quotes:
                source = item.quote_sources[n] if n < len(item.quote_sources) else ""
                self.rows.add("quote", film_id=fid, position=pos, text=text.strip(),
                              attribution=attribution.strip(), source=source.strip())
                have_quotes.add(text.strip())
                pos += 1
                changed = True
        ext = t["external_id"]
        have_ids = {(r.scheme.casefold(), r.value) for r in conn.execute(
            select(ext.c.scheme, ext.c.value).where(ext.c.film_id == fid))}
        for scheme, value in film.external_ids:
            if (scheme.casefold(), value.strip()) not in have_ids:
                self._add_external_id(fid, scheme, value)
                have_ids.add((scheme.casefold(), value.strip()))
                changed = True
        for ref in item.screenings:
            changed |= self._add_screening(fid, ref)
        return changed

    # -- after every film ----------------------------------------------------------------
    def link_related(self, items: Sequence[FilmImport]) -> None:
        """Add each item's "See also" links (created and updated films only)."""
        ids = self.result.film_ids
        changing = set(self.result.created) | set(self.result.updated)
        rel = TABLES["related_film"]
        for item, fid in zip(items, ids, strict=True):
            if fid is None or fid not in changing or not item.related:
                continue
            have = {r.related_id: r.position for r in self.conn.execute(
                select(rel.c.related_id, rel.c.position).where(rel.c.film_id == fid))}
            pos = max(have.values(), default=-1) + 1
            for index in item.related:
                other = ids[index] if 0 <= index < len(ids) else None
                if other is None or other == fid or other in have:
                    continue
                self.rows.add("related_film", film_id=fid, related_id=other, position=pos,
                              note="")
                have[other] = pos
                pos += 1

    def finish(self) -> list[RowChange]:
        inserted = self.rows.flush()
        created = self.result.created
        if created:
            fts.reindex_range(self.conn, min(created), max(created))
        if self.touched:
            fts.reindex_films(self.conn, self.touched)
        return [*merge_rows(self.extra), *inserted]


def _free(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
