"""New Film and a title or year change ask before the same film is typed twice."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from curator.catalog import FilmQuery

CTRL = Qt.KeyboardModifier.ControlModifier


def answer_box(qtbot, button: str, seen: list[str]) -> None:  # noqa: ANN001
    """When the question shows, note its text and press `button`, as a person does."""

    tries = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries.append(1)
            if len(tries) < 250:  # five seconds, then the test's own wait fails
                QTimer.singleShot(20, press)
            return
        seen.append(box.text())
        target = next(b for b in box.buttons() if b.text() == button)
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)


def retype(qtbot, line, text: str) -> None:  # noqa: ANN001
    line.setFocus()
    line.selectAll()
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Backspace)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def ids_titled(catalog, title: str) -> list[int]:  # noqa: ANN001
    found = catalog.search.films(FilmQuery.parse(f'title:"{title}"'), limit=50)
    return [r.id for r in catalog.films.rows(found.ids) if r.title == title]


def test_new_film_with_a_title_and_year_already_there_opens_that_one(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    [existing] = ids_titled(catalog, "From Russia with Rock")
    films = catalog.counts()["films"]
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: catalog.counts()["films"] == films + 1)
    form = window.form.current
    # no year yet (the film of 1988 is another year): nothing is asked
    retype(qtbot, form.fields["title"].line, "FROM RUSSIA WITH ROCK")
    qtbot.waitUntil(lambda: len(ids_titled(catalog, "FROM RUSSIA WITH ROCK")) == 1)
    seen: list[str] = []
    answer_box(qtbot, "Open It", seen)
    retype(qtbot, form.fields["year"].line, "1988")
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == ["\u201cFROM RUSSIA WITH ROCK\u201d (1988) is already in the archive."]
    qtbot.waitUntil(lambda: window.form.current.record_id == existing)
    assert catalog.counts()["films"] == films  # the new draft went
    assert window.form.current.fields["title"].value() == "From Russia with Rock"


def test_keep_both_saves_the_change(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    [rock] = ids_titled(catalog, "From Russia with Rock")
    other = window.run_operation(
        lambda: catalog.films.create("From Russia With Rock!", year=1990)).created_id
    window.open_record("film", other)
    form = window.form.current
    qtbot.waitUntil(lambda: form.record_id == other)
    seen: list[str] = []
    answer_box(qtbot, "Keep Both", seen)
    retype(qtbot, form.fields["year"].line, "1988")
    qtbot.waitUntil(lambda: catalog.films.get(other).year == 1988)
    assert seen == ["\u201cFrom Russia With Rock!\u201d (1988) is already in the archive."]
    assert catalog.films.get(rock).year == 1988  # both stay
    answer_box(qtbot, "Cancel", seen)
    retype(qtbot, form.fields["year"].line, "")  # Black Square's year is not known
    qtbot.waitUntil(lambda: catalog.films.get(other).year is None)
    retype(qtbot, form.fields["title"].line, "Black Square")
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen[1] == "\u201cBlack Square\u201d is already in the archive."
    qtbot.waitUntil(lambda: form.fields["title"].value() == "From Russia With Rock!")
    assert catalog.films.get(other).title == "From Russia With Rock!"
