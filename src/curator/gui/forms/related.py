"""Related films ("See also"): hand-picked links shown first on the film's page."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from curator.catalog import Catalog
from curator.catalog.records import RelatedData
from curator.gui.forms.base import link
from curator.gui.forms.credits import move_up_button
from curator.gui.forms.items import ItemsField
from curator.gui.forms.pickers import FilmPicker
from curator.gui.forms.rows import remove_button
from curator.model.enums import RecordKind


class RelatedField(ItemsField):
    """Value is a list of RelatedData, in the order the page shows them."""

    link_activated = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        self._titles: dict[int, str] = {}
        super().__init__("related", "No related films \u2014 find one by title below; the "
                         "page adds films by the same director or festival after these.", parent)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2)
        self.picker = FilmPicker(catalog, "Type a title to add a related film\u2026")
        self.picker.setObjectName("related.new")
        self.picker.picked.connect(self._picked)
        self.outer.addWidget(self.picker)
        self.setFocusProxy(self.picker)

    def set_related(self, film_id: int, related: Any, force: bool = False) -> None:
        self._titles.update({r.film_id: r.title for r in related})
        self.picker.excluded = {film_id, *(r.film_id for r in related)}
        self.set_value([RelatedData(r.film_id, r.note) for r in related], force)

    def row_widgets(self, index: int, item: RelatedData) -> list[QWidget]:
        title = QLabel(link(self._titles.get(item.film_id, "?"), RecordKind.FILM, item.film_id))
        title.setObjectName(f"related.{index}.film")
        title.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        title.linkActivated.connect(self.link_activated)
        title.setWordWrap(True)
        note = QLineEdit(item.note)
        note.setObjectName(f"related.{index}.note")
        note.setPlaceholderText("Why (optional)")
        note.editingFinished.connect(lambda n=index, e=note: self.replace_item(
            n, replace(self._items[n], note=e.text().strip())))
        up = move_up_button(index, "film")
        up.clicked.connect(lambda _c=False, n=index: self.move_up(n))
        remove = remove_button("Remove this related film")
        remove.clicked.connect(lambda _c=False, n=index: self.remove_item(n))
        return [title, note, up, remove]

    def _picked(self, film_id: int, title: str) -> None:
        if any(r.film_id == film_id for r in self._items):
            return
        self._titles[film_id] = title
        self.append_item(RelatedData(film_id))
