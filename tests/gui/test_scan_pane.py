"""The scan pane: a catalogue's page beside the form, flipped with PgUp/PgDn from the form,
and a box of it read into the field that has the focus, as an edit with undo."""

from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QToolButton, QWidget

from curator.catalog import NotFound
from curator.gui.stills_strip import StillStrip
from curator.sources import add_source
from tests.sources.printed import SYNOPSIS, pdf_of, synopsis_page

TITLE = "From Russia with Rock"


@pytest.fixture(scope="module")
def printed_catalogue(tmp_path_factory):
    """A five-page catalogue whose third page is the synopsis, and the synopsis's box."""
    page, box = synopsis_page()
    blank = Image.new("L", page.size, 255)
    path = tmp_path_factory.mktemp("print") / "MIFF 1989 catalogue.pdf"
    path.write_bytes(pdf_of([blank, blank, page, blank, blank]))
    return path, box, page.size


@pytest.fixture
def desk(window, printed_catalogue, qtbot):
    """The desk on the demo with the catalogue added to MIFF 1989 and the film open."""
    catalog = window.catalog
    edition = next(e for f in catalog.festivals.all() for e in f.editions if e.slug == "miff-1989")
    add_source(catalog, [printed_catalogue[0]], edition_id=edition.id)
    film = next(i for i in catalog.search.films(TITLE, limit=20).ids
                if catalog.films.get(i).title == TITLE)
    window.open_record("film", film)
    qtbot.waitUntil(lambda: window.form.current is not None
                    and window.form.current.record_id == film)
    window.scan.show()
    pane = window.scan.pane
    pane.reload_sources()
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.open_source(catalog.sources.all()[0].id, 1)
    return window


def test_the_scan_sits_beside_the_form_and_can_be_detached(desk, qtbot):
    dock = desk.scan
    assert desk.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.isVisible() and dock.pane.view.has_page()
    assert dock.pane.page_label.text() == "p. 1 of 5"
    dock.setFloating(True)  # a window of its own, for a second screen
    assert dock.isFloating() and dock.isVisible()
    dock.setFloating(False)
    view = dock.pane.view
    fitted = view.zoom_level()
    view.zoom(2.0)
    assert view.zoom_level() == pytest.approx(fitted * 2, rel=0.01)
    assert not view.fit_width
    view.fit_to_width()
    assert view.zoom_level() == pytest.approx(fitted, rel=0.01)
    # Archive › Publish Sources on Film Pages turns the site's source line on and off
    action = desk.findChild(QAction, "publishSources")
    assert action in desk.menus["archive"].actions() and not action.isChecked()
    action.trigger()
    assert desk.catalog.settings.get("publish_sources") == "on"
    action.trigger()
    assert desk.catalog.settings.get("publish_sources") == ""


def test_pgdn_and_pgup_flip_pages_while_the_cursor_stays_in_the_form(desk, qtbot):
    pane = desk.scan.pane
    desk.form.focus_field("synopsis")
    editor = desk.form.current.fields["synopsis"].editor
    qtbot.waitUntil(editor.hasFocus)
    before = editor.toPlainText()
    for expected in (2, 3):
        with qtbot.waitSignal(pane.page_shown, timeout=10_000) as shown:
            qtbot.keyClick(editor, Qt.Key.Key_PageDown)
        assert shown.args[1] == expected
    qtbot.keyClick(editor, Qt.Key.Key_PageUp)
    assert pane.number == 2 and pane.page_label.text() == "p. 2 of 5"
    assert QApplication.focusWidget() is editor and editor.toPlainText() == before


def test_a_box_is_read_into_the_focused_field_as_an_edit_with_undo(desk, qtbot,
                                                                   printed_catalogue):
    from tests.sources.test_ocr import character_error_rate

    pane = desk.scan.pane
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.show_page(3)
    form = desk.form.current
    field = form.fields["synopsis"]
    old = desk.catalog.films.get(form.record_id).synopsis
    field.editor.clear()  # the archivist empties the field to type the synopsis anew
    desk.form.focus_field("synopsis")
    qtbot.waitUntil(field.editor.hasFocus)
    _path, (x, y, w, h), (width, height) = printed_catalogue
    scale = pane.view.item.pixmap().width() / width
    with qtbot.waitSignal(pane.text_read, timeout=30_000):
        pane.view.draw_box(QPointF(x * scale, y * scale), QPointF((x + w) * scale,
                                                                 (y + h) * scale))
    typed = field.editor.toPlainText()
    assert character_error_rate(SYNOPSIS, typed) <= 0.02
    # typed, not saved behind the archivist's back: saved when the field is, as one step
    assert desk.catalog.films.get(form.record_id).synopsis == old
    assert desk.catalog.sources.citation_of(film_id=form.record_id) is None
    form.commit_pending()
    assert desk.catalog.films.get(form.record_id).synopsis == typed
    # saved with the page it came from, and the box the synopsis was read from
    citation = desk.catalog.sources.citation_of(film_id=form.record_id)
    assert (citation.page, citation.reference) == (3, "MIFF 1989 catalogue, p. 3")
    assert citation.region == pytest.approx((x / width, y / height, w / width, h / height),
                                            abs=0.01)
    assert form.source_line.label.text() == \
        'From <a href="source">MIFF 1989 catalogue, p. 3</a>'
    # one step: Undo takes back the text and its citation together, Redo brings both
    assert desk.undo.stack.undoText() == f"Change synopsis of {TITLE}"
    desk.undo.stack.undo()
    assert desk.catalog.films.get(form.record_id).synopsis == old
    assert field.editor.toPlainText() == old
    assert desk.catalog.sources.citation_of(film_id=form.record_id) is None
    assert not form.source_line.remove_button.isVisibleTo(form)
    desk.undo.stack.redo()
    assert desk.catalog.films.get(form.record_id).synopsis == typed
    assert desk.catalog.sources.citation_of(film_id=form.record_id).page == 3


def test_a_films_source_is_shown_cited_and_opened_at_its_region(desk, qtbot):
    pane, form = desk.scan.pane, desk.form.current
    film = form.record_id
    assert form.source_line.label.text().startswith("No source recorded")
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.show_page(4)
    form.source_line.cite_button.click()  # the page on show becomes the film's source
    assert desk.catalog.sources.citation_of(film_id=film).reference == "MIFF 1989 catalogue, p. 4"
    assert form.source_line.label.text() == \
        'From <a href="source">MIFF 1989 catalogue, p. 4</a>'
    assert desk.undo.stack.undoText() == f"Cite MIFF 1989 catalogue, p. 4 for {TITLE}"
    desk.undo.stack.undo()
    assert desk.catalog.sources.citation_of(film_id=film) is None
    desk.undo.stack.redo()
    # a click on the line opens the scan at the page and outlines the region
    source = desk.catalog.sources.all()[0].id
    desk.catalog.sources.cite(source, 2, (0.1, 0.2, 0.5, 0.1), film_id=film)
    form.reload()
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        form.source_line.label.linkActivated.emit("source")
    assert pane.number == 2 and pane.view.region.isVisible()
    rect, size = pane.view.region.rect(), pane.view.item.pixmap().size()
    assert rect.x() / size.width() == pytest.approx(0.1, abs=0.01)
    # a film created while a catalogue is open cites the page on show
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.show_page(5)
    desk.new_film()
    film = desk.form.current.record_id
    assert desk.catalog.films.get(film).title == "Untitled film"
    assert desk.catalog.sources.citation_of(film_id=film).reference == "MIFF 1989 catalogue, p. 5"
    assert desk.undo.stack.undoText() == "Create film Untitled film"
    desk.undo.stack.undo()  # one step takes the film and its citation
    with pytest.raises(NotFound):
        desk.catalog.films.get(film)
    assert desk.catalog.sources.citation_of(film_id=film) is None


def test_a_sources_details_are_edited_with_undo_and_a_drop_adds_one(desk, qtbot, scans_dir):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    pane = desk.scan.pane
    source = desk.catalog.sources.all()[0].id
    pane.details_button.click()
    title = pane.details.fields["title"].line
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "MIFF 1989 programme")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert desk.catalog.sources.get(source).title == "MIFF 1989 programme"
    assert pane.sources.currentText() == "MIFF 1989 programme \u2014 5 p."
    desk.undo.stack.undo()
    assert desk.catalog.sources.get(source).title == "MIFF 1989 catalogue"
    assert pane.details.fields["title"].line.text() == "MIFF 1989 catalogue"
    date = pane.details.fields["date"].line
    date.setFocus()
    qtbot.keyClicks(date, "summer")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert "not a date" in pane.details.fields["date"].problem.text()
    # scans dropped on the pane become a source of the film's edition, as one step
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in scans_dir])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.dropEvent(drop)
    assert len(desk.catalog.sources.all()) == 2 and pane.page_label.text() == "p. 1 of 2"
    assert desk.undo.stack.undoText().startswith("Add source MIFF 1989 catalogue")
    desk.undo.stack.undo()
    assert len(desk.catalog.sources.all()) == 1


@pytest.fixture
def scans_dir(tmp_path):
    page = Image.new("L", (850, 1100), 255)
    paths = [tmp_path / "scan-1.png", tmp_path / "scan-2.jpg"]
    page.save(paths[0])
    page.save(paths[1])
    return paths


def test_a_quote_read_from_the_scan_cites_its_page_and_keeps_it_through_edits(
        desk, qtbot, printed_catalogue):
    from curator.catalog.records import QuoteSource

    pane, form = desk.scan.pane, desk.form.current
    film = form.record_id
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.show_page(3)
    quotes = form.fields["quotes"]
    qtbot.mouseClick(quotes.add, Qt.MouseButton.LeftButton)  # a new, empty quote
    row = quotes.rows[-1]
    qtbot.waitUntil(row.editors[0].hasFocus)
    _path, (x, y, w, h), (width, height) = printed_catalogue
    scale = pane.view.item.pixmap().width() / width
    with qtbot.waitSignal(pane.text_read, timeout=30_000):  # the first lines of the box
        pane.view.draw_box(QPointF(x * scale, y * scale),
                           QPointF((x + w) * scale, (y + h / 4) * scale))
    assert row.source_line.label.text() == \
        'From <a href="source">MIFF 1989 catalogue, p. 3</a>'
    assert len(desk.catalog.films.get(film).quotes) == 1  # typed, not yet saved
    form.commit_pending()
    saved = desk.catalog.films.get(film).quotes[-1]
    assert saved.text and saved.cited.source_id == desk.catalog.sources.all()[0].id
    assert saved.cited.page == 3 and saved.cited.region[0] == pytest.approx(x / width, abs=0.01)
    assert desk.catalog.sources.citation_of(film_id=film) is None  # the quote's, not the film's
    # another edit of the film keeps the quote's citation, shown in the form
    synopsis = form.fields["synopsis"].editor
    synopsis.setFocus()
    qtbot.keyClicks(synopsis, " More.")
    form.commit_pending()
    assert desk.catalog.films.get(film).quotes[-1].cited == saved.cited
    row = form.fields["quotes"].rows[-1]
    assert row.source_line.label.text() == \
        'From <a href="source">MIFF 1989 catalogue, p. 3</a>'
    # a click on it opens the scan there; Remove Source forgets it, with undo
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.show_page(1)
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        row.source_line.label.linkActivated.emit("source")
    assert pane.number == 3 and pane.view.region.isVisible()
    qtbot.mouseClick(row.source_line.remove, Qt.MouseButton.LeftButton)
    assert desk.catalog.films.get(film).quotes[-1].cited is None
    desk.undo.stack.undo()
    assert desk.catalog.films.get(film).quotes[-1].cited == saved.cited
    # Cite Page cites the page on show
    with qtbot.waitSignal(pane.page_shown, timeout=10_000):
        pane.show_page(2)
    first = form.fields["quotes"].rows[0]
    qtbot.mouseClick(first.source_line.cite, Qt.MouseButton.LeftButton)
    source = desk.catalog.sources.all()[0].id
    assert desk.catalog.films.get(film).quotes[0].cited == QuoteSource(source, 2)


def test_the_film_form_fits_beside_the_scan_on_a_laptop_screen(desk, qtbot):
    """At 1440x900 with the scan docked at its default width, the form does not scroll
    sideways: a screening's line and the stills' Remove button are in sight."""
    desk.resize(1440, 900)
    form = desk.form.current
    form.source_line.cite_button.click()  # the film's "From ..." line, with its Remove
    scroll = form.scroll
    box = form.findChild(QWidget, "screenings.box")
    qtbot.waitUntil(lambda: desk.scan.width() < 400 and box.width() > 0)
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())
    assert scroll.horizontalScrollBar().maximum() == 0
    assert not scroll.horizontalScrollBar().isVisible()
    viewport = scroll.viewport()

    def in_sight(widget: QWidget) -> bool:
        left = widget.mapTo(viewport, QPoint(0, 0)).x()
        return widget.isVisible() and left >= 0 and left + widget.width() <= viewport.width()

    remove = next(b for b in form.findChildren(QToolButton)
                  if b.toolTip() == "Remove this appearance")
    assert in_sight(remove)
    section = form.findChild(QComboBox, "screenings.0.section")
    premiere = form.findChild(QComboBox, "screenings.0.premiere")
    assert in_sight(section) and in_sight(premiere)
    assert section.y() == premiere.y()  # on one line while there is room for both
    assert premiere.currentText() == "No premiere"  # whole, not elided
    assert in_sight(form.source_line.remove_button)
    assert in_sight(form.findChild(StillStrip).delete_button)


def test_at_1280_hiding_the_sidebar_gives_its_room_to_the_form(desk, qtbot):
    desk.resize(1280, 800)
    scroll = desk.form.current.scroll
    qtbot.waitUntil(lambda: desk.width() == 1280)
    assert scroll.horizontalScrollBar().maximum() > 0  # sidebar, list, form and scan: cramped
    qtbot.waitUntil(lambda: "Ctrl+Alt+1" in desk.statusBar().currentMessage())
    title = desk.form.current.fields["title"].editor
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_1,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert not desk.sidebar.isVisible()  # View › Sidebar, from the form
    qtbot.waitUntil(lambda: scroll.horizontalScrollBar().maximum() == 0)
    assert desk.scan.isVisible() and desk.scan.width() >= 320  # the scan keeps its room
    assert title.hasFocus()
