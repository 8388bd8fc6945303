"""Edit › History…: who changed a film, person, festival or list, when, and what, newest first.

Each step of the record's history is a row (when, who, the step's name); under it, each
field it changed with the old and the new value. Read from the catalog's change history,
which keeps every step, undos and other desks' steps included.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import FieldChange, HistoryStep, ago

# A row of these tables, in the archivist's words.
PART_NAMES = {
    "film": "film", "person": "person", "festival": "festival", "collection": "list",
    "film_country": "country", "film_language": "language", "film_genre": "genre",
    "alt_title": "other title", "quote": "quote", "credit": "credit",
    "screening": "festival appearance", "award": "award", "still": "still",
    "external_id": "external id", "name_variant": "other spelling",
    "collection_item": "film in the list", "related_film": "See also",
    "edition": "edition", "section": "section", "setting": "setting",
}
RECORD_TABLES = frozenset({"film", "person", "festival", "collection"})
LONGEST_VALUE = 160  # characters of a value shown in its cell; the tooltip has all of it
# A part's values that say nothing to a reader (ids, its place, an image's hash and size).
UNSAID = frozenset({"id", "position", "sha256", "width", "height", "focal_x", "focal_y",
                    "is_primary"})


def field_words(name: str) -> str:
    return PART_NAMES.get(name) or name.replace("_", " ")


def value_text(value: Any) -> str:
    """A value as a line of text: a part by what it says, a list by its items."""
    if value is None:
        return ""
    if isinstance(value, list):
        said = [text for text in map(value_text, value) if text]
        if not said and value:  # parts that only link records (See also, appearances)
            return f"{len(value)} {'entry' if len(value) == 1 else 'entries'}"
        return "; ".join(said)
    if isinstance(value, dict):
        return " \u00b7 ".join(value_text(v) for k, v in value.items()
                               if k not in UNSAID and not k.endswith("_id")
                               and v not in (None, ""))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def change_lines(change: FieldChange) -> list[tuple[str, Any, Any]]:
    """(what, old, new) lines for one row's change."""
    part = field_words(change.table)
    if change.table in RECORD_TABLES:
        if change.action == "delete":
            return [(f"deleted the {part}", None, None)]
        lines = [(field_words(name), old, new) for name, (old, new) in change.fields.items()]
        if change.action == "insert":
            return [(f"created the {part}", None, None), *lines]
        return lines
    values = {name: (new if change.action == "insert" else old)
              for name, (old, new) in change.fields.items()}
    if change.action == "insert":
        return [(f"added {part}", None, values)]
    if change.action == "delete":
        return [(f"removed {part}", values, None)]
    return [(f"{part}: {field_words(name)}", old, new)
            for name, (old, new) in change.fields.items()]


class HistoryDialog(QDialog):
    """A record's history, newest step first."""

    def __init__(self, title: str, steps: list[HistoryStep],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"History of {title}")
        self.resize(940, 560)
        heading = QLabel(f"History of {title}" if steps else
                         f"{title} has no recorded changes yet.")
        heading.setWordWrap(True)
        self.tree = QTreeWidget(objectName="history")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels(["When", "Who", "What", "Before", "After"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(f"History of {title}")
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column, mode in ((0, QHeaderView.ResizeMode.ResizeToContents),
                             (1, QHeaderView.ResizeMode.ResizeToContents),
                             (2, QHeaderView.ResizeMode.Interactive),
                             (3, QHeaderView.ResizeMode.Interactive)):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(3, 170)
        for step in steps:
            self.tree.addTopLevelItem(self._step_item(step))
        self.tree.expandAll()
        # the steps' names read whole, up to a third of the dialog
        self.tree.resizeColumnToContents(2)
        header.resizeSection(2, min(max(header.sectionSize(2), 200), 300))
        header.resizeSection(3, 200)
        if steps:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.tree.setFocus()

    @staticmethod
    def _step_item(step: HistoryStep) -> QTreeWidgetItem:
        local = step.at.replace(tzinfo=UTC).astimezone()
        when = f"{local:%d %b %Y, %H:%M}"
        item = QTreeWidgetItem([when, step.who, step.label])
        item.setToolTip(0, f"{local:%d %B %Y, %H:%M:%S} ({ago(step.at)})")
        font = item.font(2)
        font.setBold(True)
        item.setFont(2, font)
        for change in step.changes:
            for what, old, new in change_lines(change):
                texts = [value_text(old), value_text(new)]
                child = QTreeWidgetItem(["", "", what] + [
                    t if len(t) <= LONGEST_VALUE else t[:LONGEST_VALUE - 1] + "\u2026"
                    for t in texts])
                for column, text in zip((3, 4), texts, strict=True):
                    if text:
                        child.setToolTip(column, text)
                child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.addChild(child)
        return item
