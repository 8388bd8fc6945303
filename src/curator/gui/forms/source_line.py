"""Where a record's text came from, in its form: "From MIFF 1989 catalogue, p. 42".

A click on it opens the scan at that page and region; *Cite Page* records the page the
scan pane shows as the record's source, *Remove* forgets it. Each is one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from curator.catalog.sources import CitationRecord, Region

if TYPE_CHECKING:
    from curator.gui.forms.base import RecordForm

ScanPage = Callable[[], "tuple[int, int, Region | None] | None"]


class SourceLine(QWidget):
    """A record's citation, with the buttons that change it."""

    source_requested = Signal(int, int, object)  # source id, page, region (or None)

    def __init__(self, form: RecordForm, owner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.owner = owner  # "film_id" or "person_id"
        self.citation: CitationRecord | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(objectName="sourceLine")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.linkActivated.connect(self._open)
        layout.addWidget(self.label, 1)
        self.cite_button = QPushButton("Cite Page", objectName="citePage")
        self.cite_button.setToolTip("Record the page the scan pane shows as where this "
                                    "record's text came from")
        self.cite_button.clicked.connect(self.cite_page_on_show)
        layout.addWidget(self.cite_button)
        self.remove_button = QPushButton("Remove", objectName="removeSource")
        self.remove_button.clicked.connect(self.remove)
        layout.addWidget(self.remove_button)

    def show_citation(self, citation: CitationRecord | None) -> None:
        self.citation = citation
        if citation is None:
            self.label.setText("No source recorded \u2014 open the printed catalogue in the "
                               "scan pane and cite its page.")
            self.label.setStyleSheet("color: palette(placeholder-text);")
        else:
            self.label.setText(f'From <a href="source">{escape(citation.reference)}</a>')
            self.label.setStyleSheet("")
        self.remove_button.setVisible(citation is not None)

    def _open(self, _href: str) -> None:
        if self.citation is not None:
            self.source_requested.emit(self.citation.source_id, self.citation.page,
                                       self.citation.region)

    def cite_page_on_show(self) -> bool:
        where = self.form.scan_page()
        if where is None or self.form.record_id is None:
            self.form.notice.emit("Open the printed catalogue in the scan pane (View \u203a "
                                  "Scan Pane) at the page to cite.")
            return False
        source_id, page, region = where
        record_id = self.form.record_id
        return self.form.run(lambda: self.form.catalog.sources.cite(
            source_id, page, region, **{self.owner: record_id}), [])

    def remove(self) -> bool:
        record_id = self.form.record_id
        if record_id is None or self.citation is None:
            return False
        return self.form.run(lambda: self.form.catalog.sources.remove_citation(
            **{self.owner: record_id}), [])
