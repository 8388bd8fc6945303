"""Sequences that once killed the desk, driven through real key and mouse events.

Each died in Qt (a segfault, no Python traceback) before the rule of
curator.gui.lifetime: a widget Qt was still inside was deleted or had its model reset.
"""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from curator.catalog import Catalog
from curator.gui.lists.entries import NOTE
from tests.gui.forms_support import back_from_popup, choose_completion, make_undo, open_pane

TITLE = "From Russia with Rock"


def film_id(catalog: Catalog, title: str = TITLE) -> int:
    return next(r.id for r in catalog.films.rows(catalog.search.films(title, limit=20).ids)
                if r.title == title)


@pytest.mark.parametrize("by_click", [False, True], ids=["return", "click"])
def test_a_country_chosen_in_the_popup_after_a_chip_was_removed(qtbot, demo_catalog,
                                                                  by_click):  # noqa: ANN001
    pane = open_pane(qtbot, make_undo(demo_catalog))
    fid = film_id(demo_catalog)
    pane.show_record("film", fid)
    countries = pane.current.countries
    completer = countries.input.completer()

    choose_completion(qtbot, countries.input, "Finland", click=by_click)
    qtbot.waitUntil(lambda: demo_catalog.films.get(fid).countries == ("USSR", "Finland"))
    finland = countries.chips[-1]
    qtbot.mouseClick(finland.remove_button, Qt.MouseButton.LeftButton)
    assert demo_catalog.films.get(fid).countries == ("USSR",)
    choose_completion(qtbot, countries.input, "France", click=by_click)
    qtbot.waitUntil(lambda: demo_catalog.films.get(fid).countries == ("USSR", "France"))

    assert countries.value() == ["USSR", "France"]
    assert countries.input.text() == ""
    # the completer the popup belonged to is still the line's: it is never replaced
    assert countries.input.completer() is completer
    qtbot.waitUntil(lambda: finland not in countries.box.children())  # Qt deleted it
    gc.collect()  # nothing of a chip let go is left for the collector to free under Qt


def test_undo_after_a_note_and_a_year_were_edited_in_a_list(qtbot, window, demo_catalog,
                                                            qtlog):  # noqa: ANN001
    list_id = next(c.id for c in demo_catalog.lists.all() if c.title == "Perestroika on film")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_record("list", list_id)
    editor = window.lists.editor
    table = editor.table
    black_square = film_id(demo_catalog, "Black Square")

    def click(row: int, column: int, double: bool = False) -> None:
        pos = table.visualRect(editor.model.index(row, column)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        if double:
            qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)

    click(1, NOTE, double=True)  # the note of Black Square
    note = QApplication.focusWidget()
    assert isinstance(note, QLineEdit) and note.text().startswith("The avant-garde")
    qtbot.keyClick(note, Qt.Key.Key_End)
    qtbot.keyClicks(note, " Seen again.")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: demo_catalog.lists.get(list_id).items[1].note.endswith(
        "Seen again."))

    year = window.form.current.fields["year"].line
    assert window.form.current.record_id == black_square
    qtbot.mouseClick(year, Qt.MouseButton.LeftButton)
    qtbot.keyClick(year, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(year, "1990")
    qtbot.keyClick(year, Qt.Key.Key_Tab)
    assert demo_catalog.films.get(black_square).year == 1990

    click(0, 1)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert demo_catalog.films.get(black_square).year != 1990
    qtbot.wait(1)  # let Qt finish what the undo set going (it died here)
    gc.collect()
    assert editor.model.index(1, NOTE).data().endswith("Seen again.")
    gone = [r.message for r in qtlog.records if "does not belong" in r.message]
    assert gone == []


def test_a_retired_row_lives_until_its_own_click_is_over(qtbot, demo_catalog):  # noqa: ANN001
    """Removing an external id from its own button: the row goes, after the click."""
    pane = open_pane(qtbot, make_undo(demo_catalog))
    fid = film_id(demo_catalog)
    pane.show_record("film", fid)
    ids = pane.current.fields["external_ids"]
    qtbot.mouseClick(ids.add, Qt.MouseButton.LeftButton)
    scheme, value = ids.rows[0].editors
    qtbot.keyClicks(scheme, "wikidata")
    qtbot.keyClick(scheme.completer().popup(), Qt.Key.Key_Escape)  # what was typed stays
    back_from_popup(qtbot, scheme)
    qtbot.keyClicks(value, "Q4470360")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert [e.value for e in demo_catalog.films.get(fid).external_ids] == ["Q4470360"]
    row = ids.rows[0]
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    assert demo_catalog.films.get(fid).external_ids == ()
    assert row.isHidden() and row.signalsBlocked()  # out of sight, deaf, not yet deleted
    qtbot.waitUntil(lambda: row not in ids.editor.children())


def test_a_list_read_again_under_an_open_note_keeps_what_was_typed(qtbot, window,
                                                                   demo_catalog, qtlog):  # noqa: ANN001
    """Undo from the Edit menu while a note is being written: the list is read again."""
    list_id = next(c.id for c in demo_catalog.lists.all() if c.title == "Perestroika on film")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.open_record("list", list_id)
    editor = window.lists.editor
    editor.curator.setFocus()
    qtbot.keyClicks(editor.curator, " and friends")
    qtbot.keyClick(editor.curator, Qt.Key.Key_Return)
    table = editor.table
    pos = table.visualRect(editor.model.index(2, NOTE)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    note = QApplication.focusWidget()
    assert isinstance(note, QLineEdit)
    qtbot.keyClick(note, Qt.Key.Key_End)
    qtbot.keyClicks(note, " Typed before the undo.")
    window.action_map["undo"].trigger()  # the curator's change goes; the list is read again
    qtbot.waitUntil(lambda: demo_catalog.lists.get(list_id).items[2].note.endswith(
        "Typed before the undo."))
    table.setFocus()
    qtbot.wait(1)
    assert not demo_catalog.lists.get(list_id).curator.endswith("and friends")
    assert [r.message for r in qtlog.records if "does not belong" in r.message] == []


def test_a_message_replaced_by_the_next_one_goes(qtbot, window) -> None:  # noqa: ANN001
    from PySide6.QtWidgets import QMessageBox

    window.show_error("The first refusal.")
    window.show_error("The second refusal.")
    qtbot.waitUntil(lambda: len(window.findChildren(QMessageBox)) == 1)
    (box,) = window.findChildren(QMessageBox)
    assert box.isVisible() and box.text() == "The second refusal."
