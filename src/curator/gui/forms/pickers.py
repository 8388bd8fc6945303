"""Line edits that find a person or a film as you type, through the catalog.

The catalogue can hold 100,000 films, so the completion list is not a Qt list
filtered in Python: each keystroke asks the catalog for the first few matches
(people by any name variant, films through the full-text search).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from curator.catalog import Catalog
from curator.gui.lifetime import after_event

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1
NEW_PERSON = -1


class _SearchingLine(QLineEdit):
    """A line edit whose completion rows come from `matches(text)`."""

    picked = Signal(int, str)  # id, name

    def __init__(self, catalog: Catalog, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setPlaceholderText(placeholder)
        self.model = QStandardItemModel(self)
        completer = QCompleter(self.model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(NAME_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[QModelIndex].connect(self._activated)
        self.setCompleter(completer)
        self.textEdited.connect(self._refill)
        self.returnPressed.connect(self._return_pressed)
        self._suppress_return = False

    def matches(self, text: str) -> list[tuple[int, str, str]]:
        """(id, name to insert, label to show) for the text typed so far."""
        raise NotImplementedError

    def _refill(self, text: str) -> None:
        self.model.clear()
        if not text.strip():
            self.completer().popup().hide()
            return
        for ident, name, label in self.matches(text):
            item = QStandardItem(label)
            item.setData(ident, ID_ROLE)
            item.setData(name, NAME_ROLE)
            item.setEditable(False)
            self.model.appendRow(item)
        if self.model.rowCount():
            self.completer().complete()

    def _activated(self, index: QModelIndex) -> None:
        self._suppress_return = True  # the same Enter key also reaches returnPressed
        ident, name = index.data(ID_ROLE), index.data(NAME_ROLE)
        if ident is not None:
            after_event(self, lambda: self._pick(ident, name))

    def _pick(self, ident: int, name: str) -> None:
        self._suppress_return = False
        self.clear()
        self.model.clear()
        self.picked.emit(ident, name)

    def _return_pressed(self) -> None:
        popup = self.completer().popup()
        if self._suppress_return or (popup.isVisible() and popup.currentIndex().isValid()):
            return  # the completer activates the highlighted row itself, just after
        choice = self.choice_for_return(self.text().strip())
        if choice is not None:
            popup.hide()
            # The popup's handling of this Return goes on after the signal: the list it
            # shows is emptied, and the form reloaded, once that is over.
            after_event(self, lambda: self._pick(*choice))

    def choice_for_return(self, text: str) -> tuple[int, str] | None:
        """What Enter picks when nothing in the list is highlighted."""
        if self.model.rowCount() == 1 or (self.model.rowCount() and text.casefold() == str(
                self.model.item(0).data(NAME_ROLE)).casefold()):
            item = self.model.item(0)
            return item.data(ID_ROLE), item.data(NAME_ROLE)
        return None


class PersonPicker(_SearchingLine):
    """Finds people by name or name variant; offers to create a new person last."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(catalog, "Type a name to find or create a person\u2026", parent)

    def matches(self, text: str) -> list[tuple[int, str, str]]:
        rows = []
        exact = False
        for pid, name, variant in self.catalog.people.find(text, limit=12):
            label = f"{name}   (also written \u201c{variant}\u201d)" if variant else name
            rows.append((pid, name, label))
            # the same name with other accents may be another person: it can be added
            exact = exact or text.strip().casefold() in {name.casefold(), variant.casefold()}
        if not exact:
            name = " ".join(text.split())
            rows.append((NEW_PERSON, name, f"New person \u201c{name}\u201d\u2026"))
        return rows

    def _refill(self, text: str) -> None:
        super()._refill(text)
        # Once the key is handled, the line edit's completer highlights the row whose name
        # is what was typed: the "New person" row, named exactly that. It must not be
        # the default: unhighlighted, Enter takes a person already in the archive.
        after_event(self, self._unhighlight_new_person)

    def _unhighlight_new_person(self) -> None:
        popup = self.completer().popup()
        if popup.currentIndex().isValid() and popup.currentIndex().data(ID_ROLE) == NEW_PERSON:
            popup.setCurrentIndex(QModelIndex())

    def choice_for_return(self, text: str) -> tuple[int, str] | None:
        """Enter credits the person named, else the first one the list offers: a person
        already in the archive is the default, and a new one takes an explicit choice
        (its row in the list), unless nobody is called anything like it."""
        if not text:
            return None
        person = self.catalog.people.named(text)
        if person is not None:
            return person, text
        people = [self.model.item(i) for i in range(self.model.rowCount())
                  if self.model.item(i).data(ID_ROLE) != NEW_PERSON]
        if not people:  # nobody is called anything like it: Enter creates them
            return NEW_PERSON, " ".join(text.split())
        return people[0].data(ID_ROLE), people[0].data(NAME_ROLE)


class FilmPicker(_SearchingLine):
    """Finds films by title (any word of the title, original title or alternative titles)."""

    def __init__(self, catalog: Catalog, placeholder: str = "Type a title to find a film\u2026",
                 parent: QWidget | None = None) -> None:
        super().__init__(catalog, placeholder, parent)
        self.excluded: set[int] = set()

    def matches(self, text: str) -> list[tuple[int, str, str]]:
        ids = [i for i in self.catalog.search.films(text, limit=15, count=False).ids
               if i not in self.excluded][:12]
        rows = []
        for row in self.catalog.films.rows(ids):
            year = f" ({row.year})" if row.year else ""
            rows.append((row.id, row.title, f"{row.title}{year}"))
        return rows
