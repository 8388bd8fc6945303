"""The main window's actions, menus and toolbar, with the platform's standard keys."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu
from shiboken6 import isValid

from curator.gui.style import icon

if TYPE_CHECKING:
    from curator.gui.main_window import MainWindow

Key = QKeySequence.StandardKey


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


def build_actions(window: MainWindow) -> dict[str, QAction]:
    w = window
    a = {
        "new-film": _action(w, "New Film", w.new_film, "new-film", (Key.New,),
                            "Add a draft film and open it in the form"),
        "new-archive": _action(w, "New Archive\u2026", lambda: w.open_archive(
            _ask_new(w), create=True), "new-archive", ("Ctrl+Shift+N",),
            "Create an empty archive folder"),
        "open-archive": _action(w, "Open Archive\u2026", lambda: w.open_archive(_ask_open(w)),
                                "open-archive", (Key.Open,), "Open another archive folder"),
        "quit": _action(w, "Quit", w.close, "", (Key.Quit, "Ctrl+Q")),
        "delete": _action(w, "Delete", w.delete_selected, "delete", (Key.Delete,),
                          "Delete the selected records (undoable)"),
        "merge": _action(w, "Merge People\u2026", w.merge_people, "merge", ("Ctrl+M",),
                         "Merge two selected people into one"),
        "find": _action(w, "Find", w.focus_search, "search", (Key.Find,),
                        "Search the list"),
        "back-up": _action(w, "Back Up Now", w.back_up, "", (),
                           "Copy the catalogue into the archive's backups folder"),
        "reveal": _action(w, "Show Archive Folder", w.reveal_archive, "open-archive", (),
                          "Open the archive folder in the file manager"),
        "about": _action(w, "About Curator", w.show_about, "about", ()),
    }
    a["new-film"].setIconText("New Film")
    undo = w.undo.stack.createUndoAction(w, "Undo")
    undo.setShortcuts(standard_keys(Key.Undo))
    undo.setIcon(icon("undo"))
    redo = w.undo.stack.createRedoAction(w, "Redo")
    redo.setShortcuts(standard_keys(Key.Redo, "Ctrl+Shift+Z"))
    redo.setIcon(icon("redo"))
    a["undo"], a["redo"] = undo, redo
    # The toolbar's buttons keep one short name, so the toolbar never reflows as the
    # step's name changes; the full name is in their tooltip and in the Edit menu.
    for key, named, text in (("undo", undo, "Undo"), ("redo", redo, "Redo")):
        a[f"{key}-button"] = StepButton(icon(key), text, named)
    # Delete acts on the list only, so the key still edits text in the form.
    a["delete"].setShortcutContext(a["delete"].shortcutContext().WidgetWithChildrenShortcut)
    w.list_pane.addAction(a["delete"])
    w.list_pane.context_actions = [a["delete"]]  # Merge joins it in the People list
    for name, pane, title, key in (("sidebar", w.sidebar, "Sidebar", "Ctrl+Alt+1"),
                                   ("detail", w.detail, "Page Preview", "Ctrl+Alt+2"),
                                   ("form", w.form, "Form", "Ctrl+Alt+3")):
        toggle = QAction(title, w, checkable=True, checked=True)
        toggle.setShortcut(QKeySequence(key))
        toggle.toggled.connect(pane.setVisible)
        a[f"show-{name}"] = toggle
    for n, (key, title) in enumerate((("films::", "Films"), ("people::", "People"),
                                      ("festivals::", "Festivals"), ("lists::", "Lists")),
                                     start=1):
        go = QAction(title, w)
        go.setShortcut(QKeySequence(f"Ctrl+{n}"))
        go.triggered.connect(lambda _c=False, k=key: w.sidebar.select_view(k))
        a[f"go-{key.strip(':')}"] = go
    return a


def build_menus(window: MainWindow) -> dict[str, QMenu]:
    w, a = window, window.action_map
    bar = w.menuBar()
    menus = {name: QMenu(title, w) for name, title in (
        ("file", "&File"), ("edit", "&Edit"), ("view", "&View"), ("archive", "&Archive"),
        ("help", "&Help"))}
    recent = QMenu("Open Recent", w)
    recent.setObjectName("recentMenu")
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    f = menus["file"]
    f.addAction(a["new-film"])
    f.addSeparator()
    f.addActions([a["new-archive"], a["open-archive"]])
    f.addMenu(recent)
    f.addSeparator()
    f.addAction(a["quit"])
    e = menus["edit"]
    e.addActions([a["undo"], a["redo"]])
    e.addSeparator()
    e.addActions([a["delete"], a["merge"]])
    e.addSeparator()
    e.addAction(a["find"])
    v = menus["view"]
    columns = v.addMenu("Columns")
    columns.addActions(w.list_pane.column_actions)
    v.addSeparator()
    v.addActions([a["go-films"], a["go-people"], a["go-festivals"], a["go-lists"]])
    v.addSeparator()
    v.addActions([a["show-sidebar"], a["show-detail"], a["show-form"]])
    menus["archive"].addActions([a["back-up"], a["reveal"]])
    menus["help"].addAction(a["about"])
    for name in ("file", "edit", "view", "archive", "help"):
        bar.addMenu(menus[name])
    w.toolbar.addActions([a["new-film"], a["delete"], a["merge"]])
    w.toolbar.addSeparator()
    w.toolbar.addActions([a["undo-button"], a["redo-button"]])
    return menus


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
    current = window.catalog.archive.folder
    for path in recent_archives():
        if path == current:
            continue
        action = menu.addAction(path.name.removesuffix(".curator"))
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.triggered.connect(lambda _c=False, p=path: window.open_archive(p))
    if menu.isEmpty():
        menu.addAction("No other archives yet").setEnabled(False)


def _ask_new(window: MainWindow) -> Path | None:
    from curator.gui.dialogs.archive import choose_new_archive

    return choose_new_archive(window)


def _ask_open(window: MainWindow) -> Path | None:
    from curator.gui.dialogs.archive import choose_archive

    return choose_archive(window)
