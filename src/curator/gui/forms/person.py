"""The person form: names and their variants, life dates, biography, filmography."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from curator.catalog import Changes
from curator.catalog.records import ExternalIdData, PersonRecord
from curator.catalog.validation import latest_year
from curator.gui.forms.base import RecordForm, link
from curator.gui.forms.chips import ChipsField
from curator.gui.forms.fields import ChoiceField, LineField, NumberField, ParagraphsField
from curator.gui.forms.film import external_ids_field, state_choices
from curator.gui.forms.source_line import SourceLine
from curator.gui.forms.stills_slot import StillsSlot
from curator.gui.undo import CatalogUndo
from curator.model.enums import RecordKind


def check_life_year(value: int) -> str | None:
    if not 1700 <= value <= latest_year():
        return f"The year must lie between 1700 and {latest_year()}."
    return None


class PersonForm(RecordForm):
    kind = RecordKind.PERSON

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(undo, parent)
        identity = self.section("Identity")
        identity.add("Name", self.bind(LineField("name", "As credited, e.g. Marjaana Mykkänen")))
        identity.add("Sort name", self.bind(LineField("sort_name", "Filed under, e.g. "
                                                      "Mykkänen, Marjaana")))
        self.variants = self.bind(ChipsField("variants", "Add another spelling\u2026"))
        identity.add("Also written", self.variants)
        identity.add("Born", self.bind(NumberField("birth_year", "year", 4, check_life_year)))
        identity.add("Died", self.bind(NumberField("death_year", "year", 4, check_life_year)))
        self.country = self.bind(LineField("country", "e.g. Finland"))
        self.country.line.setMaximumWidth(320)
        identity.add("Country", self.country)
        identity.add("Publication", self.bind(ChoiceField("state", state_choices())))

        text = self.section("Text")
        text.add("Biography", self.bind(ParagraphsField(
            "biography", "A short biography for the web archive.", 6)))
        text.add("Internal notes", self.bind(ParagraphsField(
            "notes", "For the archive team only; never exported.", 3)))
        self.source_line = SourceLine(self, "person_id")
        text.add("Source", self.source_line)

        portraits = self.section("Portraits")
        self.stills = StillsSlot(RecordKind.PERSON)
        portraits.add_wide(self.stills)

        links = self.section("Links")
        links.add("External ids", self.bind(external_ids_field("person's")))
        self.filmography = self.links_label("filmography")
        links.add("Filmography", self.filmography)
        self.finish_layout()

    def fetch(self, record_id: int) -> PersonRecord:
        return self.catalog.people.get(record_id)

    def update(self, record_id: int, version: int | None, **fields: Any) -> Changes:
        return self.catalog.people.update(record_id, version, **fields)

    def touched_by(self, changes: Changes) -> bool:
        rid = self.record_id
        films = {f[0] for f in self.record.filmography} if self.record else set()
        touched = changes.touched
        return rid in touched.people or bool(films & touched.films)

    def to_catalog(self, name: str, value: Any) -> Any:
        if name == "external_ids":
            return [ExternalIdData(*row) for row in value]
        return value

    def load(self, person: PersonRecord, force: bool) -> None:
        if force:
            self.country.set_completions(self.catalog.vocabulary.countries())
        self.heading.setText(person.name)
        years = ""
        if person.birth_year or person.death_year:
            years = f"{person.birth_year or '?'}\u2013{person.death_year or ''}".rstrip("\u2013")
        credits = len(person.filmography)
        facts = [person.country, years, f"{credits} credit{'s' if credits != 1 else ''}",
                 f"person {person.id}"]
        self.subheading.setText(" \u00b7 ".join(f for f in facts if f))
        for name in ("name", "sort_name", "birth_year", "death_year", "country", "biography",
                     "notes", "state", "variants"):
            self.fields[name].set_value(getattr(person, name), force)
        self.fields["external_ids"].set_value(
            [(e.scheme, e.value) for e in person.external_ids], force)
        self.stills.show_stills(person.id, person.portraits)
        self.source_line.show_citation(self.catalog.sources.citation_of(person_id=person.id))
        if person.filmography:
            lines = []
            for film_id, title, year, role in person.filmography:
                when = f" ({year})" if year else ""
                lines.append(f"{link(title, RecordKind.FILM, film_id)}{when} \u2014 {role}")
            self.filmography.setText("<br>".join(lines))
            self.filmography.setStyleSheet("")
        else:
            self.filmography.setText("No credits yet \u2014 credit this person from a "
                                     "film's Credits group.")
            self.filmography.setStyleSheet("color: palette(placeholder-text);")
