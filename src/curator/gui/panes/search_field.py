"""The film list's search field: it completes the query language's field names and values,
and a help popover beside it lists the fields (catalog/query.py is the language itself)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import Catalog
from curator.catalog.query import FIELDS, field_name
from curator.catalog.query_values import field_completions

# The part being typed at the cursor: `-field:"value`, `field:value` or a word.
_AT_CURSOR = re.compile(r'(-?)(?:([A-Za-z]+):("[^"]*|[^\s"]*)|([A-Za-z]*))$')
EXAMPLES = (
    ("director:wenders year:1970..1979", "Wenders's films of the seventies"),
    ('edition:"miff 1989" section:animation', "a section of an edition"),
    ("country:germany -has:synopsis", "German films still without a synopsis"),
    ("state:draft has:still runtime:<60", "draft shorts that have a still"),
    ("rock kind:documentary", "free words and a field together"),
)


class SearchField(QLineEdit):
    """A QLineEdit whose completer offers what may come next at the cursor."""

    completed = Signal(str)  # the text after a completion was chosen

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search")
        self.catalog = catalog
        self.completes = True  # only a list of films speaks the query language
        self.offers = QStringListModel(self)
        self.completer_popup = QCompleter(self.offers, self)
        self.completer_popup.setWidget(self)
        self.completer_popup.setCompletionMode(
            QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_popup.setMaxVisibleItems(12)
        self.completer_popup.popup().setObjectName("searchCompletions")
        self.completer_popup.activated[str].connect(self._take)
        self._span = (0, 0)  # where the part being completed sits in the text
        self.textEdited.connect(lambda _text: self.offer())

    def offer(self) -> None:
        """Show what can complete the part at the cursor (nothing: no popup)."""
        offers = self._offers() if self.completes else []
        self.offers.setStringList(offers)
        if offers:
            self.completer_popup.complete()
            self.completer_popup.popup().setCurrentIndex(self.offers.index(0, 0))
        else:
            self.completer_popup.popup().hide()

    def _offers(self) -> list[str]:
        before = self.text()[:self.cursorPosition()]
        m = _AT_CURSOR.search(before)
        if m is None:
            return []
        minus, name, value, word = m.groups()
        self._span = (m.start(), self.cursorPosition())
        if name is not None:
            field = field_name(name)
            if field is None:
                return []
            offered = self.catalog.search.completions(field, value.lstrip('"'))
            return [f"{minus}{name}:{v}" for v in offered if v.strip('"') != value.strip('"')]
        if word is None or len(word) < 2:
            return []
        return [f"{minus}{f}" for f in field_completions(word)]

    def _take(self, completion: str) -> None:
        start, end = self._span
        text = self.text()
        rest = text[end:]
        # a whole value ends the condition; a field name waits for its value
        tail = "" if completion.endswith(":") or rest.startswith(" ") else " "
        self.setText(text[:start] + completion + tail + rest)
        self.setCursorPosition(start + len(completion) + len(tail))
        self.completed.emit(self.text())
        if completion.endswith(":"):
            self.offer()  # and now the values of that field


class QueryHelp(QFrame):
    """The popover that says how to search by field (the same words as the README)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("queryHelp")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        text = QLabel(self.text(), objectName="queryHelpText")
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        self.setFixedWidth(560)

    @staticmethod
    def text() -> str:
        rows = "".join(
            f"<tr><td style='padding:1px 12px 1px 0'><code>{name}:</code></td>"
            f"<td style='padding:1px 0'>{html.escape(what)}</td></tr>"
            for name, what in FIELDS.items())
        examples = "".join(
            f"<tr><td style='padding:1px 12px 1px 0'><code>{html.escape(q)}</code></td>"
            f"<td style='padding:1px 0'>{html.escape(what)}</td></tr>"
            for q, what in EXAMPLES)
        return (
            "<p style='margin:0 0 6px 0'><b>Search by field</b><br>Type words to find them "
            "in titles, names, synopses and countries; add <code>field:value</code> to "
            "narrow the search. Put a value with spaces in quotes, and a <code>-</code> "
            "before a condition to leave those films out.</p>"
            f"<table cellspacing='0'>{rows}</table>"
            "<p style='margin:8px 0 4px 0'><b>Examples</b></p>"
            f"<table cellspacing='0'>{examples}</table>"
            "<p style='margin:8px 0 0 0'>The field completes names and values as you type "
            "(\u2193 to choose, Return to take).</p>")


def help_button(field: SearchField, parent: QWidget | None = None) -> QToolButton:
    """The "?" beside the search field; it opens the help below the field."""
    button = QToolButton(parent, objectName="queryHelpButton")
    button.setText("?")
    button.setToolTip("How to search by field")
    button.setAccessibleName("Search help")
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    help_popover = QueryHelp(button)

    def show() -> None:
        help_popover.adjustSize()
        below = field.mapToGlobal(field.rect().bottomRight())
        help_popover.move(below.x() - help_popover.width(), below.y() + 4)
        help_popover.show()

    button.clicked.connect(show)
    button.popover = help_popover  # type: ignore[attr-defined] - for tests and screenshots
    return button
