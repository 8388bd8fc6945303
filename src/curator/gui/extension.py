"""What an extension of the desk (import, export, stills, lists) may use, and where its
menu entries go.

An extension is a module with `install(desk: Desk)`, listed in main_window.EXTENSIONS.
`Desk` is the part of the main window it may use; anything else is the window's own.
Menu entries go to a named place (`MenuPlace`), never to "before the last separator",
so a new entry in a menu moves nobody else's.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu, QToolBar

    from curator.catalog import Catalog, Changes
    from curator.gui.forms import FormPane
    from curator.gui.menus import ActionKey
    from curator.gui.panes.detail_pane import DetailPane
    from curator.gui.panes.list_pane import ListPane
    from curator.gui.panes.pane_fit import PaneFit
    from curator.gui.panes.sidebar import Sidebar
    from curator.gui.undo import CatalogUndo
    from curator.gui.workers import Task, TaskRunner
    from curator.model.enums import RecordKind


class MenuPlace(StrEnum):
    """A named place in the menus, where extensions add their entries (in install order).

    Each place is a group of its own, kept apart from its neighbours by separators.
    """

    FILE_NEW = "file-new"  # after New Film: New List...
    FILE_IMPORT = "file-import"  # after the archives, before Quit
    EDIT_RECORDS = "edit-records"  # after Delete and Merge People
    ARCHIVE_EXPORT = "archive-export"  # after Back Up and the folder
    ARCHIVE_CLEAN_UP = "archive-clean-up"  # after the exports: Find Duplicates...


# Which menu (by its key in `menus`) holds each place.
MENU_OF_PLACE = {
    MenuPlace.FILE_NEW: "file", MenuPlace.FILE_IMPORT: "file",
    MenuPlace.EDIT_RECORDS: "edit", MenuPlace.ARCHIVE_EXPORT: "archive",
    MenuPlace.ARCHIVE_CLEAN_UP: "archive",
}


class Desk(Protocol):
    """The main window as an extension sees it."""

    catalog: Catalog
    undo: CatalogUndo
    tasks: TaskRunner
    toolbar: QToolBar
    sidebar: Sidebar
    list_pane: ListPane
    detail: DetailPane
    form: FormPane
    panes: PaneFit  # how the sidebar, list and form share the window's width
    menus: dict[str, QMenu]
    action_map: dict[ActionKey, QAction]
    # What the extensions provide, for each other and for the tests (None: not installed).
    lists: Any
    export_controller: Any
    import_action: QAction | None

    def add_to_menu(self, place: MenuPlace, *actions: QAction) -> None: ...
    def add_menu(self, key: str, menu: QMenu) -> None: ...
    def open_record(self, kind: RecordKind, record_id: int) -> None: ...
    def show_error(self, message: str) -> None: ...
    def show_message(self, message: str) -> None: ...
    def run_operation(self, operation: Callable[[], Changes]) -> Changes | None: ...
    def run_task(self, task: Task) -> Task: ...
    def focus_search(self) -> None: ...
    def update_actions(self) -> None: ...


Install = Callable[[Desk], object]
