"""Archive › Film Fields…: fields added, renamed with F2 and removed with Delete, by real
clicks and keys; each an undo step the open film form follows."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.gui.test_bulk_edit import choose
from tests.gui.test_forms_film import film_id

LEFT = Qt.MouseButton.LeftButton


def _open_dialog(window, qtbot):  # noqa: ANN001, ANN202
    menu = window.menus["archive"]
    action = window.findChild(QAction, "filmFields")
    menu.popup(window.mapToGlobal(QPoint(240, 20)))
    qtbot.waitExposed(menu)
    QTest.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())
    dialog = window.film_fields.dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _names(dialog) -> list[tuple[str, str, str]]:  # noqa: ANN001
    return [tuple(dialog.list.topLevelItem(i).text(c) for c in range(3))
            for i in range(dialog.list.topLevelItemCount())]


def test_fields_are_added_renamed_and_removed_in_the_dialog(window, qtbot, demo_catalog):
    window.open_record("film", film_id(demo_catalog))
    dialog = _open_dialog(window, qtbot)
    assert dialog.empty.isVisible()
    dialog.new_name.setFocus()
    qtbot.keyClicks(dialog.new_name, "Print source")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.new_name, "Reels")
    choose(qtbot, dialog.kind, "Number")
    QTest.mouseClick(dialog.add_button, LEFT)
    assert _names(dialog) == [("Print source", "Text", "0"), ("Reels", "Number", "0")]
    assert not dialog.empty.isVisible()
    form = window.form.current
    assert [label.text() for label in form.own.labels] == ["Print source", "Reels"]
    # F2 on the first row, a new name, Return
    item = dialog.list.topLevelItem(0)
    dialog.list.setFocus()
    dialog.list.setCurrentItem(item)
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit)
                    and dialog.list.isAncestorOf(QApplication.focusWidget()))
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Print from")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [f.name for f in demo_catalog.fields.all()] == ["Print from",
                                                                             "Reels"])
    assert window.undo.stack.undoText() == "Rename field Print source to Print from"
    assert [label.text() for label in form.own.labels] == ["Print from", "Reels"]
    # a name in use is one line in the dialog, and the row keeps its name
    dialog.new_name.setFocus()
    qtbot.keyClicks(dialog.new_name, "reels")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.problem.text() == "A field is already called \u201creels\u201d."
    assert len(demo_catalog.fields.all()) == 2
    # Delete removes the selected field; Undo brings it back
    dialog.list.setFocus()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    qtbot.keyClick(dialog.list, Qt.Key.Key_Delete)
    assert _names(dialog) == [("Print from", "Text", "0")]
    assert [label.text() for label in form.own.labels] == ["Print from"]
    window.action_map["undo"].trigger()
    assert _names(dialog) == [("Print from", "Text", "0"), ("Reels", "Number", "0")]
    assert [label.text() for label in form.own.labels] == ["Print from", "Reels"]


def test_the_bulk_edit_dialog_sets_an_archive_field_in_one_undo_step(open_window, qtbot,
                                                                     demo_catalog):
    from PySide6.QtWidgets import QComboBox

    from tests.gui.test_bulk_edit import search, with_dialog

    source = demo_catalog.fields.add("Print source").created_id
    restored = demo_catalog.fields.add("Restored", "yesno").created_id
    window = open_window(demo_catalog)
    total = search(window, qtbot, "year:1988")
    window.list_pane.table.setFocus()

    def fill(dialog) -> None:  # noqa: ANN001
        line = dialog.findChild(QLineEdit, f"bulk-field-{source}")
        line.setFocus()
        qtbot.keyClicks(line, "Finnish Film Archive")
        choose(qtbot, dialog.findChild(QComboBox, f"bulk-field-{restored}"), "Yes")
        qtbot.waitUntil(lambda: dialog.apply.isEnabled()
                        and "Restored" in dialog.preview.text())
        assert (f"Print source: none \u2192 Finnish Film Archive ({total:,} films)"
                in dialog.preview.text())
        assert dialog.apply.text() == f"Edit {total:,} films"
        qtbot.mouseClick(dialog.apply, LEFT)

    with_dialog(qtbot, window, fill)
    fid = film_id(demo_catalog)
    assert [(v.field_id, v.value) for v in demo_catalog.films.get(fid).field_values] == [
        (source, "Finnish Film Archive"), (restored, "yes")]
    window.action_map["undo"].trigger()  # one step takes back both, on every film
    assert demo_catalog.films.get(fid).field_values == ()
