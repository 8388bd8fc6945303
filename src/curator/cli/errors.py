"""How every command ends when something goes wrong: one line on stderr, never a traceback.

Errors a user can act on (a CuratorError, a file the system refused, a full
disk) become one sentence naming the problem and the file. Anything else is a
fault in Curator: the user still reads one line, and the full report is written
to a file whose name that line gives, to attach to a bug report.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from curator import CuratorError, __version__
from curator.cli.terminal import printable
from curator.oserrors import os_problem

GUI_MODULES = ("PySide6", "shiboken6")


def error_line(exc: BaseException) -> str | None:
    """The one line for an error a user can act on; None for a fault in Curator."""
    if isinstance(exc, CuratorError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_problem(exc) + "."
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] in GUI_MODULES:
        return ("The desk needs Qt (PySide6), which this installation of Curator lacks; "
                "install Curator with its window: pip install 'curator[gui]'.")
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").split(".")[0] == "psycopg":
        return ("A catalogue on a server needs psycopg, which this installation of Curator "
                "lacks; install Curator for teams: pip install 'curator[team]'.")
    if isinstance(exc, MemoryError):
        return "Curator ran out of memory; nothing more was changed."
    return None


def reports_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "curator" / "reports"


def write_report(exc: BaseException, argv: list[str]) -> Path | None:
    """Write the full report of an unexpected error; its path, or None if none could be."""
    text = (f"Curator {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n"
            f"command: curator {' '.join(argv)}\n"
            f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n\n"
            + "".join(traceback.format_exception(exc)))
    name = f"curator-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
    for folder in (reports_folder(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8", errors="backslashreplace")
            return path
        except OSError:
            continue
    return None


def unexpected_line(exc: BaseException, argv: list[str]) -> str:
    """One line for a fault in Curator, naming where its full report is."""
    report = write_report(exc, argv)
    what = type(exc).__name__
    where = (f"the full report is in {report}" if report
             else "no report could be written")
    return (f"An unexpected error stopped Curator ({what}); nothing more was changed. "
            f"Please report it: {where}.")


def print_error(line: str) -> None:
    print(f"curator: {printable(line)}", file=sys.stderr, flush=True)
