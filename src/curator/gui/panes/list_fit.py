"""How the list pane's tables fit their space: tall rows for films with a still, and a
first column that takes the room the other columns leave until the user sizes them."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView

from curator.gui.models.film_table import FilmTableModel
from curator.gui.models.sidebar import ListTable

FIRST_COLUMN_MIN = 140


class ListFit(QObject):
    """Fits the tables a moment after anything that moves them (a query, a scroll, a resize)."""

    def __init__(self, films: QTableView, tables: dict[str, QTableView],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.films_view = films
        self.films: FilmTableModel = films.model()
        self.tables = tables
        self.unsized: set[str] = set()  # tables whose columns the user has not sized
        self._fitting = False
        self._tall_rows: set[int] = set()
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self._fit_still_rows)
        self.timer.timeout.connect(self._fit_first_columns)
        # A film with a still gets a row tall enough to recognise it; the others stay
        # compact. Rows are fitted as they come into view (the list is read lazily).
        films.setIconSize(FilmTableModel.THUMB_SIZE)
        # (lambdas: a signal's value passed on to start() would become the timer's delay)
        films.verticalScrollBar().valueChanged.connect(lambda _value: self.soon())
        self.films.modelReset.connect(self._rows_reset)
        self.films.dataChanged.connect(lambda *_changed: self.soon())
        for name in (ListTable.FILMS, ListTable.PEOPLE):
            tables[name].horizontalHeader().sectionResized.connect(
                lambda *_, n=name: self._sized_by_user(n))
            # the viewport narrows when a vertical scroll bar comes (taller rows, more
            # rows), not only when the pane is resized
            tables[name].viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.soon()
        return False

    def soon(self) -> None:
        self.timer.start()

    def _rows_reset(self) -> None:
        # The header keeps row heights across a new query: the tall rows of the last
        # list would stay tall for films without a still.
        default = self.films_view.verticalHeader().defaultSectionSize()
        for row in self._tall_rows:
            if row < self.films.total:
                self.films_view.setRowHeight(row, default)
        self._tall_rows.clear()
        self.soon()

    def _fit_still_rows(self) -> None:
        table = self.films_view
        stills = [c.key for c in self.films.columns].index("stills")
        if table.isColumnHidden(stills) or not self.films.total:
            return
        tall = FilmTableModel.THUMB_SIZE.height() + 6
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        last = last if last >= 0 else min(first + 100, self.films.total - 1)
        for row in self.films.fetch_rows_with_stills(first, last):
            if table.rowHeight(row) < tall:
                table.setRowHeight(row, tall)
                self._tall_rows.add(row)

    def _fit_first_columns(self) -> None:
        """The first column (a title, a name) takes what the others leave, so the default
        columns fit the list without a horizontal scroll bar."""
        for name in self.unsized:
            table = self.tables[name]
            width = table.viewport().width()
            if not table.isVisible() or width < 300:
                continue
            head = table.horizontalHeader()
            first = head.logicalIndex(0)
            others = sum(head.sectionSize(n) for n in range(head.count())
                         if n != first and not head.isSectionHidden(n))
            self._fitting = True
            head.resizeSection(first, max(FIRST_COLUMN_MIN, width - others))
            self._fitting = False

    def _sized_by_user(self, name: str) -> None:
        if not self._fitting:
            self.unsized.discard(name)
