"""Waking a desk when another Curator changes the catalogue, on either engine.

    watch = watch_changes(archive)     # its own connection, opened now
    while running:
        if watch.wait(timeout=1.0):     # blocks at most `timeout` seconds
            refresh()                   # something was committed since the last wait
    watch.close()

On a server, every write transaction sends NOTIFY (see server.py) and the watch
LISTENs: it wakes as the other desk commits, and ignores this archive's own writes.
In a folder, it asks SQLite's data_version a few times a second; that counter moves
with any other connection's commit, this desk's own included.
`wait` is meant for a worker thread; `close` may be called from another thread.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Protocol

from curator.store.archive import Archive
from curator.store.server import CHANNEL, ServerArchive

POLL = 0.25  # seconds between two looks at SQLite's data_version


class ChangeWatch(Protocol):
    def wait(self, timeout: float) -> bool:
        """True as soon as a change was committed elsewhere since the last wait (or since
        the watch began); False when `timeout` seconds pass without one, or once closed."""

    def close(self) -> None: ...


def watch_changes(archive: Archive | ServerArchive) -> ChangeWatch:
    if isinstance(archive, ServerArchive):
        return _ServerWatch(archive)
    return _FolderWatch(archive)


class _FolderWatch:
    def __init__(self, archive: Archive) -> None:
        self._conn = sqlite3.connect(archive.database_path, check_same_thread=False,
                                     timeout=1)
        self._seen = self._version()
        self._closed = threading.Event()

    def _version(self) -> int:
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while not self._closed.is_set():
            now = self._version()
            if now != self._seen:
                self._seen = now
                return True
            left = end - time.monotonic()
            if left <= 0:
                return False
            self._closed.wait(min(POLL, left))
        return False

    def close(self) -> None:
        self._closed.set()
        self._conn.close()


class _ServerWatch:
    def __init__(self, archive: ServerArchive) -> None:
        import psycopg

        url = archive.engine.url.set(drivername="postgresql")
        self._own = archive.writer_token
        self._conn = psycopg.connect(url.render_as_string(hide_password=False),
                                     autocommit=True, connect_timeout=10)
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._closed = False

    def wait(self, timeout: float) -> bool:
        end = time.monotonic() + timeout
        while not self._closed:
            left = end - time.monotonic()
            if left <= 0:
                return False
            try:
                for note in self._conn.notifies(timeout=left, stop_after=1):
                    if note.payload != self._own:
                        return True
            except Exception:  # closed from another thread while waiting
                if self._closed:
                    return False
                raise
        return False

    def close(self) -> None:
        self._closed = True
        self._conn.close()
