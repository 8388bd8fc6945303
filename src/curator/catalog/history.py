"""Who changed what, and when, as the desk reads it: a record's last change and history, and
what other desks changed since a point of the history (so a desk can follow its colleagues).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select

from curator.catalog.changes import TABLE_MEANINGS, Changes, RowChange
from curator.catalog.core import Operations
from curator.catalog.history_rows import (
    RECORD_COLUMN,
    FieldChange,
    HistoryStep,
    LastChange,
    decode_fields,
    last_change_of_record,
)
from curator.catalog.unit import translate_errors
from curator.model.history import CHANGE_HISTORY as H
from curator.model.history import RECORD_COLUMNS

# At most this many of another desk's history rows are read as row changes at once; past it
# (a colleague's whole import) the desk reads everything again instead.
FOLLOW_LIMIT = 20_000


class History(Operations):
    """Who changed what and when: a record's last change, its history, others' changes."""

    def last_change(self, kind: str, record_id: int) -> LastChange | None:
        """Who changed this film, person, festival or list last (any of its parts), and when."""
        with self.core.read() as session:
            return last_change_of_record(session.connection(), kind, record_id)

    def of(self, kind: str, record_id: int, limit: int = 1000
                       ) -> list[HistoryStep]:
        """A film's, person's, festival's or list's history, newest first: one step per
        operation, each with the rows it changed and their old and new values."""
        column = H.c[RECORD_COLUMN[kind]]
        with self.core.read() as session:
            rows = session.connection().execute(
                select(H).where(column == record_id).order_by(H.c.id.desc()).limit(limit)
            ).all()
        steps: list[HistoryStep] = []
        group: list[Any] = []
        for row in [*rows, None]:
            if group and (row is None or (row.at, row.desk, row.label)
                          != (group[0].at, group[0].desk, group[0].label)):
                first = group[0]
                steps.append(HistoryStep(first.at, first.who, first.label, tuple(
                    FieldChange(g.table_name, g.row_key, g.action,
                                decode_fields(g.action, g.fields)) for g in reversed(group))))
                group = []
            if row is not None:
                group.append(row)
        return steps

    def change_token(self) -> object:
        """What differs once anyone has written to the archive (see Archive.change_token)."""
        with translate_errors(self.core.archive.database_path):
            return self.core.archive.change_token()

    def position(self) -> int:
        """The newest history id: where a desk starts following its colleagues' changes."""
        with self.core.read() as session:
            return session.connection().execute(select(func.max(H.c.id))).scalar() or 0

    def changes_since(self, history_id: int) -> tuple[int, Changes]:
        """What other desks changed after `history_id`, as a Changes (the desk refreshes what
        it touched), and the newest history id read."""
        desk = self.core.archive.desk
        with self.core.read() as session:
            conn = session.connection()
            newest = conn.execute(select(func.max(H.c.id))).scalar() or history_id
            count = conn.execute(select(func.count()).where(
                H.c.id > history_id, H.c.id <= newest, H.c.desk != desk)).scalar() or 0
            if count > FOLLOW_LIMIT:
                # an unknown table reads as "everything changed" (changes.touched_by)
                return newest, Changes("Changed elsewhere", (
                    RowChange(H.name, (newest,), None, {}),))
            rows = conn.execute(select(H).where(
                H.c.id > history_id, H.c.id <= newest, H.c.desk != desk).order_by(H.c.id)).all()
        who = sorted({row.who for row in rows})
        return newest, Changes(f"Changed by {', '.join(who)}" if who else "Changed elsewhere",
                               tuple(c for row in rows for c in _row_changes(row)),
                               frozenset(row.film_id for row in rows if row.film_id is not None))


def _row_changes(row: Any) -> list[RowChange]:
    """A history row as RowChanges: its changed fields, with the records it belongs to, and
    the parts a new record's entry holds as rows of their own tables."""
    fields = decode_fields(row.action, row.fields)
    owners = {c: getattr(row, c) for c in RECORD_COLUMNS if getattr(row, c) is not None}
    key = (int(row.row_key),) if row.row_key.isdigit() else (
        tuple(json.loads(row.row_key)) if row.row_key.startswith("[") else (row.row_key,))
    changes = []
    if row.action == "insert":
        for table in [name for name, (_, new) in fields.items()
                      if name in TABLE_MEANINGS and isinstance(new, list)]:
            for part in fields.pop(table)[1]:
                values = part if isinstance(part, dict) else {"name": part}
                changes.append(RowChange(table, (None,), None, {**owners, **values}))
    before = {**owners, **{k: v[0] for k, v in fields.items()}}
    after = {**owners, **{k: v[1] for k, v in fields.items()}}
    changes.insert(0, RowChange(row.table_name, key,
                                None if row.action == "insert" else before,
                                None if row.action == "delete" else after))
    return changes
