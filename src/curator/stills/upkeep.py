"""Keeping the image store sound: checking originals, collecting unreferenced ones.

Deleting a still deletes only its record, so that undo can bring it back with
its image. Files no record refers to are removed later, by `collect_unreferenced`:
a file must have been found unreferenced by an earlier collection at least
`grace` ago (so an open session elsewhere can still undo), unless the caller
asks for `grace=0`. A file that any record refers to is never removed.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from curator.catalog import Cancelled, Catalog
from curator.paths import is_sha256
from curator.stills.derivatives import derivative_folder
from curator.stills.originals import TEMP_PREFIX, file_sha256, on_server, original_path

Progress = Callable[[int, int, str], bool]
DEFAULT_GRACE = 24 * 3600.0  # seconds an unreferenced original is kept after it is first seen
# An original stored this recently may belong to an import another session is
# about to record (files are stored first, then recorded): never removed, even --now.
FRESH = 600.0
PENDING_FILE = "unreferenced.json"  # in stills/: hash -> when first found unreferenced
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
    """Remove originals (and their derivatives) that no still refers to any more.

    An unreferenced original is removed once an earlier collection found it
    unreferenced at least `grace` seconds ago; `grace=0` removes it now, unless
    it was stored in the last ten minutes (`FRESH`: an import elsewhere may be
    about to record it). Leftovers of interrupted imports are cleared too.
    """
    now = time.time() if now is None else now
    archive = catalog.archive
    pending = _read_pending(archive.stills_dir)
    referenced = {sha for sha, _f, _p in catalog.stills.all_hashes()}
    result = CleanupReport()
    still_pending: dict[str, float] = {}
    stored_at = _stored_at(catalog)
    for sha in sorted(set(stored_at) - referenced):
        first_seen = pending.get(sha, now)
        if now - first_seen >= grace and now - stored_at[sha] >= FRESH:
            # Read the references again at the last moment: another session may
            # have added this very image since the list above was taken.
            if catalog.stills.references(sha):
                continue
            if on_server(archive):
                from curator.store.server_files import STILL_ORIGINALS

                result.freed_bytes += STILL_ORIGINALS.remove(archive, sha)
                original_path(archive, sha).unlink(missing_ok=True)  # this machine's copy
            else:
                path = original_path(archive, sha)
                result.freed_bytes += path.stat().st_size
                path.unlink()
            shutil.rmtree(derivative_folder(archive, sha), ignore_errors=True)
            result.removed.append(sha)
        else:
            still_pending[sha] = first_seen
            result.waiting.append(sha)
    _write_pending(archive.stills_dir, still_pending)
    _clear_leftovers(archive.stills_dir, now)
    return result


def _stored_at(catalog: Catalog) -> dict[str, float]:
    """Every original held, with when it was stored (seconds since the epoch)."""
    if on_server(catalog.archive):
        from curator.store.server_files import STILL_ORIGINALS

        return STILL_ORIGINALS.hashes(catalog.archive)
    return {sha: original_path(catalog.archive, sha).stat().st_mtime
            for sha in stored_hashes(catalog)}


def _read_pending(stills_dir: Path) -> dict[str, float]:
    try:
        data = json.loads((stills_dir / PENDING_FILE).read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
        return {}  # a damaged list: every unreferenced original waits its grace period again


def _write_pending(stills_dir: Path, pending: dict[str, float]) -> None:
    target = stills_dir / PENDING_FILE
    if not pending:
        target.unlink(missing_ok=True)
        return
    stills_dir.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=stills_dir)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(pending, fh, indent=0, sort_keys=True)
    os.replace(temp, target)


def _clear_leftovers(stills_dir: Path, now: float) -> None:
    """Temporary files of an import that crashed (an hour old: no import still running)."""
    for temp in stills_dir.glob(f"*/{TEMP_PREFIX}*"):
        try:
            if now - temp.stat().st_mtime > 3600:
                temp.unlink()
        except OSError:
            pass
