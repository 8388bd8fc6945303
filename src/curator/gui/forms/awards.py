"""A film's awards and nominations, each given at a festival edition to the film or a person.

Each award is its own record with its own version, so every change is a single
award operation (create, update, delete) rather than a replacement of a list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QVBoxLayout, QWidget

from curator.catalog import Changes
from curator.catalog.records import AwardRecord, CreditRecord
from curator.gui.forms.appearances import EditionChoice, edition_combo
from curator.gui.forms.chips import FlowBox
from curator.gui.forms.fields import compact
from curator.gui.forms.items import ItemsField
from curator.gui.forms.rows import remove_button
from curator.model import AwardResult


class AwardsEditor(ItemsField):
    """The film's awards; value is the list of AwardRecords as loaded."""

    def __init__(self, run: Callable[[Callable[[], Changes]], bool], catalog: Any,
                 parent: QWidget | None = None) -> None:
        self._run = run  # the form's runner: undo stack, problems shown here
        self.catalog = catalog
        self.editions: list[EditionChoice] = []
        self.people: list[tuple[int, str]] = []  # (person id, "Name (role)") of the credits
        self.film_id: int | None = None
        super().__init__("awards", "No awards or nominations \u2014 add one below if the film "
                         "won a prize at a festival.", parent)
        self.grid.setColumnStretch(1, 1)
        self.new_name = QLineEdit()
        self.new_name.setObjectName("awards.new.name")
        self.new_name.setPlaceholderText("Award name, e.g. Best Documentary")
        self.new_name.returnPressed.connect(self._add)
        self.new_edition = edition_combo("awards.new.edition", [])
        self.new_winner = self._winner_combo("awards.new.winner", None)
        self.new_result = self._result_combo("awards.new.result", "won")
        add = QPushButton("Add award")
        add.setObjectName("awards.new.add")
        add.clicked.connect(self._add)
        # The name, then where, to whom and how, wrapping when the pane is narrow.
        self.outer.addWidget(self.new_name)
        adder = FlowBox(spacing=6)
        adder.setObjectName("awards.new.line")
        for widget in (self.new_edition, self.new_winner, self.new_result, add):
            adder.flow.addWidget(widget)
        self.outer.addWidget(adder)
        self.setFocusProxy(self.new_name)

    @staticmethod
    def _result_combo(name: str, value: str) -> QComboBox:
        combo = compact(QComboBox(), 8)
        combo.setObjectName(name)
        for result in AwardResult:
            combo.addItem(result.value.capitalize(), result.value)
        combo.setCurrentIndex(max(combo.findData(value), 0))
        return combo

    def _winner_combo(self, name: str, person_id: int | None,
                      person_name: str = "") -> QComboBox:
        combo = compact(QComboBox(), 8)
        combo.setObjectName(name)
        combo.setToolTip("Who the award went to: the film, or one of the people it credits")
        combo.addItem("To the film", None)
        for pid, label in self.people:
            combo.addItem(f"To {label}", pid)
        if person_id is not None and combo.findData(person_id) < 0:
            combo.addItem(f"To {person_name}", person_id)  # no longer credited on the film
        combo.setCurrentIndex(max(combo.findData(person_id), 0))
        return combo

    def set_choices(self, editions: list[EditionChoice],
                    credits: tuple[CreditRecord, ...]) -> None:
        """The editions and credited people awards can name."""
        people = list({c.person_id: (c.person_id, f"{c.person_name} ({c.role})")
                       for c in credits}.values())
        if editions != self.editions or people != self.people:
            self.editions, self.people = editions, people
            current = self.new_edition.currentData()
            self.new_edition.clear()
            for e in editions:
                self.new_edition.addItem(e.label, e.id)
            self.new_edition.setCurrentIndex(max(self.new_edition.findData(current), 0))
            winner = self.new_winner.currentData()
            self.new_winner.clear()
            self.new_winner.addItem("To the film", None)
            for pid, label in people:
                self.new_winner.addItem(f"To {label}", pid)
            self.new_winner.setCurrentIndex(max(self.new_winner.findData(winner), 0))
            self.refresh_rows()
        for widget in (self.new_edition, self.new_name, self.new_winner, self.new_result):
            widget.setEnabled(bool(editions))

    def set_awards(self, film_id: int, awards: tuple[AwardRecord, ...]) -> None:
        self.film_id = film_id
        self.set_value(list(awards))

    def row_widgets(self, index: int, item: AwardRecord) -> list[QWidget]:
        edition = edition_combo(f"awards.{index}.edition", self.editions)
        edition.setCurrentIndex(max(edition.findData(item.edition_id), 0))
        edition.activated.connect(
            lambda _i, a=item, c=edition: self._update(a, edition_id=c.currentData()))
        name = QLineEdit(item.name)
        name.setObjectName(f"awards.{index}.name")
        name.setCursorPosition(0)  # a long name too wide for the form shows its beginning
        name.editingFinished.connect(
            lambda a=item, e=name: e.text().strip() != a.name
            and self._update(a, name=e.text().strip()))
        winner = self._winner_combo(f"awards.{index}.winner", item.person_id, item.person_name)
        winner.activated.connect(
            lambda _i, a=item, c=winner: self._update(a, person_id=c.currentData()))
        what = QWidget()
        what.setObjectName(f"awards.{index}.what")
        stacked = QVBoxLayout(what)
        stacked.setContentsMargins(0, 0, 0, 0)
        stacked.setSpacing(3)
        result = self._result_combo(f"awards.{index}.result", item.result)
        result.activated.connect(
            lambda _i, a=item, c=result: self._update(a, result=c.currentData()))
        # to whom and how under the name, side by side while there is room
        how = FlowBox(spacing=6)
        how.flow.addWidget(winner)
        how.flow.addWidget(result)
        stacked.addWidget(name)
        stacked.addWidget(how)
        remove = remove_button("Remove this award")
        remove.clicked.connect(
            lambda _c=False, a=item: self._run(lambda: self.catalog.awards.delete(a.id)))
        return [edition, what, remove]

    def _update(self, award: AwardRecord, **fields: Any) -> bool:
        return self._run(lambda: self.catalog.awards.update(award.id, award.version, **fields))

    def _add(self) -> None:
        edition_id, name = self.new_edition.currentData(), self.new_name.text().strip()
        if edition_id is None or self.film_id is None:
            return
        film_id, result = self.film_id, self.new_result.currentData()
        person_id = self.new_winner.currentData()
        if self._run(lambda: self.catalog.awards.create(edition_id, name, film_id=film_id,
                                                       person_id=person_id, result=result)):
            self.new_name.clear()

    def commit(self) -> None:
        """Awards save one by one through their own operations, never as a list."""
