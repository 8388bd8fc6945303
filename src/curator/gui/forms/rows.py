"""Editors for a record's list of small rows: alternative titles, external ids, quotes.

Each row is a few text cells and a remove button; "Add" opens an empty row.
A row is saved once it has something in it; removing a row saves at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.gui.forms.fields import Field, fit_height
from curator.gui.lifetime import retire


@dataclass(frozen=True)
class Cell:
    key: str
    placeholder: str
    multiline: bool = False  # a paragraph on its own line (a quote's text)
    stretch: int = 1
    completions: tuple[str, ...] = ()


def remove_button(tooltip: str) -> QToolButton:
    button = QToolButton()
    button.setText("\u2212")
    button.setToolTip(tooltip)
    button.setAccessibleName(tooltip)
    button.setAutoRaise(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def empty_state(text: str) -> QLabel:
    """The line an empty list shows: what to do, not just that nothing is there."""
    label = QLabel(text)
    label.setObjectName("empty_state")
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def add_button(text: str) -> QPushButton:
    button = QPushButton(f"+  {text}")
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    button.setStyleSheet(
        "QPushButton { color: palette(link); text-align: left; padding: 2px 4px; }")
    return button


class RowWidget(QFrame):
    """The cells of one row."""

    def __init__(self, field: RowsField, index: int, values: tuple[str, ...]) -> None:
        super().__init__()
        self.editors: list[QLineEdit | QPlainTextEdit] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(3)
        line = QHBoxLayout()
        line.setSpacing(6)
        for cell, value in zip(field.cells, values, strict=True):
            if cell.multiline:
                editor: QLineEdit | QPlainTextEdit = QPlainTextEdit(value)
                editor.setTabChangesFocus(True)
                fit_height(editor, 3, 16)
                editor.installEventFilter(field)
                outer.addWidget(editor)
            else:
                editor = QLineEdit(value)
                editor.setCursorPosition(0)
                if cell.completions:
                    completer = QCompleter(list(cell.completions), editor)
                    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                    editor.setCompleter(completer)
                editor.editingFinished.connect(field.commit)
                editor.installEventFilter(field)
                line.addWidget(editor, cell.stretch)
            editor.setPlaceholderText(cell.placeholder)
            editor.setObjectName(f"{field.name}.{index}.{cell.key}")
            self.editors.append(editor)
        self.remove = remove_button(f"Remove this {field.noun}")
        self.remove.clicked.connect(lambda: field.remove_row(self))
        line.addWidget(self.remove)
        outer.addLayout(line)

    def values(self) -> tuple[str, ...]:
        return tuple(
            (e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()
            for e in self.editors
        )


class RowsField(Field):
    """A list of rows of text cells; value is a list of tuples of strings."""

    def __init__(self, name: str, cells: list[Cell], noun: str, empty_text: str,
                 parent: QWidget | None = None) -> None:
        self.cells = cells
        self.noun = noun
        box = QWidget()
        self.rows_layout = QVBoxLayout(box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(6)
        self.empty = empty_state(empty_text)
        self.rows_layout.addWidget(self.empty)
        self.add = add_button(f"Add {noun}")
        self.add.setObjectName(f"{name}.add")
        self.add.clicked.connect(self.add_row)
        self.rows_layout.addWidget(self.add)
        self.rows: list[RowWidget] = []
        super().__init__(name, box, parent)
        box.setObjectName(f"{name}.rows")
        self.setFocusProxy(self.add)
        self._loaded = []

    def value(self) -> list[tuple[str, ...]]:
        return [v for v in (r.values() for r in self.rows) if any(v)]

    def set_value(self, value: Any, force: bool = False) -> None:
        super().set_value([tuple(v) for v in value or []], force)

    def _display(self, value: Any) -> None:
        for row in self.rows:
            retire(row)
        self.rows = []
        for values in value or []:
            self._append(tuple(values))
        self.empty.setVisible(not self.rows)

    def _append(self, values: tuple[str, ...]) -> RowWidget:
        row = RowWidget(self, len(self.rows), values)
        self.rows_layout.insertWidget(self.rows_layout.indexOf(self.add), row)
        self.rows.append(row)
        self.empty.hide()
        return row

    def add_row(self) -> None:
        """Open an empty row; it is saved once something is typed in it."""
        for row in self.rows:
            if not any(row.values()):
                row.editors[0].setFocus()
                return
        row = self._append(tuple("" for _ in self.cells))
        row.editors[0].setFocus()

    def remove_row(self, row: RowWidget) -> None:
        self.rows.remove(row)
        retire(row)
        self.empty.setVisible(not self.rows)
        self.commit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if isinstance(watched, QPlainTextEdit):
            if event.type() == QEvent.Type.FocusOut:
                self.commit()
            elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
                ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
                if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.commit()
                    return True
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape and isinstance(watched, QWidget) \
                and self.editor.isAncestorOf(watched):
            self.revert()
            return True
        return super().eventFilter(watched, event)
