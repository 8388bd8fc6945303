"""The list editor's smaller parts: its look, the introduction field, and notes that read
on two lines in the table and are edited in place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QTextLayout
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QStyledItemDelegate, QWidget

from curator.gui.style import colours


def editor_css() -> str:
    c = colours()
    return f"""
        QFrame#listEditorHeader {{ background: {c['base']};
                                   border-bottom: 1px solid {c['border']}; }}
        QLineEdit#listTitle {{ font-size: 17pt; font-weight: 600; border: 1px solid transparent;
                               border-radius: 5px; padding: 2px 4px; background: transparent; }}
        QLineEdit#listTitle:hover, QLineEdit#listCurator:hover,
        QPlainTextEdit#listIntroduction:hover {{ border-color: {c['border']}; }}
        QLineEdit#listTitle:focus, QLineEdit#listCurator:focus,
        QPlainTextEdit#listIntroduction:focus {{ border-color: {c['accent']};
                                                 background: {c['base']}; }}
        QLineEdit#listCurator {{ border: 1px solid transparent; border-radius: 5px;
                                 padding: 2px 4px; background: transparent; }}
        QPlainTextEdit#listIntroduction {{ border: 1px solid transparent; border-radius: 5px;
                                           padding: 2px; background: transparent; }}
        QLabel.fieldLabel {{ color: {c['muted']}; }}
        QLabel#listSummary {{ color: {c['muted']}; }}
        QLabel#listEmpty {{ color: {c['muted']}; font-size: 11pt; padding: 24px; }}
        QFrame#listEntriesBar {{ background: {c['window']};
                                 border-bottom: 1px solid {c['border']}; }}
        QLabel#listEntriesTitle {{ font-weight: 600; }}
        QLabel#listHint {{ color: {c['muted']}; }}
    """


class Introduction(QPlainTextEdit):
    """The introduction; its text is committed when the field loses focus."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusOutEvent(event)
        self.committed.emit()


def two_lines(text: str, font: QFont, width: int) -> str:
    """The text as it fits on two lines of this width, the second cut short with "…"."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts = []
    while len(starts) < 3:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) < 3:
        return text
    first, rest = text[:starts[1]].rstrip(), text[starts[1]:]
    return first + "\n" + QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)


class NoteDelegate(QStyledItemDelegate):
    """Notes read on two lines in the list, and are edited in place on one."""

    def initStyleOption(self, option, index) -> None:  # noqa: ANN001, N802 - Qt override
        super().initStyleOption(option, index)
        option.text = two_lines(option.text, option.font, max(40, option.rect.width() - 22))

    def createEditor(self, parent: QWidget, option, index):  # noqa: ANN001, ANN201, N802
        editor = QLineEdit(parent)
        editor.setPlaceholderText("The programmer\u2019s note, as it will be published")
        editor.setFrame(False)
        return editor
