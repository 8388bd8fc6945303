"""Edit Films: the whole search result changed in one dialog that says what it will do,
one named undo step that redo does again."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox

from curator.catalog import FilmQuery

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def choose(qtbot, combo: QComboBox, text: str) -> None:  # noqa: ANN001
    """Open the combo's popup and pick `text` with the keys, as a person does."""
    combo.setFocus()
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    target = combo.findText(text)
    assert target >= 0, text
    steps = target - combo.currentIndex()
    for _ in range(abs(steps)):
        qtbot.keyClick(view, Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.isVisible())
    assert combo.currentText() == text


def search(window, qtbot, text: str) -> int:  # noqa: ANN001
    field = window.list_pane.search
    field.setFocus()
    qtbot.keyClicks(field, text)
    field.completer_popup.popup().hide()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    total = window.catalog.search.films(FilmQuery.parse(text)).total
    qtbot.waitUntil(lambda: window.list_pane.films.total == total)
    return total


def with_dialog(qtbot, window, work) -> None:  # noqa: ANN001
    """Press Ctrl+Shift+B in the list and let `work(dialog)` answer the dialog."""
    done = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "bulkEditDialog"
        work(dialog)
        done.append(True)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_B, CTRL | SHIFT)
    qtbot.waitUntil(lambda: bool(done))
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()  # the dialog gone, keys go to the window again
    qtbot.waitUntil(window.isActiveWindow)
    window.list_pane.table.setFocus()


def test_publishing_a_whole_search_result_is_one_undo_step(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    total = search(window, qtbot, "year:1988 state:draft")
    assert total > 100
    window.list_pane.table.setFocus()

    def publish(dialog) -> None:  # noqa: ANN001
        assert dialog.all_matching.isChecked()  # one row selected: the whole result
        assert dialog.all_matching.text() == \
            f"All {total:,} films matching \u201cyear:1988 state:draft\u201d"
        assert not dialog.apply.isEnabled()
        choose(qtbot, dialog.findChild(QComboBox, "bulk-state"), "Published")
        qtbot.waitUntil(lambda: dialog.apply.isEnabled())
        assert dialog.apply.text() == f"Publish {total:,} films"
        assert f"Draft \u2192 Published ({total:,} films)" in dialog.preview.text()
        assert catalog.search.films(FilmQuery.parse("year:1988 state:draft")).total == total
        qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)

    with_dialog(qtbot, window, publish)
    assert catalog.search.films(FilmQuery.parse("year:1988 state:draft")).total == 0
    undo = window.action_map["undo"]
    assert undo.text() == f"Undo Publish {total:,} films"
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL)
    assert catalog.search.films(FilmQuery.parse("year:1988 state:draft")).total == total
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert catalog.search.films(FilmQuery.parse("year:1988 state:draft")).total == 0


def test_the_selected_rows_gain_a_country_and_an_appearance(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    search(window, qtbot, "moscow")
    table = window.list_pane.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down, SHIFT)
    chosen = window.list_pane.selected_film_ids()
    assert len(chosen) == 2

    def add(dialog) -> None:  # noqa: ANN001
        assert dialog.only_selected.isChecked()
        countries = dialog.names["country"][1]
        countries.setFocus()
        qtbot.keyClicks(countries, "Yugoslavia")
        choose(qtbot, dialog.records["appearance"][1], "MIFF 1989 \u203a Documentaries")
        qtbot.waitUntil(lambda: dialog.apply.text() == "Edit 2 films")
        text = dialog.preview.text()
        assert "Country Yugoslavia added to 2 films." in text
        assert "Appearance at MIFF 1989, Documentaries added to 2 films" in text
        qtbot.keyClick(dialog.apply, Qt.Key.Key_Return)

    with_dialog(qtbot, window, add)
    for film in chosen:
        record = catalog.films.get(film)
        assert "Yugoslavia" in record.countries
    assert set(chosen) <= set(catalog.search.films(
        FilmQuery.parse('country:yugoslavia section:documentaries')).ids)
    assert window.action_map["undo"].text() == "Undo Edit 2 films"


def test_cancel_changes_nothing(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    search(window, qtbot, "year:1988")
    window.list_pane.table.setFocus()
    before = catalog.search.films(FilmQuery.parse("state:published")).total

    def cancel(dialog) -> None:  # noqa: ANN001
        choose(qtbot, dialog.findChild(QComboBox, "bulk-state"), "Published")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    with_dialog(qtbot, window, cancel)
    assert catalog.search.films(FilmQuery.parse("state:published")).total == before
    assert window.action_map["undo"].text() == "Undo"
