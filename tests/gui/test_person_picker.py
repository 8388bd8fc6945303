"""The credit's person picker keeps the catalogue clean: any spelling finds the person
already there, Return credits them, and a new person takes an explicit choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from curator.catalog import Catalog
from curator.gui.forms import FormPane
from curator.gui.undo import CatalogUndo
from tests.gui.forms_support import back_from_popup, make_undo, open_pane
from tests.gui.test_forms_film import film_id, type_text


@pytest.fixture
def undo(demo_catalog: Catalog) -> CatalogUndo:
    return make_undo(demo_catalog)


@pytest.fixture
def pane(qtbot, undo: CatalogUndo) -> FormPane:  # noqa: ANN001
    undo.catalog.people.create("Aki Kaurismaki")
    pane = open_pane(qtbot, undo)
    pane.show_record("film", film_id(undo.catalog))
    return pane


def credited(catalog: Catalog) -> list[tuple[str, str]]:
    return [(c.person_name, c.role) for c in catalog.films.get(film_id(catalog)).credits]


def people_called(catalog: Catalog, text: str) -> list[str]:
    return [name for _id, name, _v in catalog.people.find(text)]


def shown(qtbot, picker):  # noqa: ANN001, ANN201
    """The completion list, once it shows and the key that opened it is handled."""
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.wait(1)  # a person's next key comes after this one is handled
    return popup


def choose_role(credits, role: str) -> None:  # noqa: ANN001
    credits.new_role.setCurrentIndex(credits.new_role.findData(role))


def test_accents_and_case_find_the_person_already_there(qtbot, pane, demo_catalog) -> None:  # noqa: ANN001
    credits = pane.current.credits
    choose_role(credits, "producer")
    picker = credits.picker
    picker.setFocus()
    type_text(picker, "AKI KAURISMÄKI")
    popup = shown(qtbot, picker)
    assert popup.model().index(0, 0).data() == "Aki Kaurismaki"
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # nothing highlighted: the default
    back_from_popup(qtbot, picker)
    qtbot.waitUntil(lambda: ("Aki Kaurismaki", "producer") in credited(demo_catalog))
    assert people_called(demo_catalog, "kaurism") == ["Aki Kaurismaki"]  # no second one


def test_a_part_of_the_name_and_return_never_creates_it(qtbot, pane, demo_catalog) -> None:  # noqa: ANN001
    credits = pane.current.credits
    choose_role(credits, "screenwriter")
    picker = credits.picker
    picker.setFocus()
    qtbot.keyClicks(picker, "Kauris")
    popup = shown(qtbot, picker)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    back_from_popup(qtbot, picker)
    qtbot.waitUntil(lambda: ("Aki Kaurismaki", "screenwriter") in credited(demo_catalog))
    assert demo_catalog.people.named("Kauris") is None


def test_a_new_person_is_an_explicit_choice(qtbot, pane, demo_catalog) -> None:  # noqa: ANN001
    credits = pane.current.credits
    choose_role(credits, "editor")
    picker = credits.picker
    picker.setFocus()
    qtbot.keyClicks(picker, "Kauris")
    popup = shown(qtbot, picker)
    last = popup.model().rowCount() - 1
    assert popup.model().index(last, 0).data() == "New person \u201cKauris\u201d\u2026"
    for _ in range(last + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert popup.currentIndex().row() == last
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    back_from_popup(qtbot, picker)
    qtbot.waitUntil(lambda: demo_catalog.people.named("Kauris") is not None)
