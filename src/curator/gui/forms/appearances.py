"""Festival appearances of a film: where it screened (edition, section, premiere)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QToolButton, QWidget

from curator.catalog.records import FestivalRecord, ScreeningData
from curator.gui.forms.chips import FlowBox
from curator.gui.forms.fields import compact
from curator.gui.forms.items import ItemsField
from curator.gui.forms.rows import remove_button
from curator.gui.forms.showings import ShowingsDialog, showings_label
from curator.gui.style import icon
from curator.model import Premiere

PREMIERES = [(p.value, f"{p.value.capitalize()} premiere" if p.value else "No premiere")
             for p in Premiere]


@dataclass(frozen=True)
class EditionChoice:
    id: int
    label: str  # "MIFF 1989"
    sections: tuple[tuple[int, str], ...]
    starts_on: date | None = None  # a new showing's first day


def edition_choices(festivals: list[FestivalRecord]) -> list[EditionChoice]:
    return [
        EditionChoice(e.id, e.label, tuple((s.id, s.name) for s in e.sections), e.starts_on)
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
        self.grid.setColumnStretch(1, 1)  # the section and the premiere
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
        section = compact(QComboBox(), 6)
        section.setObjectName(f"screenings.{index}.section")
        section.addItem("No section", None)
        for sid, name in self._sections(item.edition_id):
            section.addItem(name, sid)
        section.setCurrentIndex(max(section.findData(item.section_id), 0))
        section.activated.connect(lambda _i, n=index, c=section: self.replace_item(
            n, replace(self._items[n], section_id=c.currentData())))
        premiere = compact(QComboBox(), 9)  # "No premiere" whole, not "No premi"
        premiere.setObjectName(f"screenings.{index}.premiere")
        for value, label in PREMIERES:
            premiere.addItem(label, value)
        premiere.setCurrentIndex(max(premiere.findData(item.premiere), 0))
        premiere.activated.connect(lambda _i, n=index, c=premiere: self.replace_item(
            n, replace(self._items[n], premiere=c.currentData())))
        # a calendar and the count: the row stays within the form's width at its narrowest
        showings = QToolButton()
        showings.setIcon(icon("edition"))
        showings.setText(str(len(item.showings)) if item.showings else "")
        showings.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        showings.setAutoRaise(True)
        showings.setCursor(Qt.CursorShape.PointingHandCursor)
        showings.setObjectName(f"screenings.{index}.showings")
        showings.setToolTip(f"{showings_label(item.showings)}: the days, times and venues "
                            "this appearance was shown")
        showings.setAccessibleName(showings_label(item.showings))
        showings.clicked.connect(lambda _c=False, n=index: self.edit_showings(n))
        remove = remove_button("Remove this appearance")
        remove.clicked.connect(lambda _c=False, n=index: self.remove_item(n))
        # the section, the premiere and the showings share a column and wrap to a second
        # line when the form is narrow (beside the scan), rather than make it scroll sideways
        where = FlowBox(spacing=6)
        where.setObjectName(f"screenings.{index}.where")
        where.flow.addWidget(section)
        where.flow.addWidget(premiere)
        where.flow.addWidget(showings)
        return [edition, where, remove]

    def edit_showings(self, index: int) -> None:
        """Open the appearance's showings; OK saves them as one edit of the film."""
        item = self._items[index]
        edition = next((e for e in self.editions if e.id == item.edition_id), None)
        section = dict(self._sections(item.edition_id)).get(item.section_id, "")
        title = ", ".join(t for t in (edition.label if edition else "", section) if t)
        dialog = ShowingsDialog(title, item.showings, edition.starts_on if edition else None,
                                self)
        self.showings_dialog = dialog  # what a test drives
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.replace_item(index, replace(self._items[index], showings=dialog.showings()))
        dialog.deleteLater()

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
