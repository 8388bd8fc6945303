"""Bulk edits: one change made to many films at once (a selection or a whole search result).

Set a film's state, kind, format or colour; add or remove a country, language or genre,
an appearance at an edition (and section), a list membership. `plan_films_edit` says
what would change without writing; `edit_films` writes it in one transaction, with
SQL over chunks of ids rather than an object per film, and returns one Changes: one
undo step, named ("Publish 1,523 films").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Connection, delete, func, select, update

from curator.catalog.changes import Changes, RowChange
from curator.catalog.core import Operations
from curator.catalog.countries import CountrySpellings, used_countries
from curator.catalog.errors import NotFound, ValidationError
from curator.catalog.field_kinds import spelled
from curator.catalog.import_rows import NewRows
from curator.catalog.sort_keys import keys_moved_by, refresh_sort_keys
from curator.catalog.text import clean_text
from curator.catalog.unit import TABLES, translate_errors, write_transaction
from curator.catalog.wording import appearance, edition_name
from curator.model.entities import utcnow
from curator.model.enums import Colour, FilmKind, PublicationState
from curator.store import search as fts

Action = Literal["set", "add", "remove"]
# field -> the actions it takes, and how the desk and the CLI name it
COLUMNS = ("state", "kind", "format", "colour")
NAMES = {"country": "film_country", "language": "film_language", "genre": "film_genre"}
FIELDS: dict[str, tuple[Action, ...]] = {
    **{c: ("set",) for c in COLUMNS},
    **{n: ("add", "remove") for n in NAMES},
    "appearance": ("add", "remove"),
    "list": ("add", "remove"),
    "field": ("set",),  # one of the archive's own fields: (field id, value)
}
CHUNK = 500
FILM_ID = TABLES["film"].c.id


@dataclass(frozen=True)
class FilmsChange:
    """One change to make to every film: `set state published`, `add country USSR`.

    The value is text for the columns and the names, (edition id, section id or None)
    for an appearance, a list's id for a list.
    """

    action: Action
    field: str
    value: Any


@dataclass
class EditPlan:
    """What an edit would do, in words, before anything is written."""

    films: int  # films the edit was asked to change
    lines: list[str] = field(default_factory=list)
    changing: int = 0  # films that would really change
    label: str = ""


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


def _films(n: int) -> str:
    return f"{n:,} film{'' if n == 1 else 's'}"


class ChangeWords(Operations):
    """Changes typed as words (`curator edit --add appearance="MIFF 1989/Animation"`)."""

    def change(self, action: str, assignment: str) -> FilmsChange:
        """`state=published`, `country=USSR`, `appearance=MIFF 1989/Animation`,
        `list=Perestroika on film` (or a list's id) as a FilmsChange; NotFound or
        ValidationError naming what is wrong."""
        name, equals, text = assignment.partition("=")
        name = name.strip().lower()
        name = {"countries": "country", "languages": "language", "genres": "genre",
                "color": "colour", "edition": "appearance", "screening": "appearance",
                "collection": "list"}.get(name, name)
        own = self._own_field_named(name) if equals and name not in FIELDS else None
        if own is not None:
            return FilmsChange(action, "field", (own, text.strip()))  # type: ignore[arg-type]
        if not equals or name not in FIELDS or name == "field":
            raise ValidationError({"change": (
                f"\u201c{assignment}\u201d is not a change: write FIELD=VALUE with one of "
                f"{', '.join(f for f in FIELDS if f != 'field')} or a field the archive "
                "added (curator fields).")})
        text = text.strip()
        if name == "appearance":
            return FilmsChange(action, name, self._appearance_named(text))  # type: ignore[arg-type]
        if name == "list":
            return FilmsChange(action, name, self._list_named(text))  # type: ignore[arg-type]
        return FilmsChange(action, name, text)  # type: ignore[arg-type]

    def _own_field_named(self, name: str) -> int | None:
        table = TABLES["film_field"]
        with self.core.read() as session:
            return session.scalar(select(table.c.id).where(
                func.lower(table.c.name) == clean_text(name).strip().lower()))

    def _appearance_named(self, text: str) -> tuple[int, int | None]:
        from curator.catalog.query_sql import editions_named

        edition_text, slash, section_text = text.partition("/")
        with self.core.read() as session:
            editions = list(session.scalars(editions_named(edition_text)))
            if len(editions) != 1:
                found = "no edition" if not editions else f"{len(editions)} editions"
                raise NotFound(f"\u201c{edition_text.strip()}\u201d names {found}; name one "
                               "as \u201cMIFF 1989\u201d.")
            if not slash or not section_text.strip():
                return editions[0], None
            section = TABLES["section"]
            sections = list(session.scalars(select(section.c.id).where(
                section.c.edition_id == editions[0],
                func.lower(section.c.name) == section_text.strip().lower())))
            if not sections:
                raise NotFound(f"{edition_text.strip()} has no section called "
                               f"\u201c{section_text.strip()}\u201d.")
            return editions[0], sections[0]

    def _list_named(self, text: str) -> int:
        collection = TABLES["collection"]
        with self.core.read() as session:
            if text.isdigit():
                return int(text)
            found = list(session.scalars(select(collection.c.id).where(
                func.lower(collection.c.title) == text.lower())))
            if len(found) != 1:
                raise NotFound(f"There is no list called \u201c{text}\u201d." if not found
                               else f"{len(found)} lists are called \u201c{text}\u201d; "
                               "give the list's id.")
            return found[0]


class BulkEdits(ChangeWords):
    """Changes to many films at once."""

    def plan(self, film_ids: Sequence[int], changes: Sequence[FilmsChange]) -> EditPlan:
        """What `apply` would change, line by line; nothing is written."""
        ids = sorted(set(film_ids))
        archive = self.core.archive
        with translate_errors(archive.database_path), archive.engine.connect() as conn:
            checked = [self._checked(conn, c) for c in changes]
            plan = EditPlan(len(ids), label=self._label(conn, ids, checked))
            changing: set[int] = set()
            for c in checked:
                line, films = self._plan_line(conn, ids, c)
                plan.lines.append(line)
                changing |= films
            plan.changing = len(changing)
        return plan

    def apply(self, film_ids: Sequence[int], changes: Sequence[FilmsChange]) -> Changes:
        """Make every change to every film, in one transaction; one undo step."""
        ids = sorted(set(film_ids))
        with write_transaction(self.core.archive, "Edit films") as writing:
            conn = writing.conn
            checked = [self._checked(conn, c) for c in changes]
            label = self._label(conn, ids, checked)
            rows: list[RowChange] = []
            for c in checked:
                rows += self._write_change(conn, ids, c)
            films = {r.value("film_id") if r.table != "film" else r.key[0] for r in rows}
            if any(r.table == "film_country" for r in rows):  # the index holds countries
                fts.reindex_countries(conn, {r.value("film_id") for r in rows
                                             if r.table == "film_country"})
            keyed = {r.value("film_id") for r in rows if r.table in ("film_country", "screening")}
            refresh_sort_keys(conn, keyed, keys_moved_by({r.table for r in rows}))
            writing.label, writing.rows = label, rows  # the history records the step
        return Changes(label, tuple(rows), frozenset(films))

    # -- checking ---------------------------------------------------------------------
    def _checked(self, conn: Connection, c: FilmsChange) -> FilmsChange:
        """The change with its value in the catalogue's spelling; ValidationError if bad."""
        if c.field not in FIELDS:
            raise ValidationError({c.field: f"\u201c{c.field}\u201d cannot be changed in bulk; "
                                   f"these can: {', '.join(FIELDS)}."})
        if c.action not in FIELDS[c.field]:
            can = " or ".join(FIELDS[c.field])
            raise ValidationError({c.field: f"{c.field} can be {can}, not {c.action}."})
        value = c.value
        if c.field in COLUMNS:
            value = clean_text(str(value or "")).strip()
            allowed = {"state": [s.value for s in PublicationState],
                       "kind": ["", *(k.value for k in FilmKind)],
                       "colour": ["", *(k.value for k in Colour)]}.get(c.field)
            if allowed is not None and value.lower() not in allowed:
                raise ValidationError({c.field: f"\u201c{value}\u201d is not a {c.field}: "
                                       f"{', '.join(v for v in allowed if v)}."})
            if allowed is not None:
                value = value.lower()
            if len(value) > 40:
                raise ValidationError({c.field: f"A {c.field} has at most 40 characters."})
        elif c.field in NAMES:
            value = clean_text(str(value or "")).strip()
            if not value:
                raise ValidationError({c.field: f"Which {c.field} to {c.action}?"})
            if c.field == "country":
                value = CountrySpellings(used_countries(conn)).spell(value)
        elif c.field == "appearance":
            edition_id, section_id = value
            edition = TABLES["edition"]
            if conn.execute(select(edition.c.id).where(edition.c.id == edition_id)).first() \
                    is None:
                raise NotFound(f"There is no edition with id {edition_id}.")
            if section_id is not None:
                section = TABLES["section"]
                found = conn.execute(select(section.c.edition_id).where(
                    section.c.id == section_id)).scalar()
                if found != edition_id:
                    raise NotFound(f"Edition {edition_id} has no section with id "
                                   f"{section_id}.")
        elif c.field == "field":
            field_id, text = value
            own = TABLES["film_field"]
            found = conn.execute(select(own.c.name, own.c.kind).where(
                own.c.id == field_id)).first()
            if found is None:
                raise NotFound(f"There is no field with id {field_id}.")
            try:
                value = (field_id, spelled(found.kind, clean_text(str(text or ""))))
            except ValueError as exc:
                raise ValidationError({"field": f"{found.name}: {exc}"}) from None
        elif c.field == "list":
            collection = TABLES["collection"]
            if conn.execute(select(collection.c.id).where(collection.c.id == value)).first() \
                    is None:
                raise NotFound(f"There is no list with id {value}.")
        return FilmsChange(c.action, c.field, value)

    # -- words ------------------------------------------------------------------------
    def _label(self, conn: Connection, ids: list[int], changes: list[FilmsChange]) -> str:
        films = _films(len(ids))
        if len(changes) != 1:
            return f"Edit {films}"
        c = changes[0]
        if c.field == "state":
            verb = {"published": "Publish", "withdrawn": "Withdraw"}.get(c.value)
            return f"{verb} {films}" if verb else f"Make {films} drafts"
        if c.field in COLUMNS:
            return f"Set {c.field} of {films} to {c.value or 'none'}"
        if c.field == "field":
            name = _own_field_name(conn, c.value[0])
            return (f"Set {name} of {films} to {c.value[1]}" if c.value[1]
                    else f"Clear {name} of {films}")
        what = self._value_words(conn, c)
        if c.field == "list":
            return (f"Add {films} to {what}" if c.action == "add"
                    else f"Take {films} off {what}")
        return (f"Add {what} to {films}" if c.action == "add"
                else f"Remove {what} from {films}")

    def _value_words(self, conn: Connection, c: FilmsChange) -> str:
        if c.field in NAMES:
            return f"{c.field} {c.value}"
        if c.field == "list":
            title = conn.execute(select(TABLES["collection"].c.title).where(
                TABLES["collection"].c.id == c.value)).scalar()
            return f"the list \u201c{title}\u201d"
        return f"appearance at {self._appearance_name(conn, *c.value)}"

    @staticmethod
    def _appearance_name(conn: Connection, edition_id: int, section_id: int | None) -> str:
        edition, festival = TABLES["edition"], TABLES["festival"]
        short, name, year = conn.execute(
            select(festival.c.short_name, festival.c.name, edition.c.year)
            .join(festival, festival.c.id == edition.c.festival_id)
            .where(edition.c.id == edition_id)).one()
        section = "" if section_id is None else conn.execute(
            select(TABLES["section"].c.name).where(TABLES["section"].c.id == section_id)
        ).scalar() or ""
        return appearance(edition_name(short, name, year), section)

    def _plan_line(self, conn: Connection, ids: list[int], c: FilmsChange
                   ) -> tuple[str, set[int]]:
        if c.field == "field":
            field_id, value = c.value
            held = _own_values(conn, ids, field_id)
            films = {i for i in ids if held.get(i, "") != value}
            befores = Counter(held.get(i, "") for i in films)
            shown = value or "none"
            # the most films first; films holding no value last among equals
            moves = ", ".join(f"{b or 'none'} \u2192 {shown} ({_films(n)})"
                              for b, n in sorted(befores.items(),
                                                 key=lambda bn: (-bn[1], not bn[0], bn[0])))
            same = len(ids) - len(films)
            line = f"{_own_field_name(conn, field_id)}: {moves or 'no film changes'}"
            if same:
                line += f"; {_films(same)} already {shown}"
            return line + ".", films
        if c.field in COLUMNS:
            column = TABLES["film"].c[c.field]
            befores: Counter[str] = Counter()
            films: set[int] = set()
            for chunk in _chunks(ids):
                for fid, before in conn.execute(select(TABLES["film"].c.id, column).where(
                        FILM_ID.in_(chunk), column != c.value)):
                    befores[before] += 1
                    films.add(fid)
            shown = _value_label(c.field, c.value)
            moves = ", ".join(f"{_value_label(c.field, b)} \u2192 {shown} ({_films(n)})"
                              for b, n in befores.most_common())
            same = len(ids) - len(films)
            line = f"{c.field.capitalize()}: {moves or 'no film changes'}"
            if same:
                line += f"; {_films(same)} already {shown}"
            return line + ".", films
        films = self._films_to_change(conn, ids, c)
        verb = "added to" if c.action == "add" else "removed from"
        what = self._value_words(conn, c)
        what = what[0].upper() + what[1:]
        if c.field == "list":
            verb = "gains" if c.action == "add" else "loses"
            return f"{what} {verb} {_films(len(films))}.", films
        unchanged = len(ids) - len(films)
        line = f"{what} {verb} {_films(len(films))}"
        if unchanged:
            one = unchanged == 1
            line += (f"; {_films(unchanged)} "
                     + (("already has it" if one else "already have it") if c.action == "add"
                        else ("does not have it" if one else "do not have it")))
        return line + ".", films

    # -- reading and writing ----------------------------------------------------------
    def _films_to_change(self, conn: Connection, ids: list[int], c: FilmsChange) -> set[int]:
        having = set()
        for chunk in _chunks(ids):
            having.update(conn.execute(self._having(c, chunk)).scalars())
        return set(ids) - having if c.action == "add" else having

    @staticmethod
    def _having(c: FilmsChange, chunk: list[int]) -> Any:
        """The films of `chunk` that already have what `c` names."""
        if c.field in NAMES:
            t = TABLES[NAMES[c.field]]
            return select(t.c.film_id).where(t.c.film_id.in_(chunk),
                                              func.lower(t.c.name) == c.value.lower())
        if c.field == "appearance":
            t = TABLES["screening"]
            edition_id, section_id = c.value
            stmt = select(t.c.film_id).where(t.c.film_id.in_(chunk),
                                             t.c.edition_id == edition_id)
            return stmt if section_id is None and c.action == "remove" else stmt.where(
                t.c.section_id.is_(None) if section_id is None else t.c.section_id == section_id)
        t = TABLES["collection_item"]
        return select(t.c.film_id).where(t.c.film_id.in_(chunk), t.c.collection_id == c.value)

    def _write_change(self, conn: Connection, ids: list[int], c: FilmsChange) -> list[RowChange]:
        if c.field in COLUMNS:
            return _set_column(conn, ids, c.field, c.value)
        if c.field == "field":
            return _set_own_field(conn, ids, *c.value)
        if c.action == "remove":
            return self._remove_rows(conn, ids, c)
        return self._add_rows(conn, ids, c)

    def _remove_rows(self, conn: Connection, ids: list[int], c: FilmsChange) -> list[RowChange]:
        table = TABLES[NAMES.get(c.field) or {"appearance": "screening",
                                                "list": "collection_item"}[c.field]]
        rows: list[RowChange] = []
        for chunk in _chunks(ids):
            where = self._having(c, chunk).whereclause  # the same rows, read whole
            found = [dict(r) for r in conn.execute(select(table).where(where)).mappings()]
            if found:
                conn.execute(delete(table).where(table.c.id.in_([r["id"] for r in found])))
                rows += [RowChange(table.name, (r["id"],), r, None) for r in found]
        return rows

    def _add_rows(self, conn: Connection, ids: list[int], c: FilmsChange) -> list[RowChange]:
        new = NewRows(conn)
        changing = self._films_to_change(conn, ids, c)
        films = [i for i in ids if i in changing]
        if c.field in NAMES:
            t = TABLES[NAMES[c.field]]
            last = _last_positions(conn, t, t.c.film_id, films)
            for fid in films:
                new.add(t.name, film_id=fid, position=last.get(fid, -1) + 1, name=c.value)
            return new.flush()
        if c.field == "list":
            t = TABLES["collection_item"]
            end = conn.execute(select(func.coalesce(func.max(t.c.position), -1)).where(
                t.c.collection_id == c.value)).scalar_one()
            for n, fid in enumerate(films, start=end + 1):
                new.add(t.name, collection_id=c.value, film_id=fid, position=n, note="")
            return new.flush()
        edition_id, section_id = c.value
        t = TABLES["screening"]
        rows: list[RowChange] = []
        if section_id is not None:  # a film shown at the edition, in no section, gains it
            rows += _set_section(conn, films, edition_id, section_id)
            films = [f for f in films if f not in {r.value("film_id") for r in rows}]
        for fid in films:
            new.add(t.name, film_id=fid, edition_id=edition_id, section_id=section_id,
                    premiere="")
        return rows + new.flush()


def _value_label(field: str, value: str) -> str:
    if field == "state":
        return PublicationState.label_of(value)
    return value or "none"


def _own_field_name(conn: Connection, field_id: int) -> str:
    own = TABLES["film_field"]
    return conn.execute(select(own.c.name).where(own.c.id == field_id)).scalar_one()


def _own_values(conn: Connection, ids: list[int], field_id: int) -> dict[int, str]:
    """What each of the films holds in an archive field (a film holding none is absent)."""
    t = TABLES["film_field_value"]
    held: dict[int, str] = {}
    for chunk in _chunks(ids):
        held.update(conn.execute(select(t.c.film_id, t.c.value).where(
            t.c.film_id.in_(chunk), t.c.field_id == field_id)).all())
    return held


def _set_own_field(conn: Connection, ids: list[int], field_id: int, value: str
                   ) -> list[RowChange]:
    """Give the films `value` in an archive field (none: take their values away); the rows
    before and after, as the undo needs them."""
    t = TABLES["film_field_value"]
    now = utcnow()
    rows: list[RowChange] = []
    new = NewRows(conn)
    for chunk in _chunks(ids):
        befores = {r["film_id"]: dict(r) for r in conn.execute(select(t).where(
            t.c.film_id.in_(chunk), t.c.field_id == field_id)).mappings()}
        differing = [b for b in befores.values() if b["value"] != value]
        if differing and value:
            conn.execute(update(t).where(t.c.id.in_([b["id"] for b in differing]))
                         .values(value=value, version=t.c.version + 1, updated_at=now))
            rows += [RowChange(t.name, (b["id"],), b,
                               {**b, "value": value, "version": b["version"] + 1,
                                "updated_at": now}) for b in differing]
        elif differing:
            conn.execute(delete(t).where(t.c.id.in_([b["id"] for b in differing])))
            rows += [RowChange(t.name, (b["id"],), b, None) for b in differing]
        if value:
            for fid in chunk:
                if fid not in befores:
                    new.add(t.name, film_id=fid, field_id=field_id, value=value)
    return rows + new.flush()


def _last_positions(conn: Connection, table: Any, key: Any, ids: list[int]) -> dict[int, int]:
    last: dict[int, int] = {}
    for chunk in _chunks(ids):
        last.update(conn.execute(select(key, func.max(table.c.position))
                                 .where(key.in_(chunk)).group_by(key)).all())
    return last


def _set_column(conn: Connection, ids: list[int], column: str, value: str) -> list[RowChange]:
    """Set one column of the films that differ, bumping their versions; the rows before
    and after, as the undo needs them."""
    film = TABLES["film"]
    now = utcnow()
    rows: list[RowChange] = []
    for chunk in _chunks(ids):
        befores = [dict(r) for r in conn.execute(select(film).where(
            film.c.id.in_(chunk), film.c[column] != value)).mappings()]
        if not befores:
            continue
        conn.execute(update(film).where(film.c.id.in_([b["id"] for b in befores]))
                     .values({column: value, "version": film.c.version + 1, "updated_at": now}))
        rows += [RowChange("film", (b["id"],), b,
                           {**b, column: value, "version": b["version"] + 1, "updated_at": now})
                 for b in befores]
    return rows


def _set_section(conn: Connection, films: list[int], edition_id: int, section_id: int
                 ) -> list[RowChange]:
    t = TABLES["screening"]
    now = utcnow()
    rows: list[RowChange] = []
    for chunk in _chunks(films):
        befores = [dict(r) for r in conn.execute(select(t).where(
            t.c.film_id.in_(chunk), t.c.edition_id == edition_id,
            t.c.section_id.is_(None))).mappings()]
        if befores:
            conn.execute(update(t).where(t.c.id.in_([b["id"] for b in befores])).values(
                section_id=section_id, version=t.c.version + 1, updated_at=now))
            rows += [RowChange("screening", (b["id"],), b, {
                **b, "section_id": section_id, "version": b["version"] + 1, "updated_at": now})
                for b in befores]
    return rows
