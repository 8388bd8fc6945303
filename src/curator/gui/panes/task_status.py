"""The status bar's progress for long work: what runs, how far it is, and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from curator.gui.style import icon
from curator.gui.workers import Task, TaskRunner


class TaskStatus(QWidget):
    """Shows the most recent running task; hidden when nothing runs."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel(objectName="taskLabel")
        self.bar = QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(False)
        self.cancel = QToolButton()
        self.cancel.setIcon(icon("cancel"))
        self.cancel.setText("Cancel")
        self.cancel.setToolTip("Cancel")
        self.cancel.setAutoRaise(True)
        self.cancel.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self._tasks: list[Task] = []
        runner.started.connect(self._started)
        self.hide()

    @property
    def task(self) -> Task | None:
        return self._tasks[-1] if self._tasks else None

    def _started(self, task: Task) -> None:
        self._tasks.append(task)
        # Bound methods, not lambdas: Qt drops these connections when this widget goes (a
        # window closed while its task still runs), a lambda would be called on a dead one.
        task.progressed.connect(self._task_progressed)
        task.ended.connect(self._task_ended)
        self._progress(task, 0, 0, "")
        self.show()

    def _task_progressed(self, done: int, total: int, message: str) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._progress(task, done, total, message)

    def _task_ended(self) -> None:
        task = self.sender()
        if isinstance(task, Task):
            self._ended(task)

    def _progress(self, task: Task, done: int, total: int, message: str) -> None:
        if task is not self.task:
            return
        self.label.setText(f"{task.title}: {message}" if message else f"{task.title}\u2026")
        self.bar.setRange(0, max(total, 0))
        if total > 0:
            self.bar.setValue(min(done, total))

    def _ended(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if self.task is None:
            self.hide()
        else:
            self._progress(self.task, 0, 0, "")
        self.cancel.setEnabled(True)

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.label.setText(f"{self.task.title}: cancelling\u2026")
            self.cancel.setEnabled(False)
