"""Changes made elsewhere: what other desks write to the archive, seen within two seconds.

On a server, a thread waits on the catalogue's change watch (LISTEN/NOTIFY, see
store/watch.py) and wakes the desk as another desk's write commits; a slow timer stays
behind it; should the watch's connection be lost, the timer looks once a second until
the thread listens again. In a folder, SQLite
announces nothing, so a timer asks the archive once a second whether anyone wrote
(`change_token`: the newest history id, one step down an index). Either way, once
someone did, the history says what other desks changed since, as a `Changes`; it goes
out on `arrived`, and the panes refresh from it as from an edit made here, a form keeping
what its user is typing.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from curator import CuratorError
from curator.catalog import Catalog

CHECK_EVERY_MS = 1000  # other desks' changes show within two seconds
# behind the notifications, a look now and then: a watch whose connection dropped (the
# server restarted) still lets the desk catch up, then the timer takes over
FALLBACK_EVERY_MS = 15_000
WAIT_S = 1.0  # how long the watching thread waits at once (and so how soon it stops)
RETRY_S = 2.0  # between two tries to listen again after the connection went


class ChangesElsewhere(QObject):
    arrived = Signal(object)  # Changes: what other desks changed since the last check
    # from the watching thread, queued to the desk's: another desk committed a change;
    # the notifications came (True) or went (False)
    _notified = Signal()
    _listening = Signal(bool)

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.token: object = None
        self.position = 0
        self.listening = False  # whether the server's notifications wake the desk now
        # what woke each check that found changes: "notification" or "timer"
        self.woken_by: list[str] = []
        try:
            self.token = catalog.history.change_token()
            self.position = catalog.history.position()
        except CuratorError:
            pass  # a busy archive: the first check catches up
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watch = None
        self._thread: threading.Thread | None = None
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(lambda: self.check("timer"))
        self._notified.connect(lambda: self.check("notification"),
                               Qt.ConnectionType.QueuedConnection)
        self._listening.connect(self._set_listening, Qt.ConnectionType.QueuedConnection)
        self.timer.start()
        if getattr(catalog.archive, "kind", "") == "server":
            self._thread = threading.Thread(target=self._watch_server,
                                            name="changes elsewhere", daemon=True)
            self._thread.start()

    def _set_listening(self, up: bool) -> None:
        if self._stopping.is_set():
            return
        self.listening = up
        self.timer.setInterval(FALLBACK_EVERY_MS if up else CHECK_EVERY_MS)
        if up:
            self.check("timer")  # what came between the last look and the LISTEN

    def _watch_server(self) -> None:
        """The watching thread: listen, wake the desk on each notification, and listen
        again after a lost connection (the timer looks once a second meanwhile)."""
        while not self._stopping.is_set():
            try:
                watch = self.catalog.watch_changes()
            except Exception:  # noqa: BLE001 - the server is away: try again shortly
                self._stopping.wait(RETRY_S)
                continue
            with self._lock:
                if self._stopping.is_set():
                    watch.close()
                    return
                self._watch = watch
            self._listening.emit(True)
            try:
                while not self._stopping.is_set():
                    if watch.wait(WAIT_S) and not self._stopping.is_set():
                        self._notified.emit()
            except Exception:  # noqa: BLE001, S110 - the connection went: listen anew
                pass
            with self._lock:
                self._watch = None
            with contextlib.suppress(Exception):
                watch.close()
            if not self._stopping.is_set():
                self._listening.emit(False)
                self._stopping.wait(RETRY_S)

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
        self.listening = False
        with self._lock:
            watch = self._watch
        if watch is not None:
            watch.close()  # wakes the thread's wait at once
        if self._thread is not None:
            self._thread.join(WAIT_S + 1)
            self._thread = None
