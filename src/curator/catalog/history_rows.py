"""The change history's rows: written with every write, and read a row or a record at a time.

`record_rows` turns an operation's RowChanges into history rows inside the operation's own
transaction (catalog/unit.py's `write_transaction` calls it for every write, so nothing is
written unrecorded). `ago` is the one wording of "2 minutes ago", for the form and the
messages; catalog/history.py reads whole histories for the desk.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select

from curator.catalog.changes import BOOKKEEPING, InsertedRows, RowChange
from curator.model import Base
from curator.model.entities import utcnow
from curator.model.history import CHANGE_HISTORY, RECORD_COLUMNS
from curator.store import history_sqlite
from curator.store.rows import insert_tuples

H = CHANGE_HISTORY
# Columns of a row the history leaves out: its bookkeeping, its id (the row's key), and
# what is derived from other rows (a film's sort keys, which an undo writes back).
_LEFT_OUT = BOOKKEEPING | {"id", "sort_countries", "sort_directors", "appearance_count",
                           "still_count"}
# An inserted or deleted row's columns the history holds in columns of its own, too.
_LEFT_OUT_OF_ROWS = _LEFT_OUT | set(RECORD_COLUMNS)
# The parts whose name is all they say: in a new record's entry, a list of names.
_NAMED_PARTS = frozenset({"film_country", "film_language", "film_genre"})
# The column of the history naming each kind of record a form shows.
RECORD_COLUMN = {"film": "film_id", "person": "person_id", "festival": "festival_id",
                 "list": "collection_id"}
# The history column a table's own id goes to (its other rows name their record by column).
_OWN_RECORD = {"film": "film_id", "person": "person_id", "festival": "festival_id",
               "collection": "collection_id"}
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                           default=lambda v: v.isoformat() if isinstance(v, date) else str(v)
                           ).encode


@dataclass(frozen=True)
class LastChange:
    """Who changed a record last, and when (UTC)."""

    who: str
    at: datetime

    def describe(self, now: datetime | None = None) -> str:
        """`changed by anna, 2 minutes ago`."""
        return f"changed by {self.who}, {ago(self.at, now)}"


@dataclass(frozen=True)
class FieldChange:
    """One row's change in a step of a record's history."""

    table: str
    key: str
    action: str  # insert, update, delete
    fields: dict[str, tuple[Any, Any]]  # field -> (old, new)


@dataclass(frozen=True)
class HistoryStep:
    """One operation as a record's history shows it: when, who, what, and its row changes."""

    at: datetime
    who: str
    label: str
    changes: tuple[FieldChange, ...]


def ago(at: datetime, now: datetime | None = None) -> str:
    """How long ago `at` (UTC) was, as a person says it: `2 minutes ago`, `yesterday`."""
    seconds = max(0, int(((now or utcnow()) - at).total_seconds()))
    if seconds < 45:
        return "just now"
    minutes = round(seconds / 60)
    if minutes < 60:
        return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
    hours = round(seconds / 3600)
    if hours < 24:
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    days = round(seconds / 86400)
    if days == 1:
        return "yesterday"
    if days < 31:
        return f"{days} days ago"
    return f"on {at.day} {at:%B %Y}"


# -- writing ---------------------------------------------------------------------------------
def _without_rows_put_back(rows: Iterable[RowChange]) -> list[RowChange]:
    """A part list replaced whole (a film's countries) deletes its rows and inserts them
    again; where the engine gives the new rows new ids (PostgreSQL), a row put back as it was
    would read as removed and added. It is no change, on either engine."""
    rows = list(rows)
    deleted = Counter(_part_content(r.table, r.before) for r in rows
                      if r.after is None and r.before is not None
                      and _OWN_RECORD.get(r.table) is None)
    if not deleted:
        return rows
    inserted = Counter(_part_content(r.table, r.after) for r in rows
                       if r.before is None and r.after is not None
                       and _OWN_RECORD.get(r.table) is None)
    drop_deleted, drop_inserted = deleted & inserted, deleted & inserted
    if not drop_deleted:
        return rows
    kept = []
    for r in rows:
        if _OWN_RECORD.get(r.table) is None and (r.before is None) != (r.after is None):
            drop = drop_inserted if r.before is None else drop_deleted
            content = _part_content(r.table, r.after if r.before is None else r.before)
            if drop[content] > 0:
                drop[content] -= 1
                continue
        kept.append(r)
    return kept


def _part_content(table: str, row: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    return table, tuple(sorted((k, repr(v)) for k, v in row.items()
                               if k != "id" and k not in BOOKKEEPING))


def record_rows(conn: Connection, label: str, rows: Iterable[RowChange], who: str,
                desk: str) -> None:
    """Write the history of `rows` in the transaction of `conn` (one executemany).

    An update keeps `{field: [old, new]}` of the fields that changed; an insert or a delete
    keeps `{field: value}` of the row's values, less those its record columns hold already.
    A part inserted with its record in the same step (a new film's genres) goes into the
    record's entry, under its table's name: an import writes one entry per film, not five.
    """
    at = utcnow()
    # a new film's parts name it, so none of them is a part put back as it was: the engine
    # takes its films first, and the rows left are looked through for those
    rows = _new_films_entered_by_engine(conn, rows, at, label, who, desk)
    rows = _without_rows_put_back(rows)
    entries = []
    names: dict[str, str] = {}  # plain str: the driver binds a str subclass slowly
    created: dict[tuple[str, Any], dict[str, Any]] = {}  # (record column, id) -> its fields
    parts: list[tuple[str, dict[str, Any]]] = []
    add_part = parts.append
    for r in rows:
        before, after = r.before, r.after
        if before is None:
            if after is None:
                continue
            own = _OWN_RECORD.get(r.table)
            if own is None:  # folded into its record's entry below, if new too
                add_part((names.get(r.table) or names.setdefault(r.table, str(r.table)),
                          after))
                continue
            action, row = "insert", after
        elif after is None:
            action, row = "delete", before
            own = _OWN_RECORD.get(r.table)
        else:
            action, row = "update", after
            own = _OWN_RECORD.get(r.table)
        table = names.get(r.table) or names.setdefault(r.table, str(r.table))
        key = r.key
        if action == "update":
            fields = {k: (before.get(k), v) for k, v in after.items()
                      if k not in _LEFT_OUT and before.get(k) != v}
            if not fields:
                continue  # a version counted up for the record's parts: they say what changed
        else:
            fields = {k: v for k, v in row.items() if k not in _LEFT_OUT_OF_ROWS
                      and v is not None and v != ""}
            if action == "insert":
                created[(own, key[0])] = fields
        entries.append(_entry(action, table, key, fields, row, own))
    by_film = {k[1]: fields for k, fields in created.items() if k[0] == "film_id"}
    for table, row in parts:
        if table in _NAMED_PARTS:  # a country, language or genre: its name says it all
            fields = row["name"]
        else:
            fields = {k: v for k, v in row.items() if k not in _LEFT_OUT_OF_ROWS
                      and v is not None and v != ""}
        record = by_film.get(row.get("film_id"))
        if record is None:
            record = next((created[(c, row[c])] for c in RECORD_COLUMNS
                           if (c, row.get(c)) in created), None)
        if record is not None:
            if table in record:
                record[table].append(fields)
            else:
                record[table] = [fields]
        else:
            entries.append(_entry("insert", table, (row.get("id"),) if "id" in row else
                                  tuple(row.values())[:1],
                                  {"name": fields} if table in _NAMED_PARTS else fields,
                                  row, None))
    for entry in entries:
        entry[3] = _encode(entry[3])  # its fields, complete now with its record's parts
    if entries:
        insert_tuples(conn, H, at, [*_ENTRY_COLUMNS, "label", "who", "desk"],
                      [(*entry, label, who, desk) for entry in entries], stamps=("at",))


# From this many new films in one step (an import), the engine may compose their entries.
ENGINE_ENTRIES_FROM = 1_000
# Parts whose values the engine writes to JSON as Python would: texts and integers only.
_PLAIN_TYPES = frozenset({"Integer", "String", "Text", "Enum"})


def _new_films_entered_by_engine(conn: Connection, rows: Iterable[RowChange], at: datetime,
                                 label: str, who: str, desk: str) -> list[RowChange]:
    """Where the engine composes new films' entries itself (store/history_sqlite.py), let it
    write those of a step's many new films, parts and all; the rows left are returned.

    The same entries as the loop of `record_rows` writes: the film's values less those left
    out, and its parts' under their tables' names, in the order they were added."""
    if not history_sqlite.writes_film_entries(conn):
        return list(rows)
    if isinstance(rows, InsertedRows):
        left = _new_films_of_inserted_rows(conn, rows, at, label, who, desk)
        if left is not None:
            return left
    rows = list(rows)
    # rows unpacked as the tuples they are: 400,000 of them in an import of 100,000 films
    ids = [key[0] for table, key, before, after in rows
           if table == "film" and before is None and after is not None]
    if len(ids) < ENGINE_ENTRIES_FROM:
        return rows
    first, last = min(ids), max(ids)
    if last - first + 1 != len(ids):
        return rows  # not one run of new ids: the parts cannot be told by their film's id
    rest, part_tables = [], {}
    keep = rest.append
    for r in rows:
        table, _, before, after = r
        if before is None and after is not None:
            if table == "film":
                continue
            film_id = after.get("film_id")
            if film_id is not None and first <= film_id <= last:
                part_tables[table] = None
                continue
        keep(r)
    if not _engine_entries(conn, first, last, at, label, who, desk, list(part_tables)):
        return rows
    return rest


def _new_films_of_inserted_rows(conn: Connection, rows: InsertedRows, at: datetime,
                                label: str, who: str, desk: str) -> list[RowChange] | None:
    """`_new_films_entered_by_engine` for rows kept as tuples: the new films and their
    parts are told by their tables' columns, and only the rows left are read as RowChanges.
    None where the engine cannot take them (the caller reads every row then)."""
    films = [values for name, _, values in rows.tables if name == "film"]
    if len(films) != 1 or len(films[0]) < ENGINE_ENTRIES_FROM or any(
            r.table == "film" and r.before is None for r in rows.changed):
        return None
    first, last = films[0][0][0], films[0][-1][0]
    if last - first + 1 != len(films[0]):
        return None  # not one run of new ids: the parts cannot be told by their film's id
    rest = list(rows.changed)
    part_tables: list[str] = []
    others: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = []
    for name, columns, values in rows.tables:
        if name == "film":
            continue
        if "film_id" not in columns:
            others.append((name, columns, values))
            continue
        at_film = columns.index("film_id")
        outside = [v for v in values if v[at_film] is None or not first <= v[at_film] <= last]
        if len(outside) < len(values):
            part_tables.append(name)
        if outside:
            others.append((name, columns, outside))
    if not _engine_entries(conn, first, last, at, label, who, desk, part_tables):
        return None
    for name, columns, values in others:
        rest.extend(rows.new_rows(name, columns, values))
    return rest


def _engine_entries(conn: Connection, first: int, last: int, at: datetime, label: str,
                    who: str, desk: str, part_tables: list[str]) -> bool:
    """Have the engine write the entries of the new films with ids in [first, last], with
    their parts in `part_tables`; False (nothing written) where a column's values would
    read differently from the engine's JSON."""
    kept: dict[str, list[str]] = {}
    for name in ["film", *part_tables]:
        table = Base.metadata.tables[name]
        kept[name] = [c.name for c in table.c if c.name not in _LEFT_OUT_OF_ROWS]
        if any(type(table.c[c].type).__name__ not in _PLAIN_TYPES for c in kept[name]):
            return False  # a flag or a number with a point: JSON would spell it differently
    history_sqlite.add_film_entries(
        conn, first, last, at, label, who, desk, kept["film"],
        [(Base.metadata.tables[name], None if name in _NAMED_PARTS else kept[name])
         for name in part_tables])
    return True


_ENTRY_COLUMNS = ("action", "table_name", "row_key", "fields", *RECORD_COLUMNS)
_RECORD_PLACE = {column: 4 + n for n, column in enumerate(RECORD_COLUMNS)}


def _entry(action: str, table: str, key: tuple[Any, ...], fields: dict[str, Any],
           row: dict[str, Any], own: str | None) -> list[Any]:
    """A history row's values in _ENTRY_COLUMNS' order (its fields encoded at the end)."""
    entry = [action, table, str(key[0]) if len(key) == 1 else _encode(list(key)), fields,
             row.get("film_id"), row.get("person_id"), row.get("festival_id"),
             row.get("collection_id")]
    if own is not None:
        entry[_RECORD_PLACE[own]] = key[0]
    return entry


# -- reading ---------------------------------------------------------------------------------
def last_change_of_row(conn: Connection, table: str, key: tuple[Any, ...],
                       row: dict[str, Any] | None) -> LastChange | None:
    """The newest history entry of one row (found through the record it belongs to)."""
    column = _OWN_RECORD.get(table)
    value = key[0] if column is not None else None
    if column is None and row:
        column, value = next(((c, row[c]) for c in RECORD_COLUMNS if row.get(c) is not None),
                             (None, None))
    if column is None:
        return None
    row_key = str(key[0]) if len(key) == 1 else _encode(list(key))
    found = conn.execute(
        select(H.c.who, H.c.at).where(H.c[column] == value, H.c.table_name == table,
                                      H.c.row_key == row_key)
        .order_by(H.c.id.desc()).limit(1)).first()
    return LastChange(found.who, found.at) if found else None


def last_change_of_record(conn: Connection, kind: str, record_id: int) -> LastChange | None:
    column = H.c[RECORD_COLUMN[kind]]
    found = conn.execute(select(H.c.who, H.c.at).where(column == record_id)
                         .order_by(H.c.id.desc()).limit(1)).first()
    return LastChange(found.who, found.at) if found else None


def decode_fields(action: str, fields: str) -> dict[str, tuple[Any, Any]]:
    """A history row's fields as {field: (old, new)}, whatever its action."""
    values = json.loads(fields)
    if action == "insert":
        return {k: (None, v) for k, v in values.items()}
    if action == "delete":
        return {k: (v, None) for k, v in values.items()}
    return {k: (v[0], v[1]) for k, v in values.items()}
