"""Token ("chip") editors for short lists of names: countries, languages, genres, variants.

Each value is a chip with a remove button; typing in the trailing field with
completion adds one. Adding or removing a chip is a committed edit.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from curator.gui.forms.fields import Field
from curator.gui.lifetime import after_event, retire, set_completions


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping to a new line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802 - Qt naming
        # Qt makes the item (addWidget calls addItem) and Qt deletes it (removeWidget and
        # a deleted child call takeAt): an item made in Python would be deleted twice.
        self.addWidget(widget)
        self._items.insert(index, self._items.pop())

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x, y = rect.x(), y + line_height + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()


class FlowBox(QWidget):
    """A widget with a FlowLayout that asks for the height its wrapped lines need.

    Height-for-width does not travel well through form layouts and scroll areas,
    so the box sets its own minimum height whenever its width changes.
    """

    def __init__(self, spacing: int = 4) -> None:
        super().__init__()
        self.flow = FlowLayout(self, spacing)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def fit(self) -> None:
        height = self.flow.heightForWidth(max(self.width(), 1))
        if height != self.minimumHeight():
            self.setMinimumHeight(height)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit()


class Chip(QFrame):
    """One value with its remove button."""

    def __init__(self, text: str, on_remove: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setObjectName("chip")
        self.setStyleSheet(
            "#chip { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 10px; }"
            "#chip QToolButton { border: none; padding: 0 2px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 3, 1)
        layout.setSpacing(2)
        layout.addWidget(QLabel(text))
        remove = QToolButton()
        remove.setText("\u00d7")
        remove.setToolTip(f"Remove \u201c{text}\u201d")
        remove.setAccessibleName(f"Remove {text}")
        remove.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        remove.setCursor(Qt.CursorShape.PointingHandCursor)
        remove.clicked.connect(on_remove)
        layout.addWidget(remove)
        self.remove_button = remove


class ChipsField(Field):
    """An ordered list of distinct names, edited as chips."""

    def __init__(self, name: str, placeholder: str, completions: list[str] | None = None,
                 parent: QWidget | None = None) -> None:
        box = FlowBox()
        self.box = box
        self.flow = box.flow
        self.input = QLineEdit()
        self.input.setObjectName(f"{name}.input")
        self.input.setPlaceholderText(placeholder)
        self.input.setMinimumWidth(150)
        self.input.setFrame(True)
        self.flow.addWidget(self.input)
        self.chips: list[Chip] = []
        super().__init__(name, box, parent)
        box.setObjectName(f"{name}.chips")
        self.setFocusProxy(self.input)
        self._loaded = []
        self.input.installEventFilter(self)
        self.input.editingFinished.connect(self._input_finished)
        # "Germany" finds East and West: the completion matches anywhere in a name
        completer = set_completions(self.input, completions or [])
        completer.activated.connect(lambda _text: after_event(self, self._take_input))

    def set_completions(self, names: list[str]) -> None:
        set_completions(self.input, names)

    def value(self) -> list[str]:
        return [c.text for c in self.chips]

    def _display(self, value: object) -> None:
        for chip in self.chips:
            retire(chip)
        self.chips = []
        for text in list(value or []):
            self._add_chip(text)

    def set_value(self, value: object, force: bool = False) -> None:
        super().set_value(list(value or []), force)

    def _add_chip(self, text: str) -> None:
        chip = Chip(text, lambda: self._remove(chip))
        self.flow.insertWidget(len(self.chips), chip)
        self.chips.append(chip)
        chip.show()
        self.box.fit()

    def _remove(self, chip: Chip) -> None:
        self.chips.remove(chip)
        retire(chip)
        self.box.fit()
        self.commit()

    def _input_finished(self) -> None:
        if self.input.hasFocus():
            # Return, maybe in the completion popup, whose handling of the key goes on
            # after this signal: the chip is added (and the form reloaded) once it is done.
            after_event(self, self._take_input)
        else:  # the focus left the field: the text is saved with the record it was typed on
            self._take_input()

    def _take_input(self) -> None:
        text = " ".join(self.input.text().split())
        if not text:
            return
        self.input.clear()
        if text.casefold() not in {c.casefold() for c in self.value()}:
            self._add_chip(text)
            self.commit()

    def add(self, text: str) -> None:
        """Add a value as if typed and confirmed."""
        self.input.setText(text)
        self._take_input()

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt override
        if watched is self.input and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Backspace and not self.input.text() and self.chips:
                self._remove(self.chips[-1])
                return True
            if event.key() == Qt.Key.Key_Escape and self.input.text():
                self.input.clear()
                return True
        return super().eventFilter(watched, event)
