"""The list editor: a retrospective list's title, curator, introduction and state, and its
films in order with their notes.

Every edit is one catalog operation on the window's undo stack; the editor then
reads the list again, so what it shows is always what the archive holds.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import Catalog, Changes, NotFound
from curator.catalog.records import CollectionRecord
from curator.gui.lifetime import close_editor
from curator.gui.lists.editor_parts import Introduction, NoteDelegate, editor_css
from curator.gui.lists.entries import NOTE, ListEntriesModel, entries_of, moved, running_time
from curator.model.enums import PublicationState

Run = Callable[[Callable[[], Changes]], Changes | None]

EMPTY = ("This list has no films yet.\n\nDrag films from the film list onto the list in "
         "the sidebar, or choose Add to List in the film list\u2019s context menu.")


def summary(c: CollectionRecord) -> str:
    """ "5 films · 7 h 40 min", saying when some running times are not known."""
    films = len(c.items)
    text = f"{films} film" if films == 1 else f"{films} films"
    if c.total_runtime:
        text += f" \u00b7 {running_time(c.total_runtime)}"
        unknown = sum(1 for i in c.items if not i.runtime)
        if unknown:
            text += f" ({unknown} without a running time)"
    return text


class ListEditor(QWidget):
    """Edits one list at a time; `run` runs a catalog operation as one undo step."""

    entry_chosen = Signal(int)  # the film of the current entry
    film_opened = Signal(int)  # Enter or double-click on an entry's title

    def __init__(self, catalog: Catalog, run: Run, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listEditor")
        self.catalog = catalog
        self._run = run
        self.collection: CollectionRecord | None = None
        self.setStyleSheet(editor_css())

        self.title = QLineEdit(objectName="listTitle")
        self.title.setPlaceholderText("Title of the list")
        self.title.setAccessibleName("Title")
        self.state = QComboBox(objectName="listState")
        for state in PublicationState:
            self.state.addItem(state.label, state.value)
        self.state.setToolTip("Only published lists go into the exported site")
        self.curator = QLineEdit(objectName="listCurator")
        self.curator.setPlaceholderText("The programmer who chose the films")
        self.curator.setAccessibleName("Curator")
        self.introduction = Introduction(objectName="listIntroduction")
        self.introduction.setPlaceholderText(
            "An introduction to the list, published above its films")
        self.introduction.setAccessibleName("Introduction")
        self.introduction.setTabChangesFocus(True)
        self.introduction.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.summary = QLabel(objectName="listSummary")

        header = QFrame(objectName="listEditorHeader")
        grid = QGridLayout(header)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.state, 0, 2, Qt.AlignmentFlag.AlignVCenter)
        for row, (text, field) in enumerate((("Curator", self.curator),
                                             ("Introduction", self.introduction)), start=1):
            label = QLabel(text)
            label.setProperty("class", "fieldLabel")
            label.setContentsMargins(0, 4, 0, 0)  # on the line of the field's first line
            label.setBuddy(field)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            grid.addWidget(field, row, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        self.model = ListEntriesModel(self)
        self.table = QTableView(objectName="listEntries")
        self._set_up_table()
        self.empty = QLabel(EMPTY, objectName="listEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)

        bar = QFrame(objectName="listEntriesBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(14, 6, 14, 6)
        row.addWidget(QLabel("Films in programme order", objectName="listEntriesTitle"))
        row.addSpacing(8)
        row.addWidget(self.summary)
        hint = QLabel("Drag or Alt+\u2191\u2193 to reorder \u00b7 double-click a note to edit it",
                      objectName="listHint")
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # a hint, not a field: it gives way (clipped) before the editor grows the window
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(hint, 1)
        self.hint = hint

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(bar)
        layout.addWidget(self.body, 1)

        self.title.editingFinished.connect(lambda: self._commit("title", self.title.text()))
        self.curator.editingFinished.connect(
            lambda: self._commit("curator", self.curator.text()))
        self.introduction.committed.connect(
            lambda: self._commit("introduction", self.introduction.toPlainText()))
        self.state.activated.connect(
            lambda _n: self._commit("state", self.state.currentData()))
        # Asked for from inside the table's own handling of a drop or a note's commit: run
        # once that is over, so the reload's reset never pulls the model from under it
        # (see curator.gui.lifetime).
        queued = Qt.ConnectionType.QueuedConnection
        self.model.reorder_requested.connect(self.reorder, queued)
        self.model.note_edited.connect(self.annotate, queued)

        self.remove_action = self._action("Remove from List", self.remove_selected,
                                          QKeySequence.StandardKey.Delete, "Backspace")
        self.move_up_action = self._action("Move Up", lambda: self.move_selected(-1),
                                           "Alt+Up")
        self.move_down_action = self._action("Move Down", lambda: self.move_selected(1),
                                             "Alt+Down")
        self.note_action = self._action("Edit Note", self.edit_note, "F2")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._entry_menu)

    def _set_up_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        t.setAlternatingRowColors(True)
        t.setShowGrid(False)
        t.setWordWrap(True)  # a note reads on two lines before it is cut short
        t.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                          | QAbstractItemView.EditTrigger.EditKeyPressed)
        t.setItemDelegateForColumn(NOTE, NoteDelegate(t))
        t.setDragEnabled(True)
        t.setAcceptDrops(True)
        t.setDropIndicatorShown(True)
        t.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        t.setDefaultDropAction(Qt.DropAction.MoveAction)
        t.setDragDropOverwriteMode(False)
        t.verticalHeader().hide()
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().lineSpacing() * 2 + 14)
        head = t.horizontalHeader()
        head.setHighlightSections(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate((34, 220, 110, 150, 70)):
            head.resizeSection(column, width)
        head.setStretchLastSection(True)
        t.selectionModel().currentRowChanged.connect(self._current_moved)
        t.doubleClicked.connect(self._double_clicked)

    def _action(self, text: str, slot: Callable[[], None],
                *keys: QKeySequence.StandardKey | str) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.table.addAction(action)
        return action

    # -- showing a list -----------------------------------------------------------------
    @property
    def list_id(self) -> int | None:
        return self.collection.id if self.collection else None

    def show_list(self, list_id: int) -> None:
        if self.list_id != list_id:
            self.collection = None
            close_editor(self.table)
            self.model.set_entries([])
        self._read(list_id)

    def reload(self) -> None:
        if self.list_id is not None:
            self._read(self.list_id)

    def _read(self, list_id: int) -> None:
        try:
            collection = self.catalog.lists.get(list_id)
        except NotFound:
            self.collection = None
            close_editor(self.table)
            self.model.set_entries([])
            return
        keep = self.selected_film_ids()
        current = self.table.currentIndex()
        current_column = current.column() if current.isValid() else 1
        current_film = self.model.entries[current.row()].film_id if current.isValid() and (
            current.row() < len(self.model.entries)) else None
        another = self.collection is None  # a list newly shown: every field shows it
        self.collection = collection
        rows = {r.id: r for r in self.catalog.films.rows([i.film_id for i in collection.items])}
        close_editor(self.table)  # a note being written is saved, not left behind
        self.model.set_entries(entries_of(collection, rows))
        self._show_fields(collection, force=another)
        self.body.setCurrentWidget(self.table if collection.items else self.empty)
        self.hint.setVisible(len(collection.items) > 1)  # nothing to reorder yet
        self._select(keep, current_film, current_column)

    def _show_fields(self, c: CollectionRecord, *, force: bool) -> None:
        # a field being typed in keeps its text when some other change arrives
        for field, value in ((self.title, c.title), (self.curator, c.curator)):
            if force or not field.hasFocus() or field.text() == value:
                field.setText(value)
                field.setCursorPosition(0)
        if force or not self.introduction.hasFocus():
            self.introduction.setPlainText(c.introduction)
        self.state.setCurrentIndex(max(0, self.state.findData(c.state)))
        self.summary.setText(summary(c))

    def selected_film_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.entries[r].film_id for r in rows if r < len(self.model.entries)]

    def select_films(self, film_ids: list[int]) -> None:
        self._select(film_ids, film_ids[0] if film_ids else None, 1)

    def _select(self, film_ids: list[int], current: int | None, column: int) -> None:
        selection = self.table.selectionModel()
        rows = [r for r in (self.model.row_of(i) for i in film_ids) if r is not None]
        current_row = self.model.row_of(current) if current is not None else None
        if current_row is None and rows:
            current_row = rows[0]
        if current_row is None:
            return
        flags = QItemSelectionModel.SelectionFlag
        selection.setCurrentIndex(self.model.index(current_row, column), flags.NoUpdate)
        selection.clearSelection()
        for r in rows or [current_row]:
            selection.select(self.model.index(r, 0), flags.Select | flags.Rows)
        self.table.scrollTo(self.model.index(current_row, column))

    def _current_moved(self, current, _previous) -> None:  # noqa: ANN001
        if current.isValid() and current.row() < len(self.model.entries):
            self.entry_chosen.emit(self.model.entries[current.row()].film_id)

    def _double_clicked(self, index) -> None:  # noqa: ANN001
        if index.isValid() and index.column() != NOTE:
            self.film_opened.emit(self.model.entries[index.row()].film_id)

    def entry_menu(self) -> QMenu:
        """The context menu of the chosen entries."""
        menu = QMenu(self)
        chosen = self.selected_film_ids()
        if len(chosen) == 1:
            film_id = chosen[0]
            menu.addAction("Show in Films").triggered.connect(
                lambda: self.film_opened.emit(film_id))
            menu.addAction(self.note_action)
            menu.addSeparator()
        menu.addActions([self.move_up_action, self.move_down_action])
        menu.addSeparator()
        menu.addAction(self.remove_action)
        return menu

    def _entry_menu(self, pos) -> None:  # noqa: ANN001 - QPoint
        if self.model.entries:
            self.entry_menu().exec(self.table.viewport().mapToGlobal(pos))

    def edit_note(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            index = self.model.index(current.row(), NOTE)
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    # -- edits --------------------------------------------------------------------------
    def _commit(self, field: str, value: str) -> None:
        c = self.collection
        if c is None:
            return
        value = value.strip() if field != "introduction" else value.strip("\n ")
        if value == getattr(c, field):
            return
        list_id, version = c.id, c.version
        done = self._run(lambda: self.catalog.lists.update(list_id, version,
                                                                **{field: value}))
        if done is None:  # refused (an empty title, say): show what the archive holds
            self.reload()

    def reorder(self, film_ids: list[int]) -> None:
        if self.collection is None:
            return
        list_id, keep = self.collection.id, self.selected_film_ids()
        if self._run(lambda: self.catalog.lists.reorder(list_id, film_ids)):
            self.select_films(keep)

    def annotate(self, film_id: int, note: str) -> None:
        if self.collection is not None:
            list_id = self.collection.id
            self._run(lambda: self.catalog.lists.annotate(list_id, film_id, note))

    def move_selected(self, step: int) -> None:
        """Move the selected entries one place up (-1) or down (+1)."""
        chosen = self.selected_film_ids()
        order = self.model.order
        if not chosen:
            return
        rows = [order.index(i) for i in chosen]
        if (step < 0 and min(rows) == 0) or (step > 0 and max(rows) == len(order) - 1):
            return
        target = min(rows) - 1 if step < 0 else max(rows) + 2
        self.reorder(moved(order, chosen, target))

    def remove_selected(self) -> None:
        chosen = self.selected_film_ids()
        if self.collection is None or not chosen:
            return
        first = min(self.model.row_of(i) or 0 for i in chosen)
        list_id = self.collection.id
        if self._run(lambda: self.catalog.lists.remove_films(list_id, chosen)):
            entries = self.model.entries
            if entries:
                self.select_films([entries[min(first, len(entries) - 1)].film_id])

