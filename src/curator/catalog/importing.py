"""Importing films into an archive that already holds some: match, then skip, update or add.

A film matches on an external id first (IMDb, Wikidata, MovieLens...), then on
its title, year and director; a person on their name or a name variant. New
films go in with executemany as on the bulk path; festivals, editions and
sections named by the import are found or created, and screenings added. The
whole import is one transaction and one Changes: one undoable step. A dry run
does all of it and rolls back, so its plan is exactly what the import would do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from sqlalchemy import Connection, select

from curator.catalog.bulk import BulkResult, FilmData, add_in_bulk
from curator.catalog.changes import Changes, InsertedRows, RowChange, merge_rows
from curator.catalog.core import Operations
from curator.catalog.countries import CountrySpellings, used_countries, with_countries_spelled
from curator.catalog.errors import Cancelled
from curator.catalog.import_rows import NewRows
from curator.catalog.import_update import HeldParts, UpdatingFilms
from curator.catalog.matching import ArchiveIndex, fold, name_as_written, title_keys
from curator.catalog.naming import slugify, sort_name, sort_title
from curator.catalog.sort_keys import (
    KEYS_OF_TABLE,
    keys_moved_by,
    refresh_sort_key_range,
    refresh_sort_keys,
)
from curator.catalog.text import clean_values
from curator.catalog.unit import TABLES, write_transaction
from curator.catalog.validation import (
    FIRST_FILM_YEAR,
    MAX_RUNTIME,
    check_year,
    imported_film_problems,
    latest_year,
)
from curator.limits import EXISTING_POLICIES
from curator.model import FilmKind, PublicationState, Role
from curator.store import search as fts
from curator.store.rows import pages_kept_for

__all__ = ["EXISTING_POLICIES", "FilmImport", "ImportResult", "Imports", "RowOutcome",
           "ScreeningRef", "fold"]

_STATES = frozenset(PublicationState)
_KINDS = frozenset(FilmKind) | {""}
_ROLES = frozenset(Role)
_NO_PEOPLE: frozenset[int] = frozenset()  # a row without directors: none made per row
# A new film's row, as _create gives it to NewRows.add_tuple.
_FILM_COLUMNS = ("slug", "title", "original_title", "sort_title", "year", "runtime", "format",
                 "colour", "kind", "synopsis", "notes", "state")
Progress = Callable[[int, int], bool | None]


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
    # The title as the file prints it (a spreadsheet row's cell): another row repeats this
    # one only when it prints the same title, year and directors.
    printed_title: str = ""
    remark: str = ""  # how the row was read, where a reader had a choice (for the report)
    untitled: bool = False  # named after its source until its title is known
    # the film's title and original title folded for matching, where the reader has
    # folded them already (matching.title_keys of this very film)
    match_keys: set[str] | None = None
    # the source says the film's publication state (a State column), so updating a
    # film already in the archive sets it; otherwise the film keeps its own
    sets_state: bool = False


class RowOutcome(NamedTuple):
    """What became of one row or page: `new`, `updated`, `unchanged`, `repeat` or `error`
    (a tuple: an import makes one per row, and a frozen dataclass takes three times as long)."""

    source: str
    outcome: str
    film_id: int | None
    reason: str = ""


@dataclass
class ImportResult:
    changes: Changes
    dry_run: bool
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)  # matched, and left as they were
    repeated: list[str] = field(default_factory=list)  # sources repeating an earlier film
    outcomes: list[RowOutcome] = field(default_factory=list)  # per item, in the file's order
    untitled: list[int] = field(default_factory=list)  # new films whose title is not known
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    film_ids: list[int | None] = field(default_factory=list)  # per item; None: not imported
    people_created: int = 0

    def summary(self) -> str:
        """`2,481 new films, 12 updates, 3 rows with errors` (what the import does or did)."""
        parts = [_count(len(self.created), "new film"), _count(len(self.updated), "update")]
        if self.untitled:
            parts[0] += (f" ({len(self.untitled):,} untitled, under Saved searches \u203a "
                         "No title)")
        if self.unchanged:
            parts.append(f"{len(self.unchanged):,} already in the archive")
        if self.repeated:
            parts.append(f"{len(self.repeated):,} repeating a film above")
        parts.append(_count(len(self.errors), "row") + " with errors")
        return ", ".join(parts)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


class Imports(Operations):
    """Many films at once: matched against the archive, or added in bulk."""

    def bulk_add(self, films: Iterable[FilmData], *, label: str = "Import films",
                 progress: Callable[[int], bool | None] | None = None) -> BulkResult:
        """Add films in one transaction; invalid ones are skipped and reported by index.

        `progress(n)` is called every 1,000 films; returning False cancels the
        whole operation, leaving the archive as it was.
        """
        return add_in_bulk(self.core, films, label=label, progress=progress)

    def run(
        self,
        items: Sequence[FilmImport],
        *,
        existing: str = "skip",
        dry_run: bool = False,
        label: str = "Import films",
        progress: Progress | None = None,
        text_cleaned: bool = False,
    ) -> ImportResult:
        """Import films, matching those already in the archive; see the module docstring.

        `existing` says what to do with a film that matches one in the archive:
        skip it, update it with what the import knows, or add it again anyway.
        `progress(done, total)` returning False cancels, leaving the archive as it was.
        `text_cleaned` says the reader has passed all of its source text through
        `clean_text` already (a spreadsheet, whole), so no value needs it again.
        """
        if existing not in EXISTING_POLICIES:
            raise ValueError(f"existing must be one of {EXISTING_POLICIES}, not {existing!r}")
        if not text_cleaned:
            items = [clean_values(item) for item in items]
        result = ImportResult(Changes(label), dry_run)
        self.core.archive.verify()
        self._import(items, existing, dry_run, label, progress, result)
        return result

    def _import(self, items: Sequence[FilmImport], existing: str, dry_run: bool, label: str,
                progress: Progress | None, result: ImportResult) -> None:
        with write_transaction(self.core.archive, label) as writing:
            conn = writing.conn
            writing.keep_pages(pages_kept_for(conn, len(items)))
            spellings = CountrySpellings(used_countries(conn))
            # most rows of a sheet without a Country column have none to spell
            items = [item if not item.film.countries
                     or (film := with_countries_spelled(item.film, spellings)) is item.film
                     else replace(item, film=film) for item in items]
            run = _ImportRun(conn, result, existing)
            # about fifty reports, so a progress bar moves on a small file too
            step = max(1, min(1000, len(items) // 50))
            # the items with "See also" films, noted while each is at hand (a second pass
            # over 100,000 items, only to find that none has any, takes 20 ms)
            linking: list[int] = []
            for n, item in enumerate(items):
                if progress and n % step == 0 and progress(n, len(items)) is False:
                    raise Cancelled("The import was cancelled; nothing was changed.")
                result.film_ids.append(run.import_one(item))
                if item.related:
                    linking.append(n)
            run.link_related(items, linking)
            rows = run.finish()
            if progress:
                progress(len(items), len(items))
            if dry_run:
                writing.discard()
            else:
                writing.rows = rows
        if not dry_run:
            result.changes = Changes(label, rows, frozenset(result.created + result.updated))


class _ImportRun(UpdatingFilms):
    """The state of one import inside its transaction."""

    def __init__(self, conn: Connection, result: ImportResult, policy: str) -> None:
        self.conn = conn
        self.result = result
        self.policy = policy
        self.rows = NewRows(conn)
        self.known = ArchiveIndex(conn)
        self.extra: list[RowChange] = []  # updates and deletes, recorded by hand
        self.touched: set[int] = set()  # existing films changed by this import
        self.held: dict[int, HeldParts] = {}  # what films updated so far hold now
        self.screened: set[tuple[int, int, int | None]] = set()
        self.screened_films: set[int] = set()
        self.created: set[int] = set()
        self.latest_year = latest_year()
        self.updated: set[int] = set()
        self.unchanged: set[int] = set()
        self.first_item: dict[int, FilmImport] = {}  # the item that created each new film

    # -- one film --------------------------------------------------------------------
    def import_one(self, item: FilmImport) -> int | None:
        film = item.film
        problems = {} if self._plainly_valid(film) else imported_film_problems(film)
        for ref in item.screenings:
            if not ref.festival.strip():
                problems["festival"] = "The festival has no name."
            elif msg := check_year(ref.year, label=f"The year of {ref.festival}"):
                problems["festival"] = msg
        outcomes = self.result.outcomes
        if problems:
            reason = " ".join(problems.values())
            self.result.errors.append((item.source, reason))
            outcomes.append(RowOutcome(item.source, "error", None, reason))
            return None
        policy = item.existing or self.policy
        if film.credits:
            names = [name for name, role in film.credits if role == "director"]
            directors = {pid for name in names if (pid := self.known.person(name)) is not None}
        else:
            names, directors = (), _NO_PEOPLE
        keys = item.match_keys
        if keys is None:
            keys = title_keys(film.title, film.original_title)
        match = None if policy == "duplicate" else \
            self.known.match(film, bool(names), directors, keys)
        if match in self.created and item.printed_title \
                and not _same_printed(item, self.first_item[match]):
            match = None  # this file's own rows are two films unless printed alike
        if match is None:
            fid = self._create(item, keys)
            self.result.created.append(fid)
            self.created.add(fid)
            self.first_item[fid] = item
            if item.untitled:
                self.result.untitled.append(fid)
            outcomes.append(RowOutcome(item.source, "untitled" if item.untitled else "new",
                                       fid, item.remark))
            return fid
        if match in self.created:
            # the same film again further down the file: one more screening, say
            for ref in item.screenings:
                self._add_screening(match, ref)
            self.result.repeated.append(item.source)
            outcomes.append(RowOutcome(
                item.source, "repeat", match,
                f"repeats {self.first_item[match].source}: the same title, year and director"))
            return match
        if policy == "update" and self._update(match, item):
            if match not in self.updated:
                self.updated.add(match)
                self.result.updated.append(match)
            if match in self.unchanged:
                self.unchanged.discard(match)
                self.result.unchanged.remove(match)
            outcomes.append(RowOutcome(item.source, "updated", match, item.remark))
        else:
            if match not in self.unchanged:
                self.unchanged.add(match)
                self.result.unchanged.append(match)
            outcomes.append(RowOutcome(item.source, "unchanged", match,
                                       "already in the archive; left as it was"))
        return match

    def _plainly_valid(self, film: FilmData) -> bool:
        """The common case, checked cheaply; anything else gets the catalogue's full rules."""
        year, runtime = film.year, film.runtime
        return (type(film.title) is str and film.title.strip() != "" and film.state in _STATES
                and film.kind in _KINDS
                and (not film.credits or all(role in _ROLES for _, role in film.credits))
                # one test after another: no generator for every one of 100,000 rows
                and type(film.original_title) is str and type(film.format) is str
                and type(film.colour) is str and type(film.synopsis) is str
                and type(film.notes) is str
                and (year is None or type(year) is int and FIRST_FILM_YEAR <= year
                     <= self.latest_year)
                and (runtime is None or type(runtime) is int and 1 <= runtime <= MAX_RUNTIME))

    def _create(self, item: FilmImport, keys: set[str]) -> int:
        film, rows = item.film, self.rows
        title = film.title.strip()
        fid = rows.add_tuple("film", _FILM_COLUMNS, (
            slugify(title, "film"), title, film.original_title.strip(),
            film.sort_title or sort_title(title), film.year, film.runtime, film.format,
            film.colour, film.kind, film.synopsis, film.notes, film.state))
        self.known.add_film(fid, title, film.original_title, film.year, keys)
        # most rows of a sheet have a few of these parts: the others cost no loop
        if film.countries:
            rows.add_values("film_country", fid, film.countries)
        if film.languages:
            rows.add_values("film_language", fid, film.languages)
        if film.genres:
            rows.add_values("film_genre", fid, film.genres)
        if film.alt_titles:
            for pos, alt in enumerate(dict.fromkeys(
                    a.strip() for a in film.alt_titles if a.strip())):
                rows.add("alt_title", film_id=fid, position=pos, title=alt, note="")
        if film.credits:
            self._add_credits(fid, film.credits, set(), 0)
        if film.quotes:
            sources = item.quote_sources
            for pos, (text, attribution) in enumerate(film.quotes):
                rows.add("quote", film_id=fid, position=pos, text=text.strip(),
                         attribution=attribution.strip(),
                         source=sources[pos].strip() if pos < len(sources) else "")
        if film.external_ids:
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
            clean = name_as_written(name)
            pid = self.rows.add("person", slug=slugify(clean, "person"), name=clean,
                                sort_name=sort_name(clean), birth_year=None, death_year=None,
                                country="", biography="", notes="",
                                state=PublicationState.PUBLISHED)["id"]
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
            slug = _free(slugify(name, "festival"), known.festival_slugs)
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
                                  intro="", opening_film_id=None,
                                  state=PublicationState.PUBLISHED)["id"]
            known.editions[(festival_id, ref.year)] = edition_id
        section_id = None
        if ref.section.strip():
            section = " ".join(ref.section.split())
            section_id = known.sections.get((edition_id, section.casefold()))
            if section_id is None:
                position = known.section_count.get(edition_id, 0)
                section_id = rows.add("section", edition_id=edition_id,
                                      slug=slugify(section, "section"), name=section,
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

    # -- after every film ----------------------------------------------------------------
    def link_related(self, items: Sequence[FilmImport], linking: list[int]) -> None:
        """Add the "See also" links of the items at `linking` (created and updated films
        only)."""
        ids = self.result.film_ids
        if not linking:
            return  # a spreadsheet's rows link to no other: no set of every new film
        changing = set(self.result.created) | set(self.result.updated)
        rel = TABLES["related_film"]
        for n in linking:
            item, fid = items[n], ids[n]
            if fid is None or fid not in changing:
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

    def finish(self) -> InsertedRows:
        tables = set(self.rows.by_table)  # the new films' parts are all among these
        parts = [table for table in tables if table in KEYS_OF_TABLE]
        rows = self.rows.flush_rows(merge_rows(self.extra))
        created = self.result.created
        if created:
            fts.reindex_range(self.conn, min(created), max(created), tables)
            refresh_sort_key_range(self.conn, min(created), max(created), keys_moved_by(parts))
        if self.touched:
            fts.reindex_films(self.conn, self.touched)
            refresh_sort_keys(self.conn, self.touched)
        return rows


def _printed(item: FilmImport) -> tuple[str, int | None, frozenset[str]] | None:
    """A row's printed title, year and directors, folded; None for a reader without rows."""
    if not item.printed_title:
        return None
    return (fold(item.printed_title), item.film.year,
            frozenset(fold(name_as_written(n)) for n, role in item.film.credits
                      if role == "director"))


def _same_printed(ours: FilmImport, earlier: FilmImport) -> bool:
    """Whether a row prints the same film as the earlier row: title, year and (where both
    give them) directors."""
    theirs = _printed(earlier)
    if theirs is None:
        return True  # the earlier one came from a reader that prints no rows
    title, year, directors = _printed(ours)  # type: ignore[misc]
    return (title == theirs[0] and year == theirs[1]
            and (not directors or not theirs[2] or directors == theirs[2]))


def _free(slug: str, taken: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
