"""Where the undo keys go: to the desk's undo stack, unless a text box holds typing of its own.

Qt lets a focused text box claim Ctrl+Z and Ctrl+Shift+Z for its private undo, so the
desk's Undo never ran while the cursor sat in a field, even after the field had saved
its value. Here a text box keeps the keys only while it holds typing not yet saved
(a field whose text differs from the archive's, a search or a name being typed);
otherwise they reach the window's Undo and Redo, as in calibre or Tellico.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from curator.gui.forms.fields import Field

TEXT_BOXES = (QLineEdit, QPlainTextEdit, QTextEdit)
REDO_EXTRA = QKeySequence("Ctrl+Shift+Z")
WATCHED = "curatorUndoKeys"  # a text box's property once the router watches it


def undo_key(event: QKeyEvent) -> str:
    """"undo", "redo" or "" for a key press."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    combined = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Redo) or combined == REDO_EXTRA:
        return "redo"
    return ""


def owning_field(widget: QWidget) -> Field | None:
    """The form field `widget` types into (its line, a row's cell, a chip's input)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, Field):
            return parent
        parent = parent.parentWidget()
    return None


def keeps_own_undo(widget: QWidget, which: str) -> bool:
    """Whether a text box should undo (or redo) its own typing rather than the desk's step."""
    if isinstance(widget, QLineEdit) and widget.isReadOnly():
        return False
    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.isReadOnly():
        return False
    field = owning_field(widget)
    if field is not None:
        if not field.same(field.value(), field.loaded):
            return True  # typing the field has not saved yet
        # A chip's input holds only what is being typed: a name not yet added.
        return getattr(field, "input", None) is widget and bool(widget.text())
    if isinstance(widget, QLineEdit):
        has_text = bool(widget.text())
        return has_text and (widget.isUndoAvailable() if which == "undo"
                             else widget.isRedoAvailable())
    document = widget.document()
    return bool(document.toPlainText()) and (
        document.isUndoAvailable() if which == "undo" else document.isRedoAvailable())


class UndoKeyRouter(QObject):
    """Watches the text boxes of one window as they take the focus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if (isinstance(new, TEXT_BOXES) and not new.property(WATCHED)
                and self.window.isAncestorOf(new)):
            new.setProperty(WATCHED, True)
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            which = undo_key(event)
            if which and not keeps_own_undo(watched, which):
                # Not claimed: the key goes on to the window's Undo or Redo action.
                event.ignore()
                return True
        return False
