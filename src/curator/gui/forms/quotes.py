"""A film's quotes in its form: each a statement, who said it and where, and the page of
the printed source it was typed from ("From MIFF 1989 catalogue, p. 42").

A click on that line opens the scan there; *Cite Page* records the page the scan pane
shows; text read from a box of the scan into a quote records its page and box. The
citation is part of the quote's value: saved with the quote, undone with it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from curator.catalog.records import QuoteSource
from curator.catalog.sources import source_reference
from curator.gui.forms.rows import Cell, RowsField, RowWidget

CELLS = [Cell("text", "The quoted statement", multiline=True),
         Cell("attribution", "Who said it", stretch=2),
         Cell("source", "Where, e.g. Director's statement", stretch=2)]
ScanPage = Callable[[], "tuple[int, int, Any] | None"]


def _link_button(text: str, name: str, tooltip: str) -> QPushButton:
    button = QPushButton(text, objectName=name)
    button.setFlat(True)
    button.setToolTip(tooltip)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setStyleSheet("QPushButton { color: palette(link); padding: 0 4px; }")
    return button


class QuoteSourceLine(QWidget):
    """Under a quote: where it was printed, with Cite Page and Remove."""

    def __init__(self, field: QuotesField, row: RowWidget) -> None:
        super().__init__()
        self.field, self.row = field, row
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.label = QLabel(objectName="quoteSource")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.linkActivated.connect(self._open)
        layout.addWidget(self.label)
        self.cite = _link_button("Cite Page", "citeQuotePage",
                                 "Record the page the scan pane shows as where this quote "
                                 "was printed")
        self.cite.clicked.connect(lambda: field.cite_page_on_show(row))
        layout.addWidget(self.cite)
        self.remove = _link_button("Remove Source", "removeQuoteSource",
                                   "Forget where this quote was printed")
        self.remove.clicked.connect(lambda: field.set_cited(row, None, commit=True))
        layout.addWidget(self.remove)
        layout.addStretch(1)

    def show_cited(self, cited: QuoteSource | None) -> None:
        if cited is None:
            self.label.setText("")
            self.label.hide()
        else:
            title = self.field.source_title(cited.source_id)
            self.label.setText(f'From <a href="source">'
                               f'{escape(source_reference(title, cited.page))}</a>')
            self.label.show()
        self.remove.setVisible(cited is not None)

    def _open(self, _href: str) -> None:
        cited = getattr(self.row, "cited", None)
        if cited is not None:
            self.field.source_requested.emit(cited.source_id, cited.page, cited.region)


class QuotesField(RowsField):
    """The film's quotes; value: (text, attribution, source, cited) per quote."""

    source_requested = Signal(int, int, object)  # source id, page, region (or None)

    def __init__(self, source_title: Callable[[int], str], scan_page: ScanPage,
                 notice: Callable[[str], None], parent: QWidget | None = None) -> None:
        self.source_title = source_title  # a source's title, by id
        self.scan_page = scan_page  # the page the scan pane shows, or None
        self.notice = notice
        super().__init__("quotes", CELLS, "quote",
                         "No quotes \u2014 add a director's statement or a review.", parent)

    def value(self) -> list[tuple[Any, ...]]:
        return [(*v, getattr(r, "cited", None)) for r in self.rows
                if any(v := r.values())]

    def _append(self, values: tuple[Any, ...]) -> RowWidget:
        row = super()._append(tuple(values[:3]))
        row.cited = values[3] if len(values) > 3 else None  # type: ignore[attr-defined]
        row.source_line = QuoteSourceLine(self, row)  # type: ignore[attr-defined]
        row.layout().addWidget(row.source_line)
        row.source_line.show_cited(row.cited)  # type: ignore[attr-defined]
        return row

    def row_of(self, widget: QWidget) -> RowWidget | None:
        for row in self.rows:
            if row is widget or row.isAncestorOf(widget):
                return row
        return None

    def set_cited(self, row: RowWidget, cited: QuoteSource | None, *, commit: bool) -> None:
        """Record where the row's quote was printed; saved now, or with its text (`commit`
        False: the text being typed is saved when the field is, citation and all)."""
        row.cited = cited  # type: ignore[attr-defined]
        row.source_line.show_cited(cited)  # type: ignore[attr-defined]
        if commit and any(row.values()):
            self.commit()

    def cite_page_on_show(self, row: RowWidget) -> None:
        where = self.scan_page()
        if where is None:
            self.notice("Open the printed catalogue in the scan pane (View \u203a Scan Pane) "
                        "at the page the quote is printed on.")
            return
        source_id, page, _region = where
        self.set_cited(row, QuoteSource(source_id, page), commit=True)
