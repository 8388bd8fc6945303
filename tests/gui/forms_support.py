"""What the form tests share: a form pane on the demo, and typing into a field."""

from __future__ import annotations

from PySide6.QtCore import Qt

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


__all__ = ["make_undo", "open_pane", "retype"]
