"""The films of one retrospective list, in order, as a table that reorders by dragging.

The model never changes the list itself: a drop, a new note or a move is asked
for by signal, the editor runs it through the undo stack, and the model is
then read again from the catalog.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPalette

from curator.catalog import wording
from curator.catalog.records import CollectionRecord, FilmRow

Index = QModelIndex | QPersistentModelIndex
ENTRIES_MIME = "application/x-curator-list-entries"
FILM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def running_time(minutes: int) -> str:
    """90 -> "1 h 30 min"; 0 -> ""."""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


@dataclass(frozen=True)
class Entry:
    film_id: int
    title: str
    country_year: str
    directors: str
    runtime: int | None
    note: str


def entries_of(collection: CollectionRecord, rows: dict[int, FilmRow]) -> list[Entry]:
    out = []
    for item in collection.items:
        row = rows.get(item.film_id)
        countries = [row.countries] if row else []  # already "A / B"
        out.append(Entry(item.film_id, item.title, wording.country_year(countries, item.year),
                         row.directors if row else "", item.runtime, item.note))
    return out


def moved(order: list[int], moving: list[int], before_row: int) -> list[int]:
    """The order with `moving` (in their current order) put before the row `before_row`."""
    block = [i for i in order if i in set(moving)]
    head = [i for i in order[:before_row] if i not in set(moving)]
    tail = [i for i in order[before_row:] if i not in set(moving)]
    return head + block + tail


COLUMNS = ["#", "Title", "Country, Year", "Director", "Runtime", "Note"]
NOTE = COLUMNS.index("Note")
RIGHT = {0, COLUMNS.index("Runtime")}


class ListEntriesModel(QAbstractTableModel):
    reorder_requested = Signal(list)  # film ids in their new order
    note_edited = Signal(int, str)  # film id, the new note

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[Entry] = []

    def set_entries(self, entries: list[Entry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    @property
    def order(self) -> list[int]:
        return [e.film_id for e in self.entries]

    def row_of(self, film_id: int) -> int | None:
        return next((n for n, e in enumerate(self.entries) if e.film_id == film_id), None)

    # -- Qt -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if section in RIGHT
                        else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == NOTE and not e.note and role == Qt.ItemDataRole.DisplayRole:
                return "Add a note\u2026"
            return (str(index.row() + 1), e.title, e.country_year, e.directors,
                    f"{e.runtime} min" if e.runtime else "", e.note)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NOTE:
                return e.note or "Double-click to write the programmer's note for this film."
            return e.title if column == 1 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if column in RIGHT
                        else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (column == 0 or (
                column == NOTE and not e.note)):
            return QPalette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.FontRole and column == NOTE and e.note:
            font = QFont()
            font.setItalic(True)
            return font
        if role == FILM_ID_ROLE:
            return e.film_id
        return None

    def setData(self, index: Index, value: Any,  # noqa: N802 - Qt override
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        entry = self.entries[index.row()]
        note = str(value or "").strip()
        if note != entry.note:
            self.note_edited.emit(entry.film_id, note)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        # entries take no drop "on" them: a dragged entry goes between two, as the line shows
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDragEnabled)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == NOTE else flags

    # -- reordering by dragging ---------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [ENTRIES_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt override
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data = QMimeData()
        data.setData(ENTRIES_MIME, json.dumps([self.entries[r].film_id for r in rows]).encode())
        return data

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                        column: int, parent: Index) -> bool:
        return data.hasFormat(ENTRIES_MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int,  # noqa: N802
                     column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            dragged = json.loads(bytes(data.data(ENTRIES_MIME).data()).decode())
        except ValueError:
            return False
        order = self.order
        dragged = [i for i in dragged if i in set(order)]
        if row < 0:  # dropped on a row rather than between two: before it, or at the end
            row = parent.row() if parent.isValid() else len(order)
        new = moved(order, dragged, row)
        if dragged and new != order:
            self.reorder_requested.emit(new)
        # False: the view must not remove the dragged rows; the reload puts them in place
        return False

    def removeRows(self, row: int, count: int,  # noqa: N802 - Qt override
                   parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return False
