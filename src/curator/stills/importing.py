"""Importing image files as stills of a film (or portraits of a person).

Each file is verified, stored unchanged under its SHA-256, then all the new
stills are recorded in one catalogue operation (one undo step). A file the
archive already holds is not copied twice; one already on the same film is
skipped; a refused file changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from curator.catalog import Cancelled, Catalog, Changes
from curator.oserrors import os_reason
from curator.stills.derivatives import derivative_folder, has_derivatives, write_derivatives
from curator.stills.originals import StillFile, StillRefused, read_still, store_original

Progress = Callable[[int, int, str], bool]

STORED = "stored"
ALREADY_PRESENT = "already present"
SKIPPED = "skipped"
REFUSED = "refused"


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file."""

    path: Path
    status: str  # STORED, ALREADY_PRESENT (no second copy), SKIPPED or REFUSED
    message: str  # what to tell the archivist, without the file's name
    file: StillFile | None = None

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


@dataclass
class ImportResult:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    changes: Changes = field(default_factory=lambda: Changes("Add stills"))

    @property
    def refused(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == REFUSED]

    @property
    def added_hashes(self) -> list[str]:
        """The originals that got a new still record (their derivatives may be wanted)."""
        return [o.file.sha256 for o in self.outcomes
                if o.file is not None and o.status in (STORED, ALREADY_PRESENT)]


def import_stills(
    catalog: Catalog,
    paths: Iterable[str | os.PathLike[str]],
    *,
    film_id: int | None = None,
    person_id: int | None = None,
    fields: dict[str, str] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    web_sizes: bool = False,
) -> ImportResult:
    """Store and record image files on a film or as a person's portraits.

    `fields` (caption, credit, alt_text, rights) apply to every new still.
    `progress(done, total, message)` returning False cancels: nothing is
    recorded (stored originals stay until collected, as unreferenced files do).
    `web_sizes` makes each file's thumbnail and web sizes from the decode that
    verified it (the quickest way; the GUI instead shows the stills first and
    makes thumbnails after, with `ensure_derivatives`).
    """
    files = [Path(p) for p in paths]
    owner = _owner_name(catalog, film_id, person_id)
    on_owner = {s.sha256 for s in catalog.stills.of(film_id=film_id, person_id=person_id)} \
        if (film_id is not None or person_id is not None) else set()
    total = len(files)
    count = max(1, min(workers or os.cpu_count() or 1, total or 1))
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="import") as pool:
        # the largest files first: the batch ends on small ones, so no core
        # waits long for the last big file of another
        jobs = {index: pool.submit(_store, catalog, files[index], web_sizes)
                for index in sorted(range(total), key=lambda i: -_file_size(files[i]))}
        for done, _job in enumerate(as_completed(jobs.values()), start=1):
            if progress is not None and not progress(
                    done, total, f"Checked {done} of {total} image files"):
                pool.shutdown(cancel_futures=True)
                raise Cancelled("The import was cancelled; no still was added.")
    results = [jobs[index].result() for index in range(total)]
    result = ImportResult()
    new: list[dict[str, object]] = []
    seen: dict[str, str] = {}
    # files are stored in parallel: of two copies of one image in a batch, either
    # may be the one that wrote it, but the first listed is the one reported stored
    written_now = {still.sha256 for still, written, _r in results if still and written}
    for path, (still, written, refusal) in zip(files, results, strict=True):
        if still is None:
            result.outcomes.append(ImportOutcome(path, REFUSED, f"refused, {refusal}"))
        elif still.sha256 in on_owner:
            result.outcomes.append(ImportOutcome(
                path, SKIPPED, f"already a still of {owner}; skipped", still))
        elif still.sha256 in seen:
            twin = seen[still.sha256]
            message = ("listed twice; added once" if twin == path.name
                       else f"the same image as {twin}; skipped")
            result.outcomes.append(ImportOutcome(path, SKIPPED, message, still))
        else:
            seen[still.sha256] = path.name
            new.append({**(fields or {}), **still.as_meta()})
            size = f"{still.width}x{still.height} {still.format}"
            if written or still.sha256 in written_now:
                result.outcomes.append(ImportOutcome(path, STORED, f"stored ({size})", still))
            else:
                result.outcomes.append(ImportOutcome(
                    path, ALREADY_PRESENT,
                    f"already present in the archive ({size}); added to {owner} "
                    "without a second copy", still))
    if new:
        result.changes = catalog.stills.add(new, film_id=film_id, person_id=person_id)
    return result


def _store(catalog: Catalog, path: Path, web_sizes: bool
           ) -> tuple[StillFile | None, bool, str]:
    try:
        data, still, image = read_still(path, keep_decoded=web_sizes)
        written = store_original(catalog.archive, data, still.sha256)
    except StillRefused as exc:
        return None, False, exc.reason
    except OSError as exc:
        return None, False, f"could not be stored in the archive: {os_reason(exc)}."
    if image is not None and not has_derivatives(catalog.archive, still.sha256):
        try:  # the decode that verified the file makes its web sizes too: one decode
            write_derivatives(image, derivative_folder(catalog.archive, still.sha256))
        except (OSError, ValueError):
            pass  # the cache is best effort: ensure_derivatives makes them when wanted
    return still, written, ""


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # unreadable: _store reports why


def _owner_name(catalog: Catalog, film_id: int | None, person_id: int | None) -> str:
    if film_id is not None:
        return catalog.films.get(film_id).title
    if person_id is not None:
        return catalog.people.get(person_id).name
    return "the archive"
