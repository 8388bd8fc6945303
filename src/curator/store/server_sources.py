"""Printed sources' files on a server: one row per SHA-256 in source_original, as the
originals of stills are (server_stills.py), so one backup of the database holds every scan
and PDF. Each desk keeps the files it has shown in its own cache."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from curator.store.server import ServerArchive


def put_source_file(archive: ServerArchive, sha256: str, data: bytes) -> bool:
    """Store a source's file unless the server holds it whole already; True if written."""
    with archive.write_engine.begin() as conn:
        written = conn.execute(text(
            "INSERT INTO source_original (sha256, data) VALUES (:sha, :data) "
            "ON CONFLICT (sha256) DO UPDATE SET data = excluded.data, "
            "stored_at = excluded.stored_at "
            # a damaged copy (found by `curator check`) is replaced
            "WHERE encode(sha256(source_original.data), 'hex') <> excluded.sha256"),
            {"sha": sha256, "data": data}).rowcount
    return bool(written)


def source_file_data(archive: ServerArchive, sha256: str) -> bytes | None:
    with archive.engine.connect() as conn:
        data = conn.execute(text("SELECT data FROM source_original WHERE sha256 = :sha"),
                            {"sha": sha256}).scalar()
    return bytes(data) if data is not None else None


def source_file_hashes(archive: ServerArchive) -> dict[str, float]:
    """Every source file on the server, with when it was stored (seconds since the epoch)."""
    with archive.engine.connect() as conn:
        return {sha: float(stamp) for sha, stamp in conn.execute(text(
            "SELECT sha256, extract(epoch FROM stored_at) FROM source_original"))}


def source_file_problems(archive: ServerArchive, hashes: Iterable[str]) -> dict[str, str]:
    """For each hash not held whole on the server: "missing" or "corrupt"."""
    wanted = sorted(set(hashes))
    with archive.engine.connect() as conn:
        found = dict(conn.execute(text(
            "SELECT sha256, encode(sha256(data), 'hex') = sha256 FROM source_original "
            "WHERE sha256 = ANY(:hashes)"), {"hashes": wanted}).all())
    return {sha: ("missing" if sha not in found else "corrupt")
            for sha in wanted if not found.get(sha)}


def source_file_sizes(archive: ServerArchive) -> dict[str, int]:
    with archive.engine.connect() as conn:
        return dict(conn.execute(text(
            "SELECT sha256, length(data) FROM source_original")).all())


def remove_source_file(archive: ServerArchive, sha256: str) -> int:
    """Remove a file no source's page refers to (checked in the same transaction); returns
    the bytes freed."""
    with archive.write_engine.begin() as conn:
        freed = conn.execute(text(
            "DELETE FROM source_original o WHERE sha256 = :sha AND NOT EXISTS "
            "(SELECT 1 FROM source_page p WHERE p.sha256 = o.sha256) RETURNING length(data)"),
            {"sha": sha256}).scalar()
    return int(freed or 0)
