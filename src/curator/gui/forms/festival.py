"""Forms for a festival, one of its editions (MIFF 1989) and a section of an edition."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from curator.catalog import Changes
from curator.catalog.records import EditionRecord, FestivalRecord, SectionRecord
from curator.catalog.validation import check_year
from curator.gui.forms.base import RecordForm, link
from curator.gui.forms.fields import (
    AddLine,
    ChoiceField,
    DateField,
    Field,
    LineField,
    NumberField,
    ParagraphsField,
)
from curator.gui.forms.film import state_choices
from curator.gui.forms.pickers import FilmPicker
from curator.gui.forms.rows import remove_button
from curator.gui.undo import CatalogUndo
from curator.model.enums import RecordKind


def films_count(n: int) -> str:
    return f"{n} film{'s' if n != 1 else ''}"


class FestivalForm(RecordForm):
    kind = RecordKind.FESTIVAL

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(undo, parent)
        identity = self.section("Festival")
        identity.add("Name", self.bind(LineField("name", "e.g. Melbourne International "
                                                 "Film Festival")))
        identity.add("Short name", self.bind(LineField("short_name", "e.g. MIFF")))
        identity.add("City", self.bind(LineField("city")))
        self.country = self.bind(LineField("country"))
        identity.add("Country", self.country)
        identity.add("Description", self.bind(ParagraphsField(
            "description", "The festival's history, for its page in the web archive.", 5)))
        editions = self.section("Editions")
        self.editions = self.links_label("editions")
        editions.add("Years", self.editions)
        self.new_edition = AddLine("new_edition", "Year", "Add edition", self.add_edition,
                                   digits_only=True)
        editions.add("", self.new_edition)
        self.finish_layout()

    def add_edition(self, text: str) -> bool:
        festival_id, year = self.record_id, int(text)
        return self.run(lambda: self.catalog.editions.create(festival_id, year),
                        ["new_edition"], self.new_edition)

    def fetch(self, record_id: int) -> FestivalRecord:
        return self.catalog.festivals.get(record_id)

    def update(self, record_id: int, version: int | None, **fields: Any) -> Changes:
        return self.catalog.festivals.update(record_id, version, **fields)

    def touched_by(self, changes: Changes) -> bool:
        return changes.touched.festival_structure

    def load(self, f: FestivalRecord, force: bool) -> None:
        if force:
            self.country.set_completions(self.catalog.vocabulary.countries())
        self.heading.setText(f.name)
        place = ", ".join(p for p in (f.city, f.country) if p)
        count = len(f.editions)
        facts = [f.short_name, place, f"{count} edition{'s' if count != 1 else ''}",
                 f"festival {f.id}"]
        self.subheading.setText(" \u00b7 ".join(x for x in facts if x))
        for name in ("name", "short_name", "city", "country", "description"):
            self.fields[name].set_value(getattr(f, name), force)
        show_links(self.editions, [
            f"{link(e.label, RecordKind.EDITION, e.id)} \u2014 {films_count(e.film_count)}"
            for e in f.editions], "No editions yet \u2014 add the festival's first year below.")


def show_links(label: QLabel, lines: list[str], empty: str) -> None:
    """A label listing linked records one a line, or saying what to do when there are none."""
    label.setText("<br>".join(lines) if lines else empty)
    label.setStyleSheet("" if lines else "color: palette(placeholder-text);")


class OpeningFilmField(Field):
    """One film or none: the current one as a link, a clear button, and a title search."""

    def __init__(self, catalog: Any, form: RecordForm) -> None:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.current = QLabel()
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.current.linkActivated.connect(form.open_link)
        self.clear_button = remove_button("No opening film")
        self.clear_button.clicked.connect(lambda: self._choose(None))
        self.picker = FilmPicker(catalog, "Type a title to choose the opening film\u2026")
        self.picker.setObjectName("opening_film.search")
        self.picker.picked.connect(lambda film_id, _title: self._choose(film_id))
        row.addWidget(self.current)
        row.addWidget(self.clear_button)
        row.addWidget(self.picker, 1)
        super().__init__("opening_film_id", box)
        box.setObjectName("opening_film")
        self.setFocusProxy(self.picker)
        self.catalog = catalog
        self._value: int | None = None
        self._display(None)

    def value(self) -> int | None:
        return self._value

    def _display(self, value: Any) -> None:
        self._value = value
        if value is None:
            self.current.setText("")
        else:
            title = self.catalog.films.get(value).title
            self.current.setText(link(title, RecordKind.FILM, value))
        self.current.setVisible(value is not None)
        self.clear_button.setVisible(value is not None)

    def _choose(self, film_id: int | None) -> None:
        self._value = film_id
        self.commit()
        if self._value != self._loaded:  # refused: show the saved one
            self._display(self._loaded)


class EditionForm(RecordForm):
    kind = RecordKind.EDITION

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(undo, parent)
        identity = self.section("Edition")
        identity.add("Year", self.bind(NumberField("year", "e.g. 1989", 4, check_year)))
        identity.add("Number", self.bind(NumberField("number", "e.g. 38", 4)))
        identity.add("Opens", self.bind(DateField("starts_on")))
        identity.add("Closes", self.bind(DateField("ends_on")))
        identity.add("Opening film", self.bind(OpeningFilmField(self.catalog, self)))
        identity.add("Publication", self.bind(ChoiceField("state", state_choices())))
        identity.add("Introduction", self.bind(ParagraphsField(
            "intro", "The edition's introduction for its page in the web archive.", 5)))
        sections = self.section("Programme")
        self.sections_label = self.links_label("sections")
        sections.add("Sections", self.sections_label)
        self.new_section = AddLine("new_section", "Section name, e.g. Animation", "Add section",
                                   self.add_section)
        sections.add("", self.new_section)
        self.finish_layout()

    def add_section(self, name: str) -> bool:
        edition_id = self.record_id
        return self.run(lambda: self.catalog.sections.create(edition_id, name),
                        ["new_section"], self.new_section)

    def _field_committed(self, name: str, value: Any) -> None:
        if name in ("starts_on", "ends_on"):
            # Both dates go together, so the catalog checks one against the other.
            dates = {"starts_on": self.fields["starts_on"].loaded,
                     "ends_on": self.fields["ends_on"].loaded, name: value}
            self.save(dates)
        else:
            super()._field_committed(name, value)

    def fetch(self, record_id: int) -> EditionRecord:
        return self.catalog.editions.get(record_id)

    def update(self, record_id: int, version: int | None, **fields: Any) -> Changes:
        return self.catalog.editions.update(record_id, version, **fields)

    def touched_by(self, changes: Changes) -> bool:
        opening = self.record.opening_film_id if self.record else None
        touched = changes.touched
        return touched.festival_structure or (opening is not None and opening in touched.films)

    def load(self, e: EditionRecord, force: bool) -> None:
        self.heading.setText(e.label)
        dates = " \u2013 ".join(d.strftime("%-d %B %Y") for d in (e.starts_on, e.ends_on) if d)
        facts = [link(e.festival_name, RecordKind.FESTIVAL, e.festival_id), dates,
                 films_count(e.film_count), f"edition {e.id}"]
        self.subheading.setText(" \u00b7 ".join(x for x in facts if x))
        for name in ("year", "number", "starts_on", "ends_on", "opening_film_id", "state",
                     "intro"):
            self.fields[name].set_value(getattr(e, name), force)
        show_links(self.sections_label, [
            f"{link(s.name, RecordKind.SECTION, s.id)} \u2014 {films_count(s.film_count)}"
            for s in e.sections],
            "No sections \u2014 add one below, or leave the edition's films together.")


class SectionForm(RecordForm):
    kind = RecordKind.SECTION

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(undo, parent)
        identity = self.section("Section")
        identity.add("Name", self.bind(LineField("name", "e.g. Animation")))
        identity.add("Description", self.bind(ParagraphsField(
            "description", "What the section showed, for its page in the web archive.", 5)))
        films = self.section("Films")
        self.films = self.links_label("films")
        films.add("Shown", self.films)
        self.finish_layout()

    def fetch(self, record_id: int) -> SectionRecord:
        for festival in self.catalog.festivals.all():
            for edition in festival.editions:
                for section in edition.sections:
                    if section.id == record_id:
                        self.edition = edition
                        return section
        from curator.catalog import NotFound

        raise NotFound(f"There is no section with id {record_id}.")

    def update(self, record_id: int, version: int | None, **fields: Any) -> Changes:
        return self.catalog.sections.update(record_id, version, **fields)

    def touched_by(self, changes: Changes) -> bool:
        return changes.touched.festival_structure

    def load(self, s: SectionRecord, force: bool) -> None:
        self.heading.setText(s.name)
        facts = [link(self.edition.label, RecordKind.EDITION, self.edition.id),
                 films_count(s.film_count), f"section {s.id}"]
        self.subheading.setText(" \u00b7 ".join(facts))
        for name in ("name", "description"):
            self.fields[name].set_value(getattr(s, name), force)
        ids = self.catalog.editions.films(s.edition_id, s.id)[:200]
        rows = self.catalog.films.rows(ids)
        if rows:
            self.films.setText("<br>".join(
                link(r.title, RecordKind.FILM, r.id) + (f" ({r.year})" if r.year else "")
                for r in rows))
            self.films.setStyleSheet("")
        else:
            self.films.setText("No films in this section yet \u2014 add an appearance from a "
                               "film's Festival appearances group.")
            self.films.setStyleSheet("color: palette(placeholder-text);")
