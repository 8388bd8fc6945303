"""The person, festival, edition, section and list forms save each committed edit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from curator.catalog import Catalog
from curator.gui.forms import FormPane
from curator.gui.undo import CatalogUndo
from curator.model.enums import PublicationState
from tests.gui.forms_support import choose_completion, make_undo, open_pane, retype, type_and_return


@pytest.fixture
def undo(demo_catalog: Catalog) -> CatalogUndo:
    return make_undo(demo_catalog)


@pytest.fixture
def pane(qtbot, undo: CatalogUndo) -> FormPane:
    pane = open_pane(qtbot, undo)
    return pane


def test_person_form_saves_names_years_and_biography(qtbot, pane, undo, demo_catalog):
    person = demo_catalog.people.named("Marjaana Mykkanen")
    pane.show_record("person", person)
    form = pane.current
    assert form.heading.text() == "Marjaana Mykkanen"
    variants = form.variants
    variants.input.setFocus()
    qtbot.keyClicks(variants.input, "M. Mykkanen")
    qtbot.keyClick(variants.input, Qt.Key.Key_Return)  # the chip is added once the key is done
    qtbot.waitUntil(lambda: demo_catalog.people.get(person).variants == (
        "Marjaana Mykk\u00e4nen", "M. Mykkanen"))
    assert undo.stack.undoText() == "Change name variants of Marjaana Mykkanen"

    retype(qtbot, form.fields["birth_year"].line, "1650")
    assert "1700" in form.fields["birth_year"].problem.text()
    assert demo_catalog.people.get(person).birth_year is None
    retype(qtbot, form.fields["birth_year"].line, "1958")
    assert demo_catalog.people.get(person).birth_year == 1958
    assert not form.fields["birth_year"].problem.isVisible()

    biography = form.fields["biography"].text
    biography.setFocus()
    qtbot.keyClicks(biography, "Finnish documentary maker.")
    qtbot.keyClick(biography, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert demo_catalog.people.get(person).biography == "Finnish documentary maker."
    assert undo.stack.undoText() == "Change biography of Marjaana Mykkanen"

    undo.stack.undo()
    assert form.fields["biography"].text.toPlainText() == ""
    assert "From Russia with Rock" in form.filmography.text()


def test_person_name_change_shows_in_the_film_form(qtbot, pane, undo, demo_catalog):
    person = demo_catalog.people.named("Marjaana Mykkanen")
    pane.show_record("person", person)
    retype(qtbot, pane.current.fields["name"].line, "Marjaana Mykk\u0061nen-Smith")
    assert undo.stack.undoText() == "Change name of Marjaana Mykkanen"
    assert pane.current.heading.text() == "Marjaana Mykkanen-Smith"
    film = next(i for i in demo_catalog.search.films("From Russia with Rock").ids
                if demo_catalog.films.get(i).title == "From Russia with Rock")
    pane.show_record("film", film)
    assert "Mykkanen-Smith" in pane.current.credits._rows[0][1].text()


def test_edition_form_saves_and_checks_dates(qtbot, pane, undo, demo_catalog):
    edition = demo_catalog.festivals.all()[0].editions[0]
    pane.show_record("edition", edition.id)
    form = pane.current
    assert form.heading.text() == "MIFF 1989"
    retype(qtbot, form.fields["number"].line, "38")
    assert demo_catalog.editions.get(edition.id).number == 38
    assert undo.stack.undoText() == "Change number of MIFF 1989"

    retype(qtbot, form.fields["starts_on"].line, "1989-06-09")
    retype(qtbot, form.fields["ends_on"].line, "1989-06-01")
    assert form.fields["ends_on"].problem.text() == "The edition cannot end before it starts."
    retype(qtbot, form.fields["ends_on"].line, "1989-13-40")
    assert "year-month-day" in form.fields["ends_on"].problem.text()
    assert demo_catalog.editions.get(edition.id).ends_on is None
    retype(qtbot, form.fields["ends_on"].line, "1989-06-25")
    saved = demo_catalog.editions.get(edition.id)
    assert (saved.starts_on.isoformat(), saved.ends_on.isoformat()) == (
        "1989-06-09", "1989-06-25")

    picker = form.fields["opening_film_id"].picker
    choose_completion(qtbot, picker, "Black Square")
    qtbot.waitUntil(lambda: demo_catalog.editions.get(edition.id).opening_film_id is not None)
    opening = demo_catalog.editions.get(edition.id).opening_film_id
    assert demo_catalog.films.get(opening).title == "Black Square"
    assert undo.stack.undoText() == "Change opening film id of MIFF 1989"


def test_section_and_festival_forms_save(qtbot, pane, undo, demo_catalog):
    festival = demo_catalog.festivals.all()[0]
    section = next(s for s in festival.editions[0].sections if s.name == "Animation")
    pane.show_record("section", section.id)
    form = pane.current
    assert "1 film" in form.subheading.text()
    retype(qtbot, form.fields["name"].line, "Animation Showcase")
    assert undo.stack.undoText().startswith("Change name of Animation")
    assert form.heading.text() == "Animation Showcase"
    retype(qtbot, form.fields["name"].line, "")
    assert form.fields["name"].problem.text() == "A section needs a name."

    pane.show_record("festival", festival.id)
    form = pane.current
    retype(qtbot, form.fields["city"].line, "Melbourne, Victoria")
    assert demo_catalog.festivals.get(festival.id).city == "Melbourne, Victoria"
    assert "MIFF 1989" in form.editions.text()


def test_list_form_saves_and_shows_its_films(qtbot, pane, undo, demo_catalog):
    film = demo_catalog.search.films("Black Square").ids[0]
    created = demo_catalog.lists.create("Soviet rock on film", [film])
    pane.show_record("list", created.created_id)
    form = pane.current
    assert "Black Square" in form.items.text()
    retype(qtbot, form.fields["curator"].line, "Marjaana Mykkanen")
    assert demo_catalog.lists.get(created.created_id).curator == "Marjaana Mykkanen"
    assert undo.stack.undoText() == "Change curator of Soviet rock on film"
    state = form.fields["state"].combo
    state.setCurrentIndex(state.findData(PublicationState.PUBLISHED))
    state.activated.emit(state.currentIndex())
    assert demo_catalog.lists.get(created.created_id).state == PublicationState.PUBLISHED
    pane.show_record("film", film)  # the film form lists it, read-only, as a link
    assert "Soviet rock on film" in pane.current.lists.text()


def test_unknown_record_and_empty_state(qtbot, pane):
    pane.show_record("film", 999_999)
    assert pane.current is None
    assert "no longer exists" in pane.empty.text()
    pane.clear()
    assert "Choose a film" in pane.empty.text()


class StillsEditor(QWidget):
    """Stands where the stills strip goes: records which record it was asked to show."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, int]] = []

    def show_film(self, film_id: int) -> None:
        self.shown.append(("film", film_id))

    def show_person(self, person_id: int) -> None:
        self.shown.append(("person", person_id))


def test_stills_slot_summarises_then_hosts_the_editor(qtbot, pane, demo_catalog):
    film = demo_catalog.films.create("Perestroika Blues").created_id
    pane.show_record("film", film)
    assert pane.current.stills.summary.text() == "No stills yet."
    films, portraits = StillsEditor(), StillsEditor()
    pane.install_stills(films, portraits)
    assert films.shown == [("film", film)]
    assert not pane.current.stills.summary.isVisible()
    person = demo_catalog.people.named("Marjaana Mykkanen")
    pane.show_record("person", person)
    assert portraits.shown == [("person", person)]


def test_editions_sections_and_list_entries_are_added_from_the_forms(qtbot, pane, undo,
                                                                    demo_catalog):
    festival = demo_catalog.festivals.all()[0]
    pane.show_record("festival", festival.id)
    form = pane.current
    adder = form.new_edition
    adder.line.setFocus()
    qtbot.keyClicks(adder.line, "1990")
    qtbot.keyClick(adder.line, Qt.Key.Key_Return)
    assert [e.year for e in demo_catalog.festivals.get(festival.id).editions] == [1990, 1989]
    assert undo.stack.undoText() == "Create edition MIFF 1990"
    assert "MIFF 1990" in form.editions.text() and adder.line.text() == ""
    qtbot.keyClicks(adder.line, "1989")
    qtbot.mouseClick(adder.button, Qt.MouseButton.LeftButton)
    assert adder.problem.text() == (
        "Melbourne International Film Festival already has a 1989 edition.")

    edition = next(e for e in demo_catalog.festivals.get(festival.id).editions if e.year == 1990)
    pane.show_record("edition", edition.id)
    form = pane.current
    assert "add one below" in form.sections_label.text()
    qtbot.keyClicks(form.new_section.line, "Soviet Rock")
    qtbot.keyClick(form.new_section.line, Qt.Key.Key_Return)
    assert [s.name for s in demo_catalog.editions.get(edition.id).sections] == ["Soviet Rock"]
    assert "Soviet Rock" in form.sections_label.text()

    created = demo_catalog.lists.create("Soviet rock on film")
    pane.show_record("list", created.created_id)
    form = pane.current
    picker = form.picker
    type_and_return(qtbot, picker, "Black Square")  # the one film the list offers
    qtbot.waitUntil(lambda: demo_catalog.lists.get(created.created_id).items != ())
    assert [i.title for i in demo_catalog.lists.get(created.created_id).items] == [
        "Black Square"]
    assert "Black Square" in form.items.text()


def test_chips_and_rows_shown_for_another_record_are_let_go(qtbot):
    """Showing record after record must not pile up the widgets of the earlier ones."""
    import gc
    import weakref

    from curator.gui.forms.chips import ChipsField
    from curator.gui.forms.rows import Cell, RowsField

    chips = ChipsField("countries", "Add a country")
    rows = RowsField("ids", [Cell("scheme", "Scheme"), Cell("value", "Value")], "id",
                     "No ids yet")
    qtbot.addWidget(chips)
    qtbot.addWidget(rows)
    chips.set_value(["USSR", "Finland"])
    rows.set_value([("imdb", "tt0100000"), ("miff", "1989-17")])
    gone = [weakref.ref(w) for w in (*chips.chips, *rows.rows)]
    chips.set_value(["France"])
    rows.set_value([("imdb", "tt0200000")])
    qtbot.wait(10)  # the event loop lets them go
    gc.collect()
    assert [ref() for ref in gone] == [None] * 4
    assert chips.value() == ["France"] and rows.value() == [("imdb", "tt0200000")]
