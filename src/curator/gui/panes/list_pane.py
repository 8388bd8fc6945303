"""The list pane: the films (or people, editions, lists) of the chosen view, with search.

The film table is a lazy SQL-paged model: sorting by a column and every keystroke
in the search field are new catalog queries, never Python sorts.
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import Catalog, FilmQuery
from curator.catalog.query import QueryError
from curator.gui.models.film_table import FilmTableModel
from curator.gui.models.paged import PagedTableModel
from curator.gui.models.people_table import PeopleTableModel
from curator.gui.models.records_table import EDITION_COLUMNS, LIST_COLUMNS, RecordTableModel
from curator.gui.models.sidebar import ListTable, View, ViewKind
from curator.gui.panes.list_fit import ListFit
from curator.gui.panes.search_field import SearchField, help_button
from curator.gui.style import icon
from curator.model.enums import RecordKind

SEARCH_DELAY_MS = 150
SUGGEST_DELAY_MS = 400
_UNFINISHED_FIELD = re.compile(r'-?[A-Za-z]+:"?$')
# The kind of record each table lists.
ROW_KIND = {ListTable.FILMS: RecordKind.FILM, ListTable.PEOPLE: RecordKind.PERSON,
            ListTable.EDITIONS: RecordKind.EDITION, ListTable.LISTS: RecordKind.LIST}


class ListPane(QWidget):
    current_changed = Signal(str, int)  # kind, id of the row the cursor is on
    cleared = Signal()  # the list is empty, or nothing is current
    activated = Signal(str, int)  # a row was double-clicked or Enter was pressed
    form_requested = Signal()  # Enter or F2 on a film or a person: edit it in the form
    first_step_chosen = Signal(str)  # an empty archive's "import", "add-film" or "demo"
    context_menu_requested = Signal(QMenu)  # extensions add their actions before it shows
    searched = Signal()  # the list shows what was typed

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.view = View(ViewKind.FILMS, title="Films")
        self.context_actions: list[QAction] = []  # the window's actions on selected rows

        self.searching = False  # True while the list answers what was typed
        self._searches: dict[str, str] = {}  # each view's own search text, by View.key
        self._records: dict[str, tuple[str, int]] = {}  # and the record it last had current
        self.films = FilmTableModel(catalog, self)
        self.films.hold_ids = True  # the first list's ids are read once the window has painted
        self.people = PeopleTableModel(catalog, self)
        self.editions = RecordTableModel("edition", EDITION_COLUMNS, self)
        self.lists = RecordTableModel("list", LIST_COLUMNS, self)
        self.tables = {name: self._table(name, model) for name, model in (
            (ListTable.FILMS, self.films), (ListTable.PEOPLE, self.people),
            (ListTable.EDITIONS, self.editions), (ListTable.LISTS, self.lists))}
        self.films_view = self.tables[ListTable.FILMS]
        self.films_view.setSortingEnabled(True)
        self.fit = ListFit(self.films_view, self.tables, self)

        self.title = QLabel("Films", objectName="viewTitle")
        self.count = QLabel(objectName="viewCount")
        self.search = SearchField(catalog)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        # 224: with the "?" and the Save Search button beside it, the list narrows as before
        self.search.setMinimumWidth(224)
        self.search.setMaximumWidth(420)
        find = QKeySequence(QKeySequence.StandardKey.Find)
        self.search.setToolTip(
            f"Search ({find.toString(QKeySequence.SequenceFormat.NativeText)})")
        header = QFrame(objectName="listHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(12, 8, 10, 8)
        row.setSpacing(10)
        row.addWidget(self.title)
        row.addWidget(self.count)
        row.addStretch(1)
        row.addWidget(self.search, 2)
        self.search_help = help_button(self.search, header)
        row.addWidget(self.search_help)
        # what is wrong with the query typed (the list keeps its last answer meanwhile)
        self.problem = QLabel(objectName="searchProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.empty = QLabel(objectName="emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.first_steps = self._first_steps()
        self.empty_page = QWidget(objectName="emptyPage")
        empty_layout = QVBoxLayout(self.empty_page)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty)
        # "Did you mean Mykkanen?" when a search finds nothing; a click searches that
        self.suggestion = QPushButton(objectName="didYouMean")
        self.suggestion.setFlat(True)
        self.suggestion.setCursor(Qt.CursorShape.PointingHandCursor)
        self.suggestion.clicked.connect(self._take_suggestion)
        self.suggestion.hide()
        empty_layout.addWidget(self.suggestion, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addWidget(self.first_steps)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        for table in self.tables.values():
            self.stack.addWidget(table)
        self.stack.addWidget(self.empty_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.problem)
        layout.addWidget(self.stack, 1)

        self._suggest_timer = QTimer(self, singleShot=True, interval=SUGGEST_DELAY_MS)
        self._suggest_timer.timeout.connect(self._suggest)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._run_search)
        self.column_actions = self._column_actions()
        self._restore_headers()
        self.set_view(self.view)

    # -- building -----------------------------------------------------------------------
    def _table(self, name: str, model: PagedTableModel) -> QTableView:
        table = QTableView(objectName=f"{name}Table")
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the list, not walks into the next row
        table.installEventFilter(self)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        head = table.horizontalHeader()
        head.setSectionsMovable(True)
        head.setHighlightSections(False)
        head.setStretchLastSection(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setResizeContentsPrecision(0)  # fitting a column measures visible rows only
        head.setMinimumSectionSize(40)
        for n, column in enumerate(model.columns):
            # never narrower than the column's own title
            head.resizeSection(n, max(column.width, head.sectionSizeFromContents(n).width()))
            head.setSectionHidden(n, not column.shown)
        head.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        head.customContextMenuRequested.connect(self._header_menu)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(lambda pos, t=table: self._row_menu(t, pos))
        table.selectionModel().currentRowChanged.connect(
            lambda current, _previous, n=name: self._current_moved(n, current))
        table.activated.connect(lambda index, n=name: self._activate(n, index))
        return table

    def _first_steps(self) -> QWidget:
        """What a new, empty archive offers to do first, one button each."""
        box = QWidget(objectName="firstSteps")
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 8, 0, 0)
        row.setSpacing(10)
        row.addStretch(1)
        self.first_step_buttons: dict[str, QPushButton] = {}
        for key, text, icon_name in (("import", "Import a Spreadsheet\u2026", "import"),
                                     ("add-film", "Add a Film", "new-film"),
                                     ("demo", "Open the Demo Archive", "open-archive")):
            button = QPushButton(icon(icon_name), text, objectName=f"firstStep-{key}")
            button.clicked.connect(lambda _c=False, k=key: self.first_step_chosen.emit(k))
            row.addWidget(button)
            self.first_step_buttons[key] = button
        row.addStretch(1)
        box.hide()
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and watched is self.table and self.table_name in (ListTable.FILMS, ListTable.PEOPLE)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and self.current_record() is not None):
            self.form_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit.soon()

    def _column_actions(self) -> list[QAction]:
        """One checkable action per film column (the title always shows)."""
        actions = []
        head = self.films_view.horizontalHeader()
        for n, column in enumerate(self.films.columns):
            action = QAction(column.title, self, checkable=True, checked=column.shown)
            action.setEnabled(n != 0)
            action.toggled.connect(lambda on, n=n: self._show_column(n, on))
            actions.append(action)
        head.sectionResized.connect(lambda *_: self.save_headers())
        head.sectionMoved.connect(lambda *_: self.save_headers())
        return actions

    def _show_column(self, n: int, visible: bool) -> None:
        self.films_view.horizontalHeader().setSectionHidden(n, not visible)
        self.fit.soon()
        self.save_headers()

    # -- settings -----------------------------------------------------------------------
    def save_headers(self) -> None:
        settings = QSettings()
        for name in (ListTable.FILMS, ListTable.PEOPLE):
            settings.setValue(f"list/{name}/header",
                              self.tables[name].horizontalHeader().saveState())
            # only widths the user chose are kept; others are fitted to the list's width
            settings.setValue(f"list/{name}/sized", name not in self.fit.unsized)
        settings.setValue("list/films/order", self.films.query.order)
        settings.setValue("list/films/descending", self.films.query.descending)

    def _restore_headers(self) -> None:
        settings = QSettings()
        self.fit.unsized = {name for name in (ListTable.FILMS, ListTable.PEOPLE)
                            if str(settings.value(f"list/{name}/sized", "false")).lower()
                            != "true"}
        self.fit.fitting = True  # restoring is not the user sizing a column
        try:
            for name in (ListTable.FILMS, ListTable.PEOPLE):
                state = settings.value(f"list/{name}/header")
                if state is not None:
                    self.tables[name].horizontalHeader().restoreState(state)
        finally:
            self.fit.fitting = False
        head = self.films_view.horizontalHeader()
        for n, action in enumerate(self.column_actions):
            action.blockSignals(True)
            action.setChecked(not head.isSectionHidden(n))
            action.blockSignals(False)
        order = str(settings.value("list/films/order", "relevance"))
        descending = str(settings.value("list/films/descending", "false")).lower() == "true"
        keys = [c.key for c in self.films.columns]
        if order in keys:
            self.films.query = replace(self.films.query, order=order, descending=descending)
            head.setSortIndicator(keys.index(order), Qt.SortOrder.DescendingOrder
                                  if descending else Qt.SortOrder.AscendingOrder)
        else:
            head.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    # -- views and queries --------------------------------------------------------------
    def set_view(self, view: View) -> None:
        """Show what a sidebar item names, with the search text that view last had."""
        if view.key != self.view.key:
            self._searches[self.view.key] = self.search.text()
            record = self.current_record()
            if record is not None:
                self._records[self.view.key] = record
            self.search.blockSignals(True)  # one query below, not one per keystroke
            self.search.setText(self._searches.get(view.key, ""))
            self.search.blockSignals(False)
            self._timer.stop()
        changed = view.key != self.view.key
        self.view = view
        self.title.setText(view.title)
        searchable = view.shows_films or view.kind == ViewKind.PEOPLE
        self.search.setEnabled(searchable)
        self.search.setVisible(searchable)
        self.search.completes = view.shows_films
        self.search_help.setVisible(view.shows_films)
        self.search.setPlaceholderText(
            "Search people by any spelling" if view.kind == ViewKind.PEOPLE
            else "Search titles, people, countries, synopses" if view.shows_films
            else "")
        # Choosing an edition, a section or a list shows that record, not a film of it
        # that happened to be selected before.
        own_record = changed and view.kind in (
            ViewKind.FESTIVAL, ViewKind.EDITION, ViewKind.SECTION, ViewKind.LIST)
        self.reload(self._records.get(view.key) if changed and not own_record else None,
                    keep_current=not own_record)

    @property
    def table_name(self) -> ListTable:
        return self.view.table

    @property
    def table(self) -> QTableView:
        return self.tables[self.table_name]

    @property
    def model(self) -> PagedTableModel:
        return self.table.model()

    def current_query(self) -> FilmQuery:
        """The film query the list shows: the view's filter, the search text and the order.

        Raises QueryError for a search that cannot be understood.
        """
        v = self.view
        return FilmQuery.parse(
            self.query_text(),
            edition_id=v.record_id if v.kind == ViewKind.EDITION else None,
            section_id=v.record_id if v.kind == ViewKind.SECTION else None,
            collection_id=v.record_id if v.kind == ViewKind.LIST else None,
            attention=v.attention if v.kind == ViewKind.ATTENTION else None,
            order=self.films.query.order, descending=self.films.query.descending,
        )

    def query_text(self) -> str:
        """The query the list runs, in the query language: a saved search's own, and what
        the search field adds to it. Raises QueryError for a saved search that cannot run."""
        # a field still waiting for its value ("country:") is not a mistake yet
        typed = _UNFINISHED_FIELD.sub("", self.search.text().strip())
        v = self.view
        if v.kind == ViewKind.SAVED:
            if v.problem:
                raise QueryError(f"The saved search \u201c{v.title}\u201d cannot run: "
                                 f"{v.problem}")
            return f"{v.query} {typed}".strip()
        return typed

    def reload(self, keep: tuple[str, int] | None = None, *, look_far: bool = True,
               keep_current: bool = True) -> None:
        """Query again; the record `keep` (or the current one) stays selected if still listed.

        With `look_far` False (typing a search) it stays selected only if it is among the
        first rows, so a keystroke never waits for the whole list to be read.
        """
        keep = keep or (self.current_record() if keep_current else None)
        name = self.table_name
        self._say_problem("")
        if name is ListTable.FILMS:
            try:
                # some problems show only when the query runs (field:"a field unknown")
                self.films.set_query(self.current_query())
            except QueryError as problem:
                self._say_problem(str(problem))
                if self.view.problem:  # a saved search that cannot run lists nothing
                    self.count.setText("")
                    self.empty.setText("")
                    self.suggestion.hide()
                    self.first_steps.hide()
                    self.stack.setCurrentWidget(self.empty_page)
                    self.announce()
                return
        elif name is ListTable.PEOPLE:
            self.people.set_text(self.search.text().strip())
        elif name is ListTable.LISTS:
            self.lists.set_records(self.catalog.lists.all())
        else:
            festivals = self.catalog.festivals.all()
            if self.view.kind == ViewKind.FESTIVAL:
                festivals = [f for f in festivals if f.id == self.view.record_id]
            self.editions.set_records([e for f in festivals for e in f.editions])
        self._show_table()
        if keep and ROW_KIND[name] == keep[0] and self.select_record(*keep, look_far=look_far):
            return
        own = (ViewKind.EDITION, ViewKind.SECTION, ViewKind.LIST)
        if self.model.total and self.view.kind not in own:
            self.select_row(0)  # a view of its own records opens on the first
            return
        self.announce()

    def _suggest(self) -> None:
        text = self.search.text().strip()
        if not text or self.model.total or not self.view.shows_films:
            return
        better = self.catalog.search.did_you_mean(text)
        if better:
            self.suggestion.setText(f"Did you mean \u201c{better}\u201d?")
            self.suggestion.setToolTip(f"Search for {better} instead")
            self.suggestion.setProperty("query", better)
            self.suggestion.show()

    def _take_suggestion(self) -> None:
        self.search.setText(str(self.suggestion.property("query")))
        self._run_search()

    def _say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        self.search.setProperty("problem", bool(text))
        self.search.style().unpolish(self.search)  # the border follows the property
        self.search.style().polish(self.search)

    def stop_pending_work(self) -> None:
        """The window is closing: no search waits to run, no rows wait to be fitted."""
        self._timer.stop()
        self._suggest_timer.stop()
        self.fit.timer.stop()
        self.films.stop_reading()

    @property
    def search_waiting(self) -> bool:
        """Whether something typed waits for the search delay to run."""
        return self._timer.isActive()

    def _run_search(self) -> None:
        self._timer.stop()
        if self.search.isEnabled():
            self.searching = True  # the window shows the current record a moment later
            try:
                self.reload(look_far=False)
            finally:
                self.searching = False
            self.searched.emit()

    def _show_table(self) -> None:
        model = self.model
        noun = ROW_KIND[self.table_name]
        plural = {"person": "people"}.get(noun, noun + "s")
        self.count.setText(f"{model.total:,} {noun if model.total == 1 else plural}")
        if model.total:
            self.stack.setCurrentWidget(self.table)
            self.fit.soon()
        else:
            self.empty.setText(self._empty_text())
            self.suggestion.hide()
            if self.view.shows_films and self.search.text().strip():
                self._suggest_timer.start()  # once the typing pauses: it reads every word
            self.first_steps.setVisible(self.view.kind == ViewKind.FILMS
                                        and not self.search.text().strip())
            self.stack.setCurrentWidget(self.empty_page)

    def _empty_text(self) -> str:
        text, kind = self.search.text().strip(), self.view.kind
        if text and kind == ViewKind.PEOPLE:
            return f"No one is called \u201c{text}\u201d.\nCheck the spelling."
        if text:
            return (f"No film matches \u201c{text}\u201d.\nSearch for a title, a director, "
                    "a country or a word of the synopsis (or by field: the ? beside the "
                    "search says how), or clear the search.")
        return {
            ViewKind.FILMS: "This archive has no films yet.\nImport them from a spreadsheet, add "
                     "the first one by hand (Ctrl+N), or look around the demo archive first.",
            ViewKind.PEOPLE: "No people yet.\nPeople are added when a film's form credits them.",
            ViewKind.FESTIVALS: "No festivals yet.",
            ViewKind.FESTIVAL: "This festival has no editions yet.",
            ViewKind.EDITION: "No film screened at this edition yet.\n"
                       "Add a screening in a film's form.",
            ViewKind.SECTION: "No film in this section yet.\nAdd a screening in a film's form.",
            ViewKind.LISTS: "No lists yet.\n"
                            "A list gathers films for a retrospective or a programme.",
            ViewKind.LIST: "This list is empty.",
            ViewKind.ATTENTION: "Nothing here needs attention.",
            ViewKind.SAVED: f"No film matches \u201c{self.view.title}\u201d now.\n"
                            "Its count in the sidebar follows the catalogue.",
        }.get(kind, "Nothing to show.")

    # -- selection ----------------------------------------------------------------------
    def current_record(self) -> tuple[str, int] | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.stack.currentWidget() is self.empty_page:
            return None
        record_id = self.model.id_at(index.row())
        return (ROW_KIND[self.table_name], record_id) if record_id is not None else None

    def selected_ids(self) -> list[int]:
        if self.stack.currentWidget() is self.empty_page:
            return []
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [i for i in (self.model.id_at(r) for r in rows) if i is not None]

    def selected_film_ids(self) -> list[int]:
        return self.selected_ids() if self.table_name is ListTable.FILMS else []

    def select_record(self, kind: str, record_id: int, *, look_far: bool = True,
                      centre: bool = False) -> bool:
        """Make this record current and selected, if the list shows it."""
        if ROW_KIND[self.table_name] != kind:
            return False
        row = self.model.row_of(record_id, anywhere=look_far)
        if row is None:
            return False
        index = self.model.index(row, 0)
        table = self.table
        table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        if centre or not table.viewport().rect().contains(table.visualRect(index)):
            table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.fit.soon()
        return True

    def select_row(self, row: int) -> None:
        row = min(row, self.model.total - 1)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        else:
            self.announce()

    def _current_moved(self, name: str, current: QModelIndex) -> None:
        if name == self.table_name:
            self.announce()

    def announce(self) -> None:
        """Tell the window which record is current (or that none is)."""
        record = self.current_record()
        if record is None:
            self.cleared.emit()
        else:
            self.current_changed.emit(*record)

    def _activate(self, name: str, index: QModelIndex) -> None:
        record_id = self.tables[name].model().id_at(index.row())
        if record_id is not None:
            self.activated.emit(ROW_KIND[name], record_id)

    def refresh_films(self, film_ids: set[int]) -> None:
        """Rebuild the listed rows of edited films in place, keeping selection and scroll."""
        self.films.refresh_rows(film_ids)

    # -- menus --------------------------------------------------------------------------
    def row_menu(self) -> QMenu:
        """The context menu of the selected rows, after extensions have added to it."""
        menu = QMenu(self)
        for action in self.context_actions:
            if action.isVisible():
                menu.addAction(action)
        self.context_menu_requested.emit(menu)
        return menu

    def _row_menu(self, table: QTableView, pos: QPoint) -> None:
        menu = self.row_menu()
        if not menu.isEmpty():
            menu.exec(table.viewport().mapToGlobal(pos))

    def _header_menu(self, pos: QPoint) -> None:
        if self.table_name is not ListTable.FILMS:
            return
        menu = QMenu(self)
        menu.addSection("Columns")
        menu.addActions(self.column_actions)
        menu.exec(self.films_view.horizontalHeader().mapToGlobal(pos))
