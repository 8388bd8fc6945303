"""An appearance's showings edited from the film form: a dialog of days, times and venues,
saved as one undoable edit of the film."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QToolButton

from curator.catalog import Catalog, FilmEdit
from curator.catalog.records import ScreeningData, ShowingData
from curator.gui.forms import FormPane
from curator.gui.undo import CatalogUndo
from tests.gui.forms_support import make_undo, open_pane

TITLE = "From Russia with Rock"
FIRST_DAY = date(1989, 6, 9)


def film_id(catalog: Catalog) -> int:
    ids = catalog.search.films(TITLE, limit=20).ids
    return next(i for i in ids if catalog.films.get(i).title == TITLE)


@pytest.fixture
def undo(demo_catalog: Catalog) -> CatalogUndo:
    fid = film_id(demo_catalog)
    edition = demo_catalog.films.get(fid).screenings[0].edition_id
    demo_catalog.editions.update(edition, None, starts_on=FIRST_DAY, ends_on=date(1989, 6, 25))
    return make_undo(demo_catalog)


@pytest.fixture
def pane(qtbot, undo: CatalogUndo) -> FormPane:
    pane = open_pane(qtbot, undo)
    pane.show_record("film", film_id(undo.catalog))
    return pane


def _showings_button(screenings) -> QToolButton:  # noqa: ANN001
    """The first appearance's "Showings…" button as the form shows it now."""
    return screenings.findChild(QToolButton, "screenings.0.showings")


def _in_dialog(qtbot, button: QPushButton, steps) -> None:  # noqa: ANN001
    """Click `button`, then run `steps(dialog)` once the modal dialog it opens is up."""
    done = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, drive)
            return
        try:
            steps(dialog)
        finally:
            done.append(True)
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, drive)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert done


def _type(qtbot, dialog, name: str, text: str) -> None:  # noqa: ANN001
    line = dialog.findChild(QLineEdit, name)
    line.selectAll()
    qtbot.keyClicks(line, text)


def test_showings_are_added_checked_and_undone(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    screenings = pane.current.screenings
    button = _showings_button(screenings)
    assert button.accessibleName() == "Showings\u2026"
    problems = []

    def add_two(dialog) -> None:  # noqa: ANN001
        add = dialog.findChild(QPushButton, "showings.add")
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)  # the next day
        _type(qtbot, dialog, "showings.0.time", "19:30")
        _type(qtbot, dialog, "showings.0.venue", "Forum Theatre")
        _type(qtbot, dialog, "showings.1.time", "25:00")
        qtbot.keyClick(dialog.findChild(QLineEdit, "showings.1.time"), Qt.Key.Key_Return)
        problems.append(dialog.problem.text())  # refused: the dialog stays open
        _type(qtbot, dialog, "showings.1.time", "9:15")
        qtbot.keyClick(dialog.findChild(QLineEdit, "showings.1.time"), Qt.Key.Key_Return)

    _in_dialog(qtbot, button, add_two)
    assert problems == ["A showing's time \u201c25:00\u201d is not a time of day "
                        "(hours:minutes, e.g. 19:30)."]
    saved = (ShowingData(FIRST_DAY, "19:30", "Forum Theatre"),
             ShowingData(FIRST_DAY + timedelta(days=1), "09:15", ""))
    assert demo_catalog.films.get(fid).screenings[0].showings == saved
    assert undo.stack.undoText() == "Change screenings of From Russia with Rock"
    button = _showings_button(screenings)
    assert button.accessibleName() == "2 showings\u2026"

    def remove_first(dialog) -> None:  # noqa: ANN001
        qtbot.mouseClick(dialog.findChild(QToolButton, "showings.0.remove"),
                         Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(QPushButton, "showings.add"),
                         Qt.MouseButton.LeftButton)  # the day after the one left
        dialog.accept()

    _in_dialog(qtbot, button, remove_first)
    assert demo_catalog.films.get(fid).screenings[0].showings == (
        saved[1], ShowingData(FIRST_DAY + timedelta(days=2)))
    undo.stack.undo()
    assert demo_catalog.films.get(fid).screenings[0].showings == saved
    undo.stack.undo()
    assert demo_catalog.films.get(fid).screenings[0].showings == ()
    undo.stack.redo()
    assert demo_catalog.films.get(fid).screenings[0].showings == saved
    assert _showings_button(screenings).accessibleName() == "2 showings\u2026"


def test_cancel_keeps_the_showings(qtbot, pane, undo, demo_catalog):
    fid = film_id(demo_catalog)
    [appearance] = demo_catalog.films.get(fid).screenings
    demo_catalog.films.update(fid, None, FilmEdit(screenings=[ScreeningData(
        appearance.edition_id, appearance.section_id, appearance.premiere,
        (ShowingData(FIRST_DAY),))]))
    pane.show_record("film", fid)
    button = _showings_button(pane.current.screenings)
    assert button.accessibleName() == "1 showing\u2026"

    def add_and_cancel(dialog) -> None:  # noqa: ANN001
        qtbot.mouseClick(dialog.findChild(QPushButton, "showings.add"),
                         Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _in_dialog(qtbot, button, add_and_cancel)
    assert demo_catalog.films.get(fid).screenings[0].showings == (ShowingData(FIRST_DAY),)
