"""Keeping printed sources' files sound: checking the files pages refer to, and removing
those no source refers to any more.

Deleting a source deletes only its records, so that undo brings it back with its pages;
its files go later, by `collect_unreferenced_files`, under the rules the stills follow
(stills/collection.py): a file is removed once an earlier collection found it unreferenced at
least `grace` ago (or at once with `grace=0`), never when stored in the last ten minutes
(an import elsewhere may be about to record it), and never while any page refers to it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from curator.catalog import Catalog
from curator.paths import is_sha256
from curator.sources.files import source_file_path
from curator.stills.collection import DEFAULT_GRACE, collect
from curator.stills.originals import file_sha256, on_server

__all__ = ["DEFAULT_GRACE", "SourceFilesReport", "check_source_files",
           "collect_unreferenced_files", "source_file_problems", "unreferenced_files"]


@dataclass
class SourceFilesReport:
    checked: int = 0
    problems: dict[str, str] = field(default_factory=dict)  # hash -> "missing" or "corrupt"
    unreferenced: dict[str, int] = field(default_factory=dict)  # hash -> bytes


@dataclass
class SourceCleanup:
    removed: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    freed_bytes: int = 0


def source_file_problems(catalog: Catalog, hashes: list[str] | set[str], *,
                         read: bool = True) -> dict[str, str]:
    """For each of these hashes whose file the archive does not hold whole: "missing" or
    "corrupt" (the server hashes its own rows: only the answer crosses the network).
    `read` False only looks for the files in a folder, without reading them."""
    wanted = sorted(sha for sha in set(hashes) if is_sha256(sha))
    if on_server(catalog.archive):
        from curator.store.server_files import SOURCE_FILES

        return SOURCE_FILES.problems(catalog.archive, wanted)
    out = {}
    for sha in wanted:
        path = source_file_path(catalog.archive, sha)
        if not path.is_file():
            out[sha] = "missing"
        elif read and file_sha256(path) != sha:
            out[sha] = "corrupt"
    return out


def _stored(catalog: Catalog) -> dict[str, tuple[float, int]]:
    """Every source file held: when it was stored, and its size in bytes."""
    if on_server(catalog.archive):
        from curator.store.server_files import SOURCE_FILES

        sizes = SOURCE_FILES.sizes(catalog.archive)
        return {sha: (stamp, sizes.get(sha, 0))
                for sha, stamp in SOURCE_FILES.hashes(catalog.archive).items()}
    root = catalog.archive.sources_dir
    if not root.is_dir():
        return {}
    out = {}
    for shard in root.iterdir():
        if shard.is_dir() and len(shard.name) == 2:
            for path in shard.iterdir():
                if path.is_file() and is_sha256(path.name):
                    info = path.stat()
                    out[path.name] = (info.st_mtime, info.st_size)
    return out


def unreferenced_files(catalog: Catalog) -> dict[str, int]:
    """The files the archive holds that no source's page refers to, with their sizes."""
    referenced = catalog.sources.file_hashes()
    return {sha: size for sha, (_stamp, size) in sorted(_stored(catalog).items())
            if sha not in referenced}


def check_source_files(catalog: Catalog, *, read: bool = True) -> SourceFilesReport:
    """Every file a source's page refers to is held whole (`read` False: is there); and
    which files are held for nothing."""
    hashes = catalog.sources.file_hashes()
    return SourceFilesReport(len(hashes), source_file_problems(catalog, hashes, read=read),
                             unreferenced_files(catalog))


def collect_unreferenced_files(catalog: Catalog, *, grace: float = DEFAULT_GRACE,
                               now: float | None = None) -> SourceCleanup:
    """Remove the source files no page refers to (see the module's rules)."""
    archive = catalog.archive

    def remove(sha: str, size: int) -> int:
        if on_server(archive):
            from curator.store.server_files import SOURCE_FILES

            size = SOURCE_FILES.remove(archive, sha)
        source_file_path(archive, sha).unlink(missing_ok=True)  # (on a server, this desk's copy)
        return size

    done = collect(archive.sources_dir, _stored(catalog), catalog.sources.file_hashes(),
                   in_use=lambda sha: sha in catalog.sources.file_hashes(), remove=remove,
                   grace=grace, now=time.time() if now is None else now)
    return SourceCleanup(done.removed, done.waiting, done.freed_bytes)
