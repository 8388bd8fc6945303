"""Changes made elsewhere: what other desks write to the archive, seen within two seconds.

A timer asks the archive, once a second, whether anyone wrote (`Catalog.change_token`: on
SQLite the newest history id, one step down an index; a server can wake it sooner). When
someone did, the history says what other desks changed since, as a `Changes`; it goes out
on `arrived`, and the panes refresh from it as from an edit made here, a form keeping
what its user is typing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from curator import CuratorError
from curator.catalog import Catalog

CHECK_EVERY_MS = 1000  # other desks' changes show within two seconds


class ChangesElsewhere(QObject):
    arrived = Signal(object)  # Changes: what other desks changed since the last check

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.token: object = None
        self.position = 0
        try:
            self.token = catalog.history.change_token()
            self.position = catalog.history.position()
        except CuratorError:
            pass  # a busy archive: the first check catches up
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Pass on what other desks changed, if anyone wrote since the last check."""
        try:
            token = self.catalog.history.change_token()
            if token == self.token:
                return
            position, changes = self.catalog.history.changes_since(self.position)
        except CuratorError:
            return  # busy, or going away: the next check tries again
        self.token, self.position = token, position
        if changes:
            self.arrived.emit(changes)

    def stop(self) -> None:
        self.timer.stop()
