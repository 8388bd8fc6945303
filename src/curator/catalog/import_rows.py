"""New rows for an import: ids assigned up front, written with the driver's executemany.

An import writes hundreds of thousands of rows; building them as plain dicts and
handing them to SQLite in one executemany per table costs little more than the
raw inserts, and the same dicts become the Changes that undo the import.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, func, select

from curator.catalog.changes import RowChange
from curator.catalog.naming import slugify
from curator.catalog.unit import TABLES
from curator.model import Base
from curator.model.entities import utcnow

_ASCII_SLUG = re.compile(r"[^a-z0-9]+")


def fast_slug(text: str, fallback: str) -> str:
    """`slugify` with a fast path for plain ASCII text (same result, far cheaper)."""
    if text.isascii():
        return _ASCII_SLUG.sub("-", text.lower()).strip("-")[:80].rstrip("-") or fallback
    return slugify(text, fallback)

class NewRows:
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
