"""Where a catalogue is: an archive folder (SQLite) or a server (an address or a
`.curator-team` connection file); one call opens either."""

from __future__ import annotations

import os

from curator.store.archive import Archive
from curator.store.server import ServerArchive, is_server_location

AnyArchive = Archive | ServerArchive


def open_archive(where: str | os.PathLike[str], *, lock_timeout: float | None = None,
                 password: str | None = None) -> AnyArchive:
    """Open the catalogue `where` names; see Archive.open and ServerArchive.open."""
    if is_server_location(where):
        return ServerArchive.open(where, password=password, lock_timeout=lock_timeout)
    return Archive.open(where, lock_timeout=lock_timeout)
