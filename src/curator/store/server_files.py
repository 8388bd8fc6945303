"""Files kept in a server's database, one row per SHA-256: the originals of stills
(`still_original`) and the files of printed sources (`source_original`), so one backup of
the database holds the whole catalogue. The server checks them itself (sha256()); each
desk keeps what it has shown in its own cache."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from curator.store.server import ServerArchive


@dataclass(frozen=True)
class ServerFiles:
    """One table of files by SHA-256 (`sha256`, `data`, `stored_at`), and the table whose
    `sha256` column uses them. Both names are the schema's own, never a user's."""

    table: str
    users: str

    def put(self, archive: ServerArchive, sha256: str, data: bytes) -> bool:
        """Store a file unless the server holds it whole already; True if written."""
        with archive.write_engine.begin() as conn:
            written = conn.execute(text(
                f"INSERT INTO {self.table} (sha256, data) VALUES (:sha, :data) "
                "ON CONFLICT (sha256) DO UPDATE SET data = excluded.data, "
                "stored_at = excluded.stored_at "
                # a damaged copy (found by a check) is replaced
                f"WHERE encode(sha256({self.table}.data), 'hex') <> excluded.sha256"),
                {"sha": sha256, "data": data}).rowcount
        return bool(written)

    def data(self, archive: ServerArchive, sha256: str) -> bytes | None:
        with archive.engine.connect() as conn:
            data = conn.execute(text(f"SELECT data FROM {self.table} WHERE sha256 = :sha"),
                                {"sha": sha256}).scalar()
        return bytes(data) if data is not None else None

    def hashes(self, archive: ServerArchive) -> dict[str, float]:
        """Every file on the server, with when it was stored (seconds since the epoch)."""
        with archive.engine.connect() as conn:
            return {sha: float(stamp) for sha, stamp in conn.execute(text(
                f"SELECT sha256, extract(epoch FROM stored_at) FROM {self.table}"))}

    def problems(self, archive: ServerArchive, hashes: Iterable[str]) -> dict[str, str]:
        """For each hash not held whole on the server: "missing" or "corrupt"."""
        wanted = sorted(set(hashes))
        with archive.engine.connect() as conn:
            found = dict(conn.execute(text(
                f"SELECT sha256, encode(sha256(data), 'hex') = sha256 FROM {self.table} "
                "WHERE sha256 = ANY(:hashes)"), {"hashes": wanted}).all())
        return {sha: ("missing" if sha not in found else "corrupt")
                for sha in wanted if not found.get(sha)}

    def sizes(self, archive: ServerArchive) -> dict[str, int]:
        with archive.engine.connect() as conn:
            return dict(conn.execute(text(
                f"SELECT sha256, length(data) FROM {self.table}")).all())

    def remove(self, archive: ServerArchive, sha256: str) -> int:
        """Remove a file nothing refers to (checked in the same transaction); returns the
        bytes freed."""
        with archive.write_engine.begin() as conn:
            freed = conn.execute(text(
                f"DELETE FROM {self.table} o WHERE sha256 = :sha AND NOT EXISTS "
                f"(SELECT 1 FROM {self.users} u WHERE u.sha256 = o.sha256) "
                "RETURNING length(data)"), {"sha": sha256}).scalar()
        return int(freed or 0)


STILL_ORIGINALS = ServerFiles("still_original", "still")
SOURCE_FILES = ServerFiles("source_original", "source_page")
