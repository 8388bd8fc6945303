"""Changes made elsewhere: what other desks write to the archive, seen within two seconds.

On a server, a thread waits on the catalogue's change watch (LISTEN/NOTIFY, see
store/watch.py) and wakes the desk as another desk's write commits; a slow timer stays
behind it only to catch up should the watch's connection be lost. In a folder, SQLite
announces nothing, so a timer asks the archive once a second whether anyone wrote
(`change_token`: the newest history id, one step down an index). Either way, once
someone did, the history says what other desks changed since, as a `Changes`; it goes
out on `arrived`, and the panes refresh from it as from an edit made here, a form keeping
what its user is typing.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from curator import CuratorError
from curator.catalog import Catalog

CHECK_EVERY_MS = 1000  # other desks' changes show within two seconds
# behind the notifications, a look now and then: a watch whose connection dropped (the
# server restarted) still lets the desk catch up, then the timer takes over
FALLBACK_EVERY_MS = 15_000
WAIT_S = 1.0  # how long the watching thread waits at once (and so how soon it stops)


class ChangesElsewhere(QObject):
    arrived = Signal(object)  # Changes: what other desks changed since the last check
    _notified = Signal()  # from the watching thread: another desk committed a change
    _lost = Signal()  # from the watching thread: its connection went

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.token: object = None
        self.position = 0
        # what woke each check that found changes: "notification" or "timer"
        self.woken_by: list[str] = []
        try:
            self.token = catalog.history.change_token()
            self.position = catalog.history.position()
        except CuratorError:
            pass  # a busy archive: the first check catches up
        self._stopping = threading.Event()
        self._watch = None
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.check("timer"))
        # queued: the thread only posts; the check runs here, on the desk's thread
        self._notified.connect(lambda: self.check("notification"),
                               Qt.ConnectionType.QueuedConnection)
        self._lost.connect(lambda: self.timer.setInterval(CHECK_EVERY_MS),
                           Qt.ConnectionType.QueuedConnection)
        if getattr(catalog.archive, "kind", "") == "server":
            self._listen()
        self.timer.start()

    @property
    def listening(self) -> bool:
        """Whether notifications wake the desk (a server whose watch is up)."""
        return self._thread is not None and self._thread.is_alive()

    def _listen(self) -> None:
        try:
            self._watch = self.catalog.watch_changes()
        except Exception:  # noqa: BLE001 - no watch: polling once a second still works
            self._watch = None
            return
        self.timer.setInterval(FALLBACK_EVERY_MS)
        self._thread = threading.Thread(target=self._wait, name="changes elsewhere",
                                        daemon=True)
        self._thread.start()

    def _wait(self) -> None:
        watch = self._watch
        try:
            while not self._stopping.is_set():
                if watch.wait(WAIT_S) and not self._stopping.is_set():
                    self._notified.emit()
        except Exception:  # noqa: BLE001 - the connection went: fall back to polling
            if not self._stopping.is_set():
                self._lost.emit()

    def check(self, why: str = "timer") -> None:
        """Pass on what other desks changed, if anyone wrote since the last check."""
        if self._stopping.is_set():
            return
        try:
            token = self.catalog.history.change_token()
            if token == self.token:
                return
            position, changes = self.catalog.history.changes_since(self.position)
        except CuratorError:
            return  # busy, or going away: the next check tries again
        self.token, self.position = token, position
        if changes:
            self.woken_by.append(why)
            self.arrived.emit(changes)

    def stop(self) -> None:
        self.timer.stop()
        self._stopping.set()
        watch, thread = self._watch, self._thread
        self._watch = self._thread = None
        if watch is not None:
            watch.close()
        if thread is not None:
            thread.join(WAIT_S + 1)
