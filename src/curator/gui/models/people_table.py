"""The people list's model: people by sort name, a page at a time, filtered by any spelling."""

from __future__ import annotations

from typing import Any

from curator.catalog import Catalog
from curator.catalog.people_list import PersonRow
from curator.gui.models.paged import Column, PagedTableModel

PEOPLE_COLUMNS = [
    Column("name", "Name", lambda r: r.name, sortable=False, width=240),
    Column("years", "Years", lambda r: r.years, sortable=False, width=90),
    Column("country", "Country", lambda r: r.country, sortable=False, width=120),
    Column("films", "Films", lambda r: str(r.films or ""), align_right=True, sortable=False,
           width=60),
    Column("variants", "Other spellings", lambda r: r.variants, sortable=False, width=240),
]


class PeopleTableModel(PagedTableModel):
    def __init__(self, catalog: Catalog, parent: Any = None) -> None:
        super().__init__(PEOPLE_COLUMNS, parent)
        self.catalog = catalog
        self.text = ""

    def set_text(self, text: str) -> None:
        self.text = text
        self.reload()

    def fetch(self, offset: int, limit: int, count: bool) -> tuple[int, list[PersonRow]]:
        page = self.catalog.people.page(self.text, limit, offset)
        return page.total, page.rows

    def locate(self, record_id: int) -> int | None:
        offset = 0
        while offset < self.total:  # people lists are short enough to walk
            rows = self.fetch(offset, 1000, False)[1]
            for n, r in enumerate(rows):
                if r.id == record_id:
                    return offset + n
            offset += 1000
        return None
