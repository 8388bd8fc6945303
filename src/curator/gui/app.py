"""Starting the desk: the application object, which archive to open, the demo on first run.

`curator [ARCHIVE]` opens ARCHIVE; with none, the last archive used, else the demo
archive (~/Curator/Demo.curator), built on first run with progress and a Cancel.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from curator import CuratorError, __version__, collector, resources_dir
from curator.catalog import Cancelled, Catalog
from curator.gui import crash_log
from curator.gui.main_window import MainWindow
from curator.gui.style import apply_style
from curator.gui.workers import Task, TaskRunner
from curator.model.enums import RecordKind
from curator.store import ServerError, is_archive, is_server_location
from curator.store.server import SCHEMES, TEAM_FILE_SUFFIX

ORGANISATION = "Curator"
APPLICATION = "Curator"
RECENT_LIMIT = 8

_windows: list[MainWindow] = []  # open windows, kept alive here


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, named so that QSettings finds the user's settings."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("Curator")
    app.setDesktopFileName("io.github.curator.Curator")  # the .desktop file's name
    apply_style(app)
    hints = app.styleHints()
    if not app.property("curatorStyled"):  # follow the system when it turns dark or light
        hints.colorSchemeChanged.connect(lambda _scheme: apply_style(app))
        app.setProperty("curatorStyled", True)
    app.setWindowIcon(QIcon(str(resources_dir() / "app" / "curator.svg")))
    if app.findChild(_FileOpener) is None:
        app.installEventFilter(_FileOpener(app))
    return app


class _FileOpener(QObject):
    """macOS hands a double-clicked file (a .curator-team connection) to Curator as a
    FileOpen event, also when Curator is running already, never on its command line."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            where = event.file() or event.url().toString()
            if where:
                # after the event: opening may ask for a password in a dialog of its own
                QTimer.singleShot(0, lambda: open_or_show(where))
            return True
        return False


def _same_place(a: Path | str, b: Path | str) -> bool:
    if str(a).startswith(SCHEMES) or str(b).startswith(SCHEMES):
        return str(a) == str(b)
    return Path(a).expanduser().resolve() == Path(b).expanduser().resolve()


def open_or_show(where: Path | str) -> MainWindow | None:
    """The window on `where`, brought to the front if it is open, else opened."""
    for window in _windows:
        if _same_place(window.catalog.archive.location, where):
            window.showNormal()
            window.raise_()
            window.activateWindow()
            return window
    return open_archive_window(where)


def demo_path() -> Path:
    return Path.home() / "Curator" / "Demo.curator"


def _openable(path: Path) -> bool:
    """An archive folder, or a team's connection file (NAME.curator-team)."""
    return is_archive(path) or (path.name.endswith(TEAM_FILE_SUFFIX) and path.is_file())


def recent_archives() -> list[Path]:
    value = QSettings().value("archives/recent", [])
    paths = [value] if isinstance(value, str) else list(value or [])
    return [Path(p) for p in paths if p and _openable(Path(p))]


def remember(path: Path | str) -> None:
    """Make `path` the last archive used, first in Open Recent (a server's bare address is
    not kept: its connection file is what a team keeps and reopens)."""
    if is_server_location(path) and not str(path).endswith(TEAM_FILE_SUFFIX):
        return
    path = Path(path).resolve()
    paths = [str(path)] + [str(p) for p in recent_archives() if p.resolve() != path]
    settings = QSettings()
    settings.setValue("archives/recent", paths[:RECENT_LIMIT])
    settings.setValue("archives/last", str(path))


def last_archive() -> Path | None:
    value = QSettings().value("archives/last", "")
    return Path(value) if value and _openable(Path(value)) else None


# The preference naming the user in the archive's history (else the system's user name).
USER_NAME_SETTING = "history/user_name"


def _open_catalog(where: Path | str, parent: QWidget | None) -> Catalog | None:
    """Open a catalogue; a server that wants a password it has not found (~/.pgpass,
    PGPASSWORD) gets one typed here, kept for this window only, never written down."""
    password = None
    while True:
        try:
            return Catalog.open(where, password=password)
        except ServerError as exc:
            if not exc.needs_password:
                raise
            typed, ok = QInputDialog.getText(
                parent, "Curator", f"{exc}\n\nPassword:", QLineEdit.EchoMode.Password)
            if not ok:
                return None
            password = typed


def open_archive_window(path: Path | str, *, create: bool = False,
                        parent: QWidget | None = None) -> MainWindow | None:
    """Open (or create) an archive in a new window; a failure is shown and returns None."""
    try:
        catalog = Catalog.create(path) if create else _open_catalog(path, parent)
    except CuratorError as exc:
        QMessageBox.warning(parent, "Curator", str(exc))
        return None
    if catalog is None:
        return None
    # the name the history gives this desk's changes, if the user chose one (a server
    # names its users itself)
    name = str(QSettings().value(USER_NAME_SETTING, "") or "").strip()
    if name and catalog.archive.kind == "folder":
        catalog.archive.user_name = name
    window = MainWindow(catalog, owns_catalog=True)
    window.started.connect(collector.freeze_startup)  # the desk's policy: curator.collector
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda _obj=None, w=window: _windows.remove(w)
                             if w in _windows else None)
    _windows.append(window)
    remember(path)
    window.show()
    crash_log.tell(window)  # if the last run died, the first window says so
    return window


def demo_task(path: Path) -> Task:
    """The building of the demo archive at `path`, to run off the GUI thread.

    Cancelled or failed, it leaves nothing half-built behind."""
    from curator.interchange.demo import build_demo

    def work(progress) -> Path:  # noqa: ANN001 - workers.Progress
        catalog = Catalog.create(path)
        try:
            def report(message: str) -> None:
                if not progress(0, 0, message):
                    raise Cancelled("The demo archive was not built.")
            build_demo(catalog, report=report)
        except BaseException:
            catalog.close()
            shutil.rmtree(path, ignore_errors=True)  # nothing half-built stays behind
            raise
        catalog.close()
        return path

    return Task("Building the demo archive", work)


def build_demo_then_open(path: Path, runner: TaskRunner) -> QProgressDialog:
    """Build the demo archive off the GUI thread, showing its steps; open it when done."""
    dialog = QProgressDialog("Building the demo archive\u2026", "Cancel", 0, 0)
    dialog.setWindowTitle("Curator")
    dialog.setMinimumWidth(420)
    dialog.setMinimumDuration(0)
    task = demo_task(path)
    task.progressed.connect(lambda _d, _t, message: dialog.setLabelText(message))
    dialog.canceled.connect(task.cancel)
    task.finished.connect(lambda built: open_archive_window(built))
    task.failed.connect(lambda message: QMessageBox.warning(None, "Curator", message))
    task.cancelled.connect(QApplication.quit)
    task.failed.connect(QApplication.quit)
    task.ended.connect(dialog.reset)
    runner.start(task)
    dialog.show()
    return dialog


def settle(app: QApplication, *, until: Callable[[], bool] | None = None,
           seconds: float = 10.0) -> None:
    """Let the window finish what it is doing: events are handled until `until()` holds,
    or for `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (until and until()):
        app.processEvents()
        time.sleep(0.01)


def screenshot(archive: Path | str, target: Path, size: tuple[int, int] = (1440, 900)) -> int:
    """Save a picture of the main window on `archive` (its best-known film shown) and quit."""
    app = application()
    window = open_archive_window(archive)
    if window is None:
        return 1
    window.resize(*size)
    # the sidebar's attention counts are read aside, just after the first paint
    settle(app, until=lambda: not window.starting and window.sidebar.tree.attention_counted)
    found = window.catalog.search.films("From Russia with Rock", limit=10)
    rows = window.catalog.films.rows(found.ids)
    best = [r for r in rows if r.title == "From Russia with Rock"] or rows
    if best:
        window.open_record(RecordKind.FILM, best[0].id)
    settle(app, seconds=0.5)  # the list's rows and columns fit, thumbnails come in
    saved = window.grab().save(str(target))
    window.close()
    if not saved:
        raise CuratorError(f"Cannot write the screenshot {target}.")
    print(f"Saved {target}")
    return 0


def run(archive: Path | str | None = None) -> int:
    """The `curator` command's GUI: returns the exit status."""
    app = application()
    crash_log.begin()
    runner = TaskRunner(app)
    path = archive or last_archive() or demo_path()
    if archive is None and path == demo_path() and not is_archive(path):
        _keep = build_demo_then_open(path, runner)  # noqa: F841 - alive until the loop ends
    elif open_archive_window(path) is None:
        crash_log.end()
        return 1
    crash_log.crash_if_asked()
    status = app.exec()
    runner.wait()
    crash_log.end()
    return status
