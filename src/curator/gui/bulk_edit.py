"""Editing many films at once: the chosen rows, or every film the search finds.

One dialog sets the publication state, kind, format and colour, adds or removes
countries, languages, genres, an appearance and a list membership; it says what will
change (the catalog's plan) before anything is written, and the edit is one undo step
named by it ("Undo Publish 1,523 films"). `install` is the main window's extension hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from curator import CuratorError
from curator.catalog import Catalog, FilmsChange
from curator.gui.extension import MenuPlace
from curator.gui.menus import ActionKey
from curator.model.enums import Colour, FilmKind, PublicationState

if TYPE_CHECKING:
    from curator.gui.extension import Desk

LEAVE = "Leave as it is"
PLAN_DELAY_MS = 120


def _combo(name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox(objectName=name)
    for text, value in items:
        combo.addItem(text, value)
    return combo


class FilmScope(QWidget):
    """Which films a dialog acts on: the selected rows, or all that the list shows."""

    def __init__(self, selected: int, matching: int, scope_name: str) -> None:
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(QLabel("Films", objectName="bulkSectionTitle"))
        self.group = QButtonGroup(self)
        self.only_selected = QRadioButton(
            f"The {selected:,} selected film{'' if selected == 1 else 's'}",
            objectName="bulkSelected")
        self.all_matching = QRadioButton(
            f"All {matching:,} film{'' if matching == 1 else 's'} {scope_name}",
            objectName="bulkMatching")
        for button in (self.only_selected, self.all_matching):
            self.group.addButton(button)
            column.addWidget(button)
        self.only_selected.setEnabled(selected > 0)
        (self.only_selected if selected > 1 else self.all_matching).setChecked(True)


def list_scope(pane) -> tuple[list[int], int, str, object]:  # noqa: ANN001 - a ListPane
    """The film list's selection, how many it shows, in what words, and its query."""
    searched = pane.search.text().strip()
    scope = (f"matching \u201c{searched}\u201d" if searched
             else f"in {pane.view.title}" if pane.view.title else "in the archive")
    return pane.selected_film_ids(), pane.films.total, scope, pane.films.query


class BulkEditDialog(QDialog):
    """The changes to make, the films to make them to, and what that will do."""

    def __init__(self, catalog: Catalog, selected: list[int], matching: int,
                 scope_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulkEditDialog")
        self.setWindowTitle("Edit Films")
        self.catalog = catalog
        self.selected = selected
        self.matching = matching
        self.matching_ids: list[int] | None = None  # read when first needed
        self._matching_reader = None  # () -> list[int], set by the caller

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(self._scope(scope_name))
        layout.addWidget(self._changes())
        self.preview = QLabel(objectName="bulkPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setMinimumHeight(70)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        heading = QLabel("What will change", objectName="bulkSectionTitle")
        layout.addWidget(heading)
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply = self.buttons.addButton("Nothing to change",
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setObjectName("bulkApply")
        self.apply.setDefault(True)
        self.apply.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

        self._timer = QTimer(self, singleShot=True, interval=PLAN_DELAY_MS)
        self._timer.timeout.connect(self.update_plan)
        self.plan_label = ""
        self.update_plan()

    # -- building -----------------------------------------------------------------------
    def _scope(self, scope_name: str) -> QWidget:
        box = FilmScope(len(self.selected), self.matching, scope_name)
        self.only_selected, self.all_matching = box.only_selected, box.all_matching
        box.group.buttonToggled.connect(lambda *_: self._soon())
        return box

    def _changes(self) -> QWidget:
        box = QFrame(objectName="bulkChanges")
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.addWidget(QLabel("Change", objectName="bulkSectionTitle"), 0, 0, 1, 3)
        self.columns: dict[str, QComboBox | QLineEdit] = {}
        state = _combo("bulk-state", [(LEAVE, None)] + [(s.label, s.value)
                                                        for s in PublicationState])
        kind = _combo("bulk-kind", [(LEAVE, None), ("None", "")]
                      + [(k.value.capitalize(), k.value) for k in FilmKind])
        colour = _combo("bulk-colour", [(LEAVE, None), ("None", "")]
                        + [(c.value.replace("-", " ").capitalize(), c.value) for c in Colour])
        film_format = QLineEdit(objectName="bulk-format")
        film_format.setPlaceholderText(f"{LEAVE} (35mm, 16mm, video, DCP\u2026)")
        row = 1
        for field, label, widget in (("state", "Publication", state), ("kind", "Kind", kind),
                                     ("format", "Format", film_format),
                                     ("colour", "Colour", colour)):
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(QLabel("Set to", objectName="bulkVerb"), row, 1)
            grid.addWidget(widget, row, 2)
            self.columns[field] = widget
            row += 1
        self.names: dict[str, tuple[QComboBox, QLineEdit]] = {}
        for field, label, words in (
                ("country", "Countries", self.catalog.vocabulary.countries()),
                ("language", "Languages", self.catalog.vocabulary.languages()),
                ("genre", "Genres", self.catalog.vocabulary.genres())):
            action = _combo(f"bulk-{field}-action", [("Add", "add"), ("Remove", "remove")])
            value = QLineEdit(objectName=f"bulk-{field}")
            value.setPlaceholderText(f"{LEAVE} (several: separate with ;)")
            completer = QCompleter(words, value)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
            value.setCompleter(completer)
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(action, row, 1)
            grid.addWidget(value, row, 2)
            self.names[field] = (action, value)
            row += 1
        appearances: list[tuple[str, object]] = [(LEAVE, None)]
        for festival in self.catalog.festivals.all():
            for e in festival.editions:
                appearances.append((e.label, (e.id, None)))
                appearances += [(f"{e.label} \u203a {s.name}", (e.id, s.id))
                                for s in e.sections]
        lists: list[tuple[str, object]] = [(LEAVE, None)] + [
            (c.title, c.id) for c in self.catalog.lists.all()]
        self.records: dict[str, tuple[QComboBox, QComboBox]] = {}
        for field, label, verbs, items in (
                ("appearance", "Festival appearance", [("Add", "add"), ("Remove", "remove")],
                 appearances),
                ("list", "List", [("Add to", "add"), ("Take off", "remove")], lists)):
            action = _combo(f"bulk-{field}-action", verbs)
            value = _combo(f"bulk-{field}", items)
            value.setEnabled(len(items) > 1)
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(action, row, 1)
            grid.addWidget(value, row, 2)
            self.records[field] = (action, value)
            row += 1
        # the archive's own fields (Archive › Film Fields…), set like the columns above
        self.own: dict[int, QComboBox | QLineEdit] = {}
        for record in self.catalog.fields.all():
            widget: QComboBox | QLineEdit
            if record.kind == "yesno":
                widget = _combo(f"bulk-field-{record.id}", [(LEAVE, None), ("Yes", "yes"),
                                                            ("No", "no"), ("None", "")])
            else:
                widget = QLineEdit(objectName=f"bulk-field-{record.id}")
                widget.setPlaceholderText(LEAVE if record.kind == "text"
                                          else f"{LEAVE} (a number)")
            grid.addWidget(QLabel(record.name), row, 0)
            grid.addWidget(QLabel("Set to", objectName="bulkVerb"), row, 1)
            grid.addWidget(widget, row, 2)
            self.own[record.id] = widget
            row += 1
        grid.setColumnStretch(2, 1)
        for widget in box.findChildren(QComboBox):
            widget.currentIndexChanged.connect(lambda *_: self._soon())
        for widget in box.findChildren(QLineEdit):
            widget.textChanged.connect(lambda *_: self._soon())
        return box

    # -- what to do ---------------------------------------------------------------------
    def changes(self) -> list[FilmsChange]:
        found: list[FilmsChange] = []
        for field, widget in self.columns.items():
            if isinstance(widget, QComboBox):
                if widget.currentData() is not None:
                    found.append(FilmsChange("set", field, widget.currentData()))
            elif widget.text().strip():
                found.append(FilmsChange("set", field, widget.text().strip()))
        for field, (action, value) in self.names.items():
            for name in (v.strip() for v in value.text().replace("|", ";").split(";")):
                if name:
                    found.append(FilmsChange(action.currentData(), field, name))
        for field, (action, value) in self.records.items():
            if value.currentData() is not None:
                found.append(FilmsChange(action.currentData(), field, value.currentData()))
        for field_id, widget in self.own.items():
            if isinstance(widget, QComboBox):
                if widget.currentData() is not None:
                    found.append(FilmsChange("set", "field", (field_id, widget.currentData())))
            elif widget.text().strip():
                found.append(FilmsChange("set", "field", (field_id, widget.text().strip())))
        return found

    def set_matching_reader(self, reader) -> None:  # noqa: ANN001 - () -> list[int]
        self._matching_reader = reader

    def film_ids(self) -> list[int]:
        if self.only_selected.isChecked():
            return self.selected
        if self.matching_ids is None:
            self.matching_ids = self._matching_reader() if self._matching_reader else []
        return self.matching_ids

    def _soon(self) -> None:
        self._timer.start()

    def update_plan(self) -> None:
        """Ask the catalog what the edit would do, and say it."""
        self._timer.stop()
        changes = self.changes()
        if not changes:
            self.preview.setText("<span style='color:gray'>Choose what to change above; "
                                 "nothing is written until you confirm.</span>")
            self._ready("Nothing to change", False)
            return
        try:
            plan = self.catalog.bulk.plan(self.film_ids(), changes)
        except CuratorError as problem:
            self.preview.setText(f"<span style='color:#b3261e'>{_html(str(problem))}</span>")
            self._ready("Nothing to change", False)
            return
        lines = "".join(f"<li>{_html(line)}</li>" for line in plan.lines)
        n = plan.changing
        summary = (f"{n:,} of {plan.films:,} film{'' if plan.films == 1 else 's'} will change."
                   if n else "No film would change.")
        self.preview.setText(f"<ul style='margin:0 0 0 -20px'>{lines}</ul><p>{summary} "
                             "You can undo it in one step.</p>")
        self.plan_label = plan.label
        self._ready(plan.label, n > 0)

    def _ready(self, text: str, enabled: bool) -> None:
        self.apply.setText(text)
        self.apply.setEnabled(enabled)


def _html(text: str) -> str:
    import html

    return html.escape(text)


class BulkEditing:
    """The Edit Films… action of one main window."""

    def __init__(self, window: Desk) -> None:
        self.window = window
        self.action = QAction("Edit Films\u2026", window)  # type: ignore[arg-type]
        self.action.setObjectName("editFilmsAction")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        tip = "Change the selected films, or every film the search finds, in one step"
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.triggered.connect(lambda _checked=False: self.edit())
        window.action_map[ActionKey.EDIT_FILMS] = self.action
        window.add_to_menu(MenuPlace.EDIT_RECORDS, self.action)
        window.list_pane.context_actions.append(self.action)
        self.dialog: BulkEditDialog | None = None

    def edit(self) -> None:
        w = self.window
        pane = w.list_pane
        if pane.table_name != "films":
            w.show_message("Edit Films works on a list of films: choose Films in the sidebar.")
            return
        selected, matching, scope, query = list_scope(pane)
        dialog = BulkEditDialog(w.catalog, selected, matching, scope,
                                w)  # type: ignore[arg-type]
        dialog.set_matching_reader(
            lambda: w.catalog.search.films(query, limit=max(matching, 1), count=False).ids)
        refused = w.form.publishing_refused
        if refused:  # a team's cataloguer: the server would refuse it
            dialog.columns["state"].setEnabled(False)
            dialog.columns["state"].setToolTip(refused)
        dialog.update_plan()
        self.dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            ids, changes = dialog.film_ids(), dialog.changes()
            w.run_operation(lambda: w.catalog.bulk.apply(ids, changes))
        finally:
            self.dialog = None
            dialog.deleteLater()


def install(window: Desk) -> BulkEditing:
    window.bulk_editing = BulkEditing(window)  # type: ignore[attr-defined]
    return window.bulk_editing  # type: ignore[attr-defined]
