"""The desk's look at its default size (1440x900), in light and in dark mode, and on a
1,280 px laptop screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from curator.gui.models.sidebar import ListTable
from curator.gui.style import SCHEME_VARIABLE, apply_style


@pytest.fixture
def dark(monkeypatch):  # noqa: ANN001, ANN201
    """A dark system palette with Fusion, as a dark desktop gives it."""
    monkeypatch.setenv(SCHEME_VARIABLE, "dark")
    apply_style(QApplication.instance())
    yield
    monkeypatch.delenv(SCHEME_VARIABLE)
    apply_style(QApplication.instance())


def sidebar_indexes(tree, parent=QModelIndex()):  # noqa: ANN001, ANN201, B008
    model = tree.model()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        if tree.isExpanded(index):
            yield from sidebar_indexes(tree, index)


def check_default_size(window) -> None:  # noqa: ANN001
    assert (window.width(), window.height()) == (1440, 900)
    films = window.list_pane.films_view
    assert not films.horizontalScrollBar().isVisible()
    directors = [c.key for c in window.list_pane.films.columns].index("directors")
    assert films.columnWidth(directors) > films.fontMetrics().horizontalAdvance(
        "Marjaana Mykkanen") + 12
    form = window.form.current
    assert form is not None and form.kind == "film"
    assert not form.scroll.horizontalScrollBar().isVisible()
    premiere = form.findChild(QComboBox, "screenings.0.premiere")
    assert premiere.currentText() == "No premiere"
    assert premiere.width() > premiere.fontMetrics().horizontalAdvance("No premiere") + 20


def test_default_columns_and_form_fit_the_default_window(window, qtbot) -> None:  # noqa: ANN001
    check_default_size(window)
    window.sidebar.select_view("people::")
    people = window.list_pane.tables[ListTable.PEOPLE]
    qtbot.waitUntil(lambda: not people.horizontalScrollBar().isVisible())


def test_a_laptop_window_shows_the_list_columns_whole(window, qtbot) -> None:  # noqa: ANN001
    window.resize(1280, 800)
    films = window.list_pane.films_view
    head = films.horizontalHeader()
    state = [c.key for c in window.list_pane.films.columns].index("state")
    qtbot.waitUntil(lambda: head.sectionViewportPosition(state) + head.sectionSize(state)
                    <= films.viewport().width() and window.form.width() < 480)
    qtbot.waitUntil(lambda: not films.horizontalScrollBar().isVisible())
    assert films.viewport().width() < head.length() + 20  # no gap after the last column
    # the form gave way, down to where its fields still read whole
    form = window.form.current
    assert window.form.width() < 480
    assert not form.scroll.horizontalScrollBar().isVisible()
    for label in form.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap() and label.text():
            assert label.width() >= label.sizeHint().width(), label.text()
    # every column shown (View › Columns): names give way, the State column stays in sight
    for action in window.list_pane.column_actions:
        action.setChecked(True)
    qtbot.waitUntil(lambda: head.sectionViewportPosition(state) + head.sectionSize(state)
                    <= films.viewport().width())
    qtbot.waitUntil(lambda: not films.horizontalScrollBar().isVisible())
    for action, column in zip(window.list_pane.column_actions, window.list_pane.films.columns,
                              strict=True):
        action.setChecked(column.shown)  # back to the first choice
    # wider again, the list's title takes the room and the form its usual width
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.form.width() == 480
                    and not films.horizontalScrollBar().isVisible())
    check_default_size(window)


def test_dark_mode_fits_and_keeps_field_borders(dark, window) -> None:  # noqa: ANN001
    title = window.form.current.fields["title"].line
    image = title.grab().toImage()
    inside = QColor(image.pixel(image.width() // 2, 2))
    edge = QColor(image.pixel(0, image.height() // 2))
    assert abs(edge.lightness() - inside.lightness()) > 25  # a border one can see
    check_default_size(window)


def test_sidebar_names_are_never_cut_short(window) -> None:  # noqa: ANN001
    tree = window.sidebar
    window.splitter.setSizes([120, 1100, 220])  # dragged as narrow as it will go
    QApplication.processEvents()
    for index in sidebar_indexes(tree):
        assert tree.visualRect(index).width() >= tree.sizeHintForIndex(index).width(), \
            index.data()


def test_every_toolbar_action_has_an_icon(window) -> None:  # noqa: ANN001
    for action in window.toolbar.actions():
        if not action.isSeparator():
            assert not action.icon().isNull(), action.text()
