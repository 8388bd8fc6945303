"""The primary still in the film list and in the page preview."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from curator.stills import ensure_derivatives


def test_list_and_preview_show_the_primary_still(window, demo_catalog, qtbot):  # noqa: ANN001
    pane = window.list_pane
    film = demo_catalog.films.get(demo_catalog.search.films("mykkanen").ids[0])
    primary = film.primary_still
    assert primary is not None
    ensure_derivatives(demo_catalog.archive, [primary.sha256], lambda *_: True)
    qtbot.keyClicks(pane.search, "mykkanen")
    qtbot.waitUntil(lambda: pane.films.total == 1)
    stills = [c.key for c in pane.films.columns].index("stills")
    index = pane.films.index(0, stills)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == f"{len(film.stills)} stills"
    thumb = index.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(thumb, QPixmap) and not thumb.isNull()
    # big enough to recognise the still, in a row tall enough to show it whole
    assert thumb.width() >= 96
    qtbot.waitUntil(lambda: pane.films_view.rowHeight(0) >= thumb.height())
    view = pane.films_view
    assert view.columnWidth(stills) >= thumb.width()
    qtbot.waitUntil(lambda: window.detail.toPlainText().startswith(film.title))
    page = window.detail.toHtml()
    assert "<img" in page and primary.sha256[:8] in page
    assert primary.credit in window.detail.toPlainText()


def test_a_film_without_stills_shows_no_image(window, demo_catalog, qtbot):  # noqa: ANN001
    pane = window.list_pane
    qtbot.keyClicks(pane.search, "jumanji")
    qtbot.waitUntil(lambda: pane.films.total == 1)
    assert pane.films.index(0, 0).data() == "Jumanji"
    qtbot.waitUntil(lambda: window.detail.toPlainText().startswith("Jumanji"))
    assert "<img" not in window.detail.toHtml()


def test_only_rows_of_films_with_a_still_are_tall(window, demo_catalog, qtbot):  # noqa: ANN001
    pane = window.list_pane
    view = pane.films_view
    edition = demo_catalog.festivals.all()[0].editions[0]
    window.sidebar.select_view(f"edition:{edition.id}:")
    stills = [pane.films.row(r).primary_still for r in range(pane.films.total)]
    ensure_derivatives(demo_catalog.archive, [s for s in stills if s], lambda *_: True)
    tall = {r for r, s in enumerate(stills) if s}
    assert tall and len(tall) < pane.films.total
    qtbot.waitUntil(lambda: all(view.rowHeight(r) > 50 for r in tall))
    window.sidebar.select_view("films::")
    window.list_pane.select_row(0)
    qtbot.wait(10)
    for r in range(10):  # the first films of the whole list have no still
        assert not pane.films.row(r).primary_still
        assert view.rowHeight(r) == view.verticalHeader().defaultSectionSize()
