"""Saved searches in the desk: Save Search… (Ctrl+Shift+S) beside the search field keeps what
the list shows under a name; the sidebar lists them with their counts, a click runs one, F2
or the context menu renames it, Delete or the context menu removes it (Ctrl+Z brings it
back). The built-in ones (films that need attention) run and count the same way and stay.
`install` is the main window's extension hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator import CuratorError
from curator.catalog import ValidationError
from curator.catalog.query import QueryError
from curator.gui.extension import MenuPlace
from curator.gui.menus import ActionKey
from curator.gui.models.sidebar import View, ViewKind
from curator.gui.style import icon

if TYPE_CHECKING:
    from curator.gui.extension import Desk

SAVE_KEY = "Ctrl+Shift+S"
# The views whose films a query of the query language says whole, so they can be saved.
SAVABLE = (ViewKind.FILMS, ViewKind.ATTENTION, ViewKind.SAVED)


class SaveSearchDialog(QDialog):
    """Asks for a saved search's name, showing the query it keeps; a refused name or query
    is said under the field and the dialog stays open."""

    def __init__(self, query: str, save, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("saveSearchDialog")
        self.setWindowTitle("Save Search")
        self._save = save  # (name) -> None, raising CuratorError when refused
        self.name = QLineEdit(objectName="savedSearchName")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("Soviet films of the eighties")
        self.name.setMinimumWidth(320)
        shown = QLabel(query, objectName="savedSearchQuery")
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setWordWrap(True)
        self.problem = QLabel(objectName="savedSearchProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        note = QLabel("The sidebar lists it under Saved searches with the number of films it "
                      "finds, which follows every edit.", objectName="savedSearchNote")
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("Search:", shown)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setEnabled(False)
        self.name.textChanged.connect(lambda text: save_button.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        try:
            self._save(self.name.text())
        except CuratorError as exc:
            self.problem.setText(" ".join(exc.problems.values())
                                 if isinstance(exc, ValidationError) else str(exc))
            self.problem.show()
            self.name.setFocus()
            self.name.selectAll()
            return
        super().accept()


class SavedSearchDesk:
    """The saved searches of one main window."""

    def __init__(self, window: Desk) -> None:
        self.window = window
        w = window
        self.save_action = QAction(icon("save-search"), "Save Search\u2026", w)  # type: ignore[arg-type]
        self.save_action.setObjectName("saveSearchAction")
        self.save_action.setShortcut(QKeySequence(SAVE_KEY))
        tip = "Keep this search under a name, in the sidebar with its count"
        self.save_action.setStatusTip(tip)
        self.save_action.setToolTip(f"{tip} ({SAVE_KEY})")
        self.save_action.triggered.connect(lambda _checked=False: self.save())
        # the sidebar takes F2 and Delete itself (panes/sidebar.py); the menu names them
        self.rename_action = QAction("Rename\u2026\tF2", w)  # type: ignore[arg-type]
        self.rename_action.setObjectName("renameSavedSearch")
        self.rename_action.triggered.connect(lambda _checked=False: self.rename_current())
        self.remove_action = QAction(icon("delete"), "Remove\tDel", w)  # type: ignore[arg-type]
        self.remove_action.setObjectName("removeSavedSearch")
        self.remove_action.triggered.connect(lambda _checked=False: self.remove_current())
        window.action_map[ActionKey.SAVE_SEARCH] = self.save_action
        window.add_to_menu(MenuPlace.EDIT_RECORDS, self.save_action)
        # beside the search field, after its "?": an icon, so the list keeps its width
        self.button = QToolButton(objectName="saveSearchButton")
        self.button.setDefaultAction(self.save_action)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.button.setAccessibleName("Save Search")
        self.button.setAutoRaise(True)
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        pane = window.list_pane
        header = pane.search_help.parentWidget().layout()
        header.insertWidget(header.indexOf(pane.search_help) + 1, self.button)
        sidebar = window.sidebar
        sidebar.menu_requested.connect(self._fill_menu)
        sidebar.rename_requested.connect(self.rename)
        sidebar.removal_requested.connect(self.remove)
        sidebar.view_chosen.connect(lambda _view: self.update())
        self.dialog: SaveSearchDialog | None = None
        self.update()

    # -- what applies -----------------------------------------------------------------
    def query_to_save(self) -> str | None:
        """What Save Search keeps: the view's query and what the search field adds; None
        where the list shows what no query says (an edition, a list, people)."""
        pane = self.window.list_pane
        view = pane.view
        if view.kind not in SAVABLE:
            return None
        try:
            text = pane.query_text()
        except QueryError:
            return None
        if view.kind == ViewKind.ATTENTION:
            text = f"{view.query} {text}".strip()
        return text or None

    def update(self) -> None:
        savable = self.window.list_pane.view.kind in SAVABLE
        self.save_action.setEnabled(savable and not self.window.catalog.archive.read_only)
        self.button.setVisible(savable)

    # -- commands ---------------------------------------------------------------------
    def save(self) -> None:
        w = self.window
        query = self.query_to_save()
        if query is None:
            w.show_message("Type a search in the film list first (or choose Films in the "
                           "sidebar): Save Search keeps it under a name.")
            return
        try:
            w.catalog.saved_searches.count(query)
        except QueryError as exc:
            w.show_error(str(exc))
            return
        created: list[int] = []

        def keep(name: str) -> None:
            changes = w.undo.run(lambda: w.catalog.saved_searches.save(name, query))
            created.append(changes.created_id)

        self.dialog = SaveSearchDialog(query, keep, w)  # type: ignore[arg-type]
        try:
            if self.dialog.exec() != QDialog.DialogCode.Accepted or not created:
                return
        finally:
            self.dialog.deleteLater()
            self.dialog = None
        w.sidebar.select_view(View(ViewKind.SAVED, created[0]).key)
        w.show_message("Saved: the sidebar lists it under Saved searches (Ctrl+Z takes it "
                       "back).")

    def rename_current(self) -> None:
        """Start typing a new name for the saved search current in the sidebar."""
        sidebar = self.window.sidebar
        view = sidebar.current_view
        if view is None or view.kind != ViewKind.SAVED:
            self._built_in_refusal(view, "renamed")
            return
        sidebar.edit(sidebar.currentIndex().siblingAtColumn(0))

    def rename(self, search_id: int, name: str) -> None:
        w = self.window
        if w.run_operation(lambda: w.catalog.saved_searches.rename(search_id, name)) is None:
            w.sidebar.rebuild()  # refused: the name it had shows again

    def remove_current(self) -> None:
        view = self.window.sidebar.current_view
        if view is None or view.kind != ViewKind.SAVED or view.record_id is None:
            self._built_in_refusal(view, "removed")
            return
        self.remove(view.record_id)

    def remove(self, search_id: int) -> None:
        w = self.window
        try:
            name = w.catalog.saved_searches.get(search_id).name
        except CuratorError as exc:
            w.show_error(str(exc))
            return
        if w.run_operation(lambda: w.catalog.saved_searches.remove(search_id)):
            w.show_message(f"Removed the saved search \u201c{name}\u201d (Ctrl+Z brings it "
                           "back).")

    def _built_in_refusal(self, view: View | None, verb: str) -> None:
        if view is not None and view.kind == ViewKind.ATTENTION:
            self.window.show_message(f"\u201c{view.title}\u201d is a built-in search; it "
                                     f"cannot be {verb}.")

    def _fill_menu(self, menu: QMenu, view: View) -> None:
        if view.kind not in (ViewKind.SAVED, ViewKind.ATTENTION):
            return
        show = menu.addAction("Show Films")
        show.triggered.connect(lambda _c=False: self.window.sidebar.select_view(view.key))
        menu.addSeparator()
        own = view.kind == ViewKind.SAVED and not self.window.catalog.archive.read_only
        for action in (self.rename_action, self.remove_action):
            action.setEnabled(own)
            menu.addAction(action)
        if not own and view.kind == ViewKind.ATTENTION:
            menu.setToolTipsVisible(True)
            for action in (self.rename_action, self.remove_action):
                action.setToolTip("A built-in search stays as it is")


def install(window: Desk) -> SavedSearchDesk:
    window.saved_searches = SavedSearchDesk(window)  # type: ignore[attr-defined]
    return window.saved_searches  # type: ignore[attr-defined]
