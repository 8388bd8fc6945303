"""Find and Replace: typed in the dialog, every change listed before and after, an
unticked one left alone, the rest one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from curator.catalog import FilmQuery
from curator.gui.find_replace import excerpt
from tests.gui.test_bulk_edit import CTRL, SHIFT, search


def test_replace_in_titles_with_one_change_unticked(window, qtbot) -> None:  # noqa: ANN001
    catalog = window.catalog
    search(window, qtbot, "year:1988")
    table = window.list_pane.table
    table.setFocus()
    done = []

    def replace(dialog) -> None:  # noqa: ANN001
        assert dialog.scope.all_matching.isChecked()
        dialog.old.setFocus()
        qtbot.keyClicks(dialog.old, "with")
        qtbot.keyClick(dialog.old, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.new, "and")
        qtbot.mouseClick(dialog.whole_word, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.table.rowCount() >= 2
                        and dialog.table.item(0, 2).text().count(" and ") > 0)
        rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
        assert dialog.table.item(rows["From Russia with Rock"], 2).text() == \
            "From Russia and Rock"
        skipped = next(t for t in rows if t != "From Russia with Rock")
        dialog.table.setFocus()
        dialog.table.setCurrentCell(rows[skipped], 0)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # untick it
        n = len(rows) - 1
        assert dialog.apply.text() == f"Replace {n}"
        assert dialog.summary.text() == f"{n} of {len(rows)} ticked; untick any to leave as " \
                                        "it is."
        done.append(skipped)
        qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "findReplaceDialog"
        replace(dialog)

    QTimer.singleShot(0, answer)
    qtbot.keyClick(table, Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: bool(done) and QApplication.activeModalWidget() is None)
    [skipped] = done
    assert catalog.search.films(FilmQuery.parse('"from russia and rock"')).total == 1
    assert catalog.search.films(FilmQuery.parse(f'title:"{skipped}"')).total >= 1  # left alone
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table.setFocus()
    assert window.action_map["undo"].text().startswith(
        "Undo Replace \u201cwith\u201d with \u201cand\u201d in ")
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    assert catalog.search.films(FilmQuery.parse('"from russia with rock"')).total == 1
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert catalog.search.films(FilmQuery.parse('"from russia and rock"')).total == 1


def test_a_long_text_shows_the_words_around_its_change() -> None:
    before = ("A long synopsis about the band and its city, with many words before "
              "the film itself is named, and more words after it to fill the line.")
    after = before.replace("the film itself", "the picture itself")
    shown_before, shown_after = excerpt(before, after)
    assert shown_before.startswith("\u2026") and "the film itself" in shown_before
    assert "the picture itself" in shown_after
    assert len(shown_before) < len(before)
