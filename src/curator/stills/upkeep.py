"""Keeping the image store sound: checking originals, collecting unreferenced ones.

Deleting a still deletes only its record, so that undo can bring it back with
its image. Files no record refers to are removed later, by `collect_unreferenced`:
a file must have been found unreferenced by an earlier collection at least
`grace` ago (so an open session elsewhere can still undo), unless the caller
asks for `grace=0`. A file that any record refers to is never removed.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from curator.catalog import Cancelled, Catalog
from curator.paths import is_sha256
from curator.stills.collection import DEFAULT_GRACE, collect
from curator.stills.derivatives import derivative_folder
from curator.stills.originals import file_sha256, on_server, original_path

Progress = Callable[[int, int, str], bool]
BAD_RECORD = "bad record"


@dataclass(frozen=True)
class StillProblem:
    sha256: str
    problem: str  # "missing", "corrupt" or BAD_RECORD (a hash that is not a SHA-256)
    owners: tuple[str, ...]  # "film 12 From Russia with Rock", "person 3 Marjaana Mykkanen"


@dataclass
class CheckReport:
    checked: int = 0
    problems: list[StillProblem] = field(default_factory=list)

    def of_kind(self, problem: str) -> list[StillProblem]:
        return [p for p in self.problems if p.problem == problem]


@dataclass
class CleanupReport:
    removed: list[str] = field(default_factory=list)  # hashes whose originals were removed
    waiting: list[str] = field(default_factory=list)  # unreferenced, kept until the grace ends
    freed_bytes: int = 0


def check_stills(catalog: Catalog, progress: Progress | None = None) -> CheckReport:
    """Every original a still refers to exists and still has the hash it is named by.

    `progress(done, total, message)` returning False cancels (Cancelled is raised).
    """
    owners: dict[str, list[tuple[int | None, int | None]]] = {}
    for sha, film_id, person_id in catalog.stills.all_hashes():
        owners.setdefault(sha, []).append((film_id, person_id))
    report = CheckReport()
    total = len(owners)
    if on_server(catalog.archive):
        # the server hashes its own rows: nothing crosses the network but the answer
        from curator.store.server_files import STILL_ORIGINALS

        if progress is not None and not progress(0, total, f"Checking {total} originals"):
            raise Cancelled("The check was cancelled.")
        found = STILL_ORIGINALS.problems(
            catalog.archive, [sha for sha in owners if is_sha256(sha)])
    for sha, refs in owners.items():
        report.checked += 1
        if progress is not None and not progress(
                report.checked, total, f"Checked {report.checked} of {total} originals"):
            raise Cancelled("The check was cancelled.")
        if not is_sha256(sha):  # names no file: never looked for, wherever it points
            report.problems.append(StillProblem(sha, BAD_RECORD, _owners(catalog, refs)))
            continue
        if on_server(catalog.archive):
            if sha in found:
                report.problems.append(StillProblem(sha, found[sha], _owners(catalog, refs)))
            continue
        path = original_path(catalog.archive, sha)
        if not path.is_file():
            problem = "missing"
        elif file_sha256(path) != sha:
            problem = "corrupt"
        else:
            continue
        report.problems.append(StillProblem(sha, problem, _owners(catalog, refs)))
    return report


def _owners(catalog: Catalog, refs: list[tuple[int | None, int | None]]) -> tuple[str, ...]:
    names = []
    for film_id, person_id in dict.fromkeys(refs):
        if film_id is not None:
            names.append(f"film {film_id} {catalog.films.get(film_id).title}")
        elif person_id is not None:
            names.append(f"person {person_id} {catalog.people.get(person_id).name}")
    return tuple(names)


def stored_hashes(catalog: Catalog) -> set[str]:
    """The originals present in the stills folder (or on the server)."""
    if on_server(catalog.archive):
        from curator.store.server_files import STILL_ORIGINALS

        return set(STILL_ORIGINALS.hashes(catalog.archive))
    root = catalog.archive.stills_dir
    if not root.is_dir():
        return set()
    return {p.name for shard in root.iterdir() if shard.is_dir() and len(shard.name) == 2
            for p in shard.iterdir() if p.is_file() and is_sha256(p.name)}


def collect_unreferenced(catalog: Catalog, *, grace: float = DEFAULT_GRACE,
                         now: float | None = None) -> CleanupReport:
    """Remove originals (and their derivatives) that no still refers to any more, by the
    rules of stills/collection.py; leftovers of interrupted imports are cleared too."""
    archive = catalog.archive

    def remove(sha: str, size: int) -> int:
        if on_server(archive):
            from curator.store.server_files import STILL_ORIGINALS

            size = STILL_ORIGINALS.remove(archive, sha)
        original_path(archive, sha).unlink(missing_ok=True)  # (on a server, this desk's copy)
        shutil.rmtree(derivative_folder(archive, sha), ignore_errors=True)
        return size

    done = collect(archive.stills_dir, _stored_at(catalog),
                   {sha for sha, _f, _p in catalog.stills.all_hashes()},
                   in_use=lambda sha: bool(catalog.stills.references(sha)), remove=remove,
                   grace=grace, now=time.time() if now is None else now)
    return CleanupReport(done.removed, done.waiting, done.freed_bytes)


def _stored_at(catalog: Catalog) -> dict[str, tuple[float, int]]:
    """Every original held, with when it was stored (seconds since the epoch) and its bytes
    (0 on a server, which says how many it freed when it removes one)."""
    if on_server(catalog.archive):
        from curator.store.server_files import STILL_ORIGINALS

        return {sha: (at, 0) for sha, at in STILL_ORIGINALS.hashes(catalog.archive).items()}
    found = {}
    for sha in stored_hashes(catalog):
        stat = original_path(catalog.archive, sha).stat()
        found[sha] = (stat.st_mtime, stat.st_size)
    return found
