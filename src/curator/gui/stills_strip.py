"""The still strip of a film's form (or a person's portraits): thumbnails to drop, order and edit.

Files dropped from the file manager (or chosen with Add…) are imported on a
worker task; their records appear at once and each thumbnail as soon as it is
made. Dragging a thumbnail reorders, and every edit (caption, credit, alt text,
rights, primary still, order, deletion, focal point) is one step on the undo stack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator import CuratorError
from curator.catalog import Changes
from curator.catalog.records import StillRecord
from curator.gui.extension import Desk
from curator.gui.forms.chips import FlowBox
from curator.gui.still_thumbnails import EMPTY_TEXT, PIXMAP_ROLE, STILL_ROLE, StripView
from curator.gui.undo import CatalogUndo
from curator.gui.workers import Task, TaskRunner
from curator.paths import is_sha256
from curator.stills import (
    THUMBNAIL,
    DerivativesReport,
    ImportResult,
    derivative_file,
    ensure_derivatives,
    import_stills,
)

__all__ = ["EMPTY_TEXT", "PIXMAP_ROLE", "StillStrip"]

FILE_FILTER = "Images (*.jpg *.jpeg *.png *.webp *.tif *.tiff);;All files (*)"
EDITABLE = ("caption", "credit", "alt_text", "rights")


class _Relay(QObject):
    """Carries 'this thumbnail is ready' from a worker thread to the GUI thread."""

    thumbnail_made = Signal(str)


class StillStrip(QWidget):
    """Stills of one film (or portraits of one person): the strip and the selected one's fields."""

    preview_requested = Signal(int)  # still id
    message_shown = Signal(str)  # what happened, for a status bar

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.undo = undo
        self.catalog = undo.catalog
        self.runner = runner or TaskRunner(self)
        self.film_id: int | None = None
        self.person_id: int | None = None
        self._stills: list[StillRecord] = []
        self._tasks: list[Task] = []
        self._making: set[str] = set()  # hashes whose thumbnails a task is making
        self._pixmaps: dict[str, QPixmap] = {}  # thumbnails read, by hash
        self._relay = _Relay(self)
        self.preview: QWidget | None = None  # the preview opened last
        self._relay.thumbnail_made.connect(self._show_thumbnail)

        self.view = StripView(self)
        self.view.files_dropped.connect(self.add_files)
        self.view.still_moved.connect(self.move_still)
        self.view.currentRowChanged.connect(self._show_fields)
        # a double-click, not "activated" (a single click under some desktops' settings)
        self.view.itemDoubleClicked.connect(self._double_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        self.add_button = QPushButton("Add\u2026")
        self.add_button.setToolTip("Import JPEG, PNG, WebP or TIFF files")
        self.add_button.clicked.connect(self._choose_files)
        self.primary_button = QPushButton("Set as primary")
        self.primary_button.setToolTip("Show this still first, on lists and on the film's page")
        self.primary_button.clicked.connect(self.set_primary)
        self.preview_button = QPushButton("Preview\u2026")
        self.preview_button.setToolTip("A larger view; click in it to set the focal point")
        self.preview_button.clicked.connect(self.open_preview)
        self.delete_button = QPushButton("Remove")
        self.delete_button.setToolTip("Remove this still from the film (undoable)")
        self.delete_button.clicked.connect(self.delete_current)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # the buttons wrap to a second line rather than widen a form squeezed by the scan
        buttons = FlowBox(spacing=6)
        buttons.setObjectName("stills_buttons")
        for b in (self.add_button, self.primary_button, self.preview_button, self.delete_button):
            buttons.flow.addWidget(b)

        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        placeholders = {
            "caption": "What the still shows, as the page should print it",
            "credit": "Photo: name, or the rights holder",
            "alt_text": "Describes the image for readers who cannot see it",
            "rights": "Licence or rights, e.g. \u00a9 Studio, CC BY 4.0",
        }
        labels = {"caption": "Caption", "credit": "Credit", "alt_text": "Alt text",
                  "rights": "Rights"}
        for name in EDITABLE:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholders[name])
            edit.setAccessibleName(labels[name])
            edit.editingFinished.connect(lambda n=name: self._commit_field(n))
            self.edits[name] = edit
            form.addRow(labels[name], edit)
        self.details = QLabel()
        self.details.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form.addRow("", self.details)
        self.fields_box = QWidget()
        self.fields_box.setLayout(form)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.fields_box)
        layout.addStretch(1)

        delete = QAction("Remove still", self.view)
        delete.setShortcuts([QKeySequence.StandardKey.Delete, QKeySequence(Qt.Key.Key_Backspace)])
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        self.view.addAction(delete)
        preview = QAction("Preview still", self.view)
        preview.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter),
                              QKeySequence(Qt.Key.Key_Space)])
        preview.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        preview.triggered.connect(self.open_preview)
        self.view.addAction(preview)
        for keys, step, label in (("Ctrl+Left", -1, "Move still earlier"),
                                  ("Ctrl+Right", 1, "Move still later")):
            move = QAction(label, self.view)
            move.setShortcut(QKeySequence(keys))  # the keyboard's way to reorder
            move.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            move.triggered.connect(self.move_earlier if step < 0 else self.move_later)
            self.view.addAction(move)

        undo.changed.connect(self._on_changed)
        self._set_status("")
        self._refresh()

    # -- what is shown ------------------------------------------------------------------------
    def load_film(self, film_id: int | None) -> None:
        """Show the stills of this film (None: nothing)."""
        self.film_id, self.person_id = film_id, None
        self._set_status("")
        self._refresh()

    def load_person(self, person_id: int | None) -> None:
        """Show this person's portraits."""
        self.film_id, self.person_id = None, person_id
        self._set_status("")
        self._refresh()

    show_film = load_film  # the film form's stills slot calls show_film
    show_person = load_person

    @property
    def stills(self) -> list[StillRecord]:
        return list(self._stills)

    def current_still(self) -> StillRecord | None:
        row = self.view.currentRow()
        return self._stills[row] if 0 <= row < len(self._stills) else None

    def select_still(self, still_id: int) -> None:
        for row, still in enumerate(self._stills):
            if still.id == still_id:
                self.view.setCurrentRow(row)

    def _owner(self) -> dict[str, int]:
        return ({"film_id": self.film_id} if self.film_id is not None
                else {"person_id": self.person_id} if self.person_id is not None else {})

    def _refresh(self) -> None:
        whose = "person's portraits" if self.person_id is not None else "film"
        self.delete_button.setToolTip(f"Remove this still from the {whose} (undoable)")
        keep = self.current_still()
        owner = self._owner()
        self._stills = self.catalog.stills.of(**owner) if owner else []
        self.view.blockSignals(True)
        self.view.clear()
        missing = []
        for still in self._stills:
            item = QListWidgetItem()
            item.setData(STILL_ROLE, still)
            item.setToolTip(self._describe(still))
            pixmap = self._thumbnail(still.sha256)
            if pixmap is not None:
                item.setData(PIXMAP_ROLE, pixmap)
            elif still.sha256 not in self._making:
                missing.append(still.sha256)
            self.view.addItem(item)
        self.view.blockSignals(False)
        row = next((n for n, s in enumerate(self._stills) if keep and s.id == keep.id),
                   0 if self._stills else -1)
        self.view.setCurrentRow(row)
        self._show_fields(row)
        self.setEnabled(bool(owner))
        if missing:
            self._make_thumbnails(missing)

    def _describe(self, still: StillRecord) -> str:
        name = f" \u00b7 {still.original_name}" if still.original_name else ""
        kind = _FORMAT_NAMES.get(still.format, still.format)
        return f"{still.width} \u00d7 {still.height} {kind}{name}"

    def _show_fields(self, row: int) -> None:
        still = self._stills[row] if 0 <= row < len(self._stills) else None
        for name, edit in self.edits.items():
            edit.blockSignals(True)
            edit.setText(getattr(still, name) if still else "")
            edit.setEnabled(still is not None)
            edit.blockSignals(False)
        self.details.setText(self._describe(still) if still else "")
        for button in (self.primary_button, self.preview_button, self.delete_button):
            button.setEnabled(still is not None)
        if still is not None:
            self.primary_button.setEnabled(not still.is_primary)
        self.fields_box.setVisible(bool(self._stills))

    def _thumbnail(self, sha256: str) -> QPixmap | None:
        pixmap = self._pixmaps.get(sha256)
        if pixmap is None:
            if not is_sha256(sha256):
                return None  # a bad record (`curator stills check` names it): no image
            path = derivative_file(self.catalog.archive, sha256, THUMBNAIL, "jpeg")
            if not path.is_file():
                return None
            pixmap = self._pixmaps[sha256] = QPixmap(str(path))
        return pixmap

    def _show_thumbnail(self, sha256: str) -> None:
        self._making.discard(sha256)
        pixmap = self._thumbnail(sha256)
        for row, still in enumerate(self._stills):
            if still.sha256 == sha256 and pixmap is not None:
                self.view.item(row).setData(PIXMAP_ROLE, pixmap)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setForegroundRole(QPalette.ColorRole.BrightText if error
                                      else QPalette.ColorRole.WindowText)
        self.status.setStyleSheet("color: #b3261e;" if error else "")
        if text:
            self.message_shown.emit(text)

    def _on_changed(self, changes: Changes) -> None:
        owner = self._owner()
        if not owner:
            return
        key, value = next(iter(owner.items()))
        touched = changes.touched
        # a still's row names its film or person, so its owner is touched with it
        if value in (touched.films if key == "film_id" else touched.people):
            self._refresh()

    # -- editing --------------------------------------------------------------------------------
    def _run(self, operation) -> Changes | None:
        try:
            return self.undo.run(operation)
        except CuratorError as exc:
            self._set_status(str(exc), error=True)
            self._refresh()
            return None

    def _commit_field(self, name: str) -> None:
        still = self.current_still()
        if still is None:
            return
        value = self.edits[name].text().strip()
        if value == getattr(still, name):
            return
        self._run(lambda: self.catalog.stills.update(still.id, still.version, **{name: value}))

    def set_primary(self) -> None:
        still = self.current_still()
        if still is not None and not still.is_primary:
            self._run(lambda: self.catalog.stills.set_primary(still.id))

    def move_still(self, from_row: int, to_row: int) -> None:
        """Move the still at from_row so that it ends up at to_row."""
        ids = [s.id for s in self._stills]
        if not (0 <= from_row < len(ids)) or from_row == to_row:
            return
        moved = ids.pop(from_row)
        ids.insert(max(0, min(to_row, len(ids))), moved)
        if self._run(lambda: self.catalog.stills.reorder(ids)) is not None:
            self.select_still(moved)

    def move_earlier(self) -> None:
        row = self.view.currentRow()
        if row > 0:
            self.move_still(row, row - 1)

    def move_later(self) -> None:
        row = self.view.currentRow()
        if 0 <= row < len(self._stills) - 1:
            self.move_still(row, row + 1)

    def delete_current(self) -> None:
        still = self.current_still()
        if still is None:
            return
        if self._run(lambda: self.catalog.stills.delete(still.id)) is not None:
            self._set_status(f"Removed {still.caption or still.original_name or 'the still'}; "
                             "Undo brings it back.")

    def set_focal_point(self, still_id: int, x: float, y: float) -> None:
        still = next((s for s in self._stills if s.id == still_id), None)
        if still is not None:
            self._run(lambda: self.catalog.stills.update(still.id, still.version,
                                                        focal_x=x, focal_y=y))

    def _double_clicked(self, _item: QListWidgetItem) -> None:
        self.open_preview()

    def open_preview(self) -> None:
        still = self.current_still()
        if still is None:
            return
        self.preview_requested.emit(still.id)
        from curator.gui.still_preview import StillPreview

        preview = StillPreview(self, still.id)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.show()
        self.preview = preview

    def _context_menu(self, pos: QPoint) -> None:
        if self.view.itemAt(pos) is None:
            return
        menu = QMenu(self)
        menu.addAction("Preview\u2026", self.open_preview)
        menu.addAction("Set as primary", self.set_primary).setEnabled(
            self.primary_button.isEnabled())
        menu.addSeparator()
        menu.addAction("Remove still", self.delete_current)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # -- importing --------------------------------------------------------------------------------
    def _choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Add stills", "", FILE_FILTER)
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> Task | None:
        """Import files on a worker task; the stills appear when stored, thumbnails as made."""
        owner = self._owner()
        if not owner or not paths:
            return None
        catalog = self.catalog
        count = len(paths)
        task = Task(f"Adding {count} still{'s' if count != 1 else ''}", lambda progress: (
            owner, import_stills(catalog, paths, progress=progress, **owner)))
        # bound methods, not lambdas: Qt drops them if the strip goes before the task ends
        task.progressed.connect(self._import_progressed)
        task.finished.connect(self._imported)
        task.failed.connect(self._task_failed)
        task.cancelled.connect(self._import_cancelled)
        self._start(task)
        return task

    def _import_progressed(self, done: int, total: int, _message: str) -> None:
        self._set_status(f"Checking images\u2026 {done} of {total}")

    def _import_cancelled(self) -> None:
        self._set_status("The import was cancelled; no still was added.")

    def _task_failed(self, message: str) -> None:
        self._set_status(message, error=True)

    def _imported(self, outcome: tuple[dict[str, int], ImportResult]) -> None:
        owner, result = outcome
        self.undo.push(result.changes)  # one undo step for the whole drop
        refused = result.refused
        added = len(result.added_hashes)
        lines = []
        if added:
            lines.append(f"Added {added} still{'s' if added != 1 else ''}.")
        lines += [str(o) for o in result.outcomes if o.status in ("skipped", "already present")]
        lines += [str(o) for o in refused]
        self._set_status("\n".join(lines), error=bool(refused))
        if owner == self._owner():
            self._refresh()
        if result.added_hashes:
            self._make_thumbnails(result.added_hashes)

    def _make_thumbnails(self, hashes: list[str]) -> Task:
        archive = self.catalog.archive
        relay = self._relay
        self._making.update(hashes)
        task = Task("Making thumbnails and web sizes", lambda progress: ensure_derivatives(
            archive, hashes, progress, made=relay.thumbnail_made.emit))
        task.hashes = hashes
        task.finished.connect(self._thumbnails_done)
        task.failed.connect(self._task_failed)
        self._start(task)
        return task

    def _thumbnails_done(self, report: DerivativesReport) -> None:
        for sha, message in report.failed:
            self._making.discard(sha)
            names = [s.original_name or sha[:12] for s in self._stills if s.sha256 == sha]
            self._set_status(f"{', '.join(names) or sha[:12]}: no thumbnail ({message})",
                             error=True)

    def _start(self, task: Task) -> None:
        self._tasks.append(task)
        task.ended.connect(self._task_ended)
        self.runner.start(task)

    def _task_ended(self) -> None:
        task = self.sender()
        if task in self._tasks:
            self._tasks.remove(task)
        self._making.difference_update(getattr(task, "hashes", ()))

    @property
    def busy(self) -> bool:
        return bool(self._tasks)


_FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "TIFF": "TIFF"}


def install(window: Desk) -> None:
    """Put still strips in the form pane: the film form's Stills, the person's Portraits."""
    window.form.install_stills(StillStrip(window.undo, runner=window.tasks),
                               StillStrip(window.undo, runner=window.tasks))
