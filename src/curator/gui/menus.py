"""The main window's actions, menus and toolbar, with the platform's standard keys."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu
from shiboken6 import isValid

from curator.gui.extension import MenuPlace
from curator.gui.models.sidebar import View, ViewKind
from curator.gui.style import icon

if TYPE_CHECKING:
    from curator.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


class ActionKey(StrEnum):
    """The desk's actions, by key (window.action_map[ActionKey.UNDO]); the Lists'
    extension adds its own here too, so a key is never a string spelt twice."""

    NEW_FILM = "new-film"
    NEW_ARCHIVE = "new-archive"
    OPEN_ARCHIVE = "open-archive"
    OPEN_TEAM = "open-team"
    QUIT = "quit"
    DELETE = "delete"
    MERGE = "merge"
    HISTORY = "history"
    FIND = "find"
    BACK_UP = "back-up"
    REVEAL = "reveal"
    SITE_SETTINGS = "site-settings"
    ABOUT = "about"
    UNDO = "undo"
    REDO = "redo"
    UNDO_BUTTON = "undo-button"
    REDO_BUTTON = "redo-button"
    SHOW_SIDEBAR = "show-sidebar"
    SHOW_DETAIL = "show-detail"
    SHOW_FORM = "show-form"
    FIT_PANES = "fit-panes"
    GO_FILMS = "go-films"
    GO_PEOPLE = "go-people"
    GO_FESTIVALS = "go-festivals"
    GO_LISTS = "go-lists"
    NEW_LIST = "new-list"
    NEW_LIST_FROM_SELECTION = "new-list-from-selection"
    SAVE_SEARCH_AS_LIST = "save-search-as-list"
    EXPORT_LIST_SITE = "export-list-site"
    EXPORT_LIST_CSV = "export-list-csv"
    EXPORT_PROGRAMME_NOTES = "export-programme-notes"
    PRINT_PROGRAMME_NOTES = "print-programme-notes"
    DELETE_LIST = "delete-list"
    EDIT_FILMS = "edit-films"
    FIND_REPLACE = "find-replace"
    SAVE_SEARCH = "save-search"


def standard_keys(*keys: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """Shortcuts: the platform's standard key first, then any extra ones, without repeats."""
    found: list[QKeySequence] = []
    for key in keys:
        sequences = (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                     else [QKeySequence(key)])
        found += [s for s in sequences if s not in found]
    return found


def _action(window: MainWindow, text: str, slot, icon_name: str = "",  # noqa: ANN001
            keys: tuple = (), tip: str = "") -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if keys:
        action.setShortcuts(standard_keys(*keys))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window: MainWindow) -> dict[ActionKey, QAction]:
    w = window
    a = {
        ActionKey.NEW_FILM: _action(w, "New Film", w.new_film, "new-film", (Key.New,),
                            "Add a draft film and open it in the form"),
        ActionKey.NEW_ARCHIVE: _action(w, "New Archive\u2026", lambda: w.open_archive(
            _ask_new(w), create=True), "new-archive", ("Ctrl+Shift+N",),
            "Create an empty archive folder"),
        ActionKey.OPEN_ARCHIVE: _action(
            w, "Open Archive\u2026", lambda: w.open_archive(_ask_open(w)), "open-archive",
            (Key.Open,), "Open another archive folder"),
        ActionKey.OPEN_TEAM: _action(
            w, "Open Team Catalogue\u2026", lambda: w.open_archive(_ask_team(w)),
            "open-archive", (), "Open a catalogue on the team's server (a .curator-team file)"),
        ActionKey.QUIT: _action(w, "Quit", w.close, "", (Key.Quit, "Ctrl+Q")),
        ActionKey.DELETE: _action(w, "Delete", w.delete_selected, "delete", (Key.Delete,),
                          "Delete the selected records (undoable)"),
        ActionKey.MERGE: _action(w, "Merge\u2026", w.merge_selected, "merge", ("Ctrl+M",),
                         "Merge the two selected films, or people, into one, side by side"),
        ActionKey.HISTORY: _action(w, "History\u2026", w.show_history, "", ("Ctrl+Shift+H",),
                           "Who changed the record on show, when, and what they changed"),
        ActionKey.FIND: _action(w, "Find", w.focus_search, "search", (Key.Find,),
                        "Search the list"),
        ActionKey.BACK_UP: _action(w, "Back Up Now", w.back_up, "", (),
                           "Copy the catalogue into the archive's backups folder"),
        ActionKey.REVEAL: _action(w, "Show Archive Folder", w.reveal_archive, "open-archive", (),
                          "Open the archive folder in the file manager"),
        ActionKey.SITE_SETTINGS: _action(
            w, "Site Settings\u2026", lambda: _site_settings(w), "", (),
            "The exported site's title, address, language, wording, parts and logo"),
        ActionKey.ABOUT: _action(w, "About Curator", w.show_about, "about", ()),
        ActionKey.FIT_PANES: _action(
            w, "Fit Panes to Window", w.fit_panes, "", ("Ctrl+Alt+0",),
            "Forget the dragged dividers and column widths: the list shows its columns "
            "whole, the form takes the rest"),
    }
    a[ActionKey.NEW_FILM].setIconText("New Film")
    undo = w.undo.stack.createUndoAction(w, "Undo")
    undo.setShortcuts(standard_keys(Key.Undo))
    undo.setIcon(icon("undo"))
    redo = w.undo.stack.createRedoAction(w, "Redo")
    redo.setShortcuts(standard_keys(Key.Redo, "Ctrl+Shift+Z"))
    redo.setIcon(icon("redo"))
    a[ActionKey.UNDO], a[ActionKey.REDO] = undo, redo
    # The toolbar's buttons keep one short name, so the toolbar never reflows as the
    # step's name changes; the full name is in their tooltip and in the Edit menu.
    for key, named, text in ((ActionKey.UNDO_BUTTON, undo, "Undo"),
                             (ActionKey.REDO_BUTTON, redo, "Redo")):
        a[key] = StepButton(icon(text.lower()), text, named)
    # Delete acts on the list only, so the key still edits text in the form.
    a[ActionKey.DELETE].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    w.list_pane.addAction(a[ActionKey.DELETE])
    # Merge joins two films or two people of the list (its context menu adds it there)
    w.list_pane.context_actions = [a[ActionKey.DELETE], a[ActionKey.HISTORY]]
    for name, pane, title, key in (
            (ActionKey.SHOW_SIDEBAR, w.sidebar, "Sidebar", "Ctrl+Alt+1"),
            (ActionKey.SHOW_DETAIL, w.detail, "Page Preview", "Ctrl+Alt+2"),
            (ActionKey.SHOW_FORM, w.form, "Form", "Ctrl+Alt+3")):
        toggle = QAction(title, w, checkable=True, checked=True)
        toggle.setShortcut(QKeySequence(key))
        toggle.toggled.connect(pane.setVisible)
        a[name] = toggle
    for n, (name, kind, title) in enumerate((
            (ActionKey.GO_FILMS, ViewKind.FILMS, "Films"),
            (ActionKey.GO_PEOPLE, ViewKind.PEOPLE, "People"),
            (ActionKey.GO_FESTIVALS, ViewKind.FESTIVALS, "Festivals"),
            (ActionKey.GO_LISTS, ViewKind.LISTS, "Lists")), start=1):
        go = QAction(title, w)
        go.setShortcut(QKeySequence(f"Ctrl+{n}"))
        go.triggered.connect(lambda _c=False, k=kind: w.sidebar.select_view(View(k).key))
        a[name] = go
    return a


def build_menus(window: MainWindow) -> tuple[dict[str, QMenu], dict[MenuPlace, QAction]]:
    """The menus, and for each named place the separator that ends it (entries go before)."""
    w, a = window, window.action_map
    bar = w.menuBar()
    menus = {name: QMenu(title, w) for name, title in (
        ("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("archive", "&Archive"),
        ("help", "&Help"))}
    recent = QMenu("Open Recent", w)
    recent.setObjectName("recentMenu")
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    places: dict[MenuPlace, QAction] = {}
    f = menus["file"]
    f.addAction(a[ActionKey.NEW_FILM])
    places[MenuPlace.FILE_NEW] = f.addSeparator()
    f.addActions([a[ActionKey.NEW_ARCHIVE], a[ActionKey.OPEN_ARCHIVE], a[ActionKey.OPEN_TEAM]])
    f.addMenu(recent)
    f.addSeparator()
    places[MenuPlace.FILE_IMPORT] = f.addSeparator()  # an empty group: Qt shows one line
    f.addAction(a[ActionKey.QUIT])
    e = menus["edit"]
    e.addActions([a[ActionKey.UNDO], a[ActionKey.REDO]])
    e.addSeparator()
    e.addActions([a[ActionKey.DELETE], a[ActionKey.MERGE], a[ActionKey.HISTORY]])
    places[MenuPlace.EDIT_RECORDS] = e.addSeparator()
    e.addAction(a[ActionKey.FIND])
    v = menus["view"]
    columns = v.addMenu("Columns")
    columns.addActions(w.list_pane.column_actions)
    v.addSeparator()
    v.addActions([a[ActionKey.GO_FILMS], a[ActionKey.GO_PEOPLE], a[ActionKey.GO_FESTIVALS],
                  a[ActionKey.GO_LISTS]])
    v.addSeparator()
    v.addActions([a[ActionKey.SHOW_SIDEBAR], a[ActionKey.SHOW_DETAIL], a[ActionKey.SHOW_FORM],
                  a[ActionKey.FIT_PANES]])
    menus["archive"].addActions([a[ActionKey.BACK_UP], a[ActionKey.REVEAL]])
    menus["archive"].addSeparator()
    places[MenuPlace.ARCHIVE_EXPORT] = menus["archive"].addSeparator()
    places[MenuPlace.ARCHIVE_CLEAN_UP] = menus["archive"].addSeparator()
    menus["archive"].addAction(a[ActionKey.SITE_SETTINGS])  # how the exported site reads
    menus["help"].addAction(a[ActionKey.ABOUT])
    for name in ("file", "edit", "view", "archive", "help"):
        bar.addMenu(menus[name])
    w.toolbar.addActions([a[ActionKey.NEW_FILM], a[ActionKey.DELETE], a[ActionKey.MERGE]])
    w.toolbar.addSeparator()
    w.toolbar.addActions([a[ActionKey.UNDO_BUTTON], a[ActionKey.REDO_BUTTON]])
    return menus, places


class StepButton(QAction):
    """A toolbar button that does what an Undo or Redo action does, under a fixed name."""

    def __init__(self, button_icon: QIcon, text: str, named: QAction) -> None:
        super().__init__(button_icon, text, named.parent())
        self.named = named
        named.changed.connect(self.follow)
        self.triggered.connect(named.trigger)
        self.follow()

    def follow(self) -> None:
        if not isValid(self.named):
            return  # the window is closing
        self.setEnabled(self.named.isEnabled())
        self.setToolTip(_tip(self.named))


def _tip(action: QAction) -> str:
    """An undo or redo action's name with its key: "Undo Change year of Assa (Ctrl+Z)"."""
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{action.text()} ({keys})" if keys else action.text()


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    from curator.gui.app import recent_archives

    menu.clear()
    current = window.catalog.archive.location
    for path in recent_archives():
        if path == current:
            continue
        action = menu.addAction(path.name.removesuffix(".curator-team").removesuffix(".curator"))
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.triggered.connect(lambda _c=False, p=path: window.open_archive(p))
    if menu.isEmpty():
        menu.addAction("No other archives yet").setEnabled(False)


def _site_settings(window: MainWindow) -> None:
    from curator.gui.dialogs.site_settings import edit_site_settings

    if edit_site_settings(window.catalog, window):
        window.statusBar().showMessage("Site settings saved; the next export uses them.", 5000)


def _ask_new(window: MainWindow) -> Path | None:
    from curator.gui.dialogs.archive import choose_new_archive

    return choose_new_archive(window)


def _ask_team(window: MainWindow) -> Path | None:
    from curator.gui.dialogs.archive import choose_team_file

    return choose_team_file(window)


def _ask_open(window: MainWindow) -> Path | None:
    from curator.gui.dialogs.archive import choose_archive

    return choose_archive(window)
