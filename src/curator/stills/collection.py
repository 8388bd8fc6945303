"""The rules for removing files kept once per SHA-256 that nothing refers to any more: the
stills' originals (stills/upkeep.py) and the printed sources' scans and PDFs
(sources/upkeep.py) follow the same ones.

A file is removed once an earlier collection found it unreferenced at least `grace`
seconds ago (so an open session elsewhere can still undo the removal of its record), and
never when it was stored in the last ten minutes (`FRESH`: files are stored first and
recorded after, so an import elsewhere may be about to record it), nor when anything refers
to it at the last moment. When each file was first found unreferenced is kept in the
folder's `unreferenced.json`; a damaged list only makes every file wait its grace again.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from curator.stills.originals import TEMP_PREFIX

DEFAULT_GRACE = 24 * 3600.0  # seconds an unreferenced file is kept after it is first seen
FRESH = 600.0  # seconds a just-stored file is kept, even with no grace
PENDING_FILE = "unreferenced.json"  # hash -> when first found unreferenced
LEFTOVER_AGE = 3600.0  # a temporary file this old belongs to no add still running


@dataclass
class Collected:
    removed: list[str] = field(default_factory=list)  # hashes whose files were removed
    waiting: list[str] = field(default_factory=list)  # unreferenced, kept until the grace ends
    freed_bytes: int = 0


def collect(folder: Path, stored: Mapping[str, tuple[float, int]], referenced: set[str], *,
            in_use: Callable[[str], bool], remove: Callable[[str, int], int],
            grace: float, now: float) -> Collected:
    """Remove the files of `stored` (hash -> when stored, bytes) not in `referenced`
    whose time has come, by `remove(hash, bytes)` (which returns the bytes freed), after
    asking `in_use(hash)` once more; remember the others in the folder's pending list and
    clear the leftovers of adds that crashed."""
    pending = read_pending(folder)
    result = Collected()
    still_pending: dict[str, float] = {}
    for sha in sorted(set(stored) - referenced):
        stored_at, size = stored[sha]
        first_seen = pending.get(sha, now)
        if now - first_seen >= grace and now - stored_at >= FRESH:
            if in_use(sha):  # another session may have recorded this very file since
                continue
            result.freed_bytes += remove(sha, size)
            result.removed.append(sha)
        else:
            still_pending[sha] = first_seen
            result.waiting.append(sha)
    if still_pending or (folder / PENDING_FILE).exists():
        write_pending(folder, still_pending)
    clear_leftovers(folder, now)
    return result


def read_pending(folder: Path) -> dict[str, float]:
    try:
        data = json.loads((folder / PENDING_FILE).read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
        return {}  # a damaged list: every unreferenced file waits its grace period again


def write_pending(folder: Path, pending: dict[str, float]) -> None:
    target = folder / PENDING_FILE
    if not pending:
        target.unlink(missing_ok=True)
        return
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(pending, fh, indent=0, sort_keys=True)
    os.replace(temp, target)


def clear_leftovers(folder: Path, now: float) -> None:
    """Temporary files of an add that crashed."""
    if not folder.is_dir():
        return
    for temp in folder.glob(f"*/{TEMP_PREFIX}*"):
        try:
            if now - temp.stat().st_mtime > LEFTOVER_AGE:
                temp.unlink()
        except OSError:
            pass
