"""Archive › Find Duplicates…: the pairs listed with why and a score, one said not to be
a duplicate (and undone), another merged side by side with a value taken from the other
film, and the merge undone; all by real clicks."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QRadioButton

from curator.catalog.records import CreditData

LEFT = Qt.MouseButton.LeftButton


def _title_id(catalog, title: str) -> int:
    return next(r.id for r in catalog.films.rows(catalog.search.films(title, limit=20).ids)
                if r.title == title)


def _open_finder(window, qtbot):  # noqa: ANN001, ANN202
    menu = window.menus["archive"]
    action = window.findChild(QAction, "findDuplicates")
    menu.popup(window.mapToGlobal(QPoint(240, 20)))
    qtbot.waitExposed(menu)
    QTest.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())
    finder = window.duplicates.window
    qtbot.waitUntil(lambda: finder.found["film"] is not None, timeout=20_000)
    return finder


def when_merge_dialog(act) -> None:  # noqa: ANN001
    """Call `act(dialog)` once the merge dialog is up (a key may reach it a little later)."""
    from curator.gui.dialogs.merge import MergeDialog

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, MergeDialog):
            try:
                act(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()  # a failed check must not leave the test waiting
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def _select(page, first_id: int) -> None:
    for row in range(page.proxy.rowCount()):
        page.table.selectRow(row)
        if page.current().first_id == first_id:
            return
    raise AssertionError(f"no pair of {first_id}")


def test_the_finder_lists_marks_and_merges_pairs(demo_catalog, open_window, qtbot):
    frwr = _title_id(demo_catalog, "From Russia with Rock")
    director = demo_catalog.films.get(frwr).credits[0].person_id
    shelf = demo_catalog.fields.add("Shelf mark").created_id
    demo_catalog.films.update(frwr, None, field_values=[(shelf, "A-1")])
    twin = demo_catalog.films.create("From Russia With Rock", year=1988, runtime=57,
                                     credits=[CreditData(director, "director")],
                                     field_values=[(shelf, "B-12")]).created_id
    window = open_window(demo_catalog)
    finder = _open_finder(window, qtbot)
    films = finder.pages["film"]
    top = films.current()
    assert (top.first_id, top.second_id, top.score) == (frwr, twin, 100)
    assert films.model.item(0, 3).text() == (
        "same title; same year (1988); same director (Marjaana Mykkanen)")
    assert finder.tabs.tabText(0) == f"Films ({films.count()})"
    count = films.count()
    worlds = _title_id(demo_catalog, "War of the Worlds")
    _select(films, worlds)
    QTest.mouseClick(finder.distinct_button, LEFT)
    qtbot.waitUntil(lambda: films.count() == count - 1)
    assert window.action_map["undo"].text().startswith("Undo Not a duplicate: War of the")
    window.action_map["undo"].trigger()
    qtbot.waitUntil(lambda: films.count() == count)

    def merge_side_by_side(dialog) -> None:  # noqa: ANN001
        assert dialog.windowTitle() == "Merge Films"
        runtime = dialog.findChild(QRadioButton, "runtime-1")
        assert runtime.text() == "57 min" and runtime.isEnabled()
        assert dialog.findChild(QRadioButton, "year-1") is None  # the same: no choice
        QTest.mouseClick(runtime, LEFT, pos=QPoint(6, runtime.height() // 2))
        assert dialog.choices()["runtime"] == "other"
        shelf_mark = dialog.findChild(QRadioButton, "shelf_mark-1")  # the archive's own
        assert shelf_mark.text() == "B-12"
        QTest.mouseClick(shelf_mark, LEFT, pos=QPoint(6, shelf_mark.height() // 2))
        QTest.mouseClick(dialog.merge_button, LEFT)

    _select(films, frwr)
    when_merge_dialog(merge_side_by_side)
    QTest.mouseClick(finder.merge_button, LEFT)
    film = demo_catalog.films.get(frwr)
    assert film.runtime == 57 and film.title == "From Russia with Rock"
    assert [v.value for v in film.field_values] == ["B-12"]
    assert demo_catalog.films.resolve(twin) == frwr
    qtbot.waitUntil(lambda: films.count() == count - 1)
    assert window.detail.record_id == frwr
    window.action_map["undo"].trigger()
    assert demo_catalog.films.get(twin).title == "From Russia With Rock"
    assert demo_catalog.films.get(frwr).runtime != 57
    qtbot.waitUntil(lambda: films.count() == count)


def test_two_films_selected_in_the_list_merge_with_ctrl_m(demo_catalog, open_window, qtbot):
    frwr = _title_id(demo_catalog, "From Russia with Rock")
    twin = demo_catalog.films.create("From Russia with Rock", year=1988,
                                     synopsis="Typed again.").created_id
    window = open_window(demo_catalog)
    window.list_pane.search.setText("from russia with rock")
    qtbot.waitUntil(lambda: window.list_pane.model.total == 2)
    window.list_pane.table.selectAll()
    assert window.action_map["merge"].isEnabled()

    def keep_the_twin(dialog) -> None:  # noqa: ANN001
        column = [side.id for side in dialog.sides].index(twin)
        keep = dialog.findChildren(QRadioButton, "keepRecord")[column]
        QTest.mouseClick(keep, LEFT, pos=QPoint(6, keep.height() // 2))
        assert dialog.keep_id == twin
        QTest.mouseClick(dialog.merge_button, LEFT)

    when_merge_dialog(keep_the_twin)
    window.list_pane.table.setFocus()
    QTest.keyClick(window.list_pane.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert demo_catalog.films.resolve(frwr) == twin
    kept = demo_catalog.films.get(twin)
    assert kept.credits and kept.synopsis == "Typed again."
    assert window.list_pane.model.total == 1
