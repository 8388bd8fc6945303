"""A field whose value is a list of structured items shown as a grid of row widgets.

Credits, festival appearances and related films share this: the rows show the
saved list; an edit changes a working copy and commits it whole; if the catalog
refuses it, the rows go back to what the archive has and the problem stays shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from curator.gui.forms.fields import Field
from curator.gui.forms.rows import empty_state
from curator.gui.lifetime import retire


class ItemsField(Field):
    """Subclasses build one row's widgets in `row_widgets` and add their own "add" line."""

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        box = QWidget()
        self.outer = QVBoxLayout(box)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(8)
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.outer.addWidget(self.grid_box)
        self.empty = empty_state(empty_text)
        self.outer.addWidget(self.empty)
        self._items: list[Any] = []
        self._shown: list[Any] = []
        self._rows: list[list[QWidget]] = []
        super().__init__(name, box, parent)
        box.setObjectName(f"{name}.box")
        self._loaded = []
        self._display([])

    def row_widgets(self, index: int, item: Any) -> list[QWidget]:
        raise NotImplementedError

    def value(self) -> list[Any]:
        return list(self._items)

    def set_value(self, value: Any, force: bool = False) -> None:
        # The rows show `_shown`; `_items` may run ahead of it while a save is on its way.
        self._loaded = list(value or [])
        if force or self._loaded != self._shown:
            self._display(self._loaded)
        self.clear_problem()

    def commit(self) -> None:
        super().commit()
        if self._items != self._loaded:  # refused: show what the archive has
            self._display(self._loaded)

    def revert(self) -> None:
        self._display(self._loaded)
        self.clear_problem()

    def refresh_rows(self) -> None:
        """Rebuild the rows (after the choices they offer changed)."""
        self._display(self._shown)

    def _display(self, value: Any) -> None:
        self._items = list(value or [])
        self._shown = list(self._items)
        for widgets in self._rows:
            for widget in widgets:
                retire(widget)
        self._rows = []
        for index, item in enumerate(self._items):
            widgets = self.row_widgets(index, item)
            for column, widget in enumerate(widgets):
                if widget is not None:
                    # a row wrapped to two lines keeps its other cells on its first line
                    self.grid.addWidget(widget, index, column, Qt.AlignmentFlag.AlignTop)
            self._rows.append([w for w in widgets if w is not None])
        self.empty.setVisible(not self._items)
        self.grid_box.setVisible(bool(self._items))

    # -- edits ---------------------------------------------------------------------------
    def replace_item(self, index: int, item: Any) -> None:
        if self._items[index] != item:
            self._items[index] = item
            self.commit()

    def remove_item(self, index: int) -> None:
        del self._items[index]
        self.commit()

    def append_item(self, item: Any) -> None:
        self._items.append(item)
        self.commit()

    def move_up(self, index: int) -> None:
        if index > 0:
            items = self._items
            items[index - 1], items[index] = items[index], items[index - 1]
            self.commit()
