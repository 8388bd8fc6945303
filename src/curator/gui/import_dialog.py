"""Importing a spreadsheet: choose the file, check the columns, read the plan, then import.

The dialog shows the first rows under the field each column will fill (a list
per column to change it), asks what to do with films already in the archive,
and runs a dry run off the GUI thread whenever any of that changes, so the
archivist reads "2,481 new films, 12 updates, 3 rows with errors" before
anything is written. The import itself runs as a task with progress and
Cancel, and lands on the undo stack as one step; the dialog then stays open with
what the import did, so Save Report… can write what became of every row (it does
the same for a dry run's plan).

    install(window)  # adds File > Import Spreadsheet… to the main window
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import ImportResult
from curator.gui.extension import Desk, MenuPlace
from curator.gui.lifetime import connect_in
from curator.gui.workers import Task
from curator.interchange.errors import ReadError
from curator.interchange.mapping import FIELDS, IGNORE, field_label, guess_mapping
from curator.interchange.sheet_import import import_spreadsheet
from curator.interchange.spreadsheet import Spreadsheet, read_spreadsheet

PREVIEW_ROWS = 8
ERRORS_SHOWN = 200
POLICIES = (
    ("skip", "Leave them as they are"),
    ("update", "Update them with this file\u2019s values"),
    ("duplicate", "Add them again as new films"),
)
FILE_FILTER = "Spreadsheets (*.csv *.tsv *.tab *.txt);;All files (*)"


class ImportDialog(QDialog):
    """The spreadsheet import for one main window (or anything with its surface)."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window_like = window
        self.sheet: Spreadsheet | None = None
        self.plan: ImportResult | None = None
        self.task: Task | None = None
        self.plan_task: Task | None = None  # the dry run under way, if any
        self._generation = 0  # the settings a dry run was made for
        self.setWindowTitle("Import Spreadsheet")
        self.resize(900, 620)

        self.path_edit = QLineEdit(readOnly=True, placeholderText="No file chosen")
        choose = QPushButton("Choose\u2026")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(choose)
        self.described = QLabel()
        self.described.setObjectName("muted")

        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.policy = QComboBox()
        for key, label in POLICIES:
            self.policy.addItem(label, key)
        self.policy.currentIndexChanged.connect(self.settings_changed)
        options = QFormLayout()
        options.addRow("Films already in the archive:", self.policy)

        self.summary = QLabel("Choose a spreadsheet to import.")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.summary.setFont(font)
        # The summary, the errors and the progress bar keep their room whether shown or
        # not, so the dialog never jumps while a plan is made again or an import runs.
        lines = self.summary.fontMetrics().lineSpacing()
        self.summary.setMinimumHeight(2 * lines + 4)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.errors = QListWidget()
        self.errors.setFixedHeight(120)
        self.progress = QProgressBar()
        for widget in (self.errors, self.progress):
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
            widget.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton("Import",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.import_button.setMinimumWidth(  # "Import" becomes "Import 2,481 Films"
            self.import_button.fontMetrics().horizontalAdvance("Import 999,999 Films") + 24)
        self.cancel_button = self.buttons.addButton("Cancel Import",
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.hide()
        policy = self.cancel_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.cancel_button.setSizePolicy(policy)
        self.buttons.accepted.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.report_button = self.buttons.addButton("Save Report\u2026",
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.report_button.setEnabled(False)
        self.report_button.setToolTip("Write what became of every row (new, updated, "
                                      "skipped, error), its film id and the reason, as CSV")
        self.report_button.clicked.connect(self.save_report)
        self.report_path: Path | None = None  # where Save Report writes; asked when unset
        self.imported: ImportResult | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.setSpacing(8)
        layout.addLayout(file_row)
        layout.addWidget(self.described)
        hint = QLabel("Each column imports as the field named above it; change any that "
                      "were guessed wrong, or choose \u201c(not imported)\u201d.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(options)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    # -- the file ----------------------------------------------------------------------
    def choose_file(self) -> None:
        settings = QSettings()
        start = str(settings.value("import/folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Import Spreadsheet", start, FILE_FILTER)
        if path:
            settings.setValue("import/folder", str(Path(path).parent))
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read the file, show its first rows and the guessed mapping; False if unreadable."""
        try:
            sheet = read_spreadsheet(path)
        except ReadError as exc:  # names the file itself
            self.window_like.show_error(f"Cannot read {exc}")
            return False
        except (OSError, ValueError) as exc:
            self.window_like.show_error(f"Cannot read {path.name}: {exc}")
            return False
        self.sheet = sheet
        self.path_edit.setText(str(path))
        self.described.setText(sheet.described)
        self._fill_table(sheet, guess_mapping(sheet.header))
        self.settings_changed()
        return True

    def _fill_table(self, sheet: Spreadsheet, mapping: list[str]) -> None:
        preview = sheet.rows[:PREVIEW_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(sheet.header))
        self.table.setRowCount(1 + len(preview))
        self.table.setHorizontalHeaderLabels([h or f"Column {i + 1}"
                                              for i, h in enumerate(sheet.header)])
        self.table.setVerticalHeaderLabels(["Imports as"] + [str(n) for n, _v in preview])
        for column, field in enumerate(mapping):
            combo = QComboBox()
            combo.addItem(field_label(IGNORE), IGNORE)
            for name in FIELDS:
                combo.addItem(field_label(name), name)
            combo.setCurrentIndex(max(0, combo.findData(field)))
            combo.currentIndexChanged.connect(self.settings_changed)
            self.table.setCellWidget(0, column, combo)
            for row, (_n, values) in enumerate(preview, start=1):
                text = " ".join(values[column].split()) if column < len(values) else ""
                item = QTableWidgetItem(text if len(text) <= 120 else text[:119] + "\u2026")
                item.setToolTip(values[column][:1000] if column < len(values) else "")
                if not field:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(260, max(150, self.table.columnWidth(column))))

    def mapping(self) -> list[str]:
        return [self.table.cellWidget(0, c).currentData() for c in range(self.table.columnCount())]

    def set_field(self, column: int, field: str) -> None:
        combo: QComboBox = self.table.cellWidget(0, column)
        combo.setCurrentIndex(combo.findData(field))

    @property
    def existing(self) -> str:
        return self.policy.currentData()

    def set_existing(self, policy: str) -> None:
        self.policy.setCurrentIndex(self.policy.findData(policy))

    # -- the plan ----------------------------------------------------------------------
    def settings_changed(self) -> None:
        """The mapping or the policy changed: the plan must be made again."""
        if self.sheet is None:
            return
        self._generation += 1
        self.plan = None
        self.import_button.setEnabled(False)
        self.report_button.setEnabled(False)
        for column in range(self.table.columnCount()):  # grey out what will not import
            imported = bool(self.table.cellWidget(0, column).currentData())
            for row in range(1, self.table.rowCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setForeground(self.palette().text() if imported
                                       else self.palette().placeholderText())
        mapping = self.mapping()
        if "title" not in mapping:
            self._show_summary("Choose the column that holds the titles.", [])
            return
        self._show_summary("Checking what the import would do\u2026", [], keep_errors=True)
        if self.plan_task is not None:
            self.plan_task.cancel()  # its plan is out of date: let it stop and let go
        generation, sheet, existing = self._generation, self.sheet, self.existing
        catalog = self.window_like.catalog
        task = Task("Checking the import", lambda progress: import_spreadsheet(
            catalog, sheet.name, sheet=sheet, mapping=mapping, existing=existing,
            dry_run=True, progress=lambda done, total: progress(done, total, "rows")))
        connect_in(self, task.finished, lambda result: self._plan_ready(generation, result))
        connect_in(self, task.failed, lambda message: self._plan_failed(generation, message))
        connect_in(self, task.ended, lambda: self._plan_ended(task))
        self.plan_task = task
        self.window_like.tasks.start(task)

    def _plan_ended(self, task: Task) -> None:
        if self.plan_task is task:
            self.plan_task = None

    def _plan_ready(self, generation: int, result: ImportResult) -> None:
        if generation != self._generation:
            return  # made for settings the archivist has changed since
        self.plan = result
        self.report_button.setEnabled(True)
        self._show_summary(f"This import makes {result.summary()}.", result.errors)
        self.import_button.setEnabled(bool(result.created or result.updated))
        films = len(result.created) + len(result.updated)
        self.import_button.setText(f"Import {films:,} Film{'' if films == 1 else 's'}"
                                   if films else "Import")

    def _plan_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._show_summary(message, [])

    def _show_summary(self, text: str, errors: list[tuple[str, str]],
                      keep_errors: bool = False) -> None:
        self.summary.setText(text)
        if keep_errors:  # the last plan's errors stay until the new plan says otherwise
            self.errors.setEnabled(False)
            return
        self.errors.setEnabled(True)
        self.errors.clear()
        for source, reason in errors[:ERRORS_SHOWN]:
            self.errors.addItem(f"{source.capitalize()}: {reason}")
        if len(errors) > ERRORS_SHOWN:
            self.errors.addItem(f"\u2026 and {len(errors) - ERRORS_SHOWN:,} more")
        self.errors.setVisible(bool(errors))

    # -- the import --------------------------------------------------------------------
    def start_import(self) -> None:
        if self.sheet is None or self.plan is None or self.task is not None:
            return
        sheet, mapping, existing = self.sheet, self.mapping(), self.existing
        catalog = self.window_like.catalog
        self.task = Task(f"Importing {sheet.name}", lambda progress: import_spreadsheet(
            catalog, sheet.name, sheet=sheet, mapping=mapping, existing=existing,
            progress=lambda done, total: progress(done, total, "rows")))
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(self._imported)
        self.task.failed.connect(self._import_failed)
        self.task.cancelled.connect(self._import_cancelled)
        self._busy(True)
        self.window_like.tasks.start(self.task)

    def cancel_import(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText("Cancelling\u2026")

    def _progressed(self, done: int, total: int, _message: str) -> None:
        if self.task is None:
            return  # a report queued before the import ended
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.summary.setText(f"Importing\u2026 {done:,} of {total:,} rows")

    def _imported(self, result: ImportResult) -> None:
        self.task = None
        self.imported = result
        self.window_like.undo.push(result.changes)  # the whole import: one undo step
        message = f"Imported {self.sheet.name}: {result.summary()}."
        self.window_like.show_message(message)
        self._busy(False)
        # done: the dialog stays to show what was done and offer its report, nothing more
        self.setResult(QDialog.DialogCode.Accepted)
        self._show_summary(message, result.errors)
        for widget in (self.import_button, self.table, self.policy):
            widget.setEnabled(False)
        self.report_button.setEnabled(True)

    # -- the report --------------------------------------------------------------------
    def set_report_path(self, path: Path | None) -> None:
        """Where Save Report… writes (None: it asks)."""
        self.report_path = path

    def save_report(self) -> Path | None:
        """Write the report of the import done, or else of the plan; returns where."""
        result = self.imported or self.plan
        if result is None:
            return None
        path = self.report_path
        if path is None:
            start = self.sheet.name.rsplit(".", 1)[0] + " report.csv" if self.sheet else ""
            chosen, _ = QFileDialog.getSaveFileName(self, "Save Import Report", start,
                                                    "Spreadsheets (*.csv)")
            if not chosen:
                return None
            path = Path(chosen)
        if path.suffix.casefold() != ".csv":
            path = path.with_name(path.name + ".csv")
        from curator.interchange.import_report import write_report

        try:
            rows = write_report(result, path)
        except OSError as exc:
            self.window_like.show_error(f"The report could not be written: {exc}")
            return None
        self.window_like.show_message(f"Wrote the report of {rows:,} rows to {path.name}.")
        return path

    def _import_failed(self, message: str) -> None:
        self.task = None
        self._busy(False)
        self._show_summary(message, [])
        self.window_like.show_error(message)

    def _import_cancelled(self) -> None:
        self.task = None
        self._busy(False)
        self.summary.setText("The import was cancelled; nothing was changed.")
        self.import_button.setEnabled(self.plan is not None)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)  # moving at once; the first report gives the scale

        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.report_button.setEnabled(not busy and self.plan is not None)
        self.import_button.setEnabled(not busy and self.plan is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(not busy)
        self.table.setEnabled(not busy)
        self.policy.setEnabled(not busy)

    def done(self, result: int) -> None:
        if self.plan_task is not None:  # the dialog goes: its dry run has no one to tell
            self.plan_task.cancel()
            for signal in (self.plan_task.finished, self.plan_task.failed,
                           self.plan_task.ended):
                try:
                    signal.disconnect()
                except (RuntimeError, TypeError):
                    pass
            self.plan_task = None
        super().done(result)

    def reject(self) -> None:
        if self.task is not None:  # closing while importing: cancel first, never half-write
            self.cancel_import()
            return
        if self.imported is not None:  # closing after the import: it was done
            self.accept()
            return
        super().reject()


def open_import_dialog(window: Any, path: Path | None = None) -> ImportDialog:
    dialog = ImportDialog(window, window if isinstance(window, QWidget) else None)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if path is not None:
        dialog.load(path)
    dialog.open()
    if path is None:
        dialog.choose_file()
    return dialog


def import_pages(window: Any, paths: list[Path]) -> Task:
    """Import film pages of a web archive as a task; the result is one undo step."""
    from curator.interchange.page_import import import_pages as read_and_import

    catalog = window.catalog
    task = Task(f"Importing {len(paths)} page{'' if len(paths) == 1 else 's'}",
                lambda _progress: read_and_import(catalog, paths)[0])
    connect_in(window, task.finished, lambda result: _landed(
        window, result.changes, f"Imported pages: {result.summary()}."))
    task.failed.connect(window.show_error)
    window.tasks.start(task)
    return task


def import_catalogue_file(window: Any, path: Path) -> Task:
    """Import a catalogue file as a task; one undo step.

    Into an empty archive the whole catalogue is restored, ids and all; into one
    with records, the file's films are matched and merged like a spreadsheet's.
    """
    from curator.interchange.catalogue_file import import_catalogue
    from curator.interchange.catalogue_merge import merge_catalogue

    catalog = window.catalog

    def work(_progress: Any) -> tuple[Any, str]:
        if catalog.snapshot.is_empty():
            changes = import_catalogue(catalog, path)
            return changes, f"Imported {path.name}: {len(changes.film_ids):,} films."
        result = merge_catalogue(catalog, path)
        return result.changes, f"Imported the films of {path.name}: {result.summary()}."

    task = Task(f"Importing {path.name}", work)
    connect_in(window, task.finished, lambda done: _landed(window, *done))
    task.failed.connect(window.show_error)
    window.tasks.start(task)
    return task


def _landed(window: Any, changes: Any, message: str) -> None:
    window.undo.push(changes)
    window.show_message(message)


def _choose_pages(window: Any) -> None:
    parent = window if isinstance(window, QWidget) else None
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import Archive Pages", str(Path.home()),
                                            "Film pages (*.html *.htm *.txt);;All files (*)")
    if paths:
        import_pages(window, [Path(p) for p in paths])


def _choose_catalogue(window: Any) -> None:
    parent = window if isinstance(window, QWidget) else None
    path, _ = QFileDialog.getOpenFileName(parent, "Import Catalogue File", str(Path.home()),
                                          "Catalogue files (*.json)")
    if path:
        import_catalogue_file(window, Path(path))


def install(window: Desk) -> QAction:
    """Add File > Import Spreadsheet…, Import Archive Pages… and Import Catalogue File…"""
    menu = window.menus["file"]
    action = QAction("Import Spreadsheet\u2026", menu)
    action.setShortcut(QKeySequence("Ctrl+Shift+I"))
    action.setStatusTip("Import films from a CSV or TSV spreadsheet")
    action.triggered.connect(lambda: open_import_dialog(window))
    pages = QAction("Import Archive Pages\u2026", menu)
    pages.setStatusTip("Import film pages of an existing web archive (HTML or text)")
    pages.triggered.connect(lambda: _choose_pages(window))
    catalogue = QAction("Import Catalogue File\u2026", menu)
    catalogue.setStatusTip("Import a Curator catalogue file (JSON): all of it into an empty "
                           "archive, its films into one with records")
    catalogue.triggered.connect(lambda: _choose_catalogue(window))
    window.add_to_menu(MenuPlace.FILE_IMPORT, action, pages, catalogue)
    window.import_action = action
    return action

