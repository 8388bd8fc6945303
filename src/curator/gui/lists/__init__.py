"""Retrospective lists on the curator's desk: the list editor, the List menu, "Add to List"
in the film list, and films dropped on a list in the sidebar.

`install(window)` is the main window's extension hook. When a list is chosen in the
sidebar, the list editor takes the film list's place in the centre.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QMenu, QStackedWidget, QToolButton

from curator.catalog import Changes
from curator.gui.extension import MenuPlace
from curator.gui.lists.commands import ListCommands
from curator.gui.lists.editor import ListEditor
from curator.gui.lists.sidebar_drop import SidebarDrop
from curator.gui.menus import ActionKey
from curator.gui.models.sidebar import VIEW_ROLE, ListTable, View, ViewKind
from curator.gui.style import icon
from curator.model.enums import RecordKind

if TYPE_CHECKING:
    from curator.gui.extension import Desk


class ListDesk(QObject):
    """Everything lists add to one main window; the window keeps it as `window.lists`."""

    def __init__(self, window: Desk) -> None:
        super().__init__(window)
        self.window = window
        self.commands = ListCommands(window)
        self.editor = ListEditor(window.catalog, window.run_operation)
        self._place_editor()
        self.actions = self._actions()
        self._menus()
        self.drop = SidebarDrop(window.sidebar, self.commands.add_films)
        window.list_pane.films_view.setDragEnabled(True)
        window.list_pane.films_view.setDragDropMode(
            window.list_pane.films_view.DragDropMode.DragOnly)
        window.list_pane.films_view.setDefaultDropAction(Qt.DropAction.CopyAction)

        window.sidebar.view_chosen.connect(self._view_chosen)
        window.undo.changed.connect(self._changes_arrived)
        for table in (window.list_pane.films_view, window.list_pane.tables[ListTable.LISTS]):
            table.selectionModel().selectionChanged.connect(self.update_actions)
        self.editor.entry_chosen.connect(self._entry_chosen)
        self.editor.film_opened.connect(self._open_film)
        window.action_map[ActionKey.FIND].triggered.connect(self._find)
        self.update_actions()
        # the lists show in the sidebar from the start, ready for films to be dropped on them
        QTimer.singleShot(0, self._expand_lists)

    def _expand_lists(self) -> None:
        item = self.window.sidebar.tree.find(ViewKind.LISTS.key)
        if item is not None:
            self.window.sidebar.expand(item.index())

    # -- the editor in the centre --------------------------------------------------------
    def _place_editor(self) -> None:
        w = self.window
        self.centre = QStackedWidget(objectName="centreStack")
        w.centre.replaceWidget(w.centre.indexOf(w.list_pane), self.centre)
        self.centre.addWidget(w.list_pane)
        self.centre.addWidget(self.editor)
        w.list_pane.show()

    @property
    def editing(self) -> bool:
        return self.centre.currentWidget() is self.editor

    def _view_chosen(self, view: View) -> None:
        if view.kind == ViewKind.LIST and view.record_id is not None:
            self.editor.show_list(view.record_id)
            self.centre.setCurrentWidget(self.editor)
        else:
            self.centre.setCurrentWidget(self.window.list_pane)
        self.update_actions()
        self.window.update_actions()  # Delete now acts on the list's entries, or not

    def _changes_arrived(self, changes: Changes) -> None:
        if not self.editing:
            return
        touched = changes.touched
        if touched.lists or (touched.films & set(self.editor.model.order)):
            self.editor.reload()
        self.update_actions()

    def _entry_chosen(self, film_id: int) -> None:
        # The film's page and form follow the entry; the (hidden) film list stays as it is.
        self.window.detail.show_record(RecordKind.FILM, film_id)
        self.window.form.show_record(RecordKind.FILM, film_id)

    def _open_film(self, film_id: int) -> None:
        self.window.sidebar.select_view(ViewKind.FILMS.key)
        self.window.open_record(RecordKind.FILM, film_id)

    def _find(self) -> None:
        # Find searches the films: from a list, the film list comes back to be searched
        if self.editing:
            self.window.sidebar.select_view(ViewKind.FILMS.key)
            self.window.focus_search()

    # -- actions and menus --------------------------------------------------------------
    def _actions(self) -> dict[ActionKey, QAction]:
        c, w = self.commands, self.window

        def action(key: ActionKey, text: str, slot, tip: str, keys: str = "",  # noqa: ANN001
                   icon_name: str = "") -> QAction:
            a = QAction(text, w)
            a.setStatusTip(tip)
            a.setToolTip(tip)
            if keys:
                a.setShortcut(QKeySequence(keys))
            if icon_name:
                a.setIcon(icon(icon_name))
            a.triggered.connect(lambda _checked=False: slot())
            w.action_map[key] = a
            return a

        a = {
            ActionKey.NEW_LIST: action(ActionKey.NEW_LIST, "New List\u2026", c.new_list,
                               "Create a retrospective list", "Ctrl+Shift+L", "list"),
            ActionKey.NEW_LIST_FROM_SELECTION: action(
                ActionKey.NEW_LIST_FROM_SELECTION, "New List from Selection\u2026",
                c.new_list_from_selection, "Create a list of the chosen films"),
            ActionKey.SAVE_SEARCH_AS_LIST: action(
                ActionKey.SAVE_SEARCH_AS_LIST, "Save Search as List\u2026", c.save_search_as_list,
                "Create a list of every film the search and filter find"),
            ActionKey.EXPORT_LIST_SITE: action(
                ActionKey.EXPORT_LIST_SITE, "Export This List\u2026", self.export_list_site,
                "Export the list's page and its films to a folder of their own"),
            ActionKey.EXPORT_LIST_CSV: action(
                ActionKey.EXPORT_LIST_CSV, "Export List as CSV\u2026", c.export_csv,
                "Write the list as a spreadsheet"),
            ActionKey.EXPORT_PROGRAMME_NOTES: action(
                ActionKey.EXPORT_PROGRAMME_NOTES, "Export Programme Notes as PDF\u2026",
                c.export_programme_notes,
                "Lay the list out for print: introduction, and each film with still and note",
                "Ctrl+Shift+P"),
            ActionKey.PRINT_PROGRAMME_NOTES: action(
                ActionKey.PRINT_PROGRAMME_NOTES, "Print Programme Notes\u2026",
                c.print_programme_notes, "Print the list's programme notes", "Ctrl+P"),
            ActionKey.DELETE_LIST: action(ActionKey.DELETE_LIST, "Delete List", c.delete_list,
                                  "Delete the list (the films stay in the archive)", "",
                                  "delete"),
        }
        a[ActionKey.NEW_LIST].setIconText("New List")
        return a

    def export_list_site(self) -> None:
        """Export This List: the web export's selection of one list (its page and films)."""
        controller = getattr(self.window, "export_controller", None)
        if controller is None:
            self.window.show_error("This Curator has no web export.")
            return
        controller.export_list(self.commands.current_list_id())

    def _menus(self) -> None:
        w, a = self.window, self.actions
        menu = QMenu("&Lists", w)
        menu.setObjectName("listsMenu")
        menu.addActions([a[ActionKey.NEW_LIST], a[ActionKey.NEW_LIST_FROM_SELECTION],
                         a[ActionKey.SAVE_SEARCH_AS_LIST]])
        self.add_menu = menu.addMenu(icon("list"), "Add to List")
        self.add_menu.aboutToShow.connect(
            lambda: self.fill_add_menu(self.add_menu, w.list_pane.selected_film_ids()))
        menu.addSeparator()
        menu.addActions([self.editor.move_up_action, self.editor.move_down_action,
                         self.editor.remove_action])
        menu.addSeparator()
        menu.addActions([a[ActionKey.EXPORT_LIST_SITE], a[ActionKey.EXPORT_LIST_CSV],
                         a[ActionKey.EXPORT_PROGRAMME_NOTES], a[ActionKey.PRINT_PROGRAMME_NOTES]])
        menu.addSeparator()
        menu.addAction(a[ActionKey.DELETE_LIST])
        w.add_menu("lists", menu)
        w.add_to_menu(MenuPlace.FILE_NEW, a[ActionKey.NEW_LIST])
        w.toolbar.insertAction(w.action_map[ActionKey.DELETE], a[ActionKey.NEW_LIST])

        w.list_pane.context_menu_requested.connect(self._context_menu)
        w.sidebar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        w.sidebar.customContextMenuRequested.connect(self._sidebar_menu)

        # the Lists view offers its own New List button
        header = w.list_pane.findChild(QFrame, "listHeader")
        self.new_button = QToolButton(objectName="newListButton")
        self.new_button.setDefaultAction(a[ActionKey.NEW_LIST])
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if header is not None:
            header.layout().addWidget(self.new_button)

    def fill_add_menu(self, menu: QMenu, film_ids: list[int]) -> None:
        """One entry per list; a list that holds every chosen film says so."""
        menu.clear()
        lists = self.window.catalog.lists.all()
        chosen = set(film_ids)
        for c in lists:
            on = {i.film_id for i in c.items}
            text = c.title + ("  \u2014 already on it" if chosen and chosen <= on else "")
            entry = menu.addAction(icon("list"), text)
            entry.setEnabled(bool(chosen))
            entry.triggered.connect(
                lambda _c=False, list_id=c.id: self.commands.add_films(list_id, film_ids))
        if lists:
            menu.addSeparator()
        menu.addAction(self.actions[ActionKey.NEW_LIST_FROM_SELECTION])

    def _context_menu(self, menu: QMenu) -> None:
        pane, a = self.window.list_pane, self.actions
        if pane.table_name is ListTable.FILMS:
            ids = pane.selected_film_ids()
            menu.addSeparator()
            add = menu.addMenu(icon("list"), "Add to List")
            self.fill_add_menu(add, ids)
            add.setEnabled(bool(ids))
            menu.addAction(a[ActionKey.NEW_LIST_FROM_SELECTION])
            menu.addAction(a[ActionKey.SAVE_SEARCH_AS_LIST])
        elif pane.table_name is ListTable.LISTS:
            menu.addAction(a[ActionKey.NEW_LIST])
            if self.commands.current_list_id() is not None:
                menu.addSeparator()
                menu.addActions([a[ActionKey.EXPORT_LIST_CSV], a[ActionKey.EXPORT_PROGRAMME_NOTES],
                                 a[ActionKey.PRINT_PROGRAMME_NOTES]])
                menu.addSeparator()
                menu.addAction(a[ActionKey.DELETE_LIST])

    def _sidebar_menu(self, pos: QPoint) -> None:
        view = self.window.sidebar.indexAt(pos).data(VIEW_ROLE)
        if not isinstance(view, View) or view.kind not in (ViewKind.LISTS, ViewKind.LIST):
            return
        menu = QMenu(self.window)
        menu.addAction(self.actions[ActionKey.NEW_LIST])
        if view.kind == ViewKind.LIST and view.record_id is not None:
            list_id = view.record_id
            menu.addSeparator()
            menu.addAction("Export List as CSV\u2026").triggered.connect(
                lambda: self.commands.export_csv(list_id))
            menu.addAction("Export Programme Notes as PDF\u2026").triggered.connect(
                lambda: self.commands.export_programme_notes(list_id))
            menu.addAction("Print Programme Notes\u2026").triggered.connect(
                lambda: self.commands.print_programme_notes(list_id))
            menu.addSeparator()
            menu.addAction(icon("delete"), "Delete List").triggered.connect(
                lambda: self.commands.delete_list(list_id))
        menu.exec(self.window.sidebar.viewport().mapToGlobal(pos))

    def update_actions(self, *_args: object) -> None:
        pane, a = self.window.list_pane, self.actions
        films_shown = pane.table_name is ListTable.FILMS and not self.editing
        chosen = bool(pane.selected_film_ids())
        a[ActionKey.NEW_LIST_FROM_SELECTION].setEnabled(films_shown and chosen)
        a[ActionKey.SAVE_SEARCH_AS_LIST].setEnabled(films_shown)
        self.add_menu.setEnabled(films_shown and bool(pane.selected_film_ids()))
        has_list = self.commands.current_list_id() is not None
        for key in (ActionKey.EXPORT_LIST_CSV, ActionKey.EXPORT_PROGRAMME_NOTES,
                    ActionKey.PRINT_PROGRAMME_NOTES, ActionKey.DELETE_LIST):
            a[key].setEnabled(has_list)
        for action in (self.editor.move_up_action, self.editor.move_down_action,
                       self.editor.remove_action):
            action.setEnabled(self.editing)
        self.new_button.setVisible(pane.table_name is ListTable.LISTS)


def install(window: Desk) -> None:
    window.lists = ListDesk(window)
