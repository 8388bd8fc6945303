"""Archive › Film Fields…: the fields the archive adds to its films ("Print source",
"Shelf mark"), listed with their kind and how many films hold a value; added, renamed
(F2 or double-click) and removed (Delete) in place, each one step Undo takes back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator import CuratorError
from curator.catalog import Changes
from curator.catalog.field_kinds import KIND_NAMES, KINDS
from curator.gui.extension import Desk, MenuPlace
from curator.gui.forms.fields import ProblemLabel

ID_ROLE = Qt.ItemDataRole.UserRole


class FilmFieldsDialog(QDialog):
    """The archive's own film fields, edited in place."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("filmFieldsDialog")
        self.setWindowTitle("Film Fields")
        self.resize(460, 420)
        layout = QVBoxLayout(self)
        intro = QLabel("Fields your archive keeps for every film, shown in the film form "
                       "below the built-in ones. F2 renames the selected field, Delete "
                       "removes it and what the films hold in it (Undo brings both back).")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setObjectName("filmFields")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(["Field", "Kind", "Films"])
        self.list.header().setStretchLastSection(False)
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # only the name is edited (F2, or a double-click anywhere on the row)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.itemDoubleClicked.connect(lambda item, _col: self.list.editItem(item, 0))
        self.list.installEventFilter(self)
        self.list.itemChanged.connect(self._renamed)
        layout.addWidget(self.list, 1)
        self.empty = QLabel("No fields yet \u2014 add one below, e.g. \u201cPrint source\u201d "
                            "or \u201cShelf mark\u201d.")
        self.empty.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setObjectName("newFieldName")
        self.new_name.setPlaceholderText("New field, e.g. Print source")
        self.new_name.returnPressed.connect(self.add)
        row.addWidget(self.new_name, 1)
        self.kind = QComboBox()
        self.kind.setObjectName("newFieldKind")
        for kind in KINDS:
            self.kind.addItem(KIND_NAMES[kind].capitalize(), kind)
        row.addWidget(self.kind)
        self.add_button = QPushButton("Add")
        self.add_button.setObjectName("addField")
        self.add_button.clicked.connect(self.add)
        self.add_button.setAutoDefault(False)  # Return in the name adds once, by itself
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.problem = ProblemLabel()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox()
        self.remove_button = buttons.addButton("Remove", QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.setObjectName("removeField")
        self.remove_button.clicked.connect(self.remove)
        self.remove_button.setAutoDefault(False)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        close.setAutoDefault(False)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(lambda *_items: self._enable())
        desk.undo.changed.connect(self._changed)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.list and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and self.list.state() != QAbstractItemView.State.EditingState:
            if event.key() == Qt.Key.Key_F2:
                self._rename_current()
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove()
                return True
        return super().eventFilter(watched, event)

    def refresh(self, select: int | None = None) -> None:
        current = self.list.currentItem()
        keep = select if select is not None else (current.data(0, ID_ROLE) if current
                                                   else None)
        self.list.blockSignals(True)
        self.list.clear()
        for record in self.desk.catalog.fields.all():
            item = QTreeWidgetItem([record.name, record.kind_name.capitalize(),
                                    f"{record.films:,}"])
            item.setData(0, ID_ROLE, record.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
            if record.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.list.resizeColumnToContents(1)
        self.list.resizeColumnToContents(2)
        self.empty.setVisible(self.list.topLevelItemCount() == 0)
        self._enable()

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.list.currentItem() is not None)

    def _changed(self, changes: Changes) -> None:
        if changes.touches("film_field", "film_field_value"):
            self.refresh()

    def _run(self, operation: Callable[[], Changes]) -> Changes | None:
        try:
            changes = self.desk.undo.run(operation)
        except CuratorError as exc:
            self.problem.show_problem(str(exc))
            return None
        self.problem.show_problem("")
        return changes

    def add(self) -> None:
        name = self.new_name.text()
        kind = self.kind.currentData()
        changes = self._run(lambda: self.desk.catalog.fields.add(name, kind))
        if changes is not None:
            self.new_name.clear()
            self.refresh(select=changes.created_id)
            self.desk.show_message(f"Added the field \u201c{name.strip()}\u201d to every "
                                   "film's form.")

    def _rename_current(self) -> None:
        if (item := self.list.currentItem()) is not None:
            self.list.editItem(item, 0)

    def _renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        field_id = item.data(0, ID_ROLE)
        name = item.text(0)
        done = self._run(lambda: self.desk.catalog.fields.rename(field_id, name))
        if done is None:
            self.refresh()  # the name as it still is

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        field_id, name = item.data(0, ID_ROLE), item.text(0)
        if self._run(lambda: self.desk.catalog.fields.remove(field_id)) is not None:
            self.desk.show_message(f"Removed the field \u201c{name}\u201d; Undo brings it "
                                   "back with its values.")


class FilmFields:
    """The Archive menu's Film Fields…, and its dialog (one per desk)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.dialog: FilmFieldsDialog | None = None
        self.action = QAction("Film Fields\u2026", desk)  # type: ignore[arg-type]
        self.action.setObjectName("filmFields")
        self.action.setStatusTip("The fields your archive adds to its films, e.g. Print "
                                 "source")
        self.action.triggered.connect(lambda _checked=False: self.show())
        desk.add_to_menu(MenuPlace.ARCHIVE_CLEAN_UP, self.action)

    def show(self) -> FilmFieldsDialog:
        if self.dialog is None:
            self.dialog = FilmFieldsDialog(self.desk, self.desk)  # type: ignore[arg-type]
        self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog


def install(desk: Desk) -> FilmFields:
    desk.film_fields = FilmFields(desk)  # type: ignore[attr-defined]
    return desk.film_fields  # type: ignore[attr-defined]
