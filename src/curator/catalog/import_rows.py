"""New rows for an import: ids assigned up front, written with the driver's executemany.

An import writes hundreds of thousands of rows; building them as plain dicts and
handing them to SQLite in one executemany per table costs little more than the
raw inserts, and the same dicts become the Changes that undo the import.
"""

from __future__ import annotations

from contextlib import nullcontext
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from curator.catalog.changes import RowChange
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


class NewRows:
    """Rows to insert, ids assigned up front, written with the driver's executemany."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.by_table: dict[str, list[dict[str, Any]]] = {}
        self.next_id: dict[str, int] = {}
        self.now = utcnow()

    def new_id(self, table: str) -> int:
        if table not in self.next_id:
            self.next_id[table] = first_free_id(self.conn, TABLES[table])
        value = self.next_id[table]
        self.next_id[table] += 1
        return value

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        row = {"id": self.new_id(table), "version": 1, "created_at": self.now,
               "updated_at": self.now, **values}
        self.by_table.setdefault(table, []).append(row)
        return row

    def add_values(self, table: str, film_id: int, values: tuple[str, ...]) -> None:
        """A film's countries, languages or genres: the bulk of an import's rows."""
        out = self.by_table.setdefault(table, [])
        if table not in self.next_id:
            self.next_id[table] = first_free_id(self.conn, TABLES[table])
        next_id, now = self.next_id[table], self.now
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
        """Insert every queued row, parents first; the rows become the Changes."""
        changes: list[RowChange] = []
        for t in Base.metadata.sorted_tables:
            rows = self.by_table.get(t.name)
            if not rows:
                continue
            first_new = rows[0]["id"]
            rebuild = (t.name in REBUILT_INDEXES and len(rows) >= REBUILD_FROM
                       and len(rows) > first_new - 1)  # ids are given in order from max+1
            stamped = [c for c in _STAMPS if c in rows[0]]
            columns = [c.name for c in t.c if c.name in rows[0] and c.name not in stamped]
            with indexes_built_after(self.conn, t) if rebuild else nullcontext():
                insert_tuples(self.conn, t, self.now, columns,
                              list(map(itemgetter(*columns), rows)) if len(columns) > 1
                              else [(row[columns[0]],) for row in rows], stamps=stamped)
            name = t.name
            changes.extend(RowChange(name, (r["id"],), None, r) for r in rows)
        reset_sequences(self.conn, [TABLES[name] for name in self.by_table])
        self.by_table.clear()
        return changes
