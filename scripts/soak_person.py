"""One soak run of the desk: a seeded person at the keyboard and mouse of a real window.

Run by scripts/soak_desk.py, under an X server with the xcb platform:
`python scripts/soak_person.py ARCHIVE --seed N --steps M`. Every step is real key or
mouse events (QTest) on what a person would reach: the search field, the list, the
sidebar, every kind of field of the form, completion popups, the list editor, undo and
redo, new and deleted films, dialogs (closed again by a timer, never left hanging).
A Python exception, or a Qt warning about a deleted or foreign object, is a failure:
each is printed on a line starting SOAK-FAIL; the exit status is 1 if there was one.
"""

from __future__ import annotations

import argparse
import faulthandler
import gc
import random
import string
import sys
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt, QTimer, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

# Qt's words for a widget, editor or object used after it went, or used by the wrong owner.
FAILING_WARNINGS = ("does not belong", "already deleted", "deleted object", "dangling",
                    "being destroyed", "different thread", "QObject::", "QBasicTimer",
                    "QWidget::repaint: Recursive", "Recursive repaint", "QPainter::begin")
WORDS = ["rock", "Russia", "mykk", "Black", "Square", "love", "the", "night", "Finland",
         "USSR", "1988", "doc", "film", "Mar", "Toy", "sedov", "zz", "é", "Les Mis"]
COUNTRIES = ["Fin", "Fra", "Germany", "USSR", "Italy", "Jap", "Swe", "Atlantis"]
PEOPLE = ["Mykk", "Marjaana", "Tarkovsky", "Nadia T", "Kira Mur", "Ann", "Jo"]
Key = Qt.Key
Mod = Qt.KeyboardModifier

failures: list[str] = []
recent: deque[str] = deque(maxlen=6)  # the last steps taken, told with a failure


def fail(text: str) -> None:

    failures.append(text)
    print(f"SOAK-FAIL {text}\n  after: {' > '.join(recent)}", file=sys.stderr, flush=True)


def record_exception(kind, value, tb) -> None:  # noqa: ANN001
    fail("Python exception:\n" + "".join(traceback.format_exception(kind, value, tb)))


def record_qt_message(mode, context, message: str) -> None:  # noqa: ANN001
    if any(words in message for words in FAILING_WARNINGS) or "Critical" in str(mode) \
            or "Fatal" in str(mode):
        fail(f"Qt: {message}")


def turn() -> None:
    """What happens between two of a person's key presses or clicks: the event loop turns
    (queued calls, timers due, deferred deletions)."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class Person:
    """What a person does at the desk, one step at a time, through key and mouse events."""

    def __init__(self, window, rng: random.Random) -> None:  # noqa: ANN001
        self.w = window
        self.rng = rng
        self.steps: list[tuple[int, Callable[[], None]]] = [
            (8, self.search), (10, self.move_in_list), (4, self.click_sidebar),
            (3, self.go_to_view), (10, self.edit_line), (6, self.edit_number),
            (9, self.add_chip), (5, self.remove_chip), (5, self.add_credit),
            (3, self.credit_row), (3, self.screening), (4, self.add_row), (3, self.remove_row),
            (3, self.edit_paragraphs), (3, self.choose), (8, self.undo_redo),
            (2, self.new_film), (2, self.delete_film), (6, self.list_entry),
            (2, self.open_dialog), (2, self.escape), (1, self.collect),
        ]
        self.total = sum(weight for weight, _ in self.steps)

    # -- how a person reaches things --------------------------------------------------------
    def pick(self, items):  # noqa: ANN001, ANN201
        return self.rng.choice(items) if items else None

    def focused(self) -> QWidget:
        popup = QApplication.activePopupWidget()
        if popup is not None:  # keys go to the open popup (a completion list, a combo's)
            return popup.focusWidget() or popup
        return QApplication.focusWidget() or self.w

    def choose_in(self, combo: QComboBox) -> None:
        """Pick another entry of a combo: keys on it, or its list opened by a click."""
        if not self.into(combo):  # the click opens the list
            return
        steps = [Key.Key_Down] * self.rng.randint(1, 3) + [Key.Key_Up] * self.rng.randint(0, 1)
        for key in steps:
            self.key(key)
        self.key(self.pick([Key.Key_Return, Key.Key_Return, Key.Key_Escape]))

    def keys(self, text: str) -> None:
        for char in text:
            target = self.focused()
            if char.isascii():
                QTest.keyClick(target, char)
            else:  # QTest's own table knows ASCII only: a key with just its text
                QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key(0), char,
                                   Mod.NoModifier)
            turn()

    def key(self, key: Key, mods: Mod = Mod.NoModifier) -> None:
        QTest.keyClick(self.focused(), key, mods)
        turn()

    def click(self, widget: QWidget, pos: QPoint | None = None, double: bool = False) -> None:
        if not widget.isVisible() or not widget.isEnabled():
            return
        pos = pos if pos is not None else widget.rect().center()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Mod.NoModifier, pos)
        turn()
        if double:
            QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Mod.NoModifier, pos)
            turn()

    def into(self, line: QWidget) -> bool:
        """Scroll the form to a field and click into it, as a person does."""
        form = self.w.form.current
        if form is not None and form.isAncestorOf(line):
            form.scroll.ensureWidgetVisible(line)
        if not line.isVisible() or not line.isEnabled():
            return False
        self.click(line)
        return True

    def form(self):  # noqa: ANN201
        return self.w.form.current

    def film_form(self):  # noqa: ANN201
        form = self.form()
        return form if form is not None and form.kind == "film" and form.record_id else None

    def finish_typing(self) -> None:
        self.key(self.pick([Key.Key_Return, Key.Key_Return, Key.Key_Tab, Key.Key_Escape]))

    def words(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 3)))

    # -- the steps ---------------------------------------------------------------------------
    def step(self) -> None:
        if not self.w.isActiveWindow() and QApplication.activeModalWidget() is None \
                and QApplication.activePopupWidget() is None:
            self.w.activateWindow()
        n = self.rng.randrange(self.total)
        for weight, action in self.steps:
            n -= weight
            if n < 0:
                recent.append(action.__name__)
                action()
                return

    def search(self) -> None:
        self.key(Key.Key_F, Mod.ControlModifier)
        self.key(Key.Key_A, Mod.ControlModifier)
        text = self.pick(["", self.words(), self.rng.choice(string.ascii_lowercase)])
        self.keys(text)
        if self.rng.random() < 0.5:
            self.key(Key.Key_Return)

    def move_in_list(self) -> None:
        table = self.w.list_pane.table
        if self.w.lists.editing:
            table = self.w.lists.editor.table
        model = table.model()
        if not table.isVisible() or model.rowCount() == 0:
            return
        if self.rng.random() < 0.5:
            row = self.rng.randrange(min(model.rowCount(), 40))
            table.scrollTo(model.index(row, 1))
            rect = table.visualRect(model.index(row, 1))
            mods = self.pick([Mod.NoModifier] * 4 + [Mod.ShiftModifier, Mod.ControlModifier])
            QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, mods, rect.center())
        else:
            table.setFocus()
            for _ in range(self.rng.randint(1, 4)):
                self.key(self.pick([Key.Key_Down, Key.Key_Up, Key.Key_PageDown, Key.Key_Home]))

    def click_sidebar(self) -> None:
        bar = self.w.sidebar
        model = bar.model()
        rows = []
        for r in range(model.rowCount()):
            top = model.index(r, 0)
            rows.append(top)
            rows += [model.index(c, 0, top) for c in range(model.rowCount(top))]
        index = self.pick([i for i in rows if bar.visualRect(i).isValid()])
        if index is not None:
            bar.scrollTo(index)
            self.click(bar.viewport(), bar.visualRect(index).center())

    def go_to_view(self) -> None:
        self.key(self.pick([Key.Key_1, Key.Key_2, Key.Key_3, Key.Key_4]), Mod.ControlModifier)

    def edit_line(self) -> None:
        form = self.form()
        if form is None:
            return
        lines = [f.line for f in form.fields.values()
                 if isinstance(getattr(f, "line", None), QLineEdit)
                 and f.name not in ("year", "runtime", "birth_year", "death_year")]
        line = self.pick(lines)
        if line is not None and self.into(line):
            self.key(Key.Key_End)
            if self.rng.random() < 0.6:
                self.key(Key.Key_A, Mod.ControlModifier)
            self.keys(self.pick([self.words(), "", " " + self.words()]))
            self.finish_typing()

    def edit_number(self) -> None:
        form = self.form()
        names = [n for n in ("year", "runtime", "birth_year", "death_year", "number")
                 if form is not None and n in form.fields]
        if not names:
            return
        line = form.fields[self.pick(names)].line
        if self.into(line):
            self.key(Key.Key_A, Mod.ControlModifier)
            self.keys(self.pick(["1988", "1989", "", "90", "12345", "3", "2101"]))
            self.finish_typing()

    def chips_field(self):  # noqa: ANN201
        form = self.form()
        if form is None:
            return None
        from curator.gui.forms.chips import ChipsField
        return self.pick([f for f in form.fields.values() if isinstance(f, ChipsField)])

    def add_chip(self) -> None:
        chips = self.chips_field()
        if chips is None or not self.into(chips.input):
            return
        self.keys(self.pick(COUNTRIES + WORDS[:4]))
        popup = chips.input.completer().popup()
        QTest.qWait(1)
        how = self.rng.random()
        if popup.isVisible() and popup.model().rowCount() and how < 0.45:
            self.key(Key.Key_Down)
            self.key(self.pick([Key.Key_Return, Key.Key_Return, Key.Key_Tab]))
        elif popup.isVisible() and popup.model().rowCount() and how < 0.7:
            rows = popup.model().rowCount()
            rect = popup.visualRect(popup.model().index(self.rng.randrange(min(rows, 5)), 0))
            if rect.isValid():
                self.click(popup.viewport(), rect.center())
        else:
            self.key(self.pick([Key.Key_Return, Key.Key_Escape, Key.Key_Backspace]))

    def remove_chip(self) -> None:
        chips = self.chips_field()
        if chips is None or not chips.chips:
            return
        if self.rng.random() < 0.7:
            chip = self.pick(chips.chips)
            self.form().scroll.ensureWidgetVisible(chip)
            self.click(chip.remove_button)
        elif self.into(chips.input):
            self.key(Key.Key_Backspace)

    def add_credit(self) -> None:
        form = self.film_form()
        if form is None:
            return
        credits = form.credits
        if self.rng.random() < 0.5:
            self.choose_in(credits.new_role)
        if not self.into(credits.picker):
            return
        self.keys(self.pick(PEOPLE))
        QTest.qWait(1)
        popup = credits.picker.completer().popup()
        if popup.isVisible() and self.rng.random() < 0.6:
            for _ in range(self.rng.randint(1, 3)):
                self.key(Key.Key_Down)
        self.key(Key.Key_Return)

    def credit_row(self) -> None:
        form = self.film_form()
        rows = form.credits._rows if form is not None else []
        row = self.pick(rows)
        if row is None:
            return
        widget = self.pick(row)
        form.scroll.ensureWidgetVisible(widget)
        if isinstance(widget, QComboBox):
            self.choose_in(widget)
        elif isinstance(widget, QLineEdit):
            if widget.isVisible() and self.into(widget):
                self.keys(self.words())
                self.finish_typing()
        else:
            self.click(widget)

    def screening(self) -> None:
        form = self.film_form()
        if form is None:
            return
        field = self.pick([form.screenings, form.awards])
        choices = [field.new_edition] + [w for row in field._rows for w in row
                                        if isinstance(w, QComboBox)]
        combo = self.pick(choices)
        if self.rng.random() < 0.25 and field._rows:
            remove = field._rows[self.rng.randrange(len(field._rows))][-1]
            form.scroll.ensureWidgetVisible(remove)
            self.click(remove)
        elif combo is not None:
            self.choose_in(combo)
        if field is form.awards and self.rng.random() < 0.3 and self.into(field.new_name):
            self.keys(self.pick(["Best Film", "", "Audience Award"]))
            self.key(Key.Key_Return)

    def rows_field(self):  # noqa: ANN201
        form = self.form()
        if form is None:
            return None
        from curator.gui.forms.rows import RowsField
        return self.pick([f for f in form.fields.values() if isinstance(f, RowsField)])

    def add_row(self) -> None:
        rows = self.rows_field()
        if rows is None or not self.into(rows.add):
            return
        for n, _cell in enumerate(rows.cells):
            if self.rng.random() < 0.8:
                self.keys(self.words())
            popup = QApplication.activePopupWidget()
            if popup is not None and self.rng.random() < 0.5:
                self.key(Key.Key_Escape)
            if n < len(rows.cells) - 1:
                self.key(Key.Key_Tab)
        self.finish_typing()

    def remove_row(self) -> None:
        rows = self.rows_field()
        if rows is None or not rows.rows:
            return
        row = self.pick(rows.rows)
        if self.rng.random() < 0.6:
            self.form().scroll.ensureWidgetVisible(row.remove)
            self.click(row.remove)
        else:
            editor = self.pick(row.editors)
            if self.into(editor):
                self.keys(self.words())
                self.finish_typing()

    def edit_paragraphs(self) -> None:
        form = self.form()
        if form is None:
            return
        from curator.gui.forms.fields import ParagraphsField
        field = self.pick([f for f in form.fields.values() if isinstance(f, ParagraphsField)])
        if field is not None and self.into(field.text):
            self.key(Key.Key_End, Mod.ControlModifier)
            self.keys(" " + self.words())
            self.key(self.pick([Key.Key_Tab, Key.Key_Escape]), Mod.NoModifier)
            if self.rng.random() < 0.3:
                self.key(Key.Key_Return, Mod.ControlModifier)

    def choose(self) -> None:
        form = self.form()
        if form is None:
            return
        from curator.gui.forms.fields import ChoiceField
        field = self.pick([f for f in form.fields.values() if isinstance(f, ChoiceField)])
        if field is not None:
            self.choose_in(field.combo)

    def undo_redo(self) -> None:
        if self.rng.random() < 0.4:
            self.click(self.w.sidebar.viewport(), QPoint(5, 5)) if self.rng.random() < 0.2 \
                else None
        if self.rng.random() < 0.6:
            self.key(Key.Key_Z, Mod.ControlModifier)
        else:
            self.key(Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)

    def new_film(self) -> None:
        self.key(Key.Key_N, Mod.ControlModifier)
        if self.rng.random() < 0.7:
            self.keys(self.words())
            self.key(Key.Key_Return)

    def delete_film(self) -> None:
        from curator.gui.models.sidebar import ListTable

        pane = self.w.list_pane
        if self.w.lists.editing or pane.table_name not in (ListTable.FILMS, ListTable.PEOPLE):
            return
        pane.table.setFocus()
        self.close_dialogs_soon(accept=self.rng.random() < 0.5)
        self.key(Key.Key_Delete)

    def list_entry(self) -> None:
        if not self.w.lists.editing:
            lists = self.w.catalog.lists.all()
            if lists:
                self.w.sidebar.select_view(f"list:{self.pick(lists).id}:")
            return
        editor = self.w.lists.editor
        table, model = editor.table, editor.model
        if not model.entries:
            return
        row = self.rng.randrange(len(model.entries))
        what = self.rng.random()
        if what < 0.45:
            rect = table.visualRect(model.index(row, 5))
            self.click(table.viewport(), rect.center(), double=True)
            if isinstance(QApplication.focusWidget(), QLineEdit) and \
                    table.isAncestorOf(QApplication.focusWidget()):
                self.key(Key.Key_End)
                self.keys(self.pick(["", " " + self.words()]))
                self.key(self.pick([Key.Key_Return, Key.Key_Return, Key.Key_Escape,
                                    Key.Key_Tab]))
        elif what < 0.8:
            self.click(table.viewport(), table.visualRect(model.index(row, 1)).center())
            self.key(self.pick([Key.Key_Up, Key.Key_Down]), Mod.AltModifier)
        elif what < 0.9:
            self.click(table.viewport(), table.visualRect(model.index(row, 1)).center())
            self.key(Key.Key_F2)
            self.keys(self.words())
            self.key(Key.Key_Return)
        else:
            self.click(table.viewport(), table.visualRect(model.index(row, 1)).center())
            self.key(Key.Key_Delete)
        if self.rng.random() < 0.3:
            line = self.pick([editor.title, editor.curator])
            self.click(line)
            self.keys(self.pick(["", " " + self.words()]))
            self.finish_typing()

    def open_dialog(self) -> None:
        self.close_dialogs_soon(accept=False)
        keys = [(Key.Key_L, Mod.ControlModifier | Mod.ShiftModifier),  # New List…
                (Key.Key_O, Mod.ControlModifier), (Key.Key_M, Mod.ControlModifier),
                (Key.Key_N, Mod.ControlModifier | Mod.ShiftModifier)]
        key, mods = self.pick(keys)
        self.key(key, mods)
        if self.rng.random() < 0.3:
            self.w.action_map["about"].trigger()
        if self.rng.random() < 0.3:  # a context menu on the list
            table = self.w.list_pane.table
            if table.isVisible():
                self.close_dialogs_soon(accept=False)
                table.customContextMenuRequested.emit(table.viewport().rect().center())

    def escape(self) -> None:
        self.key(Key.Key_Escape)

    def collect(self) -> None:
        gc.collect()  # what the collector may do at any moment

    # -- dialogs are closed by a timer, as a person would dismiss them -----------------------
    def close_dialogs_soon(self, accept: bool) -> None:
        QTimer.singleShot(30, lambda: close_dialogs(accept))


def close_dialogs(accept: bool = False) -> None:
    popup = QApplication.activePopupWidget()
    if isinstance(popup, QMenu):
        QTest.keyClick(popup, Key.Key_Escape)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            if accept and isinstance(widget, QMessageBox):
                widget.accept()
            else:
                QTest.keyClick(widget, Key.Key_Escape)
                if widget.isVisible():
                    widget.reject()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--settings", type=Path, required=True)
    args = parser.parse_args()

    faulthandler.enable()  # a native crash shows where the person's hand was
    sys.excepthook = record_exception
    qInstallMessageHandler(record_qt_message)
    from curator.catalog import Catalog
    from curator.gui.app import application
    from curator.gui.main_window import MainWindow

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(args.settings))
    app = application([sys.argv[0]])
    catalog = Catalog.open(args.archive)
    window = MainWindow(catalog)
    window.show()
    window.activateWindow()
    person = Person(window, random.Random(args.seed))
    done = [0]
    # Dialogs nobody asked to close (a confirmation, an error) are dismissed too.
    sweeper = QTimer(interval=400)
    sweeper.timeout.connect(close_dialogs)
    sweeper.start()

    def next_step() -> None:
        if done[0] >= args.steps or len(failures) > 20:
            app.quit()
            return
        done[0] += 1
        try:
            person.step()
        except RuntimeError as exc:
            if "already deleted" not in str(exc):  # not a hand reaching for what just went
                record_exception(*sys.exc_info())
        except Exception:  # noqa: BLE001 - a failure, recorded
            record_exception(*sys.exc_info())
        QTimer.singleShot(0, next_step)

    QTimer.singleShot(300, next_step)
    app.exec()
    sweeper.stop()
    window.close()
    catalog.close()
    print(f"SOAK-DONE seed={args.seed} steps={done[0]} failures={len(failures)}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
