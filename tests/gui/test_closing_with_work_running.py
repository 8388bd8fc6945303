"""A window closed while its long work still runs: the work's last signals arrive after
the window is gone and must reach nothing of it (pytest-qt fails the test on any
exception raised in Qt's event loop)."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QApplication

from curator.gui.main_window import MainWindow
from curator.gui.workers import Task


def test_a_task_ending_after_its_window_closed_reaches_nothing_of_it(qtbot, catalog):
    window = MainWindow(catalog)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.starting)
    running = threading.Event()

    def work(progress):  # noqa: ANN001, ANN202 - workers.Progress
        running.set()
        while progress(1, 2, "working"):
            threading.Event().wait(0.01)
        progress(2, 2, "stopping")  # reported after the user closed the window
        return "done"

    task = Task("Long work", work)
    finished = []
    window.tasks.start(task)
    task.cancelled.connect(lambda: finished.append("cancelled"))
    assert running.wait(5)
    window.close()  # cancels the task and waits for it: its last signals are on their way
    shiboken6.delete(window)  # gone before they arrive, as a closed window can be
    qtbot.waitUntil(lambda: finished == ["cancelled"])  # they were delivered, to others
    for _ in range(5):
        QApplication.processEvents()
