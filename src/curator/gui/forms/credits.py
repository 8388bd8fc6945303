"""The credits editor: who did what on a film, in billing order.

Each credit is a role, a person (a link to their form) and, for cast, a
character. The last line adds a credit: choose the role, then find the person by
any spelling of their name, or create them on the spot.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from curator.catalog import Catalog
from curator.catalog.records import CreditData
from curator.gui.forms.base import link
from curator.gui.forms.fields import compact
from curator.gui.forms.items import ItemsField
from curator.gui.forms.pickers import NEW_PERSON, PersonPicker
from curator.gui.forms.rows import remove_button
from curator.model import Role
from curator.model.enums import RecordKind

CHARACTER_ROLES = {"cast", "narrator"}


def role_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for role in Role:
        combo.addItem(role.value[:1].upper() + role.value[1:], role.value)
    return compact(combo, 10)


def move_up_button(index: int, what: str) -> QToolButton:
    up = QToolButton()
    up.setText("\u2191")
    up.setAutoRaise(True)
    up.setToolTip(f"Move this {what} up")
    up.setAccessibleName(f"Move this {what} up")
    up.setEnabled(index > 0)
    return up


class CreditsField(ItemsField):
    """A film's credits; value is a list of CreditData."""

    person_requested = Signal(str, str)  # a new person's name, the role to credit them in
    link_activated = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        self._names: dict[int, str] = {}
        super().__init__("credits", "No credits yet \u2014 add a director: choose the role, "
                         "then type their name below.", parent)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(2, 2)
        adder = QHBoxLayout()
        adder.setSpacing(6)
        self.new_role = role_combo("credits.new.role")
        self.new_role.setToolTip("The role of the person you add")
        self.picker = PersonPicker(catalog)
        self.picker.setObjectName("credits.new.person")
        self.picker.setAccessibleName("Person to credit")
        self.picker.picked.connect(self._picked)
        adder.addWidget(self.new_role)
        adder.addWidget(self.picker, 1)
        self.outer.addLayout(adder)
        self.setFocusProxy(self.picker)

    def set_credits(self, credits: Any, force: bool = False) -> None:
        """Load CreditRecords (which carry the person's name)."""
        self._names.update({c.person_id: c.person_name for c in credits})
        self.set_value([CreditData(c.person_id, c.role, c.character) for c in credits], force)

    def row_widgets(self, index: int, item: CreditData) -> list[QWidget]:
        role = role_combo(f"credits.{index}.role")
        role.setCurrentIndex(max(role.findData(item.role), 0))
        role.activated.connect(
            lambda _i, n=index, c=role: self.replace_item(
                n, replace(self._items[n], role=c.currentData())))
        person = QLabel(link(self._names.get(item.person_id, "?"), RecordKind.PERSON,
                             item.person_id))
        person.setObjectName(f"credits.{index}.person")
        person.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        person.linkActivated.connect(self.link_activated)
        character = QLineEdit(item.character)
        character.setObjectName(f"credits.{index}.character")
        character.setPlaceholderText("Character")
        # Only a cast or voice credit plays someone; other roles keep the cell empty.
        character.setVisible(item.role in CHARACTER_ROLES or bool(item.character))
        character.editingFinished.connect(
            lambda n=index, e=character: self.replace_item(
                n, replace(self._items[n], character=e.text().strip())))
        up = move_up_button(index, "credit")
        up.clicked.connect(lambda _c=False, n=index: self.move_up(n))
        remove = remove_button("Remove this credit")
        remove.clicked.connect(lambda _c=False, n=index: self.remove_item(n))
        return [role, person, character, up, remove]

    def _picked(self, person_id: int, name: str) -> None:
        role = self.new_role.currentData()
        if person_id == NEW_PERSON:
            self.person_requested.emit(name, role)
            return
        self.add_credit(person_id, name, role)

    def add_credit(self, person_id: int, name: str, role: str) -> None:
        """Credit an existing person (also the form's route for one just created)."""
        self._names[person_id] = name
        self.append_item(CreditData(person_id, role))
