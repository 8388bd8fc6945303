"""Single-value field editors that commit on their own and show their problem inline.

A field knows the value it last loaded from the archive. When the user commits
(Enter, leaving the field, choosing from a combo) and the value differs, it emits
`committed(field, value)`; Escape puts the loaded value back. A problem is shown
under the field with a red border, never in a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRect, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from curator.gui.lifetime import set_completions

ERROR_COLOUR = "#c62828"
INVALID_STYLE = f"border: 1px solid {ERROR_COLOUR}; border-radius: 3px; padding: 2px;"


class ProblemLabel(QLabel):
    """The one-sentence message under a field that refused a value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problem")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


class Field(QWidget):
    """A labelled value of a record: an input plus the place its problem is shown."""

    committed = Signal(str, object)  # field name, new value

    def __init__(self, name: str, editor: QWidget, parent: QWidget | None = None,
                 expand: bool = True) -> None:
        super().__init__(parent)
        self.name = name
        self.editor = editor
        self._loaded: Any = None
        self.overtaken = False
        editor.setObjectName(name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        if expand:
            layout.addWidget(editor)
        else:  # a combo or a short number keeps its natural width
            layout.addWidget(editor, 0, Qt.AlignmentFlag.AlignLeft)
        self.problem = ProblemLabel(self)
        layout.addWidget(self.problem)
        self.setFocusProxy(editor)
        editor.installEventFilter(self)

    # -- what subclasses provide ---------------------------------------------------------
    def value(self) -> Any:
        raise NotImplementedError

    def _display(self, value: Any) -> None:
        raise NotImplementedError

    # -- loading, committing, reverting ----------------------------------------------------
    @property
    def loaded(self) -> Any:
        return self._loaded

    def set_value(self, value: Any, force: bool = False) -> None:
        """Show the archive's value; an edit in progress in the focused field is kept."""
        editing = self.has_focus() and not self.same(self.value(), self._loaded)
        # the archive's value changed under the user's typing (a colleague's edit, say)
        self.overtaken = editing and not force and not self.same(value, self._loaded)
        self._loaded = value
        if force or not editing:
            if self.value() != value:
                self._display(value)
            self.clear_problem()

    def has_focus(self) -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and (focused is self.editor
                                        or self.editor.isAncestorOf(focused))

    def same(self, shown: Any, loaded: Any) -> bool:
        """Whether the value shown says the same as the one loaded (so there is nothing to save)."""
        return shown == loaded

    def commit(self) -> None:
        unchanged = self.same(self.value(), self._loaded)
        if self.problem.isVisible() and unchanged:
            self.clear_problem()  # the user typed the saved value back
            return
        if not unchanged:
            self.committed.emit(self.name, self.value())

    def revert(self) -> None:
        self._display(self._loaded)
        self.clear_problem()

    def show_problem(self, message: str) -> None:
        self.problem.show_problem(message)
        self.editor.setStyleSheet(INVALID_STYLE if message else "")

    def clear_problem(self) -> None:
        self.show_problem("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.editor and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape and (not self.same(self.value(), self._loaded)
                                                     or self.problem.isVisible()):
                self.revert()
                return True
        return super().eventFilter(watched, event)


class LineField(Field):
    """One line of text; Enter or leaving the field commits."""

    def __init__(self, name: str, placeholder: str = "", parent: QWidget | None = None,
                 completions: list[str] | None = None) -> None:
        self.line = QLineEdit()
        self.line.setPlaceholderText(placeholder)
        self.line.setClearButtonEnabled(False)
        super().__init__(name, self.line, parent)
        self._loaded = ""
        self.line.editingFinished.connect(self.commit)
        if completions is not None:
            self.set_completions(completions)

    def set_completions(self, names: list[str]) -> None:
        set_completions(self.line, names)

    def value(self) -> Any:
        return self.line.text().strip()

    def same(self, shown: Any, loaded: Any) -> bool:
        # Leading or trailing spaces from an import are not an edit.
        return shown == (loaded.strip() if isinstance(loaded, str) else loaded)

    def _display(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))
        self.line.setCursorPosition(0)


class NumberField(LineField):
    """A whole number or nothing; `check` warns while typing, the catalog still decides."""

    def __init__(self, name: str, placeholder: str = "", digits: int = 6,
                 check: Callable[[int], str | None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(name, placeholder, parent)
        self._loaded = None
        self._check = check
        self.line.setValidator(QRegularExpressionValidator(
            QRegularExpression(f"\\d{{0,{digits}}}"), self.line))
        self.line.setMaximumWidth(110)
        self.layout().setAlignment(self.line, Qt.AlignmentFlag.AlignLeft)
        self.line.textEdited.connect(self._check_as_typed)

    def value(self) -> int | None:
        text = self.line.text().strip()
        return int(text) if text else None

    def _check_as_typed(self, _text: str) -> None:
        value = self.value()
        message = self._check(value) if (self._check and value is not None) else None
        self.show_problem(message or "")


class DateField(LineField):
    """A day as YYYY-MM-DD, or nothing; a date that does not parse is not committed."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, "YYYY-MM-DD", parent)
        self._loaded = None
        self.line.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9-]{0,10}"), self.line))
        self.line.setMaximumWidth(130)

    def value(self) -> date | str | None:
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text  # not a date: commit() refuses it

    def commit(self) -> None:
        if isinstance(self.value(), str):
            self.show_problem("Write the date as year-month-day, for example 1989-06-09.")
            return
        super().commit()

    def _display(self, value: Any) -> None:
        self.line.setText(value.isoformat() if isinstance(value, date) else (value or ""))


class _HeightFitter(QObject):
    """Keeps a text box as tall as its text, within a range of lines, as it is typed or resized."""

    def __init__(self, edit: QPlainTextEdit, min_lines: int, max_lines: int) -> None:
        super().__init__(edit)
        self.edit, self.min_lines, self.max_lines = edit, min_lines, max_lines
        edit.installEventFilter(self)
        edit.textChanged.connect(self.fit)
        self.fit()

    def fit(self) -> None:
        edit = self.edit
        metrics = edit.fontMetrics()
        margin = int(edit.document().documentMargin())
        # Measure as if the scroll bar were showing, so fitting never makes it appear.
        scroll_bar = edit.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = max(edit.width() - 2 * edit.frameWidth() - 2 * margin - scroll_bar - 4, 50)
        text = edit.toPlainText() or " "
        bounds = metrics.boundingRect(QRect(0, 0, width, 1_000_000),
                                      int(Qt.TextFlag.TextWordWrap), text)
        spacing = metrics.lineSpacing()
        lines = max(self.min_lines, min(self.max_lines, -(-bounds.height() // spacing)))
        frame = edit.frameWidth() * 2 + 2 * margin + 2
        height = lines * spacing + frame
        if edit.height() != height:
            edit.setFixedHeight(height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def fit_height(edit: QPlainTextEdit, min_lines: int, max_lines: int) -> None:
    """Grow a text box with its text, from `min_lines` up to `max_lines`, then scroll."""
    _HeightFitter(edit, min_lines, max_lines)


def paragraphs(text: str) -> str:
    """Paragraphs separated by one blank line, whatever the user typed between them."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return "\n\n".join(b.strip() for b in blocks if b.strip())


class ParagraphsField(Field):
    """Several paragraphs; leaving the field or Ctrl+Enter commits, Escape reverts."""

    def __init__(self, name: str, placeholder: str = "", lines: int = 5,
                 parent: QWidget | None = None) -> None:
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(placeholder)
        self.text.setTabChangesFocus(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        fit_height(self.text, lines, 16)
        super().__init__(name, self.text, parent)
        self._loaded = ""

    def value(self) -> str:
        return paragraphs(self.text.toPlainText())

    def same(self, shown: Any, loaded: Any) -> bool:
        # Blank lines or spaces that an import left are not an edit.
        return shown == paragraphs(loaded or "")

    def _display(self, value: Any) -> None:
        self.text.setPlainText(value or "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.editor:
            if event.type() == QEvent.Type.FocusOut:
                self.commit()
            elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
                if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.commit()
                    return True
        return super().eventFilter(watched, event)


class ChoiceField(Field):
    """One of a closed list; choosing commits at once."""

    def __init__(self, name: str, choices: list[tuple[Any, str]],
                 parent: QWidget | None = None) -> None:
        self.combo = QComboBox()
        compact(self.combo, 14)
        super().__init__(name, self.combo, parent, expand=False)
        self.set_choices(choices)
        self.combo.activated.connect(lambda _i: self.commit())

    def set_choices(self, choices: list[tuple[Any, str]]) -> None:
        current = self._loaded
        self.combo.blockSignals(True)
        self.combo.clear()
        for value, label in choices:
            self.combo.addItem(label, value)
        self.combo.blockSignals(False)
        self._display(current)

    def value(self) -> Any:
        return self.combo.currentData()

    def _display(self, value: Any) -> None:
        index = self.combo.findData(value)
        if index < 0 and value not in (None, ""):
            # A value from elsewhere (an import) that the list does not know: show it as is.
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(max(index, 0))


def compact(combo: QComboBox, chars: int) -> QComboBox:
    """Let a combo shrink to `chars` characters in a narrow pane, eliding longer entries."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    return combo


def choices_from(values: list[str], empty: str | None = None) -> list[tuple[Any, str]]:
    """Combo entries for plain vocabulary values, labelled with a capital letter."""
    entries: list[tuple[Any, str]] = [("", empty)] if empty is not None else []
    return entries + [(v, v[:1].upper() + v[1:]) for v in values]


class AddLine(Field):
    """A line and a button that create something (an edition, a section); not a saved value.

    `on_add(text)` runs the creation and returns whether it worked; the line is
    then emptied. Its problems show under it like any field's.
    """

    def __init__(self, name: str, placeholder: str, button: str,
                 on_add: Callable[[str], bool], digits_only: bool = False,
                 parent: QWidget | None = None) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        self.line = QLineEdit()
        self.line.setObjectName(f"{name}.text")
        self.line.setPlaceholderText(placeholder)
        if digits_only:
            self.line.setValidator(QRegularExpressionValidator(
                QRegularExpression(r"\d{0,4}"), self.line))
            self.line.setMaximumWidth(110)
        self.button = QPushButton(button)
        self.button.setObjectName(f"{name}.button")
        row.addWidget(self.line, 0 if digits_only else 1)
        row.addWidget(self.button)
        if digits_only:
            row.addStretch(1)
        super().__init__(name, box, parent)
        self.setFocusProxy(self.line)
        self._on_add = on_add
        self.line.returnPressed.connect(self.add)
        self.button.clicked.connect(self.add)

    def add(self) -> None:
        text = self.line.text().strip()
        if not text:
            self.line.setFocus()
            return
        if self._on_add(text):
            self.line.clear()

    def value(self) -> str:
        return ""

    def _display(self, value: Any) -> None:
        pass

    def commit(self) -> None:
        """Nothing to save: creating happens on the button."""
