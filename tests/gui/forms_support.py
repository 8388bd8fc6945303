"""What the form tests share: a form pane on the demo, and typing into a field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from curator.catalog import Catalog
from curator.gui.forms import FormPane
from curator.gui.undo import CatalogUndo


def make_undo(catalog: Catalog) -> CatalogUndo:
    return CatalogUndo(catalog)


def open_pane(qtbot, undo: CatalogUndo) -> FormPane:  # noqa: ANN001
    """The pane shown and active, so focus moves and leaving a field commits it."""
    pane = FormPane(undo)
    qtbot.addWidget(pane)
    pane.resize(820, 900)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    return pane


def retype(qtbot, line, text: str) -> None:  # noqa: ANN001
    """Select what the field holds, type over it and press Enter."""
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def choose_completion(qtbot, line, typed: str, *, click: bool = False) -> None:  # noqa: ANN001
    """Type, wait for the completion list, then take its first row as a person does:
    Down and Return in the list, or a click on the row."""
    line.setFocus()
    qtbot.keyClicks(line, typed)
    popup = line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    if click:
        rect = popup.visualRect(popup.model().index(0, 0))
        qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    else:
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    back_from_popup(qtbot, line)


def type_and_return(qtbot, line, typed: str) -> None:  # noqa: ANN001
    """Type and press Return without choosing from the completion list: while the list
    shows, the key goes to it, as it does under a person's fingers."""
    line.setFocus()
    qtbot.keyClicks(line, typed)
    popup = line.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    back_from_popup(qtbot, line)


def back_from_popup(qtbot, line) -> None:  # noqa: ANN001
    """The window is active again once the list closed (a desktop does this by itself; the
    offscreen platform of the tests does not)."""
    qtbot.waitUntil(lambda: not line.completer().popup().isVisible())
    QApplication.processEvents()  # the platform's word that the popup went
    window = line.window()
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


__all__ = ["choose_completion", "make_undo", "open_pane", "retype", "type_and_return"]
