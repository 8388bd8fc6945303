"""Festival appearances of a film: its screenings (edition and section) and its awards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from curator.catalog import Changes
from curator.catalog.records import AwardRecord, FestivalRecord, ScreeningData
from curator.gui.forms.fields import compact
from curator.gui.forms.items import ItemsField
from curator.gui.forms.rows import remove_button
from curator.model import AwardResult, Premiere

PREMIERES = [(p.value, f"{p.value.capitalize()} premiere" if p.value else "No premiere")
             for p in Premiere]


@dataclass(frozen=True)
class EditionChoice:
    id: int
    label: str  # "MIFF 1989"
    sections: tuple[tuple[int, str], ...]


def edition_choices(festivals: list[FestivalRecord]) -> list[EditionChoice]:
    return [
        EditionChoice(e.id, e.label, tuple((s.id, s.name) for s in e.sections))
        for f in festivals for e in f.editions
    ]


def edition_combo(name: str, editions: list[EditionChoice], prompt: str = "") -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if prompt:
        combo.addItem(prompt, None)
    for e in editions:
        combo.addItem(e.label, e.id)
    if prompt:  # the "add" combo stands alone on its line: it shows its whole prompt
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo
    return compact(combo, 6)


class ScreeningsField(ItemsField):
    """Where and in which section a film was shown; value is a list of ScreeningData."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.editions: list[EditionChoice] = []
        super().__init__("screenings", "Not shown at any festival yet \u2014 choose an edition "
                         "below to add an appearance.", parent)
        self.grid.setColumnStretch(1, 1)
        self.new_edition = edition_combo("screenings.new", [], "Add an appearance at\u2026")
        self.new_edition.activated.connect(self._add)
        adder = QHBoxLayout()
        adder.addWidget(self.new_edition)
        adder.addStretch(1)
        self.outer.addLayout(adder)
        self.setFocusProxy(self.new_edition)

    def set_editions(self, editions: list[EditionChoice]) -> None:
        if editions == self.editions:
            return
        self.editions = editions
        self.new_edition.clear()
        self.new_edition.addItem("Add an appearance at\u2026", None)
        self.new_edition.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for e in editions:
            self.new_edition.addItem(e.label, e.id)
        self.new_edition.setEnabled(bool(editions))
        if not editions:
            self.empty.setText("No festival editions in the archive yet \u2014 create a "
                               "festival and its editions first.")
        self.refresh_rows()

    def _sections(self, edition_id: int) -> tuple[tuple[int, str], ...]:
        return next((e.sections for e in self.editions if e.id == edition_id), ())

    def row_widgets(self, index: int, item: ScreeningData) -> list[QWidget]:
        edition = edition_combo(f"screenings.{index}.edition", self.editions)
        edition.setCurrentIndex(max(edition.findData(item.edition_id), 0))
        edition.activated.connect(lambda _i, n=index, c=edition: self.replace_item(
            n, replace(self._items[n], edition_id=c.currentData(), section_id=None)))
        section = compact(QComboBox(), 7)
        section.setObjectName(f"screenings.{index}.section")
        section.addItem("No section", None)
        for sid, name in self._sections(item.edition_id):
            section.addItem(name, sid)
        section.setCurrentIndex(max(section.findData(item.section_id), 0))
        section.activated.connect(lambda _i, n=index, c=section: self.replace_item(
            n, replace(self._items[n], section_id=c.currentData())))
        premiere = compact(QComboBox(), 6)
        premiere.setObjectName(f"screenings.{index}.premiere")
        for value, label in PREMIERES:
            premiere.addItem(label, value)
        premiere.setCurrentIndex(max(premiere.findData(item.premiere), 0))
        premiere.activated.connect(lambda _i, n=index, c=premiere: self.replace_item(
            n, replace(self._items[n], premiere=c.currentData())))
        remove = remove_button("Remove this appearance")
        remove.clicked.connect(lambda _c=False, n=index: self.remove_item(n))
        return [edition, section, premiere, remove]

    def _add(self, _index: int) -> None:
        edition_id = self.new_edition.currentData()
        self.new_edition.setCurrentIndex(0)
        if edition_id is not None:
            self.append_item(ScreeningData(edition_id))

    def commit(self) -> None:
        # The same edition and section twice says nothing new; the database would not
        # notice it when there is no section, so it is refused here.
        seen: set[tuple[int, int | None]] = set()
        for s in self._items:
            if (s.edition_id, s.section_id) in seen:
                label = next((e.label for e in self.editions if e.id == s.edition_id), "")
                self.show_problem(f"The film is already listed at {label} "
                                  f"{'in that section' if s.section_id else 'without a section'}"
                                  "; choose a section on that line instead.")
                self._display(self._loaded)
                return
            seen.add((s.edition_id, s.section_id))
        super().commit()


class AwardsEditor(ItemsField):
    """The film's awards. Each is its own record, saved through the award operations."""

    award_saved = Signal()

    def __init__(self, run: Callable[[Callable[[], Changes]], bool], catalog: Any,
                 parent: QWidget | None = None) -> None:
        self._run = run  # the form's runner: undo stack, problems shown here
        self.catalog = catalog
        self.editions: list[EditionChoice] = []
        self.film_id: int | None = None
        super().__init__("awards", "No awards or nominations \u2014 add one below if the film "
                         "won a prize at a festival.", parent)
        self.grid.setColumnStretch(1, 1)
        self.new_edition = edition_combo("awards.new.edition", [])
        self.new_name = QLineEdit()
        self.new_name.setObjectName("awards.new.name")
        self.new_name.setPlaceholderText("Award name, e.g. Best Documentary")
        self.new_name.returnPressed.connect(self._add)
        self.new_result = self._result_combo("awards.new.result", "won")
        add = QPushButton("Add award")
        add.setObjectName("awards.new.add")
        add.clicked.connect(self._add)
        # Two lines, so the pane can be narrow: the name, then where and how.
        self.outer.addWidget(self.new_name)
        adder = QHBoxLayout()
        adder.setSpacing(6)
        for widget in (self.new_edition, self.new_result, add):
            adder.addWidget(widget)
        adder.addStretch(1)
        self.outer.addLayout(adder)
        self.setFocusProxy(self.new_name)

    @staticmethod
    def _result_combo(name: str, value: str) -> QComboBox:
        combo = compact(QComboBox(), 8)
        combo.setObjectName(name)
        for result in AwardResult:
            combo.addItem(result.value.capitalize(), result.value)
        combo.setCurrentIndex(max(combo.findData(value), 0))
        return combo

    def set_editions(self, editions: list[EditionChoice]) -> None:
        if editions != self.editions:
            self.editions = editions
            current = self.new_edition.currentData()
            self.new_edition.clear()
            for e in editions:
                self.new_edition.addItem(e.label, e.id)
            self.new_edition.setCurrentIndex(max(self.new_edition.findData(current), 0))
            self.refresh_rows()
        enabled = bool(editions)
        for widget in (self.new_edition, self.new_name, self.new_result):
            widget.setEnabled(enabled)

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
        name.editingFinished.connect(
            lambda a=item, e=name: e.text().strip() != a.name
            and self._update(a, name=e.text().strip()))
        result = self._result_combo(f"awards.{index}.result", item.result)
        result.activated.connect(
            lambda _i, a=item, c=result: self._update(a, result=c.currentData()))
        remove = remove_button("Remove this award")
        remove.clicked.connect(
            lambda _c=False, a=item: self._run(lambda: self.catalog.delete_award(a.id)))
        return [edition, name, result, remove]

    def _update(self, award: AwardRecord, **fields: Any) -> bool:
        return self._run(lambda: self.catalog.update_award(award.id, award.version, **fields))

    def _add(self) -> None:
        edition_id, name = self.new_edition.currentData(), self.new_name.text().strip()
        if edition_id is None or self.film_id is None:
            return
        film_id, result = self.film_id, self.new_result.currentData()
        if self._run(lambda: self.catalog.create_award(edition_id, name, film_id=film_id,
                                                       result=result)):
            self.new_name.clear()

    def commit(self) -> None:
        """Awards save one by one through their own operations, never as a list."""
