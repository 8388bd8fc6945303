"""Retrospective lists on the desk, driven as a programmer drives them, on a copy of the demo.

The demo's list "Perestroika on film" holds From Russia with Rock, Black Square and
Defence Councel Sedov, in that order, each with a note.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from curator.catalog import Catalog
from curator.gui.lists.entries import NOTE
from curator.gui.lists.new_list import ListDetails
from curator.model.enums import PublicationState

DEMO_ORDER = ["From Russia with Rock", "Black Square", "Defence Councel Sedov"]


def film_id(catalog: Catalog, title: str) -> int:
    return next(r.id for r in catalog.films.rows(catalog.search.films(title, limit=20).ids)
                if r.title == title)


def demo_list(catalog: Catalog) -> int:
    return next(c.id for c in catalog.lists.all() if c.title == "Perestroika on film")


def titles_on(catalog: Catalog, list_id: int) -> list[str]:
    return [i.title for i in catalog.lists.get(list_id).items]


def shown_titles(window) -> list[str]:  # noqa: ANN001
    return [e.title for e in window.lists.editor.model.entries]


def undo(window) -> None:  # noqa: ANN001
    window.action_map["undo"].trigger()


def redo(window) -> None:  # noqa: ANN001
    window.action_map["redo"].trigger()


def answer(window, title: str, curator: str = "", introduction: str = "") -> list[tuple]:  # noqa: ANN001
    """The New List dialog answers with these details; returns what it was asked."""
    asked: list[tuple] = []

    def ask(count: int, suggested: str, heading: str) -> ListDetails:
        asked.append((count, suggested, heading))
        return ListDetails(title, curator, introduction)

    window.lists.commands.ask_details = ask
    return asked


def search(window, qtbot, text: str, total: int) -> None:  # noqa: ANN001
    window.list_pane.search.setText(text)
    window.list_pane._run_search()
    qtbot.waitUntil(lambda: window.list_pane.films.total == total)


def test_new_list_from_selection_opens_the_editor_and_undoes(window, demo_catalog,
                                                             qtbot) -> None:  # noqa: ANN001
    search(window, qtbot, "moscow", demo_catalog.search.films("moscow").total)
    pane = window.list_pane
    pane.films_view.selectRow(0)
    pane.films_view.selectionModel().select(
        pane.films.index(1, 0), pane.films_view.selectionModel().SelectionFlag.Select
        | pane.films_view.selectionModel().SelectionFlag.Rows)
    chosen = pane.selected_film_ids()
    assert len(chosen) == 2
    asked = answer(window, "Moscow on screen", "A. Programmer", "Two films.")
    menu = pane.row_menu()
    texts = [a.text() for a in menu.actions()]
    assert "New List from Selection\u2026" in texts and "Save Search as List\u2026" in texts
    next(a for a in menu.actions() if a.text() == "New List from Selection\u2026").trigger()

    assert asked == [(2, "", "New List from Selection")]
    new = next(c for c in demo_catalog.lists.all() if c.title == "Moscow on screen")
    assert [i.film_id for i in new.items] == chosen
    editor = window.lists.editor
    assert window.lists.editing and editor.list_id == new.id
    assert editor.title.text() == "Moscow on screen"
    assert editor.curator.text() == "A. Programmer"
    assert editor.introduction.toPlainText() == "Two films."
    assert editor.summary.text().startswith("2 films")
    assert window.sidebar.current_view.key == f"list:{new.id}:"
    assert window.action_map["undo"].text() == "Undo Create list Moscow on screen"

    undo(window)
    assert [c.title for c in demo_catalog.lists.all()] == ["Perestroika on film"]
    assert not window.lists.editing  # the list is gone: the films show again
    redo(window)
    assert len(demo_catalog.lists.all()) == 2


def test_new_list_from_the_lists_view(window, demo_catalog, qtbot) -> None:  # noqa: ANN001
    window.sidebar.select_view("lists::")
    assert window.lists.new_button.isVisible()
    answer(window, "Animation at MIFF, 1990\u20131995", "Programmer")
    qtbot.keyClick(window, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Animation at MIFF, 1990\u20131995" in [c.title for c in demo_catalog.lists.all()]
    assert window.lists.editing
    assert window.lists.editor.body.currentWidget() is window.lists.editor.empty
    assert "Created the list" in window.statusBar().currentMessage()


def test_add_to_list_from_the_context_menu_never_twice(window, demo_catalog,
                                                       qtbot) -> None:  # noqa: ANN001
    list_id = demo_list(demo_catalog)
    search(window, qtbot, "Black Square", demo_catalog.search.films("Black Square").total)
    pane = window.list_pane
    assert pane.select_record("film", film_id(demo_catalog, "Black Square"))
    menu = pane.row_menu()
    add = next(a.menu() for a in menu.actions() if a.text() == "Add to List")
    entry = next(a for a in add.actions() if a.text().startswith("Perestroika on film"))
    assert entry.text().endswith("already on it")
    steps = window.undo.stack.count()
    entry.trigger()
    assert titles_on(demo_catalog, list_id) == DEMO_ORDER
    assert window.undo.stack.count() == steps  # nothing changed, nothing to undo
    assert ("\u201cBlack Square\u201d is already on \u201cPerestroika on film\u201d"
            in window.statusBar().currentMessage())

    # two films at once, one of them already on the list
    moscow = film_id(demo_catalog, "Moscow on the Hudson")
    window.lists.commands.add_films(list_id, [moscow, film_id(demo_catalog, "Black Square")])
    assert titles_on(demo_catalog, list_id) == [*DEMO_ORDER, "Moscow on the Hudson"]
    assert window.statusBar().currentMessage() == (
        "Added 1 film to \u201cPerestroika on film\u201d; 1 film was already on it.")
    assert window.sidebar.tree.find(f"list:{list_id}:").index().siblingAtColumn(1).data() == "4"
    undo(window)
    assert titles_on(demo_catalog, list_id) == DEMO_ORDER


def drag_event(kind: type, viewport, pos: QPointF, data):  # noqa: ANN001, ANN201
    """Send a drag event (enter, move or drop) carrying data at pos; returns it."""
    where = pos if kind is QDropEvent else pos.toPoint()
    event = kind(where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                 Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)
    return event


def test_films_dragged_onto_a_list_in_the_sidebar_are_added(window, demo_catalog,
                                                            qtbot) -> None:  # noqa: ANN001
    list_id = demo_list(demo_catalog)
    search(window, qtbot, "moscow", demo_catalog.search.films("moscow").total)
    pane = window.list_pane
    pane.films_view.selectAll()
    dragged = pane.selected_film_ids()
    data = pane.films.mimeData(pane.films_view.selectionModel().selectedRows())
    sidebar = window.sidebar
    item = sidebar.tree.find(f"list:{list_id}:")
    assert sidebar.isExpanded(item.index().parent())  # lists show, ready for a drop
    sidebar.doItemsLayout()  # rows get their places when the view is next laid out
    pos = QPointF(sidebar.visualRect(item.index()).center())
    films_row = QPointF(sidebar.visualRect(sidebar.tree.find("films::").index()).center())

    assert drag_event(QDragEnterEvent, sidebar.viewport(), pos, data).isAccepted()
    assert not drag_event(QDragMoveEvent, sidebar.viewport(), films_row, data).isAccepted()
    assert drag_event(QDragMoveEvent, sidebar.viewport(), pos, data).isAccepted()
    assert item.background().color().alpha() > 0  # the list the films would go to is marked
    before = [i.film_id for i in demo_catalog.lists.get(list_id).items]
    drag_event(QDropEvent, sidebar.viewport(), pos, data)
    on_list = [i.film_id for i in demo_catalog.lists.get(list_id).items]
    assert sidebar.tree.find(f"list:{list_id}:").background().style() == Qt.BrushStyle.NoBrush
    new = [i for i in dragged if i not in before]
    assert len(new) >= 2 and len(new) < len(dragged)  # the demo's Moscow films are on it
    assert on_list == before + new
    assert window.statusBar().currentMessage() == (
        f"Added {len(new)} films to \u201cPerestroika on film\u201d; "
        f"{len(dragged) - len(new)} films were already on it.")
    # the same films again: none added twice
    sidebar.doItemsLayout()  # the counts were read again: the rows' places are laid out anew
    for kind in (QDragEnterEvent, QDragMoveEvent, QDropEvent):
        drag_event(kind, sidebar.viewport(), pos, data)
    assert [i.film_id for i in demo_catalog.lists.get(list_id).items] == on_list
    assert "none was added twice" in window.statusBar().currentMessage()


def choose_row(editor, row: int) -> None:  # noqa: ANN001
    """Make an entry the current and only chosen one (a click on it)."""
    flags = QItemSelectionModel.SelectionFlag
    editor.table.selectionModel().setCurrentIndex(editor.model.index(row, 1),
                                                  flags.ClearAndSelect | flags.Rows)


@pytest.fixture
def editor(window, demo_catalog):  # noqa: ANN001, ANN201
    window.open_record("list", demo_list(demo_catalog))
    assert window.lists.editing
    return window.lists.editor


def test_editor_shows_the_films_in_order_with_their_notes(window, editor) -> None:  # noqa: ANN001
    assert shown_titles(window) == DEMO_ORDER
    model = editor.model
    assert [model.index(0, c).data() for c in range(NOTE)] == [
        "1", "From Russia with Rock", "USSR, 1988", "Marjaana Mykkanen", ""]
    assert model.index(0, NOTE).data().startswith("Open with the noise")
    assert editor.title.text() == "Perestroika on film"
    assert editor.state.currentText() == "Published"
    assert editor.summary.text() == "3 films"
    choose_row(editor, 1)  # the film's page follows the entry
    assert window.detail.toPlainText().startswith("Black Square")


def test_reorder_by_dragging_and_alt_keys_then_undo(window, editor, demo_catalog,
                                                    qtbot) -> None:  # noqa: ANN001
    list_id, model = editor.list_id, editor.model
    # drag Defence Councel Sedov (row 2) to the top, through the model's drop
    data = model.mimeData([model.index(2, 0), model.index(2, 1)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    moved = ["Defence Councel Sedov", "From Russia with Rock", "Black Square"]
    # run once the view has finished with the drop
    qtbot.waitUntil(lambda: titles_on(demo_catalog, list_id) == moved)
    assert shown_titles(window) == moved
    assert window.action_map["undo"].text() == "Undo Reorder Perestroika on film"
    undo(window)
    assert titles_on(demo_catalog, list_id) == DEMO_ORDER == shown_titles(window)
    redo(window)
    assert titles_on(demo_catalog, list_id) == moved

    # Alt+Down moves the chosen entry one place, and it stays chosen
    editor.table.setFocus()
    choose_row(editor, 0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert titles_on(demo_catalog, list_id) == [
        "From Russia with Rock", "Defence Councel Sedov", "Black Square"]
    assert editor.selected_film_ids() == [film_id(demo_catalog, "Defence Councel Sedov")]
    qtbot.keyClick(editor.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert titles_on(demo_catalog, list_id) == moved
    undo(window)
    undo(window)
    undo(window)
    assert titles_on(demo_catalog, list_id) == DEMO_ORDER


def test_annotate_in_place_and_undo(window, editor, demo_catalog, qtbot) -> None:  # noqa: ANN001
    list_id = editor.list_id
    index = editor.model.index(1, NOTE)
    editor.table.setFocus()
    editor.table.setCurrentIndex(editor.model.index(1, 1))  # on the title: F2 edits the note
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    assert editor.table.currentIndex() == index
    field = editor.table.findChild(QLineEdit)
    assert field is not None and field.text().startswith("The avant-garde")
    field.setText("Malevich, seen again after sixty years.")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the view commits on its next turn
    qtbot.waitUntil(lambda: demo_catalog.lists.get(list_id).items[1].note == (
        "Malevich, seen again after sixty years."))
    assert editor.model.index(1, NOTE).data() == "Malevich, seen again after sixty years."
    assert window.action_map["undo"].text() == (
        "Undo Change note on Black Square in Perestroika on film")
    undo(window)
    assert editor.model.index(1, NOTE).data().startswith("The avant-garde")
    redo(window)
    assert demo_catalog.lists.get(list_id).items[1].note.startswith("Malevich")


def test_entry_context_menu(window, editor, demo_catalog) -> None:  # noqa: ANN001
    choose_row(editor, 2)
    menu = editor.entry_menu()
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Show in Films", "Edit Note", "Move Up", "Move Down", "Remove from List"]
    next(a for a in menu.actions() if a.text() == "Move Up").trigger()
    assert titles_on(demo_catalog, editor.list_id) == [
        "From Russia with Rock", "Defence Councel Sedov", "Black Square"]
    next(a for a in editor.entry_menu().actions() if a.text() == "Show in Films").trigger()
    assert not window.lists.editing
    assert window.list_pane.current_record() == (
        "film", film_id(demo_catalog, "Defence Councel Sedov"))


def test_delete_removes_entries_not_films_and_undo(window, editor, demo_catalog,
                                                   qtbot) -> None:  # noqa: ANN001
    list_id = editor.list_id
    films_before = demo_catalog.counts()["films"]
    editor.table.setFocus()
    choose_row(editor, 0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert titles_on(demo_catalog, list_id) == DEMO_ORDER[1:]
    assert demo_catalog.counts()["films"] == films_before  # the film stays in the archive
    assert editor.summary.text() == "2 films"
    assert editor.selected_film_ids() == [film_id(demo_catalog, "Black Square")]
    assert window.action_map["undo"].text() == (
        "Undo Remove From Russia with Rock from Perestroika on film")
    undo(window)
    assert titles_on(demo_catalog, list_id) == DEMO_ORDER == shown_titles(window)
    redo(window)
    assert shown_titles(window) == DEMO_ORDER[1:]


def test_title_curator_state_edits_are_undoable(window, editor, demo_catalog) -> None:  # noqa: ANN001
    list_id = editor.list_id
    editor.title.setText("Perestroika on film, 1986\u20131991")
    editor.title.editingFinished.emit()
    assert demo_catalog.lists.get(list_id).title == "Perestroika on film, 1986\u20131991"
    assert window.sidebar.tree.find(f"list:{list_id}:").text() == (
        "Perestroika on film, 1986\u20131991")
    editor.state.setCurrentIndex(editor.state.findData(PublicationState.DRAFT))
    editor.state.activated.emit(editor.state.currentIndex())
    assert demo_catalog.lists.get(list_id).state == PublicationState.DRAFT
    undo(window)
    assert editor.state.currentText() == "Published"
    undo(window)
    assert editor.title.text() == "Perestroika on film"

    editor.title.setText("   ")  # refused: the archive keeps the title, and the field shows it
    editor.title.editingFinished.emit()
    assert demo_catalog.lists.get(list_id).title == "Perestroika on film"
    assert editor.title.text() == "Perestroika on film"
    assert "A list needs a title" in window.statusBar().currentMessage()


def test_save_search_as_list(window, demo_catalog, qtbot) -> None:  # noqa: ANN001
    total = demo_catalog.search.films("rock").total
    search(window, qtbot, "rock", total)
    shown = [window.list_pane.films.id_at(r) for r in range(total)]
    asked = answer(window, "Rock on film")
    window.action_map["save-search-as-list"].trigger()
    assert asked == [(total, "Films matching \u201crock\u201d", "Save Search as List")]
    new = next(c for c in demo_catalog.lists.all() if c.title == "Rock on film")
    assert [i.film_id for i in new.items] == shown  # in the order the list showed them
    assert window.lists.editor.summary.text().startswith(f"{total} films")
    undo(window)
    assert "Rock on film" not in [c.title for c in demo_catalog.lists.all()]


def test_detail_pane_names_the_lists_a_film_is_on(window, demo_catalog) -> None:  # noqa: ANN001
    window.open_record("film", film_id(demo_catalog, "Black Square"))
    page = window.detail.toPlainText()
    assert "On lists" in page and "Perestroika on film" in page


def test_find_from_a_list_goes_back_to_the_films(window, editor, qtbot) -> None:  # noqa: ANN001
    window.action_map["find"].trigger()
    assert not window.lists.editing
    assert window.sidebar.current_view.key == "films::"
    assert window.list_pane.search.hasFocus()
