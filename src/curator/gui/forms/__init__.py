"""The form pane: editors for every kind of record (films, people, festivals, lists)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from curator.gui.undo import CatalogUndo


class FormPane(QWidget):
    """Shows the editor for one record at a time; every committed edit is saved at once."""

    record_opened = Signal(str, int)  # kind ("film", "person", ...), id: follow a link

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo = undo
        self._label = QLabel(self)
        QVBoxLayout(self).addWidget(self._label)

    def show_record(self, kind: str, record_id: int | None) -> None:
        """Edit this record (kind: film, person, festival, edition, section, list)."""
        self._label.setText(f"{kind} {record_id}")

    def clear(self) -> None:
        self._label.clear()
