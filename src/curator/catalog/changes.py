"""What an operation changed, row by row and in the catalogue's words.

Every catalog operation returns a Changes: the rows it inserted, updated and
deleted with their values before and after. The undo stack inverts it with
`Catalog.undo`, which returns the Changes of the undo itself, so redo is the
undo of an undo. Panes read only `Changes.touched`: which films, people, lists
and stills it touched, whether the festival structure or the settings changed.
Those meanings are derived here from the rows, by one table -> meaning map, so
every producer (operations, undo and redo, imports) says them the same way.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, NamedTuple

from curator.model import Base
from curator.model.entities import CollectionId, FilmId, PersonId, StillId

Row = Mapping[str, Any]
# Columns that record when and how often a row changed, not what it says.
BOOKKEEPING = frozenset({"version", "created_at", "updated_at"})
# The tables whose rows keep their creation and change times (not a film's countries,
# languages and genres: the film's own time and the history say when those changed).
STAMPED = frozenset(t.name for t in Base.metadata.sorted_tables if "updated_at" in t.c)


class ChangeKind(enum.StrEnum):
    """What happened to a row."""

    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


class RowChange(NamedTuple):
    """One row's values before and after (a tuple: imports make hundreds of thousands)."""

    table: str
    key: tuple[Any, ...]
    before: Row | None  # None: the row was inserted
    after: Row | None  # None: the row was deleted

    @property
    def kind(self) -> ChangeKind:
        if self.before is None:
            return ChangeKind.INSERT
        if self.after is None:
            return ChangeKind.DELETE
        return ChangeKind.UPDATE

    def value(self, column: str) -> Any:
        row = self.after if self.after is not None else self.before
        return row.get(column) if row else None

    def substance_equal(self) -> bool:
        """True when only bookkeeping columns differ (the change says nothing)."""
        if self.before is None or self.after is None:
            return False
        keys = (set(self.before) | set(self.after)) - BOOKKEEPING
        return all(self.before.get(k) == self.after.get(k) for k in keys)


class InsertedRows(Sequence[RowChange]):
    """An operation's rows where most are new rows kept as the tuples they were inserted
    from (an import writes hundreds of thousands): the same RowChanges as a tuple of them,
    built only when something reads them (an undo, the desk's panes), so a command that
    imports and ends builds none.

    `changed` are the other rows, as RowChanges; each of `tables` is a table's name, its
    columns (the id first) and its new rows' values, all created at `now` at version 1
    (a film's countries, languages and genres keep no times: only the version)."""

    def __init__(self, changed: Iterable[RowChange],
                 tables: Sequence[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]],
                 now: datetime) -> None:
        self.changed = tuple(changed)
        self.tables = tables
        self.now = now

    def new_rows(self, table: str, columns: tuple[str, ...],
                 values: Iterable[tuple[Any, ...]]) -> Iterator[RowChange]:
        """One table's new rows as RowChanges, as the rows inserted them."""
        if table not in STAMPED:
            for row in values:
                yield RowChange(table, (row[0],), None, dict(zip(columns, row, strict=True)))
            return
        now = self.now
        for row in values:
            after = dict(zip(columns, row, strict=True))
            after["created_at"] = after["updated_at"] = now
            yield RowChange(table, (row[0],), None, after)

    @cached_property
    def _rows(self) -> tuple[RowChange, ...]:
        return (*self.changed, *(r for name, columns, values in self.tables
                                 for r in self.new_rows(name, columns, values)))

    def __len__(self) -> int:
        return len(self.changed) + sum(len(values) for _, _, values in self.tables)

    def __getitem__(self, index: Any) -> Any:
        return self._rows[index]

    def __iter__(self) -> Iterator[RowChange]:
        return iter(self._rows)

    def __add__(self, other: Iterable[RowChange]) -> tuple[RowChange, ...]:
        return (*self._rows, *other)

    def __radd__(self, other: Iterable[RowChange]) -> tuple[RowChange, ...]:
        return (*other, *self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        return f"InsertedRows({len(self):,} rows)"


class Meaning(enum.Enum):
    """What a changed row means to the rest of Curator."""

    FILMS = "films"
    PEOPLE = "people"
    FESTIVAL_STRUCTURE = "festival structure"  # festivals, editions, sections, screenings, awards
    LISTS = "lists"
    STILLS = "stills"
    VOCABULARY = "vocabulary"  # the countries, languages and genres in use
    SETTINGS = "settings"
    SAVED_SEARCHES = "saved searches"


KEY = None  # the row's own id, rather than one of its columns
# For each table of the model: what a change of one of its rows means, and which of the
# row's columns (KEY: its own id) names the record meant. tests/catalog/test_changes.py
# fails on a table of the model missing here, so no table can fall out of a refresh.
TABLE_MEANINGS: dict[str, tuple[tuple[Meaning, str | None], ...]] = {
    "film": ((Meaning.FILMS, KEY),),
    "film_country": ((Meaning.FILMS, "film_id"), (Meaning.VOCABULARY, KEY)),
    "film_language": ((Meaning.FILMS, "film_id"), (Meaning.VOCABULARY, KEY)),
    "film_genre": ((Meaning.FILMS, "film_id"), (Meaning.VOCABULARY, KEY)),
    "alt_title": ((Meaning.FILMS, "film_id"),),
    "quote": ((Meaning.FILMS, "film_id"),),
    "related_film": ((Meaning.FILMS, "film_id"), (Meaning.FILMS, "related_id")),
    "film_address": ((Meaning.FILMS, "film_id"),),
    "film_alias": ((Meaning.FILMS, "film_id"), (Meaning.FILMS, KEY)),
    # a pair said not to be one: nothing any pane shows but the duplicates finder
    "not_duplicate": (),
    "person": ((Meaning.PEOPLE, KEY),),
    "name_variant": ((Meaning.PEOPLE, "person_id"),),
    "credit": ((Meaning.FILMS, "film_id"), (Meaning.PEOPLE, "person_id")),
    "external_id": ((Meaning.FILMS, "film_id"), (Meaning.PEOPLE, "person_id")),
    "festival": ((Meaning.FESTIVAL_STRUCTURE, KEY),),
    "edition": ((Meaning.FESTIVAL_STRUCTURE, KEY), (Meaning.FILMS, "opening_film_id")),
    "section": ((Meaning.FESTIVAL_STRUCTURE, KEY),),
    "screening": ((Meaning.FESTIVAL_STRUCTURE, KEY), (Meaning.FILMS, "film_id")),
    # a showing is part of its screening, whose rows an edit of it writes again
    "showing": ((Meaning.FESTIVAL_STRUCTURE, KEY),),
    "award": ((Meaning.FESTIVAL_STRUCTURE, KEY), (Meaning.FILMS, "film_id"),
              (Meaning.PEOPLE, "person_id")),
    "still": ((Meaning.STILLS, KEY), (Meaning.FILMS, "film_id"),
              (Meaning.PEOPLE, "person_id")),
    "collection": ((Meaning.LISTS, KEY),),
    "collection_item": ((Meaning.LISTS, "collection_id"), (Meaning.FILMS, "film_id")),
    "setting": ((Meaning.SETTINGS, KEY),),
    "saved_search": ((Meaning.SAVED_SEARCHES, KEY),),
    # the archive's own fields: their definitions change the film form's rows (the form
    # asks for film_field itself); their values are part of a film
    "film_field": (),
    "film_field_value": ((Meaning.FILMS, "film_id"),),
    # a source hangs on an edition or a festival; a citation is part of its record
    "source": ((Meaning.FESTIVAL_STRUCTURE, KEY),),
    "source_page": ((Meaning.FESTIVAL_STRUCTURE, "source_id"),),
    "citation": ((Meaning.FILMS, "film_id"), (Meaning.PEOPLE, "person_id")),
}
# A film's columns that the "Needs attention" views and the sidebar's counts read.
COUNTED_FILM_COLUMNS = ("state", "synopsis")


@dataclass(frozen=True)
class Touched:
    """What an operation touched, in the catalogue's words (cf. Anki's OpChanges)."""

    films: frozenset[FilmId] = frozenset()  # films whose record or page changed
    films_added: frozenset[FilmId] = frozenset()
    films_removed: frozenset[FilmId] = frozenset()
    people: frozenset[PersonId] = frozenset()
    lists: frozenset[CollectionId] = frozenset()
    stills: frozenset[StillId] = frozenset()
    festival_structure: bool = False
    vocabulary: bool = False
    settings: bool = False
    saved_searches: bool = False  # one was saved, renamed or removed
    counts: bool = False  # a film's state, synopsis, credits or stills: what the desk counts

    def __bool__(self) -> bool:
        return any((self.films, self.people, self.lists, self.stills, self.festival_structure,
                    self.vocabulary, self.settings, self.saved_searches, self.counts))


def touched_by(rows: Iterable[RowChange], film_ids: Iterable[int] = ()) -> Touched:
    """The meanings of `rows` (the one place they are worked out).

    `film_ids` adds the films an operation found affected beyond its rows (a person's
    new name changes the pages of their films). A table missing from TABLE_MEANINGS
    reads as a change of the festival structure, the vocabulary, the settings and the
    counts, so the desk reads its lists again rather than missing the change.
    """
    ids: dict[Meaning, set[Any]] = {m: set() for m in Meaning}
    by_table: dict[str, list[RowChange]] = {}
    inserted: dict[str, list[Any]] = {}  # an import's new rows, read from their tuples
    if isinstance(rows, InsertedRows):
        for table, columns, values in rows.tables:
            by_table.setdefault(table, [])
            for meaning, column in TABLE_MEANINGS.get(table, ()):
                at = 0 if column is KEY else columns.index(column) if column in columns \
                    else None
                if at is not None:
                    ids[meaning].update(v for row in values if (v := row[at]) is not None)
            if table == "film":
                inserted[table] = [row[0] for row in values]
        rows = rows.changed
    for r in rows:  # table by table: an import's hundreds of thousands of rows read quickly
        by_table.setdefault(r.table, []).append(r)
    for table, changed in by_table.items():
        for meaning, column in TABLE_MEANINGS.get(table, ()):
            if column is KEY:
                ids[meaning].update(r.key[0] for r in changed)
                continue
            ids[meaning].update(row[column] for r in changed for row in (r.before, r.after)
                                if row and row.get(column) is not None)
    if any(table not in TABLE_MEANINGS for table in by_table):
        return _everything(ids, film_ids)
    films = by_table.get("film", ())
    added = {r.key[0] for r in films if r.before is None} | set(inserted.get("film", ()))
    removed = {r.key[0] for r in films if r.after is None}
    counts = "still" in by_table or "credit" in by_table or any(
        r.before is not None and r.after is not None
        and any(r.before.get(c) != r.after.get(c) for c in COUNTED_FILM_COLUMNS)
        for r in films)
    counts = counts or bool(added or removed)
    return Touched(
        films=frozenset(ids[Meaning.FILMS] | set(film_ids)),
        films_added=frozenset(added), films_removed=frozenset(removed),
        people=frozenset(ids[Meaning.PEOPLE]), lists=frozenset(ids[Meaning.LISTS]),
        stills=frozenset(ids[Meaning.STILLS]),
        festival_structure=bool(ids[Meaning.FESTIVAL_STRUCTURE]),
        vocabulary=bool(ids[Meaning.VOCABULARY]), settings=bool(ids[Meaning.SETTINGS]),
        saved_searches=bool(ids[Meaning.SAVED_SEARCHES]), counts=counts,
    )


def _everything(ids: dict[Meaning, set[Any]], film_ids: Iterable[int]) -> Touched:
    return Touched(films=frozenset(ids[Meaning.FILMS] | set(film_ids)),
                   people=frozenset(ids[Meaning.PEOPLE]), lists=frozenset(ids[Meaning.LISTS]),
                   stills=frozenset(ids[Meaning.STILLS]), festival_structure=True,
                   vocabulary=True, settings=True, saved_searches=True, counts=True)


@dataclass(frozen=True)
class Changes:
    """The outcome of one operation: the label a user reads, and the rows it changed."""

    label: str
    # a tuple, or an import's InsertedRows: a sequence of RowChanges either way
    rows: Sequence[RowChange] = ()
    film_ids: frozenset[int] = field(default=frozenset())  # films whose pages changed
    created_id: int | None = None  # the id of the record the operation created, if any

    def __bool__(self) -> bool:
        return bool(self.rows)

    def followed_by(self, later: Changes) -> Changes:
        """This operation and a `later` one as one step, under this one's label: an undo
        takes back both. A row both changed is one change, from its first state to its
        last."""
        if not self:
            return later
        return Changes(self.label, merge_rows((*self.rows, *later.rows)),
                       self.film_ids | later.film_ids, self.created_id)

    @cached_property
    def touched(self) -> Touched:
        """What the operation touched, in the catalogue's words: all a pane needs to know."""
        return touched_by(self.rows, self.film_ids)

    def ids(self, table: str) -> set[Any]:
        return {r.key[0] for r in self.rows if r.table == table}

    def inserted(self, table: str) -> set[Any]:
        return {r.key[0] for r in self.rows if r.table == table and r.kind is ChangeKind.INSERT}

    def deleted(self, table: str) -> set[Any]:
        return {r.key[0] for r in self.rows if r.table == table and r.kind is ChangeKind.DELETE}

    def touches(self, *tables: str) -> bool:
        return any(r.table in tables for r in self.rows)


def merge_rows(rows: Iterable[RowChange]) -> tuple[RowChange, ...]:
    """Fold several changes of the same row into one (first before, last after)."""
    merged: dict[tuple[str, tuple[Any, ...]], RowChange] = {}
    for row in rows:
        k = (row.table, row.key)
        if k in merged:
            first = merged[k]
            merged[k] = RowChange(row.table, row.key, first.before, row.after)
        else:
            merged[k] = row
    return tuple(
        r
        for r in merged.values()
        if not (r.before is None and r.after is None) and not (r.before == r.after)
    )
