"""Undo and redo of catalog operations on a QUndoStack.

An operation runs first, outside the stack: if it fails (validation, a stale
version) nothing is pushed. What it changed is then pushed as a command that
only carries the Changes, never live objects; undo inverts them through the
catalog, and redo inverts the undo. A no-op is not pushed. Every step is
announced on `CatalogUndo.changed`, so panes refresh what it touched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from curator.catalog import Catalog, Changes


class CatalogCommand(QUndoCommand):
    def __init__(self, undo: CatalogUndo, changes: Changes) -> None:
        super().__init__(changes.label)
        self._undo = undo
        self._done = changes  # the changes as they now stand in the archive
        self._fresh = True  # QUndoStack.push calls redo(): the operation already ran

    @property
    def changes(self) -> Changes:
        return self._done

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            return
        self._invert(f"Redo {self.text()}")

    def undo(self) -> None:
        self._invert(f"Undo {self.text()}")

    def _invert(self, label: str) -> None:
        try:
            self._done = self._undo.invert(self._done, label)
        except Exception:  # noqa: BLE001 - `failed` has told the user why
            # Nothing was written; an obsolete command is dropped by the stack, so the
            # stack never claims a step that the archive does not hold.
            self.setObsolete(True)


class CatalogUndo(QObject):
    """The session's undo stack over one catalog."""

    changed = Signal(object)  # Changes: after any operation, undo or redo
    failed = Signal(str)  # a message when an undo or redo could not be done

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.stack = QUndoStack(self)

    def run(self, operation: Callable[[], Changes]) -> Changes:
        """Run a catalog operation and push it; errors propagate and nothing is pushed."""
        changes = operation()
        self.push(changes)
        return changes

    def push(self, changes: Changes) -> None:
        """Push an operation that already ran (a worker's import, say)."""
        if not changes:
            return
        self.stack.push(CatalogCommand(self, changes))
        self.changed.emit(changes)

    def invert(self, changes: Changes, label: str = "") -> Changes:
        """Write `changes` backwards; `label` is what the history calls it ("Undo ...")."""
        try:
            inverted = self.catalog.undo(changes, label)
        except Exception as exc:  # a stale row: the stack stays where it was
            self.failed.emit(str(exc))
            raise
        self.changed.emit(inverted)
        return inverted

    def macro(self, label: str) -> _Macro:
        """Group several operations into one undo step: `with undo.macro("Edit 3 films"):`."""
        return _Macro(self.stack, label)


class _Macro:
    def __init__(self, stack: QUndoStack, label: str) -> None:
        self.stack, self.label = stack, label

    def __enter__(self) -> None:
        self.stack.beginMacro(self.label)

    def __exit__(self, *exc: object) -> None:
        self.stack.endMacro()
