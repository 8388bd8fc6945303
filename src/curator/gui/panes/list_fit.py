"""How the list pane's tables fit their space: tall rows for films with a still, and a
first column that takes the room the other columns leave until the user sizes them
(names and countries give way first, so the columns fit a laptop's narrower list)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView

from curator.gui.models.film_table import FilmTableModel
from curator.gui.models.sidebar import ListTable

FIRST_COLUMN_MIN = 140
# A title this wide reads whole for most films; the window's panes leave the list room
# for it before the form takes more (see pane_fit.py).
FIRST_COLUMN_COMFORT = 200
# Columns of names and lists that give way (eliding) before the first column goes below
# its minimum; dates, counts, the still and the state keep their width.
YIELDING_COLUMNS = {"original_title", "countries", "directors", "appearances", "country",
                    "variants"}
YIELDING_MIN = 64
# On a wide list the first column beyond this width shares what it would take with the
# columns of names (each up to twice its first width), so a title is not an island.
FIRST_COLUMN_WIDE = 360


class ListFit(QObject):
    """Fits the tables a moment after anything that moves them (a query, a scroll, a resize)."""

    def __init__(self, films: QTableView, tables: dict[str, QTableView],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.films_view = films
        self.films: FilmTableModel = films.model()
        self.tables = tables
        self.unsized: set[str] = set()  # tables whose columns the user has not sized
        self.fitting = False  # True while columns are sized by the fit (or restored)
        # each table's first widths, what a fit starts from (a column hidden at first:
        # its own, never narrower than its title)
        self.natural = {name: [self._first_width(t, n) for n in range(len(t.model().columns))]
                        for name, t in tables.items()}
        self._tall_rows: set[int] = set()
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self._fit_still_rows)
        self.timer.timeout.connect(self.fit_columns)
        # A film with a still gets a row tall enough to recognise it; the others stay
        # compact. Rows are fitted as they come into view (the list is read lazily).
        films.setIconSize(FilmTableModel.THUMB_SIZE)
        # (lambdas: a signal's value passed on to start() would become the timer's delay)
        films.verticalScrollBar().valueChanged.connect(lambda _value: self.soon())
        self.films.modelReset.connect(self._rows_reset)
        self.films.dataChanged.connect(lambda *_changed: self.soon())
        for name in (ListTable.FILMS, ListTable.PEOPLE):
            tables[name].horizontalHeader().sectionResized.connect(
                lambda _section, old, new, n=name: self._sized_by_user(n, old, new))
            # the viewport narrows when a vertical scroll bar comes (taller rows, more
            # rows), not only when the pane is resized
            tables[name].viewport().installEventFilter(self)

    @staticmethod
    def _first_width(table: QTableView, n: int) -> int:
        head = table.horizontalHeader()
        if not head.isSectionHidden(n):
            return head.sectionSize(n)
        return max(table.model().columns[n].width, head.sectionSizeFromContents(n).width())

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

    def columns_width(self, name: str, first: int = FIRST_COLUMN_COMFORT) -> int:
        """How wide a table's viewport must be to show its shown columns at their first
        widths with the first column `first` pixels wide."""
        table = self.tables[name]
        head = table.horizontalHeader()
        if name not in self.unsized:
            return head.length()
        natural, title = self.natural[name], head.logicalIndex(0)
        return first + sum(natural[n] for n in range(head.count())
                           if n != title and not head.isSectionHidden(n))

    def fit_columns(self) -> None:
        """The first column (a title, a name) takes what the others leave, so the default
        columns fit the list without a horizontal scroll bar. Where that leaves the first
        column too little, the columns of names give way (down to YIELDING_MIN) first."""
        for name in self.unsized:
            table = self.tables[name]
            width = table.viewport().width()
            if not table.isVisible() or width < 300:
                continue
            head = table.horizontalHeader()
            model = table.model()
            natural = self.natural[name]
            first = head.logicalIndex(0)
            shown = [n for n in range(head.count()) if n != first and not head.isSectionHidden(n)]
            sizes = {n: natural[n] for n in shown}
            short = FIRST_COLUMN_MIN - (width - sum(sizes.values()))
            yielding = [n for n in shown if model.columns[n].key in YIELDING_COLUMNS]
            spare = sum(max(0, sizes[n] - YIELDING_MIN) for n in yielding)
            if short > 0 and spare:
                # each gives way in proportion to what it can spare (the pixels rounding
                # leaves over, one each from the first that can)
                need = min(short, spare)
                gives = {n: max(0, sizes[n] - YIELDING_MIN) * need // spare for n in yielding}
                for n in yielding:
                    if need > sum(gives.values()) and sizes[n] - gives[n] > YIELDING_MIN:
                        gives[n] += 1
                for n in yielding:
                    sizes[n] -= gives[n]
            extra = width - sum(sizes.values()) - FIRST_COLUMN_WIDE
            room = sum(natural[n] for n in yielding)
            if extra > 0 and room:
                for n in yielding:
                    sizes[n] += min(natural[n], extra // 2 * natural[n] // room)
            sizes[first] = max(FIRST_COLUMN_MIN, width - sum(sizes.values()))
            self.fitting = True
            try:
                for n, size in sizes.items():
                    if head.sectionSize(n) != size:
                        head.resizeSection(n, size)
            finally:
                self.fitting = False

    def forget(self) -> None:
        """Back to the fitted widths: the columns the user sized are theirs no more."""
        self.unsized = {ListTable.FILMS, ListTable.PEOPLE}
        self.fit_columns()

    def _sized_by_user(self, name: str, old: int, new: int) -> None:
        # a column hidden (to 0) or shown again (from 0) is a choice of columns, not a size
        if not self.fitting and old and new:
            self.unsized.discard(name)
