"""The film list's model: a FilmQuery run in SQL, rows built a page at a time."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt

from curator.catalog import Catalog, FilmQuery
from curator.catalog.records import FilmRow
from curator.gui.models.paged import Column, PagedTableModel

STATES = {"draft": "Draft", "published": "Published", "withdrawn": "Withdrawn"}

FILM_COLUMNS = [
    Column("title", "Title", lambda r: r.title, width=230),
    Column("original_title", "Original title", lambda r: r.original_title, width=150),
    Column("year", "Year", lambda r: str(r.year or ""), align_right=True, width=56),
    Column("countries", "Countries", lambda r: r.countries, width=100),
    Column("directors", "Directors", lambda r: r.directors, width=150),
    Column("appearances", "Festival appearances", lambda r: r.appearances, width=170),
    Column("stills", "Stills", lambda r: str(r.stills or ""), align_right=True, width=56),
    Column("state", "State", lambda r: STATES.get(r.state, r.state), width=80),
]


class FilmTableModel(PagedTableModel):
    def __init__(self, catalog: Catalog, parent: Any = None) -> None:
        super().__init__(FILM_COLUMNS, parent)
        self.catalog = catalog
        self.query = FilmQuery()

    def set_query(self, query: FilmQuery) -> None:
        self.query = query
        self.reload()

    def fetch(self, offset: int, limit: int, count: bool) -> tuple[int, list[FilmRow]]:
        result = self.catalog.search(self.query, limit=limit, offset=offset, count=count)
        return result.total, self.catalog.film_rows(result.ids)

    def locate(self, record_id: int) -> int | None:
        ids = self.catalog.search(self.query, limit=max(self.total, 1), count=False).ids
        try:
            return ids.index(record_id)
        except ValueError:
            return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL: a new query in the column's order (column -1: relevance)."""
        key = self.columns[column].key if 0 <= column < len(self.columns) else "relevance"
        descending = order == Qt.SortOrder.DescendingOrder and key != "relevance"
        if (key, descending) != (self.query.order, self.query.descending):
            self.set_query(replace(self.query, order=key, descending=descending))
