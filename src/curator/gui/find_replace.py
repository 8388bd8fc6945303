"""Find and Replace in one field of the chosen films (or all the list shows).

As the archivist types, the dialog lists every change the catalog would make, before
and after, each with a tick; Replace writes the ticked ones as one undo step.
`install` is the main window's extension hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator import CuratorError
from curator.catalog import Catalog, Replacement, ReplaceRule
from curator.gui.bulk_edit import FilmScope, list_scope
from curator.gui.extension import MenuPlace
from curator.gui.menus import ActionKey

if TYPE_CHECKING:
    from curator.gui.extension import Desk

FIELD_CHOICES = (("Title", "title"), ("Original title", "original_title"),
                 ("Synopsis", "synopsis"), ("Notes", "notes"), ("Quotes", "quotes"),
                 ("People's names", "people"))
PREVIEW_DELAY_MS = 200
SHOWN_AROUND = 36  # characters shown either side of a change in a long text


def excerpt(before: str, after: str) -> tuple[str, str]:
    """The part of a long text around its first change, before and after, on one line."""
    flat_before, flat_after = " ".join(before.split()), " ".join(after.split())
    if len(flat_before) <= 2 * SHOWN_AROUND + 20 and len(flat_after) <= 2 * SHOWN_AROUND + 20:
        return flat_before, flat_after
    start = next((i for i, (a, b) in enumerate(zip(flat_before, flat_after, strict=False))
                  if a != b), min(len(flat_before), len(flat_after)))
    tail = next((i for i, (a, b) in enumerate(zip(reversed(flat_before), reversed(flat_after),
                                                  strict=False)) if a != b), 0)
    first = max(0, start - SHOWN_AROUND // 2)
    if first:  # from the start of a word
        space = flat_before.rfind(" ", 0, first)
        first = space + 1 if space >= 0 and start - space < SHOWN_AROUND else first

    def cut(text: str) -> str:
        end = min(len(text), len(text) - tail + SHOWN_AROUND)
        return ("\u2026" if first else "") + text[first:end] + ("\u2026" if end < len(text)
                                                                 else "")
    return cut(flat_before), cut(flat_after)


class FindReplaceDialog(QDialog):
    def __init__(self, catalog: Catalog, selected: list[int], matching: int, scope_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceDialog")
        self.setWindowTitle("Find and Replace")
        self.catalog = catalog
        self.selected = selected
        self.matching_ids: list[int] | None = None
        self.read_matching = lambda: []  # () -> list[int], set by the caller
        self.found: list[Replacement] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        form = QGridLayout()
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(8)
        self.field = QComboBox(objectName="replaceField")
        for text, key in FIELD_CHOICES:
            self.field.addItem(text, key)
        self.old = QLineEdit(objectName="replaceOld")
        self.old.setPlaceholderText("Text to find")
        self.new = QLineEdit(objectName="replaceNew")
        self.new.setPlaceholderText("What to put instead (empty: take it out)")
        options = QHBoxLayout()
        self.whole_word = QCheckBox("Whole word", objectName="replaceWholeWord")
        self.match_case = QCheckBox("Match case", objectName="replaceMatchCase")
        self.regex = QCheckBox("Regular expression", objectName="replaceRegex")
        self.regex.setToolTip("Find a pattern; \\1 in the replacement puts back a group")
        for box in (self.whole_word, self.match_case, self.regex):
            options.addWidget(box)
        options.addStretch(1)
        for row, (label, widget) in enumerate((("In", self.field), ("Find", self.old),
                                               ("Replace with", self.new))):
            form.addWidget(QLabel(label), row, 0)
            form.addWidget(widget, row, 1)
        form.addLayout(options, 3, 1)
        form.setColumnStretch(1, 1)
        layout.addLayout(form)
        self.scope = FilmScope(len(selected), matching, scope_name)
        layout.addWidget(self.scope)

        heading = QHBoxLayout()
        heading.addWidget(QLabel("Changes", objectName="bulkSectionTitle"))
        self.summary = QLabel(objectName="replaceSummary")
        heading.addWidget(self.summary, 1)
        self.tick_all = QPushButton("Tick All", objectName="replaceTickAll")
        self.tick_none = QPushButton("Untick All", objectName="replaceTickNone")
        heading.addWidget(self.tick_all)
        heading.addWidget(self.tick_none)
        layout.addLayout(heading)
        self.table = QTableWidget(0, 3, objectName="replacePreview")
        self.table.setHorizontalHeaderLabels(["Film", "Before", "After"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        head.resizeSection(0, 200)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(220)
        layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply = self.buttons.addButton("Replace", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setObjectName("replaceApply")
        self.apply.setDefault(True)
        self.apply.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(820, 560)

        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        for line in (self.old, self.new):
            line.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.whole_word, self.match_case, self.regex):
            box.toggled.connect(lambda _on: self._timer.start())
        self.field.currentIndexChanged.connect(lambda _i: self._timer.start())
        self.scope.group.buttonToggled.connect(lambda *_: self._timer.start())
        self.table.itemChanged.connect(lambda _item: self._count_ticked())
        self.tick_all.clicked.connect(lambda: self._tick_every(True))
        self.tick_none.clicked.connect(lambda: self._tick_every(False))
        self.update_preview()

    def rule(self) -> ReplaceRule:
        return ReplaceRule(self.field.currentData(), self.old.text(), self.new.text(),
                           whole_word=self.whole_word.isChecked(),
                           match_case=self.match_case.isChecked(), regex=self.regex.isChecked())

    def film_ids(self) -> list[int]:
        if self.scope.only_selected.isChecked():
            return self.selected
        if self.matching_ids is None:
            self.matching_ids = self.read_matching()
        return self.matching_ids

    def update_preview(self) -> None:
        """List every change the catalog would make, each ticked."""
        self._timer.stop()
        self.found = []
        problem = ""
        if self.old.text():
            try:
                self.found = self.catalog.replace.plan(self.film_ids(), self.rule())
            except CuratorError as exc:
                problem = str(exc)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.found))
        self.table.setHorizontalHeaderLabels(
            ["Person" if self.field.currentData() == "people" else "Film", "Before", "After"])
        for row, r in enumerate(self.found):
            before, after = excerpt(r.before, r.after)
            record = QTableWidgetItem(r.record)
            record.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                            | Qt.ItemFlag.ItemIsSelectable)
            record.setCheckState(Qt.CheckState.Checked)
            record.setToolTip(r.record)
            cells = [record, QTableWidgetItem(before), QTableWidgetItem(after)]
            cells[1].setToolTip(r.before)
            cells[2].setToolTip(r.after)
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.table.blockSignals(False)
        if problem:
            self.summary.setText(problem)
            self.summary.setProperty("problem", True)
        else:
            self.summary.setProperty("problem", False)
        self.summary.style().polish(self.summary)
        self._count_ticked(problem)

    def ticked(self) -> list[Replacement]:
        return [r for row, r in enumerate(self.found)
                if self.table.item(row, 0).checkState() == Qt.CheckState.Checked]

    def _tick_every(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)
        self.table.blockSignals(False)
        self._count_ticked()

    def _count_ticked(self, problem: str = "") -> None:
        n, total = len(self.ticked()), len(self.found)
        if not problem:
            self.summary.setText(
                "Type the text to find." if not self.old.text()
                else "Nothing to replace." if not total
                else f"{n:,} of {total:,} ticked; untick any to leave as it is.")
        self.apply.setText(f"Replace {n:,}" if n else "Replace")
        self.apply.setEnabled(n > 0)


class FindReplace:
    """The Find and Replace… action of one main window."""

    def __init__(self, window: Desk) -> None:
        self.window = window
        self.action = QAction("Find and Replace\u2026", window)  # type: ignore[arg-type]
        self.action.setObjectName("findReplaceAction")
        self.action.setShortcut(QKeySequence("Ctrl+H"))
        tip = "Replace a text in a field of the selected films, or of all the list shows"
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.triggered.connect(lambda _checked=False: self.open())
        window.action_map[ActionKey.FIND_REPLACE] = self.action
        window.add_to_menu(MenuPlace.EDIT_RECORDS, self.action)
        window.list_pane.context_actions.append(self.action)

    def open(self) -> None:
        w = self.window
        pane = w.list_pane
        if pane.table_name != "films":
            w.show_message("Find and Replace works on a list of films: choose Films in the "
                           "sidebar.")
            return
        selected, matching, scope, query = list_scope(pane)
        dialog = FindReplaceDialog(w.catalog, selected, matching, scope,
                                   w)  # type: ignore[arg-type]
        dialog.read_matching = lambda: w.catalog.search.films(query, limit=max(matching, 1),
                                                        count=False).ids
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            rule, chosen = dialog.rule(), dialog.ticked()
            w.run_operation(lambda: w.catalog.replace.apply(rule, chosen))
        finally:
            dialog.deleteLater()


def install(window: Desk) -> FindReplace:
    window.find_replace = FindReplace(window)  # type: ignore[attr-defined]
    return window.find_replace  # type: ignore[attr-defined]
