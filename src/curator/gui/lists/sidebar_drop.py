"""Dropping films on a list in the sidebar adds them to it.

The sidebar's tree knows nothing of drops: this filter on its viewport accepts
films over a list's row, marks that row while the films hover, and hands the
drop to the list commands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QTreeView

from curator.gui.models.film_drag import FILM_IDS_MIME, film_ids_from
from curator.gui.models.sidebar import VIEW_ROLE, View, ViewKind
from curator.gui.style import colours


class SidebarDrop(QObject):
    def __init__(self, sidebar: QTreeView, add: Callable[[int, list[int]], object]) -> None:
        super().__init__(sidebar)
        self.sidebar = sidebar
        self._add = add
        self._marked: QPersistentModelIndex | None = None
        sidebar.setAcceptDrops(True)
        sidebar.viewport().setAcceptDrops(True)
        sidebar.viewport().installEventFilter(self)

    def list_at(self, event: QDragMoveEvent | QDropEvent) -> int | None:
        """The list under the pointer, if any."""
        index = self.sidebar.indexAt(event.position().toPoint())
        view = index.data(VIEW_ROLE) if index.isValid() else None
        return view.record_id if isinstance(view, View) and view.kind == ViewKind.LIST else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.DragEnter:
            if event.mimeData().hasFormat(FILM_IDS_MIME):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                return True
            return False
        if kind == QEvent.Type.DragMove and event.mimeData().hasFormat(FILM_IDS_MIME):
            target = self.list_at(event)
            self._mark(self.sidebar.indexAt(event.position().toPoint()) if target else None)
            if target is None:
                event.ignore()
            else:
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
            return True
        if kind == QEvent.Type.DragLeave:
            self._mark(None)
            return False
        if kind == QEvent.Type.Drop and event.mimeData().hasFormat(FILM_IDS_MIME):
            self._mark(None)
            target = self.list_at(event)
            ids = film_ids_from(event.mimeData())
            if target is None or not ids:
                event.ignore()
                return True
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._add(target, ids)
            return True
        return False

    def _mark(self, index) -> None:  # noqa: ANN001 - QModelIndex or None
        """Shade the list the films would go to (both columns of its row)."""
        model = self.sidebar.model()
        if self._marked is not None and self._marked.isValid():
            row, parent = self._marked.row(), self._marked.parent()
            for column in range(model.columnCount(parent)):
                model.setData(model.index(row, column, parent), None,
                              Qt.ItemDataRole.BackgroundRole)
        self._marked = None
        if index is not None and index.isValid():
            shade = QColor(colours()["accent"])
            shade.setAlpha(60)
            for column in range(model.columnCount()):
                model.setData(index.siblingAtColumn(column), QBrush(shade),
                              Qt.ItemDataRole.BackgroundRole)
            self._marked = QPersistentModelIndex(index)
