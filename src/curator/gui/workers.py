"""Long work off the GUI thread: a task reports progress, can be cancelled, never touches widgets.

    task = Task("Exporting site", lambda progress: export_site(..., progress=progress))
    task.finished.connect(on_done); task.failed.connect(show_error)
    runner.start(task)

The work function receives `progress(done, total, message) -> bool`; it returns
False once the user has asked to cancel, and the work should then stop (raising
curator.catalog.Cancelled, or returning early). Results and errors come back to
the GUI thread by signal only.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from curator import CuratorError, collector
from curator.catalog import Cancelled

Progress = Callable[[int, int, str], bool]


class Task(QObject):
    progressed = Signal(int, int, str)  # done, total, message
    finished = Signal(object)  # the work's result
    failed = Signal(str)  # a message for the user
    cancelled = Signal()
    ended = Signal()  # after finished, failed or cancelled

    def __init__(self, title: str, work: Callable[[Progress], Any],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int, message: str = "") -> bool:
        self.progressed.emit(done, total, message)
        return not self._cancel.is_set()

    def run(self) -> None:
        """Runs on a worker thread."""
        try:
            with collector.paused():  # the desk's policy for long work: curator.collector
                result = self._work(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except CuratorError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            where = f": {exc.filename}" if exc.filename else ""
            self.failed.emit(f"{exc.strerror or exc}{where}")
        except Exception as exc:  # an unexpected failure still reaches the user
            traceback.print_exc()
            self.failed.emit(f"Unexpected error: {exc}")
        else:
            if self._cancel.is_set():
                self.cancelled.emit()
            else:
                self.finished.emit(result)
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.run()


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps them alive until they end."""

    started = Signal(object)  # Task

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self._running: set[Task] = set()

    def start(self, task: Task) -> Task:
        self._running.add(task)
        task.ended.connect(lambda t=task: self._running.discard(t))
        self.started.emit(task)
        self.pool.start(_Runnable(task))
        return task

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
