"""New rows for an import: ids assigned up front, written with the driver's executemany.

An import writes hundreds of thousands of rows; building them as plain dicts and
handing them to SQLite in one executemany per table costs little more than the
raw inserts, and the same dicts become the Changes that undo the import.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from curator.catalog.changes import STAMPED, InsertedRows, RowChange
from curator.catalog.unit import TABLES
from curator.model import Base
from curator.model.entities import utcnow
from curator.store.rows import (
    first_free_id,
    indexes_built_after,
    insert_tuples,
    reset_sequences,
)

# A big import into a smaller catalogue builds the film table's indexes (titles, sort
# keys: inserted in random order) after its rows; the parts' indexes, on the film's id,
# grow in order and are cheap to keep.
REBUILT_INDEXES = frozenset({"film"})
REBUILD_FROM = 10_000  # new rows, and more than the table holds already


_STAMPS = ("created_at", "updated_at")  # one moment for every row: written into the statement
# A film's country, language or genre row, as add_values keeps it.
_VALUE_COLUMNS = ("id", "version", "film_id", "position", "name")


class NewRows:
    """Rows to insert, ids assigned up front, written with the driver's executemany.

    Each table's rows are kept as tuples of its columns (the id first; the stamps, one
    moment for all, apart): what the driver takes, and what the Changes keep."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.by_table: dict[str, list[tuple[Any, ...]]] = {}
        self.columns: dict[str, tuple[str, ...]] = {}
        self._values_of: dict[str, itemgetter] = {}
        self._tuple_columns: dict[str, tuple[str, ...]] = {}  # add_tuple's, checked
        self.next_id: dict[str, int] = {}
        self.now = utcnow()

    def new_id(self, table: str) -> int:
        if table not in self.next_id:
            self.next_id[table] = first_free_id(self.conn, TABLES[table])
        value = self.next_id[table]
        self.next_id[table] += 1
        return value

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        stamps = _STAMPS if table in STAMPED else ()
        row = {"id": self.new_id(table), "version": 1, **dict.fromkeys(stamps, self.now),
               **values}
        getter = self._values_of.get(table)
        if getter is None:
            columns = self.columns.setdefault(
                table, tuple(c for c in row if c not in _STAMPS))
            getter = self._values_of[table] = itemgetter(*columns)
        if len(row) != len(self.columns[table]) + len(stamps):
            raise ValueError(f"a row of {table} with other columns than the rows before it")
        self.by_table.setdefault(table, []).append(getter(row))
        return row

    def add_tuple(self, table: str, columns: tuple[str, ...], values: tuple[Any, ...]) -> int:
        """A row given as the values of `columns` (the same columns, in the same order, for
        every row of the table); returns its new id. A film per row of a sheet: no dict."""
        if self._tuple_columns.get(table) is not columns:  # checked once per table
            if self.columns.setdefault(table, ("id", "version", *columns))[2:] != columns:
                return self.add(table, **dict(zip(columns, values, strict=True)))["id"]
            self._tuple_columns[table] = columns
        new_id = self.new_id(table)
        self.by_table.setdefault(table, []).append((new_id, 1, *values))
        return new_id

    def add_values(self, table: str, film_id: int, values: tuple[str, ...]) -> None:
        """A film's countries, languages or genres: the bulk of an import's rows."""
        if self.columns.setdefault(table, _VALUE_COLUMNS) != _VALUE_COLUMNS:
            for position, name in enumerate(dict.fromkeys(
                    n for v in values if (n := v.strip()))):
                self.add(table, film_id=film_id, position=position, name=name)
            return
        out = self.by_table.setdefault(table, [])
        if table not in self.next_id:
            self.next_id[table] = first_free_id(self.conn, TABLES[table])
        next_id = self.next_id[table]
        position = 0
        seen = set()
        for value in values:
            name = value.strip()
            if name and name not in seen:
                seen.add(name)
                out.append((next_id, 1, film_id, position, name))
                next_id += 1
                position += 1
        self.next_id[table] = next_id

    def flush_rows(self, changed: Iterable[RowChange] = ()) -> InsertedRows:
        """Insert every queued row, parents first; returns them, after the `changed` rows,
        as the operation's Changes rows (tuples, read as RowChanges when read)."""
        written: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]] = []
        for t in Base.metadata.sorted_tables:
            rows = self.by_table.get(t.name)
            if not rows:
                continue
            columns = self.columns[t.name]
            first_new = rows[0][0]
            rebuild = (t.name in REBUILT_INDEXES and len(rows) >= REBUILD_FROM
                       and len(rows) > first_new - 1)  # ids are given in order from max+1
            with indexes_built_after(self.conn, t) if rebuild else nullcontext():
                insert_tuples(self.conn, t, self.now, list(columns), rows,
                              stamps=[c for c in _STAMPS if c in t.c])
            written.append((t.name, columns, rows))
        reset_sequences(self.conn, [TABLES[name] for name in self.by_table])
        self.by_table = {}
        return InsertedRows(changed, written, self.now)

    def flush(self) -> list[RowChange]:
        """Insert every queued row, parents first; the rows become the Changes."""
        return list(self.flush_rows())
