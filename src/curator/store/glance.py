"""A quick look into an archive folder for the commands that only read (`curator info`,
`curator search`): a bare sqlite3 connection, opened only when the full open would do no
more than open it. No SQLAlchemy, no ORM: such a command then starts in a fraction of
the time (benchmarks/bench_start.py)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from curator.store import integrity
from curator.store.schema import DATABASE_NAME, SCHEMA_HEAD


def open_for_reading(where: str | os.PathLike[str]) -> sqlite3.Connection | None:
    """A connection that reads the archive folder `where`; None when only the full open
    (store.open_archive) will do: a server, a folder that is not a Curator archive of this
    schema, one Curator cannot write to, or one whose last session did not close. The full
    open then says what is wrong, upgrades it, or checks it page by page."""
    folder = Path(where).expanduser().absolute()
    database = folder / DATABASE_NAME
    try:
        if not database.is_file() or not (os.access(folder, os.W_OK)
                                          and os.access(database, os.W_OK)):
            return None
        if (folder / integrity.MARKERS_DIR).is_dir() and integrity.SessionMarker(folder).stale():
            return None
        if integrity.identify_catalogue(database) != SCHEMA_HEAD:
            return None
        # read-only: nothing this connection does can change the catalogue
        return sqlite3.connect(database.as_uri() + "?mode=ro", uri=True, timeout=10)
    except (integrity.NotACatalogue, OSError, sqlite3.Error):
        return None


def runner(db: sqlite3.Connection) -> Any:
    """How search_fts5 runs its statements on this connection."""
    def run(sql: str, params: Sequence[Any]) -> list[Sequence[Any]]:
        return db.execute(sql, tuple(params)).fetchall()
    return run
