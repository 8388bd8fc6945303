"""The desk driven as an archivist drives it, on a copy of the demo archive (9,068 films)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton

from curator import __version__
from curator.catalog import Catalog
from curator.catalog.search import Attention
from curator.gui.models.sidebar import ListTable


def film_id(catalog: Catalog, title: str) -> int:
    return next(r.id for r in catalog.films.rows(catalog.search.films(title, limit=20).ids)
                if r.title == title)


def titles(window, n: int = 50) -> list[str]:  # noqa: ANN001
    model = window.list_pane.films
    return [model.row(r).title for r in range(min(n, model.total))]


def test_opens_on_demo_and_search_filters_as_you_type(window, qtbot) -> None:  # noqa: ANN001
    pane = window.list_pane
    assert pane.films.total == 9068
    assert pane.count.text() == "9,068 films"
    assert "9,068 films \u00b7 1 person \u00b7 1 festival edition" in window.summary.text()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.search.hasFocus()
    qtbot.keyClicks(pane.search, "mykkanen")
    qtbot.waitUntil(lambda: pane.films.total == 1)
    assert titles(window) == ["From Russia with Rock"]
    assert pane.current_query().text == "mykkanen"
    # the page follows the list a moment after the keystroke
    qtbot.waitUntil(lambda: window.detail.toPlainText().startswith("From Russia with Rock"))
    page = window.detail.toPlainText()
    assert page.startswith("From Russia with Rock")
    assert "USSR, 1988 (MIFF 1989)" in page
    assert "Director: Marjaana Mykkanen" in page
    assert "See also\u2026" in page and "Black Square" in page
    pane.search.clear()
    qtbot.waitUntil(lambda: pane.films.total == 9068)


def test_keys_typed_while_the_desk_opens_are_answered_before_it_reads_aside(  # noqa: ANN001
        demo_catalog, qtbot) -> None:
    from PySide6.QtCore import QEvent, QObject

    from curator.gui.main_window import MainWindow

    window = MainWindow(demo_catalog)
    qtbot.addWidget(window)
    pane = window.list_pane

    class TypesAtFirstPaint(QObject):
        """The archivist types as the window appears, before the desk has finished."""

        def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
            if event.type() == QEvent.Type.Paint and not pane.search.text():
                pane.search.setFocus()
                QTest.keyClicks(pane.search, "mykkanen")
            return False

    typist = TypesAtFirstPaint()
    window.installEventFilter(typist)
    read_before_answer = []
    pane.searched.connect(lambda: read_before_answer.append(
        window.sidebar.tree.attention_counted or window.sidebar.tree._counter is not None
        or pane.films._reader is not None))
    window.show()
    qtbot.waitUntil(lambda: pane.films.total == 1)
    window.removeEventFilter(typist)
    assert not window.starting
    assert read_before_answer == [False]  # neither the counts nor the old list's ids
    # then the sidebar's counts and the film's page come as usual
    qtbot.waitUntil(lambda: window.sidebar.tree.attention_counted)
    qtbot.waitUntil(lambda: window.detail.toPlainText().startswith("From Russia with Rock"))
    window.close()


def test_nothing_found_says_what_to_do(window, qtbot) -> None:  # noqa: ANN001
    pane = window.list_pane
    qtbot.keyClicks(pane.search, "zzqxj")
    qtbot.waitUntil(lambda: pane.films.total == 0)
    assert pane.stack.currentWidget() is pane.empty_page
    assert "No film matches \u201czzqxj\u201d" in pane.empty.text()
    assert window.list_pane.selected_film_ids() == []


def test_arrow_keys_move_and_detail_follows(window, qtbot) -> None:  # noqa: ANN001
    view = window.list_pane.films_view
    view.setFocus()
    row = view.currentIndex().row()
    model = window.list_pane.films
    first, second = model.row(row).title, model.row(row + 1).title
    assert window.detail.toPlainText().startswith(first)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == row + 1
    # the page follows as soon as the list has answered the key
    qtbot.waitUntil(lambda: window.detail.toPlainText().startswith(second))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(window.list_pane.selected_film_ids()) == 2


def test_sort_by_year_is_a_query(window, demo_catalog) -> None:  # noqa: ANN001
    pane = window.list_pane
    pane.films_view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert (pane.films.query.order, pane.films.query.descending) == ("year", True)
    years = [pane.films.row(r).year for r in range(300)]  # past the first page
    assert years == sorted(years, reverse=True)
    newest = max(r.year or 0 for r in demo_catalog.films.rows(
        demo_catalog.search.films(limit=10000).ids))
    assert years[0] == newest
    assert pane.current_query().order == "year"


def test_column_choice_is_remembered(window, open_window, demo_catalog) -> None:  # noqa: ANN001
    original, stills = window.list_pane.column_actions[1], window.list_pane.column_actions[6]
    assert original.text() == "Original title" and not original.isChecked()
    assert window.list_pane.films_view.isColumnHidden(1)  # hidden until chosen
    original.setChecked(True)
    stills.setChecked(False)
    assert window.list_pane.films_view.isColumnHidden(6)
    window.list_pane.films_view.horizontalHeader().resizeSection(0, 333)
    window.close()
    again = open_window(demo_catalog)
    assert not again.list_pane.films_view.isColumnHidden(1)
    assert again.list_pane.films_view.isColumnHidden(6)
    assert again.list_pane.column_actions[1].isChecked()
    assert not again.list_pane.column_actions[6].isChecked()
    assert again.list_pane.films_view.columnWidth(0) == 333
    films = again.list_pane.films_view
    chosen = films.horizontalHeader().length()
    again.action_map["fit-panes"].trigger()  # the title takes what the others leave again
    assert films.columnWidth(0) != 333
    assert films.horizontalHeader().length() < chosen  # fitted to the (narrow) window


def test_new_film_undo_redo(window, qtbot) -> None:  # noqa: ANN001
    window.list_pane.search.setText("rock")  # the new film does not match: the search goes
    window.list_pane._run_search()
    window.action_map["new-film"].trigger()
    assert window.list_pane.search.text() == ""
    assert window.list_pane.current_record() == ("film", window.detail.record_id)
    assert window.list_pane.films.total == 9069
    assert window.detail.toPlainText().startswith("Untitled film")
    assert window.list_pane.current_record()[0] == "film"
    undo, redo = window.action_map["undo"], window.action_map["redo"]
    assert undo.text() == "Undo Create film Untitled film"
    undo.trigger()
    assert window.list_pane.films.total == 9068
    assert redo.text() == "Redo Create film Untitled film"
    redo.trigger()
    assert window.list_pane.films.total == 9069


def test_undo_names_the_step_and_panes_follow(window, demo_catalog) -> None:  # noqa: ANN001
    frwr = film_id(demo_catalog, "From Russia with Rock")
    window.open_record("film", frwr)
    version = demo_catalog.films.get(frwr).version
    window.run_operation(lambda: demo_catalog.films.update(frwr, version, year=1989))
    assert window.action_map["undo"].text() == "Undo Change year of From Russia with Rock"
    row = window.list_pane.films.row_of(frwr)
    assert window.list_pane.films.row(row).year == 1989
    assert "USSR, 1989 (MIFF 1989)" in window.detail.toPlainText()
    window.action_map["undo"].trigger()
    assert window.list_pane.films.row(row).year == 1988
    assert "USSR, 1988 (MIFF 1989)" in window.detail.toPlainText()
    window.action_map["redo"].trigger()
    window.close()
    reopened = Catalog.open(demo_catalog.archive.location)  # the edit is in the archive
    try:
        assert reopened.films.get(frwr).year == 1989
    finally:
        reopened.close()


def test_delete_without_question_and_undo(window, qtbot) -> None:  # noqa: ANN001
    pane = window.list_pane
    pane.select_row(5)
    gone = pane.selected_film_ids()
    title = pane.films.row(5).title
    pane.films_view.setFocus()
    qtbot.keyClick(pane.films_view, Qt.Key.Key_Delete)  # a MovieLens title: nothing else goes
    assert pane.films.total == 9067
    assert pane.films.row_of(gone[0]) is None
    assert window.action_map["undo"].text() == f"Undo Delete {title}"
    window.action_map["undo"].trigger()
    assert pane.films.total == 9068
    assert pane.films.row_of(gone[0]) == 5


def test_delete_asks_when_more_goes(window, demo_catalog, qtbot) -> None:  # noqa: ANN001
    frwr = film_id(demo_catalog, "From Russia with Rock")
    window.open_record("film", frwr)
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.informativeText())
        next(b for b in box.buttons() if b.text() == "Delete").click()

    qtbot.waitUntil(lambda: True)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, answer)
    window.action_map["delete"].trigger()
    assert asked and "1 screening" in asked[0]
    assert window.list_pane.films.total == 9067
    window.action_map["undo"].trigger()
    assert demo_catalog.films.get(frwr).screenings


def test_merge_people_and_undo(demo_catalog, open_window, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    from curator.catalog.records import CreditData

    twin = demo_catalog.people.create("M. Mykkänen").created_id
    demo_catalog.films.create("Rock Laboratory", credits=[CreditData(twin, "director")])
    window = open_window(demo_catalog)
    window.sidebar.select_view("people::")
    pane = window.list_pane
    assert pane.people.total == 2
    assert not window.action_map["merge"].isEnabled()
    pane.table.selectAll()
    assert window.action_map["merge"].isEnabled()

    def accept() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog.windowTitle() == "Merge People"
        assert dialog.sides[0].heading == "Marjaana Mykkanen"  # with more films
        keep = dialog.findChildren(QRadioButton, "keepRecord")[0]
        QTest.mouseClick(keep, Qt.MouseButton.LeftButton)
        QTest.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, accept)
    window.action_map["merge"].trigger()
    assert pane.people.total == 1
    assert window.action_map["undo"].text() == "Undo Merge M. Mykkänen into Marjaana Mykkanen"
    page = window.detail.toPlainText()
    assert "Also written: Marjaana Mykkänen, M. Mykkänen" in page  # kept as a spelling
    assert "Rock Laboratory" in page
    window.action_map["undo"].trigger()
    assert pane.people.total == 2
    assert demo_catalog.people.get(twin).filmography[0][1] == "Rock Laboratory"


def test_stale_version_is_explained_and_reloaded(window, demo_catalog) -> None:  # noqa: ANN001
    frwr = film_id(demo_catalog, "From Russia with Rock")
    window.open_record("film", frwr)
    version = demo_catalog.films.get(frwr).version
    window.run_operation(lambda: demo_catalog.films.update(frwr, version, year=1989))
    elsewhere = Catalog.open(demo_catalog.archive.location)  # another archivist's session
    elsewhere.archive.user_name = "anna"
    try:
        fresh = elsewhere.films.get(frwr)
        elsewhere.films.update(frwr, fresh.version, year=1990)
    finally:
        elsewhere.close()
    window.action_map["undo"].trigger()
    assert window.error_box is not None and window.error_box.isVisible()
    assert ("anna changed \u201cFrom Russia with Rock\u201d just now; nothing was undone"
            in window.error_box.text())
    assert "USSR, 1990" in window.detail.toPlainText()  # the record was read again
    assert window.undo.stack.count() == 0  # the step that cannot be undone is gone
    assert not window.action_map["undo"].isEnabled()
    # a refused edit (stale version) is explained the same way, and nothing is pushed
    window.run_operation(lambda: demo_catalog.films.update(frwr, version, year=1991))
    assert "\u201cFrom Russia with Rock\u201d was changed by anna just now" in \
        window.error_box.text()
    assert demo_catalog.films.get(frwr).year == 1990


def drag_divider(splitter, index: int, dx: int) -> None:  # noqa: ANN001
    """Drag the divider before the splitter's pane `index` sideways with the mouse."""
    handle = splitter.handle(index)
    start = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    for step in (dx // 2, dx):  # a drag moves through the way, not a jump
        QApplication.sendEvent(handle, QMouseEvent(
            QEvent.Type.MouseMove, QPointF(start.x() + step, start.y()),
            handle.mapToGlobal(QPointF(start.x() + step, start.y())),
            Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))


def test_geometry_and_a_dragged_divider_are_restored(window, open_window, demo_catalog) -> None:  # noqa: ANN001
    window.resize(780, 560)  # within the offscreen screen, which restoring respects
    QApplication.processEvents()
    before = window.splitter.sizes()
    drag_divider(window.splitter, 2, 10)  # the list made wider, the form narrower
    QApplication.processEvents()
    sizes = window.splitter.sizes()
    assert sizes[1] > before[1] and sizes[2] < before[2]
    window.close()
    again = open_window(demo_catalog)
    assert (again.width(), again.height()) == (780, 560)
    assert again.splitter.sizes() == sizes
    # View › Fit Panes to Window forgets the drag, then and at the next start
    again.action_map["fit-panes"].trigger()
    assert again.splitter.sizes() == before
    again.close()
    assert open_window(demo_catalog).splitter.sizes() == before


def test_about_shows_the_version(window) -> None:  # noqa: ANN001
    window.action_map["about"].trigger()
    assert window.about_box.isVisible()
    assert f"Curator {__version__}" in window.about_box.text.text()


def test_menus_keys_and_extension_surface(window) -> None:  # noqa: ANN001
    titles_ = [a.text() for a in window.menuBar().actions()]
    assert titles_ == ["&File", "&Edit", "&View", "&Archive", "&Lists", "&Help"]
    assert set(window.menus) == {"file", "edit", "view", "archive", "lists", "help"}
    own = {"New Film", "New Archive\u2026", "Open Archive\u2026", "Open Recent", "Quit"}
    file_items = [a.text() for a in window.menus["file"].actions() if a.text() in own]
    assert file_items == ["New Film", "New Archive\u2026", "Open Archive\u2026",
                              "Open Recent", "Quit"]
    assert window.action_map["new-film"].shortcut().toString() == "Ctrl+N"
    assert window.action_map["undo"].shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [k.toString() for k in window.action_map["redo"].shortcuts()]
    assert window.toolbar.actions()
    window.show_message("Exported 3 films")
    assert window.statusBar().currentMessage() == "Exported 3 films"


def test_sidebar_views_with_counts(window, demo_catalog, qtbot) -> None:  # noqa: ANN001
    counts = demo_catalog.search.attention_counts()
    tree = window.sidebar.tree
    no_director = tree.find(f"attention::{Attention.NO_DIRECTOR}")
    assert no_director.text() == "No director"
    assert tree.itemFromIndex(no_director.index().siblingAtColumn(1)).text() == \
        f"{counts[Attention.NO_DIRECTOR]:,}"
    window.sidebar.select_view(f"attention::{Attention.NO_DIRECTOR}")
    assert window.list_pane.films.total == counts[Attention.NO_DIRECTOR]
    edition = demo_catalog.festivals.all()[0].editions[0]
    window.sidebar.select_view(f"edition:{edition.id}:")
    assert window.list_pane.films.total == edition.film_count == 7
    qtbot.waitUntil(lambda: window.detail.toPlainText().startswith("MIFF 1989"))  # the edition
    window.sidebar.select_view("festivals::")
    assert window.list_pane.table_name is ListTable.EDITIONS
    assert not window.list_pane.search.isVisible()
    window.sidebar.select_view("lists::")
    assert window.list_pane.table_name is ListTable.LISTS
    lists = window.list_pane.lists
    assert lists.rowCount() == 1
    assert lists.index(0, 0).data() == "Perestroika on film"
    assert lists.index(0, 2).data() == "3"


def test_extensions_are_installed_and_extend_the_list_menu(  # noqa: ANN001
        demo_catalog, open_window, monkeypatch) -> None:
    from PySide6.QtGui import QAction

    from curator.gui import main_window
    from curator.gui.extension import Desk, MenuPlace

    def install(window: Desk) -> None:
        action = QAction("Export Site", window.list_pane)
        window.add_to_menu(MenuPlace.ARCHIVE_EXPORT, action)
        window.list_pane.context_menu_requested.connect(lambda menu: menu.addAction(action))

    monkeypatch.setattr(main_window, "EXTENSIONS", (install,))
    window = open_window(demo_catalog)
    assert "Export Site" in [a.text() for a in window.menus["archive"].actions()]
    shown: list[list[str]] = []
    window.list_pane.context_menu_requested.connect(
        lambda menu: shown.append([a.text() for a in menu.actions()]))
    menu = window.list_pane.row_menu()
    assert "Export Site" in [a.text() for a in menu.actions()]
    assert "Delete" in shown[0]


def test_extensions_entries_sit_in_their_named_places(window) -> None:  # noqa: ANN001
    def groups(key: str) -> list[list[str]]:
        found: list[list[str]] = [[]]
        for action in window.menus[key].actions():
            if action.isSeparator():
                found.append([])
            else:
                found[-1].append(action.text())
        return [g for g in found if g]  # Qt shows adjacent separators as one

    assert groups("file") == [
        ["New Film", "New List\u2026"],
        ["New Archive\u2026", "Open Archive\u2026", "Open Team Catalogue\u2026",
         "Open Recent"],
        ["Import Spreadsheet\u2026", "Import Archive Pages\u2026", "Import Catalogue File\u2026"],
        ["Quit"]]
    assert groups("archive") == [
        ["Back Up Now", "Show Archive Folder"],
        ["Export Site", "Export Selection\u2026", "Open in Browser", "Web Archive Folder\u2026",
         "Publish Sources on Film Pages"],
        ["Find Duplicates\u2026", "Film Fields\u2026"],
        ["Site Settings\u2026"]]


def test_long_work_shows_progress_and_can_be_cancelled(window, qtbot) -> None:  # noqa: ANN001
    import threading

    from curator.catalog import Cancelled
    from curator.gui.workers import Task

    release = threading.Event()

    def work(progress) -> None:  # noqa: ANN001
        done = 0
        while progress(done, 100, f"film {done} of 100"):
            done = min(done + 1, 50)
            release.wait(0.01)
        raise Cancelled("stopped")

    task = window.tasks.start(Task("Exporting the site", work))  # as an extension would
    status = window.task_status
    qtbot.waitUntil(lambda: "film 50 of 100" in status.label.text())
    assert status.isVisible() and status.bar.maximum() == 100
    qtbot.mouseClick(status.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not status.isVisible())
    assert task.is_cancelled
    assert window.statusBar().currentMessage() == "Exporting the site: cancelled."
