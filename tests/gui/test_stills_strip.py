"""The still strip with real widgets, a real archive and real image files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402

from curator.gui.still_preview import StillPreview  # noqa: E402
from curator.gui.stills_strip import EMPTY_TEXT, PIXMAP_ROLE, StillStrip  # noqa: E402
from curator.gui.undo import CatalogUndo  # noqa: E402
from curator.stills import ensure_derivatives, import_stills  # noqa: E402

COLOURS = [(200, 30, 30), (30, 160, 40), (40, 60, 200), (220, 200, 40)]


def _images(folder: Path, count: int = 3) -> list[Path]:
    paths = []
    for n in range(count):
        path = folder / f"still-{n + 1}.jpg"
        Image.new("RGB", (96 + 8 * n, 64), COLOURS[n % len(COLOURS)]).save(path, "JPEG")
        paths.append(path)
    return paths


@pytest.fixture
def film(catalog) -> int:
    return catalog.films.create("From Russia with Rock", year=1988).created_id


@pytest.fixture
def strip(qtbot, catalog):
    undo = CatalogUndo(catalog)
    widget = StillStrip(undo)
    qtbot.addWidget(widget)
    widget.resize(760, 380)
    widget.show()
    yield widget
    widget.runner.wait(10_000)


@pytest.fixture
def stocked(catalog, film, tmp_path):
    """The film with three stills already imported and their thumbnails made."""
    result = import_stills(catalog, _images(tmp_path), film_id=film)
    ensure_derivatives(catalog.archive, result.added_hashes)
    return film


def _drop(view, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    view.dropEvent(event)


def test_empty_state_invites_a_drop(strip, film):
    strip.load_film(film)
    assert strip.view.count() == 0
    assert not strip.fields_box.isVisible()
    assert EMPTY_TEXT == "No stills yet \u2014 drop images here"
    image = strip.view.viewport().grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    assert any(  # the sentence is drawn across the middle of the empty strip
        image.pixelColor(x, image.height() // 2) != centre or
        image.pixelColor(x, image.height() // 2 + 3) != centre
        for x in range(image.width() // 3, 2 * image.width() // 3))


def test_dropped_files_are_imported_with_thumbnails_and_one_undo(
        qtbot, strip, catalog, film, tmp_path):
    strip.load_film(film)
    notes = tmp_path / "notes.jpg"
    notes.write_text("not an image")

    _drop(strip.view, [*_images(tmp_path), notes])
    qtbot.waitUntil(lambda: not strip.busy, timeout=20_000)

    assert [s.original_name for s in strip.stills] == ["still-1.jpg", "still-2.jpg", "still-3.jpg"]
    assert all(strip.view.item(n).data(PIXMAP_ROLE) is not None for n in range(3))
    assert "notes.jpg: refused, unsupported format" in strip.status.text()
    assert strip.undo.stack.count() == 1

    strip.undo.stack.undo()
    assert strip.view.count() == 0 and catalog.stills.of(film_id=film) == []
    strip.undo.stack.redo()
    assert strip.view.count() == 3


def test_caption_credit_and_alt_text_are_edited_in_place(strip, catalog, stocked):
    strip.load_film(stocked)
    strip.view.setCurrentRow(1)
    for name, text in (("caption", "Viktor Tsoi on stage, Leningrad 1987"),
                       ("credit", "Photo: Joanna Stingray"),
                       ("alt_text", "A singer in black at a microphone")):
        strip.edits[name].setText(text)
        strip.edits[name].editingFinished.emit()

    still = catalog.stills.of(film_id=stocked)[1]
    assert (still.caption, still.credit, still.alt_text) == (
        "Viktor Tsoi on stage, Leningrad 1987", "Photo: Joanna Stingray",
        "A singer in black at a microphone")
    assert strip.undo.stack.count() == 3
    assert strip.current_still().id == still.id  # the selection survives the reload

    strip.undo.stack.undo()
    assert catalog.stills.of(film_id=stocked)[1].alt_text == ""
    assert strip.edits["alt_text"].text() == ""
    strip.undo.stack.redo()
    assert strip.edits["alt_text"].text() == "A singer in black at a microphone"


def test_reorder_by_dragging_and_set_primary(strip, catalog, stocked):
    strip.load_film(stocked)
    names = [s.original_name for s in strip.stills]
    first = strip.view.visualRect(strip.view.model().index(0, 0))
    last = strip.view.visualRect(strip.view.model().index(2, 0))
    # a drop on the right half of the last thumbnail means "after it"
    assert strip.view.drop_row(QPoint(last.right() - 5, last.center().y())) == 3
    assert strip.view.drop_row(QPoint(first.left() + 5, first.center().y())) == 0

    strip.move_still(0, 2)
    assert [s.original_name for s in catalog.stills.of(film_id=stocked)] == [
        names[1], names[2], names[0]]
    assert strip.current_still().original_name == names[0]

    strip.view.setCurrentRow(0)
    strip.set_primary()
    stills = catalog.stills.of(film_id=stocked)
    assert [s.is_primary for s in stills] == [True, False, False]

    strip.undo.stack.undo()
    strip.undo.stack.undo()
    assert [s.original_name for s in strip.stills] == names
    assert strip.stills[0].is_primary


def test_the_keyboard_moves_a_still(qtbot, strip, catalog, stocked):
    strip.load_film(stocked)
    names = [s.original_name for s in strip.stills]
    strip.view.setFocus()
    strip.view.setCurrentRow(0)
    qtbot.keyClick(strip.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert [s.original_name for s in catalog.stills.of(film_id=stocked)] == [
        names[1], names[0], names[2]]
    qtbot.keyClick(strip.view, Qt.Key.Key_Delete)
    assert [s.original_name for s in strip.stills] == [names[1], names[2]]


def test_remove_and_undo_keeps_the_image(strip, catalog, stocked):
    from curator.stills import check_stills

    strip.load_film(stocked)
    strip.view.setCurrentRow(0)
    strip.delete_current()
    assert strip.view.count() == 2
    assert strip.stills[0].is_primary  # the next still took over
    strip.undo.stack.undo()
    assert strip.view.count() == 3
    assert check_stills(catalog).problems == []


def test_double_click_opens_the_preview_where_a_click_sets_the_focal_point(
        qtbot, strip, catalog, stocked):
    strip.load_film(stocked)
    cell = strip.view.visualRect(strip.view.model().index(2, 0))
    qtbot.mouseClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.mouseDClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    preview = strip.preview
    assert isinstance(preview, StillPreview)
    assert preview.still_id == strip.stills[2].id
    assert preview.windowTitle() == "Still 3 of 3"
    qtbot.waitExposed(preview)
    rect = preview.image.image_rect()
    assert not rect.isNull()

    qtbot.mouseClick(preview.image, Qt.MouseButton.LeftButton,
                     pos=QPoint(rect.x() + rect.width() // 4, rect.y() + 3 * rect.height() // 4))

    still = catalog.stills.of(film_id=stocked)[2]
    assert still.focal_x == pytest.approx(0.25, abs=0.02)
    assert still.focal_y == pytest.approx(0.75, abs=0.02)
    assert "focal point 25% across, 75% down" in preview.caption.text()
    strip.undo.stack.undo()
    assert catalog.stills.of(film_id=stocked)[2].focal_x == 0.5
    preview.close()


def test_portraits_of_a_person(strip, catalog, tmp_path):
    person = catalog.people.create("Marjaana Mykkanen").created_id
    import_stills(catalog, _images(tmp_path, 1), person_id=person)
    strip.load_person(person)
    assert [s.person_id for s in strip.stills] == [person]


def test_thumbnails_are_made_again_when_the_cache_was_deleted(qtbot, strip, catalog, stocked):
    import shutil

    shutil.rmtree(catalog.archive.cache_dir)
    strip.load_film(stocked)
    assert strip.busy  # placeholders now, thumbnails on a worker
    qtbot.waitUntil(lambda: not strip.busy, timeout=20_000)
    assert all(strip.view.item(n).data(PIXMAP_ROLE) is not None for n in range(3))


def test_a_still_whose_hash_is_a_path_shows_no_image_and_reads_nothing_outside(
        qtbot, strip, catalog, stocked, tmp_path):
    import sqlite3

    from curator.gui.models.film_table import FilmTableModel

    bad = "../../../../somewhere/file.jpg"
    with sqlite3.connect(catalog.archive.folder / "archive.sqlite") as db:  # an older Curator's
        db.execute("UPDATE still SET sha256 = ? WHERE id = ?",
                   (bad, catalog.stills.of(film_id=stocked)[0].id))
    strip.load_film(stocked)
    qtbot.waitUntil(lambda: not strip.busy, timeout=20_000)
    assert [strip.view.item(n).data(PIXMAP_ROLE) is None for n in range(3)] == [
        True, False, False]
    cell = strip.view.visualRect(strip.view.model().index(0, 0))
    qtbot.mouseClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    qtbot.mouseDClick(strip.view.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert strip.preview is not None and strip.preview.image.pixmap.isNull()
    strip.preview.close()
    films = FilmTableModel(catalog)
    assert films._thumbnail(bad) is None
