"""The retrospective list form: title, curator, introduction, state, and its films."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QWidget

from curator.catalog import Changes
from curator.catalog.records import CollectionRecord
from curator.gui.forms.base import RecordForm, link
from curator.gui.forms.fields import ChoiceField, LineField, ParagraphsField
from curator.gui.forms.film import state_choices
from curator.gui.forms.pickers import FilmPicker
from curator.gui.undo import CatalogUndo
from curator.model.enums import RecordKind


class CollectionForm(RecordForm):
    kind = RecordKind.LIST

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(undo, parent)
        identity = self.section("List")
        identity.add("Title", self.bind(LineField("title",
                                                  "e.g. Soviet rock on film, 1986\u201391")))
        identity.add("Curator", self.bind(LineField("curator", "Who put the list together")))
        identity.add("Publication", self.bind(ChoiceField("state", state_choices())))
        identity.add("Introduction", self.bind(ParagraphsField(
            "introduction", "What the list is about, for its page in the web archive.", 6)))
        films = self.section("Films")
        self.items = self.links_label("items")
        films.add("On the list", self.items)
        self.picker = FilmPicker(self.catalog, "Type a title to add a film to the list\u2026")
        self.picker.setObjectName("items.new")
        self.picker.picked.connect(self.add_film)
        films.add("", self.picker)
        self.finish_layout()

    def add_film(self, film_id: int, _title: str) -> bool:
        collection_id = self.record_id
        return self.run(lambda: self.catalog.lists.add_films(collection_id, [film_id])[0],
                        ["items"])

    def fetch(self, record_id: int) -> CollectionRecord:
        return self.catalog.lists.get(record_id)

    def update(self, record_id: int, version: int | None, **fields: Any) -> Changes:
        return self.catalog.lists.update(record_id, version, **fields)

    def touched_by(self, changes: Changes) -> bool:
        rid = self.record_id
        films = {i.film_id for i in self.record.items} if self.record else set()
        touched = changes.touched
        return rid in touched.lists or bool(films & touched.films)

    def load(self, c: CollectionRecord, force: bool) -> None:
        self.heading.setText(c.title)
        count = len(c.items)
        hours, minutes = divmod(c.total_runtime, 60)
        facts = [f"{count} film{'s' if count != 1 else ''}",
                 f"{hours} h {minutes:02d} min" if c.total_runtime else "",
                 c.state.capitalize(), f"list {c.id}"]
        self.subheading.setText(" \u00b7 ".join(f for f in facts if f))
        self.picker.excluded = {i.film_id for i in c.items}
        for name in ("title", "curator", "state", "introduction"):
            self.fields[name].set_value(getattr(c, name), force)
        if c.items:
            lines = []
            for n, item in enumerate(c.items, start=1):
                year = f" ({item.year})" if item.year else ""
                note = f" \u2014 <i>{html.escape(item.note)}</i>" if item.note else ""
                lines.append(f"{n}. {link(item.title, RecordKind.FILM, item.film_id)}{year}{note}")
            self.items.setText("<br>".join(lines))
            self.items.setStyleSheet("")
        else:
            self.items.setText("No films on this list yet \u2014 find one by title below.")
            self.items.setStyleSheet("color: palette(placeholder-text);")
