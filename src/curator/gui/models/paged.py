"""A table model that holds one page of rows at a time and fetches others when they are shown.

The row count is the query's total, so the scroll bar is right from the start; a
row is only built when a view asks for it, one page of rows per catalog query
(Anki's browser model). Sorting and filtering are new queries, never Python sorts.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a row


@dataclass(frozen=True)
class Column:
    key: str  # the settings name, and the catalog's sort key where sorting is offered
    title: str
    text: Callable[[Any], str]
    align_right: bool = False
    sortable: bool = True
    width: int = 120  # a sensible first width in pixels, before the user resizes it
    shown: bool = True  # shown until the user chooses otherwise


class PagedTableModel(QAbstractTableModel):
    """Rows come from `fetch(offset, limit, count)`; each has an `id`."""

    PAGE = 200
    KEPT_PAGES = 200  # built rows kept; older pages are built again when shown again

    def __init__(self, columns: list[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._total = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()

    # -- what subclasses provide --------------------------------------------------------
    def fetch(self, offset: int, limit: int, count: bool) -> tuple[int, list[Any]]:
        raise NotImplementedError

    def locate(self, record_id: int) -> int | None:
        """The row of a record that is not on a loaded page (None: not in this list)."""
        return None

    # -- loading ------------------------------------------------------------------------
    def reload(self) -> None:
        """Run the query again from the first page (a query that fails changes nothing)."""
        total, first = self.fetch(0, self.PAGE, True)
        self.beginResetModel()
        self._pages.clear()
        self._total = total
        self._pages[0] = first
        self.endResetModel()

    def refresh_rows(self, ids: Iterable[int]) -> None:
        """Build the rows of these records again where they are loaded (edits in place)."""
        wanted = set(ids)
        for page, rows in list(self._pages.items()):
            if any(r.id in wanted for r in rows):
                _, fresh = self.fetch(page * self.PAGE, self.PAGE, False)
                self._pages[page] = fresh
                first = page * self.PAGE
                last = min(first + self.PAGE, self._total) - 1
                if last >= first:
                    self.dataChanged.emit(self.index(first, 0),
                                          self.index(last, self.columnCount() - 1))

    def row(self, row: int) -> Any | None:
        if not 0 <= row < self._total:
            return None
        page = row // self.PAGE
        if page in self._pages:
            self._pages.move_to_end(page)
        else:
            self._pages[page] = self.fetch(page * self.PAGE, self.PAGE, False)[1]
            while len(self._pages) > self.KEPT_PAGES:
                self._pages.popitem(last=False)
        rows = self._pages[page]
        offset = row - page * self.PAGE
        return rows[offset] if offset < len(rows) else None

    def id_at(self, row: int) -> int | None:
        r = self.row(row)
        return r.id if r is not None else None

    def row_of(self, record_id: int, *, anywhere: bool = True) -> int | None:
        """The row of a record; `anywhere=False` looks only among the rows already built."""
        for page, rows in self._pages.items():
            for n, r in enumerate(rows):
                if r.id == record_id:
                    return page * self.PAGE + n
        return self.locate(record_id) if anywhere else None

    @property
    def total(self) -> int:
        return self._total

    # -- Qt -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int((Qt.AlignmentFlag.AlignRight if column.align_right
                            else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.columns):
            return None
        record = self.row(index.row())
        if record is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if column.align_right
                        else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return record.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
