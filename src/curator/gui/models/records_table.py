"""Short lists held in memory (festival editions, retrospective lists) in the same table shape."""

from __future__ import annotations

from typing import Any

from curator.catalog.records import CollectionRecord, EditionRecord
from curator.gui.models.paged import Column, PagedTableModel
from curator.model.enums import PublicationState


def _runtime(minutes: int) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


EDITION_COLUMNS = [
    Column("edition", "Edition", lambda e: e.label, sortable=False, width=200),
    Column("festival", "Festival", lambda e: e.festival_name, sortable=False, width=260),
    Column("dates", "Dates", lambda e: " \u2013 ".join(
        d.strftime("%-d %b %Y") for d in (e.starts_on, e.ends_on) if d), sortable=False,
        width=180),
    Column("sections", "Sections", lambda e: str(len(e.sections) or ""), align_right=True,
           sortable=False, width=70),
    Column("films", "Films", lambda e: str(e.film_count or ""), align_right=True,
           sortable=False, width=60),
]
LIST_COLUMNS = [
    Column("title", "List", lambda c: c.title, sortable=False, width=280),
    Column("curator", "Curator", lambda c: c.curator, sortable=False, width=160),
    Column("films", "Films", lambda c: str(len(c.items) or ""), align_right=True,
           sortable=False, width=60),
    Column("runtime", "Running time", lambda c: _runtime(c.total_runtime), align_right=True,
           sortable=False, width=100),
    Column("state", "State", lambda c: PublicationState.label_of(c.state), sortable=False,
           width=90),
]


class RecordTableModel(PagedTableModel):
    """A table over records already in memory; `kind` names what its rows are."""

    def __init__(self, kind: str, columns: list[Column], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.kind = kind
        self._records: list[Any] = []

    def set_records(self, records: list[EditionRecord] | list[CollectionRecord]) -> None:
        self._records = list(records)
        self.reload()

    def fetch(self, offset: int, limit: int, count: bool) -> tuple[int, list[Any]]:
        return len(self._records), self._records[offset:offset + limit]
