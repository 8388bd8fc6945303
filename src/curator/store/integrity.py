"""Whether a file is a Curator catalogue at all, and whether the last session closed it cleanly.

`identify_catalogue` looks at a database file without changing it and says what
it is: a Curator archive (its schema revision), or one clear sentence on why it
is not (empty, not SQLite, another program's tables, damaged). Opening refuses
anything but a Curator archive, so no schema is ever added to another file.

Each writable open leaves a marker in `.in-use/`, removed on close. A marker
whose process is gone means a session ended without closing (a crash, a power
cut): the next open checks the database page by page before anything is written.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import uuid
from pathlib import Path

MARKERS_DIR = ".in-use"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every Curator schema has had; a file holding none of them is not ours.
CURATOR_TABLES = frozenset({"film", "person", "festival", "edition", "credit"})
_HOST = socket.gethostname()


class NotACatalogue(Exception):
    """The file is not a Curator archive; the message says what it is instead."""


class DamagedCatalogue(NotACatalogue):
    """The file is a Curator archive that SQLite cannot read whole."""


def read_only_uri(path: Path) -> str:
    """SQLite's address of a database nobody can change (a CD, a read-only folder).

    Immutable (no locks, no journal) unless the last commits still sit in the
    write-ahead log beside it, which an immutable database would not read.
    """
    wal = path.with_name(path.name + "-wal")
    has_log = wal.is_file() and wal.stat().st_size > 0
    return path.absolute().as_uri() + ("?mode=ro" if has_log else "?mode=ro&immutable=1")


def _connect_read_only(path: Path, immutable: bool) -> sqlite3.Connection:
    uri = read_only_uri(path) if immutable else path.absolute().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=10)


def _header_problem(path: Path) -> str | None:
    """What is wrong with the file before SQLite is asked: empty, not SQLite, cut short."""
    size = path.stat().st_size
    if size == 0:
        return ("is empty (0 bytes), not a Curator archive; perhaps its creation was cut "
                "short. Nothing was changed")
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(SQLITE_MAGIC):
        return "is not a database (neither SQLite nor a Curator archive)"
    if len(header) < 100:
        return "is cut short (smaller than a database header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # the header's page count is valid when its change counter matches (SQLite's rule)
    if pages and header[24:28] == header[92:96] and size < pages * page_size:
        return (f"is cut short: it holds {size:,} bytes of the {pages * page_size:,} its "
                "header announces")
    return None


def identify_catalogue(path: Path, *, immutable: bool = False) -> str:
    """The schema revision of a Curator catalogue; NotACatalogue saying what the file is."""
    name = path.name
    problem = _header_problem(path)
    if problem:
        raise (DamagedCatalogue if "cut short" in problem else NotACatalogue)(
            f"{name} {problem}.")
    try:
        conn = _connect_read_only(path, immutable)
    except sqlite3.Error as exc:
        raise NotACatalogue(f"{name} cannot be opened ({exc}).") from None
    try:
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        ours = tables & CURATOR_TABLES
        if "alembic_version" not in tables:
            if not tables:
                raise NotACatalogue(f"{name} is an empty database, not a Curator archive.")
            if not ours:
                raise NotACatalogue(f"{name} belongs to another program (it holds the tables "
                                    f"{_listed(tables)}), not a Curator archive.")
            raise NotACatalogue(f"{name} has lost its schema version (no alembic_version "
                                "table), so Curator cannot tell how to read it.")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        revision = rows[0][0] if len(rows) == 1 else None
        if not ours:
            raise NotACatalogue(f"{name} belongs to another program (it holds the tables "
                                f"{_listed(tables)}), not a Curator archive.")
        if not isinstance(revision, str) or not revision.strip():
            found = "is empty" if not rows or not rows[0][0] else "is unreadable"
            if len(rows) > 1:
                found = f"holds {len(rows)} versions"
            raise NotACatalogue(f"{name} has no valid schema version (its alembic_version "
                                f"table {found}), so Curator cannot tell how to read it.")
        return revision
    except sqlite3.OperationalError as exc:
        if immutable and "?mode=ro&" not in read_only_uri(path):
            # the last commits are in the log beside it, which needs a writable folder
            raise NotACatalogue(
                f"{name} cannot be read where it is ({exc}): its last changes are in "
                f"{name}-wal; copy the archive to a writable place to open it.") from None
        raise NotACatalogue(f"{name} cannot be opened ({exc}).") from None
    except sqlite3.DatabaseError as exc:
        raise DamagedCatalogue(f"{name} is damaged ({exc}).") from None
    finally:
        conn.close()


def _listed(tables: set[str]) -> str:
    shown = sorted(t for t in tables if not t.startswith("sqlite_"))[:4]
    more = len(tables) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def quick_check(conn: sqlite3.Connection, limit: int = 10) -> list[str]:
    """SQLite's page-by-page check; the problems found (none: the database is sound)."""
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA quick_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


# -- the marker of an open session -------------------------------------------------------
class SessionMarker:
    """This process's note in `.in-use/` that the archive is open for writing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / MARKERS_DIR
        self.path = self.folder / f"{_HOST}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._handle: object | None = None

    def stale(self) -> list[Path]:
        """Markers left by sessions that ended without closing the archive."""
        if not self.folder.is_dir():
            return []
        return [p for p in self.folder.iterdir() if p != self.path and not _alive(p)]

    def place(self) -> None:
        self.folder.mkdir(exist_ok=True)
        # Kept open: on Windows an open file cannot be deleted, which is how another
        # process tells this session is still running.
        self._handle = self.path.open("w")

    def remove(self) -> None:
        if self._handle is not None:
            self._handle.close()  # type: ignore[attr-defined]
            self._handle = None
        self.path.unlink(missing_ok=True)
        try:
            self.folder.rmdir()  # only when no other session is open
        except OSError:
            pass


def _alive(marker: Path) -> bool:
    parts = marker.name.rsplit("-", 2)  # host-pid-token
    if len(parts) != 3 or not parts[1].isdigit():
        return False
    host, pid = parts[0], int(parts[1])
    if host != _HOST:
        return False  # a session on another machine: over, as far as this one can tell
    if os.name == "nt":
        try:
            marker.unlink()
        except PermissionError:
            return True
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clear(markers: list[Path]) -> None:
    for marker in markers:
        marker.unlink(missing_ok=True)
