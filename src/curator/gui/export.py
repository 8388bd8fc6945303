"""Export to the web archive from the desk: "Export Site", "Export Selection", "Open in Browser".

`install(window)` adds the actions; `SiteExportController` holds what they do,
so it can be tested without the main window. Before each export the check runs
(off the GUI thread) and, if it finds anything, a dialog lists the problems;
each one opens its record so it can be fixed first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import Catalog
from curator.gui.extension import Desk, MenuPlace
from curator.gui.lifetime import connect_in
from curator.gui.style import icon
from curator.gui.workers import Task, TaskRunner
from curator.store import ArchiveError

if TYPE_CHECKING:
    from curator.publish import ExportResult, Problem, Selection, StillFiles
    from curator.publish.serve import SiteServer
# The exporter (templates, Jinja2) is imported when an export starts, not with the desk.

EXPORT_FOLDER = "export_folder"
SELECTION_FOLDER = "export_selection_folder"

ChooseFolder = Callable[[str, str], "Path | None"]  # (dialog title, start folder)
ConfirmProblems = Callable[[list["Problem"]], bool]


NOUNS = {"film": ("film", "films"), "still": ("still", "stills"), "person": ("person", "people"),
         "list": ("list", "lists")}


def problem_kind(problem: Problem) -> str:
    """What sort of problem it is, without the record's own details: "no director",
    "duplicate slug", "contains unpublished films"."""
    return problem.message.split(" \u201c")[0].split(":")[0].strip()


def group_heading(kind: str, sort: str, count: int) -> str:
    """ "1,204 films have no still", "1 list contains unpublished films"."""
    one, many = NOUNS.get(kind, (kind, kind + "s"))
    noun = one if count == 1 else many
    if sort.startswith("no "):
        verb = f"{'has' if count == 1 else 'have'} {sort}"
    elif sort == "duplicate slug":
        verb = f"{'shares' if count == 1 else 'share'} a slug with another {one}"
    elif sort.startswith("contains "):
        verb = sort if count == 1 else "contain " + sort.removeprefix("contains ")
    else:
        return f"{count:,} {noun}: {sort}"
    return f"{count:,} {noun} {verb}"


class ProblemsDialog(QDialog):
    """What would make poor pages, grouped by kind with a count each; choosing a line
    opens its record to fix it."""

    record_opened = Signal(str, int)
    SHOWN_OPEN = 12  # a group this small opens at once; a bigger one waits to be opened

    def __init__(self, problems: list[Problem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Before Exporting")
        self.resize(620, 420)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        count = len(problems)
        intro = QLabel(
            f"{count:,} {'thing' if count == 1 else 'things'} would make poor pages in the "
            "web archive. Open one to fix it first, or export anyway.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        groups: dict[tuple[str, str], list[Problem]] = {}
        for problem in problems:
            groups.setdefault((problem.kind, problem_kind(problem)), []).append(problem)
        self.list = QTreeWidget()
        self.list.setHeaderHidden(True)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        bold = QFont(self.list.font())
        bold.setBold(True)
        for (kind, sort), members in sorted(groups.items(), key=lambda g: -len(g[1])):
            group = QTreeWidgetItem([group_heading(kind, sort, len(members))])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for problem in members:
                line = QTreeWidgetItem([f"{problem.title} \u2014 {problem.message}"])
                line.setToolTip(0, str(problem))
                line.setData(0, Qt.ItemDataRole.UserRole, problem.record)
                group.addChild(line)
            self.list.addTopLevelItem(group)
            group.setExpanded(len(members) <= self.SHOWN_OPEN or len(groups) == 1)
        first = self.list.topLevelItem(0)
        if first is not None and first.isExpanded():
            self.list.setCurrentItem(first.child(0))
        self.list.itemActivated.connect(lambda item, _column: self._open(item))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Open Record", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("Export Anyway",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button.clicked.connect(lambda: self._open(self.list.currentItem()))
        self.list.currentItemChanged.connect(lambda item, _previous: self.open_button.setEnabled(
            item is not None and item.parent() is not None))
        self.open_button.setEnabled(self.list.currentItem() is not None)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def headings(self) -> list[str]:
        return [self.list.topLevelItem(n).text(0) for n in range(self.list.topLevelItemCount())]

    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is None or item.parent() is None:
            return  # a group's heading: it opens and closes
        kind, record_id = item.data(0, Qt.ItemDataRole.UserRole)
        self.record_opened.emit(kind, record_id)
        self.reject()  # fix first; export again when ready


class SiteExportController(QObject):
    """Checks, exports and previews the site; every long step runs as a Task."""

    exported = Signal(object)  # ExportResult
    checked = Signal(list)  # the problems found before an export

    def __init__(self, catalog: Catalog, tasks: TaskRunner, *,
                 choose_folder: ChooseFolder, confirm_problems: ConfirmProblems,
                 show_error: Callable[[str], None], show_message: Callable[[str], None],
                 open_url: Callable[[str], Any] = lambda url: QDesktopServices.openUrl(QUrl(url)),
                 still_files: StillFiles | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.tasks = tasks
        self.choose_folder = choose_folder
        self.confirm_problems = confirm_problems
        self.show_error = show_error
        self.show_message = show_message
        self.open_url = open_url
        self.still_files = still_files
        self.export_session: Any = None  # the last export's state, for the next (publish.quick)
        self.last_site: Path | None = None
        self.server: SiteServer | None = None
        self.busy = False

    # -- commands ------------------------------------------------------------------------
    def export_all(self) -> Task | None:
        folder = self._folder(EXPORT_FOLDER, "Choose the Folder of the Web Archive")
        if folder is None:
            return None
        from curator.publish import Selection

        return self._check_then_export(folder, Selection(), None)

    def export_selection(self, film_ids: list[int]) -> Task | None:
        if not film_ids:
            self.show_message("Select the films to export in the list first.")
            return None
        folder = self._folder(SELECTION_FOLDER, "Export the Selection to a Folder", ask=True)
        if folder is None:
            return None
        site = self.catalog.settings.get(EXPORT_FOLDER)
        if site and _same(Path(site), folder):
            self.show_error("That is the folder of the whole web archive; exporting a "
                            "selection there would remove every other page. Choose another.")
            return None
        from curator.publish import Selection

        return self._check_then_export(folder, Selection.films(film_ids), film_ids)

    def export_list(self, list_id: int | None) -> Task | None:
        """Export one retrospective list's page and its films to the selection folder."""
        if list_id is None:
            self.show_message("Choose a list in the sidebar first.")
            return None
        folder = self._folder(SELECTION_FOLDER, "Export the List to a Folder", ask=True)
        if folder is None:
            return None
        site = self.catalog.settings.get(EXPORT_FOLDER)
        if site and _same(Path(site), folder):
            self.show_error("That is the folder of the whole web archive; exporting a "
                            "list there would remove every other page. Choose another.")
            return None
        film_ids = [i.film_id for i in self.catalog.lists.get(list_id).items]
        from curator.publish import Selection

        return self._check_then_export(folder, Selection("list", list_id=list_id), film_ids)

    def change_folder(self) -> Path | None:
        return self._folder(EXPORT_FOLDER, "Choose the Folder of the Web Archive", ask=True)

    def open_in_browser(self) -> str | None:
        """Serve the last exported site on 127.0.0.1 and open it in the web browser."""
        folder = self.last_site or _path(self.catalog.settings.get(EXPORT_FOLDER))
        if folder is None or not (folder / "index.html").is_file():
            self.show_message("Export the site first; then it can be opened in the browser.")
            return None
        prefix = urlparse(self.catalog.settings.get("site_base_url")).path
        if (self.server is None or not _same(self.server.folder, folder)
                or self.server.prefix.strip("/") != prefix.strip("/")):
            from curator.publish.serve import SiteServer

            self.stop_server()
            self.server = SiteServer(folder, prefix=prefix)
        self.open_url(self.server.url)
        return self.server.url

    def stop_server(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    # -- steps ---------------------------------------------------------------------------
    def _folder(self, key: str, title: str, *, ask: bool = False) -> Path | None:
        current = self.catalog.settings.get(key)
        if current and not ask:
            return Path(current)
        start = current or str(self.catalog.archive.folder.parent)
        chosen = self.choose_folder(title, start)
        if chosen is None:
            return None
        try:
            self.catalog.settings.set(key, str(chosen))
        except ArchiveError:
            pass  # a read-only (or damaged) archive exports there without remembering it
        return Path(chosen)

    def _check_then_export(self, folder: Path, selection: Selection,
                           film_ids: list[int] | None) -> Task | None:
        if self.busy:
            self.show_message("An export is already running.")
            return None
        from curator.publish import check_archive

        self.busy = True
        task = Task("Checking the pages", lambda _progress: check_archive(self.catalog, film_ids))

        def checked(problems: list[Problem]) -> None:
            self.checked.emit(problems)
            if problems and not self.confirm_problems(problems):
                self.busy = False
                self.show_message("Export not started.")
                return
            self._export(folder, selection)

        connect_in(self, task.finished, checked)
        task.failed.connect(self._failed)
        connect_in(self, task.cancelled, lambda: setattr(self, "busy", False))
        return self.tasks.start(task)

    def _export(self, folder: Path, selection: Selection) -> Task:
        from curator.publish import export_site
        from curator.publish.quick import ExportSession

        # a re-export starts from the last export's state, kept in this session
        self.export_session = self.export_session or ExportSession()
        task = Task("Exporting the site", lambda progress: export_site(
            self.catalog, folder, selection, still_files=self.still_files, progress=progress,
            session=self.export_session))
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        return self.tasks.start(task)

    def _done(self, result: ExportResult) -> None:
        self.busy = False
        self.last_site = result.outdir
        left_out = f" ({len(result.skipped)} unpublished left out)" if result.skipped else ""
        self.show_message(f"Exported {result.films:,} films to {result.outdir}: "
                          f"{result.summary}{left_out}.")
        if result.warnings:  # done, but not all as asked: a status line would be missed
            self.show_error("The export went ahead, with warnings:\n"
                            + "\n".join(f"\u2022 {w}." for w in result.warnings))
        self.exported.emit(result)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.show_error(message)

    def _cancelled(self) -> None:
        self.busy = False
        self.show_message("Export cancelled; the previous site is unchanged.")


def _path(text: str) -> Path | None:
    return Path(text) if text else None


def _same(a: Path, b: Path) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def install(window: Desk) -> SiteExportController:
    """Add the export actions to the main window (toolbar, Archive menu, list context menu)."""

    def choose_folder(title: str, start: str) -> Path | None:
        folder = QFileDialog.getExistingDirectory(window, title, start)
        return Path(folder) if folder else None

    def confirm(problems: list[Problem]) -> bool:
        dialog = ProblemsDialog(problems, window)
        dialog.record_opened.connect(window.open_record)
        return dialog.exec() == QDialog.DialogCode.Accepted

    controller = SiteExportController(
        window.catalog, window.tasks, choose_folder=choose_folder, confirm_problems=confirm,
        show_error=window.show_error, show_message=window.show_message, parent=window)

    export_site_action = QAction(icon("export-site"), "Export Site", window)
    export_site_action.setToolTip("Export the published films to the web archive's folder")
    export_site_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
    export_site_action.triggered.connect(controller.export_all)
    selection_action = QAction("Export Selection\u2026", window)
    selection_action.setToolTip("Export the selected films to a folder of their own")
    selection_action.triggered.connect(
        lambda: controller.export_selection(window.list_pane.selected_film_ids()))
    browser_action = QAction(icon("browser"), "Open in Browser", window)
    browser_action.setToolTip("Look at the exported site in the web browser")
    browser_action.triggered.connect(controller.open_in_browser)
    folder_action = QAction("Web Archive Folder\u2026", window)
    folder_action.triggered.connect(controller.change_folder)

    window.toolbar.addAction(export_site_action)
    window.toolbar.addAction(browser_action)
    window.add_to_menu(MenuPlace.ARCHIVE_EXPORT, export_site_action, selection_action,
                       browser_action, folder_action)

    def extend_context_menu(context: QMenu) -> None:
        if window.list_pane.selected_film_ids():
            context.addSeparator()
            context.addAction(selection_action)

    window.list_pane.context_menu_requested.connect(extend_context_menu)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.stop_server)
    window.export_controller = controller
    return controller
