"""The sidebar: the archive's views (films, people, festivals, lists, saved searches)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTreeView, QWidget

from curator.catalog import Catalog
from curator.gui.models.sidebar import VIEW_ROLE, SidebarModel, View, ViewKind

MAX_WIDTH = 400


class Sidebar(QTreeView):
    view_chosen = Signal(object)  # View
    rename_requested = Signal(int, str)  # a saved search's id and the name typed for it
    removal_requested = Signal(int)  # Delete on one of the archive's saved searches
    menu_requested = Signal(QMenu, object)  # a context menu for a View, before it shows

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.tree = SidebarModel(catalog, self, build=False)
        self.setModel(self.tree)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # F2 (or a slow second click) renames a saved search; nothing else is editable
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.itemChanged.connect(self._item_changed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        head = self.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setMinimumWidth(200)
        self._fit = QTimer(self, singleShot=True, interval=0)
        self._fit.timeout.connect(self._fit_width)
        self.expanded.connect(lambda _index: self._fit.start())
        self.selectionModel().currentChanged.connect(self._moved)
        self.tree.attention_shown.connect(self.fit_width)
        # Built as the event loop starts, before the first paint; the films needing
        # attention are counted by a scan of every film, so the window asks for those
        # counts (count_attention) just after it first paints.
        QTimer.singleShot(0, lambda: self._first_build(attention=False))

    def _first_build(self, *, attention: bool = True) -> None:
        if self.tree.rowCount():
            return  # already built (a change arrived first)
        self.selectionModel().blockSignals(True)  # the list already shows the films
        self.tree.rebuild(attention=attention)
        self._expand_defaults()
        self.select_view(ViewKind.FILMS.key)
        self.selectionModel().blockSignals(False)
        # at once, not once the tree has laid out: the desk's panes share the window's
        # width by the sidebar's, before the first paint
        self.executeDelayedItemsLayout()
        self._fit_width()

    def _expand_defaults(self) -> None:
        for key in (ViewKind.FESTIVALS.key,):
            item = self.tree.find(key)
            if item is not None:
                self.expandRecursively(item.index(), 2)
        self.expand(self.tree.index(self.tree.rowCount() - 1, 0))  # needs attention

    def count_attention(self) -> None:
        """Fill in the counts of the "Needs attention" views, if not read yet: read aside,
        shown (and the width fitted to them) when they come."""
        self.tree.count_attention_aside()

    def fit_width(self) -> None:
        self._fit.start()  # once the tree has laid out what it shows

    def _fit_width(self) -> None:
        """Never narrower than its longest name beside its largest count: a count that
        grows (9,999 to 10,000) must not cut a section's name short."""
        names = self.sizeHintForColumn(0)
        counts = self.sizeHintForColumn(1)
        bar = self.verticalScrollBar()
        scroll = bar.sizeHint().width() if bar.isVisible() else 0
        needed = names + counts + 2 * self.frameWidth() + scroll + 8
        # a name longer than the cap (its tooltip has it whole) must not squeeze the list
        self.setMinimumWidth(min(max(200, needed), MAX_WIDTH))

    @property
    def current_view(self) -> View | None:
        view = self.currentIndex().data(VIEW_ROLE)
        return view if isinstance(view, View) else None

    def select_view(self, key: str) -> bool:
        if not self.tree.rowCount():
            self._first_build()
        item = self.tree.find(key)
        if item is None:
            return False
        self.setCurrentIndex(item.index())
        return True

    def rebuild(self) -> None:
        """Read the tree and counts again, keeping the current view and what is open."""
        if not self.tree.rowCount():
            self._first_build()
            return
        current = self.current_view
        expanded = set()
        pending = [self.tree.invisibleRootItem()]
        while pending:
            item = pending.pop()
            for r in range(item.rowCount()):
                child = item.child(r, 0)
                if self.isExpanded(child.index()):
                    view = child.data(VIEW_ROLE)
                    expanded.add(view.key if isinstance(view, View) else child.text())
                pending.append(child)
        self.selectionModel().blockSignals(True)
        self.tree.rebuild()
        pending = [self.tree.invisibleRootItem()]
        while pending:
            item = pending.pop()
            for r in range(item.rowCount()):
                child = item.child(r, 0)
                view = child.data(VIEW_ROLE)
                if (view.key if isinstance(view, View) else child.text()) in expanded:
                    self.expand(child.index())
                pending.append(child)
        if current is not None and not self.select_view(current.key):
            self.selectionModel().blockSignals(False)
            self.select_view(ViewKind.FILMS.key)
        self.selectionModel().blockSignals(False)
        # at once, not once the tree has laid out: the desk's panes share the window's
        # width by the sidebar's, before the first paint
        self.executeDelayedItemsLayout()
        self._fit_width()

    def _removes(self, event: QKeyEvent) -> bool:
        """Whether a key removes the current saved search (Delete and Backspace do)."""
        view = self.current_view
        return (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and view is not None and view.kind == ViewKind.SAVED
                and self.state() != QAbstractItemView.State.EditingState)

    def event(self, event: QEvent) -> bool:
        # Delete on a saved search removes it, rather than the window's Delete removing
        # the films it lists
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and self._removes(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        view = self.current_view
        if self._removes(event) and view is not None and view.record_id is not None:
            self.removal_requested.emit(view.record_id)
            return
        super().keyPressEvent(event)

    def _item_changed(self, item: QStandardItem) -> None:
        view = item.data(VIEW_ROLE)
        if (item.column() == 0 and isinstance(view, View) and view.kind == ViewKind.SAVED
                and view.record_id is not None and item.text() != view.title):
            name = item.text()
            # the name shown stays the saved one until the catalogue has taken the new one
            item.setText(view.title)
            # after the editor has closed: renaming rebuilds the tree this item is in
            QTimer.singleShot(0, lambda: self.rename_requested.emit(view.record_id, name))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        view = index.data(VIEW_ROLE)
        if not isinstance(view, View):
            return
        self.setCurrentIndex(index.siblingAtColumn(0))
        menu = QMenu(self)
        self.menu_requested.emit(menu, view)
        if not menu.isEmpty():
            menu.popup(self.viewport().mapToGlobal(pos))
        self.last_menu = menu  # for the tests, which choose from it

    def _moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        view = current.data(VIEW_ROLE)
        if isinstance(view, View):
            self.view_chosen.emit(view)
