"""If the desk dies anyway: where it writes why, and what the next start tells the user.

While the desk runs, Python's `faulthandler` is armed on a log file of this process in
the user's data folder (`folder()`, Qt's AppDataLocation: ~/.local/share/Curator/Curator
on Linux, %APPDATA%\\Curator\\Curator on Windows, ~/Library/Application Support/Curator/
Curator on macOS). A clean exit removes the file. A file left by a process that is gone
means Curator closed unexpectedly: the next start keeps it under a name of its own and
says so, where it is, and that no saved edit was lost (each edit is saved when it is
made). The message neither blocks nor waits.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time
from pathlib import Path
from typing import IO

from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import QMainWindow, QMessageBox

KEEP = 5  # crash reports kept; older ones go
CRASH_FOR_TEST = "CURATOR_CRASH_FOR_TEST"  # "1": the desk dies on purpose once it is up

_log: IO[str] | None = None
_stderr_was_armed = False
_notice: str | None = None


def folder() -> Path:
    """The user's data folder of Curator, where the crash logs are (the one place that says so)."""
    location = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location or Path.home() / ".curator")


def _running_log(pid: int) -> Path:
    return folder() / f"running-{pid}.log"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: alive
        return True
    return True


def begin() -> str | None:
    """Arm the crash log of this process; the notice about a previous crash, if there was one."""
    global _log, _stderr_was_armed, _notice
    where = folder()
    kept: list[Path] = []
    try:
        where.mkdir(parents=True, exist_ok=True)
        for left in sorted(where.glob("running-*.log")):
            pid = left.stem.removeprefix("running-")
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                stamp = time.strftime("%Y-%m-%d-%H%M%S",
                                      time.localtime(left.stat().st_mtime))
                report = where / f"crash-{stamp}-{pid}.log"
                left.rename(report)
                kept.append(report)
        for old in sorted(where.glob("crash-*.log"))[:-KEEP]:
            old.unlink(missing_ok=True)
        _log = _running_log(os.getpid()).open("w", encoding="utf-8")
        started = time.strftime("%Y-%m-%d %H:%M:%S")
        _log.write(f"Curator (process {os.getpid()}) started {started}\n")
        _log.flush()
    except OSError as exc:  # a read-only home: the desk runs, without a crash log
        print(f"curator: no crash log in {where}: {exc}", file=sys.stderr)
        _log = None
    if _log is not None:
        _stderr_was_armed = faulthandler.is_enabled()
        faulthandler.enable(_log, all_threads=True)
    _notice = notice(kept[-1]) if kept else None
    return _notice


def notice(report: Path) -> str:
    return ("Curator closed unexpectedly the last time it ran. No saved edit was lost: "
            "each edit is saved the moment it is made. What happened is written in "
            f"{report}; please send that file with a word on what you were doing.")


def tell(window: QMainWindow) -> None:
    """Show the notice of a previous crash in this window, once, without blocking it."""
    global _notice
    if _notice is None:
        return
    message, _notice = _notice, None
    window.statusBar().showMessage(message)
    box = QMessageBox(QMessageBox.Icon.Warning, "Curator closed unexpectedly", message,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("crashNotice")
    box.setWindowModality(Qt.WindowModality.NonModal)  # the desk is usable around it
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()


def end() -> None:
    """A clean exit: disarm and remove this process's crash log."""
    global _log
    if _log is None:
        return
    faulthandler.disable()
    if _stderr_was_armed and sys.__stderr__ is not None:
        faulthandler.enable(sys.__stderr__)
    path = Path(_log.name)
    _log.close()
    _log = None
    path.unlink(missing_ok=True)


def crash_if_asked() -> None:
    """For the crash log's own test: die as a native crash would, once the desk is up."""
    if os.environ.get(CRASH_FOR_TEST) == "1":
        QTimer.singleShot(0, faulthandler._sigsegv)
