"""A source's details in the scan pane: title, date, language, note, whether its scans
may be published, and Delete. Each committed field is one undoable step, as in the forms."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QPushButton, QWidget

from curator import CuratorError
from curator.catalog import ValidationError
from curator.catalog.sources import SourceRecord
from curator.gui.forms.fields import ChoiceField, Field, LineField, ParagraphsField
from curator.gui.undo import CatalogUndo

PUBLISHABLE = [(False, "Not published"), (True, "May be published on the site")]


class SourceDetails(QWidget):
    """The editable details of the source the scan pane shows."""

    deleted = Signal(int)  # the source's id

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo = undo
        self.source: SourceRecord | None = None
        self.read_only = False  # an archive that takes no writes: shown, not edited
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fields: dict[str, Field] = {}
        for label, field in (
                ("Title", LineField("title", "e.g. MIFF 1989 catalogue")),
                ("Date", LineField("date", "1989, 1989-07 or 1989-07-14")),
                ("Language", LineField("language", "e.g. English; OCR reads in it")),
                ("Note", ParagraphsField("note", "Condition, where the original is kept\u2026",
                                         2)),
                ("Scans", ChoiceField("publishable", PUBLISHABLE))):
            self.fields[field.name] = field
            field.committed.connect(self._committed)
            layout.addRow(label, field)
        self.delete_button = QPushButton("Delete Source", objectName="deleteSource")
        self.delete_button.setToolTip("Delete the source and its citations (Undo brings them "
                                      "back, files and all: they stay in the archive)")
        self.delete_button.clicked.connect(self.delete)
        layout.addRow("", self.delete_button)

    def show_source(self, source: SourceRecord | None) -> None:
        self.source = source
        self.setEnabled(source is not None and not self.read_only)
        for name, field in self.fields.items():
            field.set_value(getattr(source, name) if source else
                            (False if name == "publishable" else ""), force=True)

    def _committed(self, name: str, value: Any) -> None:
        if self.source is None:
            return
        source_id, version = self.source.id, self.source.version
        try:
            self.undo.run(lambda: self.undo.catalog.sources.update(source_id, version,
                                                                  **{name: value}))
        except ValidationError as exc:
            self.fields[name].show_problem(" ".join(exc.problems.values()))
        except CuratorError as exc:
            self.fields[name].show_problem(str(exc))

    def delete(self) -> bool:
        if self.source is None:
            return False
        source_id = self.source.id
        try:
            self.undo.run(lambda: self.undo.catalog.sources.delete(source_id))
        except CuratorError as exc:
            self.fields["title"].show_problem(str(exc))
            return False
        self.deleted.emit(source_id)
        return True
