"""The film form, driven as an archivist drives it: type, press Enter, undo, redo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from curator.catalog import Catalog
from curator.gui.forms import FormPane
from curator.gui.undo import CatalogUndo
from tests.gui.forms_support import choose_completion, make_undo, open_pane, retype, type_and_return

TITLE = "From Russia with Rock"


def film_id(catalog: Catalog, title: str = TITLE) -> int:
    ids = catalog.search.films(title, limit=20).ids
    return next(i for i in ids if catalog.films.get(i).title == title)


@pytest.fixture
def undo(demo_catalog: Catalog) -> CatalogUndo:
    return make_undo(demo_catalog)


@pytest.fixture
def pane(qtbot, undo: CatalogUndo) -> FormPane:
    pane = open_pane(qtbot, undo)
    pane.show_record("film", film_id(undo.catalog))
    return pane


def type_text(widget, text: str) -> None:
    """Type like a keyboard does, letters outside ASCII included (QTest only knows ASCII)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = ord(char.upper()) if char.isascii() else 0
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     char))


def test_year_is_saved_at_once_and_undo_redo_follow(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    year = pane.current.fields["year"].line
    retype(qtbot, year, "1989")
    assert demo_catalog.films.get(fid).year == 1989
    assert undo.stack.undoText() == "Change year of From Russia with Rock"
    undo.stack.undo()
    assert demo_catalog.films.get(fid).year == 1988
    assert year.text() == "1988"
    undo.stack.redo()
    assert demo_catalog.films.get(fid).year == 1989
    assert year.text() == "1989"
    # the edit is in the archive itself, not only in this session
    other = Catalog.open(demo_catalog.archive.location)
    try:
        assert other.films.get(fid).year == 1989
    finally:
        other.close()


def test_invalid_year_is_refused_at_the_field(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    field = pane.current.fields["year"]
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.line, "19888")
    assert field.problem.isVisible()  # warned while typing, before Enter
    qtbot.keyClicks(field.line, "x")  # not a digit: the field does not take it
    assert field.line.text() == "19888"
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.problem.isVisible()
    assert "19888" in field.problem.text() and "1870" in field.problem.text()
    assert "border" in field.line.styleSheet()
    assert demo_catalog.films.get(fid).year == 1988
    assert undo.stack.count() == 0
    qtbot.keyClick(field.line, Qt.Key.Key_Escape)
    assert field.line.text() == "1988"
    assert not field.problem.isVisible()


def test_runtime_zero_and_empty_title_are_refused(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    form = pane.current
    retype(qtbot, form.fields["runtime"].line, "0")
    assert "runtime" in form.fields["runtime"].problem.text()
    title = form.fields["title"]
    title.line.setFocus()
    qtbot.keyClick(title.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(title.line, Qt.Key.Key_Delete)
    qtbot.keyClick(title.line, Qt.Key.Key_Return)
    assert title.problem.text() == "A title is required."
    film = demo_catalog.films.get(fid)
    assert (film.title, film.runtime) == (TITLE, None)
    assert undo.stack.count() == 0


def test_credit_picked_through_a_name_variant(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    credits = pane.current.credits
    credits.new_role.setCurrentIndex(credits.new_role.findData("producer"))
    picker = credits.picker
    picker.setFocus()
    type_text(picker, "Mykkänen")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    first = popup.model().index(0, 0)
    assert "Marjaana Mykk\u00e4nen" in first.data()
    assert "New person" in popup.model().index(1, 0).data()
    popup.setCurrentIndex(first)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(demo_catalog.films.get(fid).credits) == 2)
    added = demo_catalog.films.get(fid).credits[1]
    assert (added.person_name, added.role) == ("Marjaana Mykkanen", "producer")
    assert undo.stack.undoText() == "Change credits of From Russia with Rock"
    assert picker.text() == ""


def test_duplicate_credit_is_refused_inline(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    credits = pane.current.credits
    person = demo_catalog.people.named("Marjaana Mykkanen")
    credits.add_credit(person, "Marjaana Mykkanen", "director")
    assert credits.problem.text() == "The same person is credited twice in the same role."
    assert len(demo_catalog.films.get(fid).credits) == 1
    assert credits.value() == credits.loaded  # the rows show what the archive has
    assert undo.stack.count() == 0


def test_new_person_is_created_on_the_spot_in_one_step(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    credits = pane.current.credits
    credits.new_role.setCurrentIndex(credits.new_role.findData("cinematographer"))
    picker = credits.picker
    type_and_return(qtbot, picker, "Nadia Tereshkova")  # the list offers the new person
    qtbot.waitUntil(lambda: len(demo_catalog.films.get(fid).credits) == 2)
    person = demo_catalog.people.named("Nadia Tereshkova")
    assert person is not None
    assert demo_catalog.films.get(fid).credits[1].role == "cinematographer"
    assert undo.stack.count() == 1
    assert undo.stack.undoText() == (
        "Add Nadia Tereshkova as cinematographer of From Russia with Rock")
    undo.stack.undo()
    assert demo_catalog.people.named("Nadia Tereshkova") is None
    assert len(demo_catalog.films.get(fid).credits) == 1
    assert len(pane.current.credits.value()) == 1
    undo.stack.redo()
    assert demo_catalog.people.named("Nadia Tereshkova") == person
    assert [c.person_name for c in demo_catalog.films.get(fid).credits] == [
        "Marjaana Mykkanen", "Nadia Tereshkova"]


def test_stale_version_shows_a_message_and_reloads(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    colleague = Catalog.open(demo_catalog.archive.location)
    colleague.archive.user_name = "anna"
    try:
        colleague.films.update(fid, None, year=1987)
    finally:
        colleague.close()
    form = pane.current
    assert form.fields["year"].line.text() == "1988"  # still what was loaded
    retype(qtbot, form.fields["runtime"].line, "95")
    assert pane.banner.isVisible()
    assert "was changed by anna just now; it has been reloaded" in pane.banner.label.text()
    assert form.fields["year"].line.text() == "1987"
    assert form.fields["runtime"].line.text() == ""
    assert demo_catalog.films.get(fid).runtime is None
    assert undo.stack.count() == 0
    retype(qtbot, form.fields["runtime"].line, "95")  # made again, it is saved
    assert demo_catalog.films.get(fid).runtime == 95


def test_lists_of_values_save_and_undo(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    form = pane.current
    countries = form.countries
    choose_completion(qtbot, countries.input, "Finland")
    qtbot.waitUntil(lambda: demo_catalog.films.get(fid).countries == ("USSR", "Finland"))
    assert countries.input.text() == ""
    assert undo.stack.undoText() == "Change countries of From Russia with Rock"
    qtbot.mouseClick(countries.chips[0].remove_button, Qt.MouseButton.LeftButton)
    assert demo_catalog.films.get(fid).countries == ("Finland",)
    undo.stack.undo()
    assert countries.value() == ["USSR", "Finland"]

    ids = form.fields["external_ids"]
    qtbot.mouseClick(ids.add, Qt.MouseButton.LeftButton)
    scheme, value = ids.rows[0].editors
    qtbot.keyClicks(scheme, "imdb")
    qtbot.keyClick(scheme.completer().popup(), Qt.Key.Key_Tab)  # the completion list is open
    assert demo_catalog.films.get(fid).external_ids == ()  # half a row is not saved yet...
    assert "both" in ids.problem.text()  # ...and says what it lacks
    qtbot.keyClicks(value, "tt0095186")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert [(e.scheme, e.value) for e in demo_catalog.films.get(fid).external_ids] == [
        ("imdb", "tt0095186")]
    assert not ids.problem.isVisible()


def test_appearances_and_awards(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    form = pane.current
    section = form.screenings.findChild(QComboBox, "screenings.0.section")
    section.setCurrentIndex(section.findText("Documentaries"))
    section.activated.emit(section.currentIndex())
    assert demo_catalog.films.get(fid).screenings[0].label == "MIFF 1989, Documentaries"
    assert undo.stack.undoText() == "Change screenings of From Russia with Rock"

    awards = form.awards
    qtbot.keyClicks(awards.new_name, "Audience Award")
    qtbot.keyClick(awards.new_name, Qt.Key.Key_Return)
    assert [a.name for a in demo_catalog.films.get(fid).awards] == ["Audience Award"]
    assert len(awards.value()) == 1
    qtbot.keyClick(awards.new_name, Qt.Key.Key_Return)  # no name: refused at the awards
    assert awards.problem.text() == "An award needs a name."
    undo.stack.undo()
    assert demo_catalog.films.get(fid).awards == ()
    assert awards.value() == []

    winner = awards.new_winner
    winner.setCurrentIndex(winner.findText("To Marjaana Mykkanen (director)"))
    qtbot.keyClicks(awards.new_name, "Best Director")
    qtbot.keyClick(awards.new_name, Qt.Key.Key_Return)
    saved = demo_catalog.films.get(fid).awards
    assert [(a.name, a.person_name) for a in saved] == [("Best Director", "Marjaana Mykkanen")]
    # a name too long for a narrow form shows its beginning, not its end
    assert awards.findChild(QLineEdit, "awards.0.name").cursorPosition() == 0
    row_winner = awards._rows[0][1].findChild(QComboBox, "awards.0.winner")
    row_winner.setCurrentIndex(0)
    row_winner.activated.emit(0)
    assert demo_catalog.films.get(fid).awards[0].person_id is None
    assert undo.stack.undoText() == "Change person id of Best Director"
    undo.stack.undo()
    assert demo_catalog.films.get(fid).awards[0].person_name == "Marjaana Mykkanen"
    assert awards._rows[0][1].findChild(QComboBox).currentText() == (
        "To Marjaana Mykkanen (director)")


def test_external_change_refreshes_and_keeps_focus(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    form = pane.current
    synopsis = form.fields["synopsis"].text
    synopsis.setFocus()
    qtbot.waitUntil(synopsis.hasFocus)
    undo.run(lambda: demo_catalog.films.update(fid, None, runtime=90))
    assert form.fields["runtime"].line.text() == "90"
    assert synopsis.hasFocus()


def test_links_open_other_records(qtbot, pane, demo_catalog):
    label = pane.current.credits._rows[0][1]
    with qtbot.waitSignal(pane.record_opened) as opened:
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(8, label.height() // 2))
    assert opened.args == ["person", demo_catalog.people.named("Marjaana Mykkanen")]


def test_deleted_record_leaves_an_empty_state(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    undo.run(lambda: demo_catalog.films.delete(fid))
    assert pane.current is None
    assert "deleted" in pane.empty.text()
    undo.stack.undo()
    pane.show_record("film", fid)
    assert pane.current.fields["title"].line.text() == TITLE


def test_keyboard_tab_order_and_escape(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    form = pane.current
    title = form.fields["title"].line
    title.setFocus()
    qtbot.waitUntil(title.hasFocus)
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget().objectName())
    assert order == ["original_title", "sort_title", "alt_titles.add", "year"]

    synopsis = form.fields["synopsis"].text
    synopsis.setFocus()
    qtbot.keyClick(synopsis, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(synopsis, " Not saved.")
    qtbot.keyClick(synopsis, Qt.Key.Key_Escape)
    assert not synopsis.toPlainText().endswith("Not saved.")
    title.setFocus()  # leaving the reverted field saves nothing
    assert undo.stack.count() == 0
    assert demo_catalog.films.get(fid).synopsis == synopsis.toPlainText()


def test_typing_is_saved_when_another_record_is_shown(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    synopsis = pane.current.fields["synopsis"].text
    synopsis.setFocus()
    qtbot.keyClick(synopsis, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(synopsis, " Shown at MIFF 1989.")
    other = film_id(demo_catalog, "Black Square")
    pane.show_record("film", other)  # a "See also" link, say: the focus never left the field
    assert demo_catalog.films.get(fid).synopsis.endswith("Shown at MIFF 1989.")
    assert pane.current.heading.text() == "Black Square"
    assert not synopsis.toPlainText().endswith("Shown at MIFF 1989.")


def test_related_film_found_by_title(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    related = pane.current.related
    picker = related.picker
    picker.setFocus()
    qtbot.keyClicks(picker, "Toy Story 2")
    popup = picker.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(demo_catalog.films.get(fid).related) == 7)
    assert demo_catalog.films.get(fid).related[-1].title == "Toy Story 2"
    assert undo.stack.undoText() == "Change related of From Russia with Rock"
    remove = related._rows[-1][-1]
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert len(demo_catalog.films.get(fid).related) == 6


def test_showing_the_same_record_again_keeps_the_place(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    form = pane.current
    bar = form.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    runtime = form.fields["runtime"].line
    runtime.setFocus()
    qtbot.keyClicks(runtime, "9")  # typing, not yet committed
    pane.show_record("film", fid)  # the list pane reselecting the film after a reload
    assert bar.value() == bar.maximum()
    assert runtime.hasFocus() and runtime.text() == "9"


def test_leaving_untouched_fields_saves_nothing(qtbot, pane, undo, demo_catalog):
    """Spaces or blank lines an import left are not an edit: passing through saves nothing."""
    fid = film_id(demo_catalog)
    demo_catalog.films.update(fid, None, original_title="  Рок  ",
                             notes="First line.\n\n\n\nSecond line.  ")
    form = pane.current
    form.reload(force=True)  # as a colleague's import left them
    for name in ("original_title", "notes", "synopsis", "title"):
        form.fields[name].setFocus()
        qtbot.waitUntil(form.fields[name].has_focus)
    form.fields["year"].setFocus()
    assert undo.stack.count() == 0


def test_an_appearance_is_added_once(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    screenings = pane.current.screenings
    add = screenings.new_edition
    add.setCurrentIndex(add.findText("MIFF 1989"))
    add.activated.emit(add.currentIndex())  # already there, without a section
    assert "already listed at MIFF 1989" in screenings.problem.text()
    assert len(demo_catalog.films.get(fid).screenings) == 1
    assert len(screenings.value()) == 1
    section = screenings.findChild(QComboBox, "screenings.0.section")
    section.setCurrentIndex(section.findText("Animation"))
    section.activated.emit(section.currentIndex())
    add.setCurrentIndex(add.findText("MIFF 1989"))
    add.activated.emit(add.currentIndex())  # now a second appearance, without a section
    assert [s.label for s in demo_catalog.films.get(fid).screenings] == [
        "MIFF 1989", "MIFF 1989, Animation"]
    assert not screenings.problem.isVisible()
