"""What an operation changed, row by row, and how to invert it.

Every catalog operation returns a Changes: the rows it inserted, updated and
deleted with their values before and after. Panes refresh what it touched; the
undo stack inverts it with `Catalog.undo`, which returns the Changes of the undo
itself, so redo is the undo of an undo.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Row = Mapping[str, Any]
# Columns that record when and how often a row changed, not what it says.
BOOKKEEPING = frozenset({"version", "created_at", "updated_at"})


class RowChange(NamedTuple):
    """One row's values before and after (a tuple: imports make hundreds of thousands)."""

    table: str
    key: tuple[Any, ...]
    before: Row | None  # None: the row was inserted
    after: Row | None  # None: the row was deleted

    @property
    def kind(self) -> str:
        if self.before is None:
            return "insert"
        if self.after is None:
            return "delete"
        return "update"

    def value(self, column: str) -> Any:
        row = self.after if self.after is not None else self.before
        return row.get(column) if row else None

    def substance_equal(self) -> bool:
        """True when only bookkeeping columns differ (the change says nothing)."""
        if self.before is None or self.after is None:
            return False
        keys = (set(self.before) | set(self.after)) - BOOKKEEPING
        return all(self.before.get(k) == self.after.get(k) for k in keys)


@dataclass(frozen=True)
class Changes:
    """The outcome of one operation: the label a user reads, and the rows it changed."""

    label: str
    rows: tuple[RowChange, ...] = ()
    film_ids: frozenset[int] = field(default=frozenset())  # films whose pages changed
    created_id: int | None = None  # the id of the record the operation created, if any

    def __bool__(self) -> bool:
        return bool(self.rows)

    def ids(self, table: str) -> set[Any]:
        return {r.key[0] for r in self.rows if r.table == table}

    def inserted(self, table: str) -> set[Any]:
        return {r.key[0] for r in self.rows if r.table == table and r.kind == "insert"}

    def deleted(self, table: str) -> set[Any]:
        return {r.key[0] for r in self.rows if r.table == table and r.kind == "delete"}

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
