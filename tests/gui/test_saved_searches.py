"""Saved searches in the desk: saved from the search field with Ctrl+Shift+S, listed in the
sidebar with counts that follow edits, run by a click, renamed with F2, removed with Delete
and brought back with Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from curator.catalog import FilmQuery
from curator.gui.models.sidebar import SAVED_HEADING, View, ViewKind
from tests.gui.test_bulk_edit import CTRL, SHIFT, search


def saved_count(window, search_id: int) -> str:  # noqa: ANN001
    tree = window.sidebar.tree
    item = tree.find(View(ViewKind.SAVED, search_id).key)
    assert item is not None
    return tree.itemFromIndex(item.index().siblingAtColumn(1)).text()


def save_with_keys(window, qtbot, name: str, *, expect_problem: str = "") -> None:  # noqa: ANN001
    """Ctrl+Shift+S in the search field, the name typed, Return."""
    done = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "saveSearchDialog"
        field = dialog.findChild(QLineEdit, "savedSearchName")
        qtbot.keyClicks(field, name)
        qtbot.keyClick(field, Qt.Key.Key_Return)
        if expect_problem:
            problem = dialog.findChild(QLabel, "savedSearchProblem")
            assert problem.isVisible() and expect_problem in problem.text()
            qtbot.keyClick(field, Qt.Key.Key_Escape)
        done.append(True)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(done))
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_a_saved_search_is_kept_counted_run_and_follows_an_edit(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    total = search(window, qtbot, "country:ussr year:1988")
    assert total >= 1
    save_with_keys(window, qtbot, "Soviet 1988")
    [saved] = [r for r in catalog.saved_searches.all() if not r.built_in]
    assert (saved.name, saved.query) == ("Soviet 1988", "country:ussr year:1988")
    assert window.undo.stack.undoText() == "Save search Soviet 1988"
    # it is listed under the saved searches, after the built-in ones, and it is shown
    tree = window.sidebar.tree
    heading = tree.item(tree.rowCount() - 1, 0)
    assert heading.text() == SAVED_HEADING
    assert heading.child(heading.rowCount() - 1, 0).text() == "Soviet 1988"
    assert heading.child(0, 0).text() == "No director"
    assert window.list_pane.view.kind is ViewKind.SAVED
    assert window.list_pane.title.text() == "Soviet 1988"
    assert window.list_pane.films.total == total
    assert saved_count(window, saved.id) == f"{total:,}"

    # an edit that makes another film match raises the count
    other = catalog.search.films(FilmQuery.parse("year:1988 -country:ussr"), limit=1).ids[0]
    window.run_operation(lambda: catalog.films.update(other, None, countries=["USSR"]))
    qtbot.waitUntil(lambda: saved_count(window, saved.id) == f"{total + 1:,}")
    qtbot.waitUntil(lambda: window.list_pane.films.total == total + 1)
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL)  # undone: it falls back
    qtbot.waitUntil(lambda: saved_count(window, saved.id) == f"{total:,}")

    # Films, then a click on the saved search runs it again
    window.sidebar.select_view(ViewKind.FILMS.key)
    qtbot.waitUntil(lambda: window.list_pane.view.kind is ViewKind.FILMS)
    item = tree.find(View(ViewKind.SAVED, saved.id).key)
    rect = window.sidebar.visualRect(item.index())
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.list_pane.view.kind is ViewKind.SAVED)
    assert window.list_pane.films.total == total


def test_rename_with_f2_and_remove_with_delete_then_undo(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    ident = window.run_operation(
        lambda: catalog.saved_searches.save("Drafts", "state:draft")).created_id
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: sidebar.tree.find(View(ViewKind.SAVED, ident).key) is not None)
    sidebar.select_view(View(ViewKind.SAVED, ident).key)
    sidebar.setFocus()
    qtbot.keyClick(sidebar, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "Drafts"
    editor.selectAll()
    qtbot.keyClicks(editor, "To publish")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: catalog.saved_searches.get(ident).name == "To publish")
    qtbot.waitUntil(lambda: window.list_pane.title.text() == "To publish")
    assert window.undo.stack.undoText() == "Rename saved search Drafts to To publish"

    films = catalog.counts()["films"]
    sidebar.setFocus()
    qtbot.keyClick(sidebar, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: not [r for r in catalog.saved_searches.all() if not r.built_in])
    assert catalog.counts()["films"] == films  # the search went, not the films it lists
    assert sidebar.tree.find(View(ViewKind.SAVED, ident).key) is None
    assert window.list_pane.view.kind is ViewKind.FILMS
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: sidebar.tree.find(View(ViewKind.SAVED, ident).key) is not None)
    assert catalog.saved_searches.get(ident).name == "To publish"


def test_a_taken_name_is_said_in_the_dialog_and_built_in_searches_stay(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    search(window, qtbot, "kind:documentary")
    save_with_keys(window, qtbot, "No still", expect_problem="is a built-in search")
    assert not [r for r in catalog.saved_searches.all() if not r.built_in]
    # a built-in search: its context menu offers no Rename or Remove, Delete removes nothing
    sidebar = window.sidebar
    item = sidebar.tree.find("attention::no-still")
    rect = sidebar.visualRect(item.index())
    sidebar.customContextMenuRequested.emit(rect.center())
    menu = sidebar.last_menu
    qtbot.waitUntil(menu.isVisible)
    actions = {a.text().split("\t")[0]: a for a in menu.actions() if a.text()}
    assert not actions["Rename\u2026"].isEnabled() and not actions["Remove"].isEnabled()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)


def test_a_saved_search_that_no_longer_reads_shows_its_error(window, qtbot) -> None:  # noqa: ANN001
    from sqlalchemy import update

    from curator.catalog.unit import TABLES

    catalog = window.catalog
    ident = window.run_operation(
        lambda: catalog.saved_searches.save("Shelved", "state:draft")).created_id
    table = TABLES["saved_search"]
    with catalog.archive.write_engine.begin() as conn:  # as a newer Curator might leave it
        conn.execute(update(table).where(table.c.id == ident).values(query="shelf:B12"))
    window.sidebar.rebuild()
    assert saved_count(window, ident) == "!"
    window.sidebar.select_view(View(ViewKind.SAVED, ident).key)
    qtbot.waitUntil(lambda: window.list_pane.problem.isVisible())
    assert window.list_pane.problem.text().startswith(
        "The saved search \u201cShelved\u201d cannot run: \u201cshelf:\u201d is not a field")
    assert window.list_pane.stack.currentWidget() is window.list_pane.empty_page
