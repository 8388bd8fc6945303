"""Writing a site incrementally and atomically.

Every new or changed file is first written into a staging folder beside the
output folder; files whose content (or whose source, by the manifest) did not
change are not touched at all. Only when every file has been written are they
moved into the site by renames, stale files removed, and the manifest replaced
last. A failure, a cancel or a full disk while writing leaves the previous site
exactly as it was, and the staging folder is removed; moving in does no writing
of content, so it cannot run out of space half-way. A first export renames the
whole staging folder into place. If nothing changed, the site is not touched.

The manifest (`curator-manifest.json`) records, for every file, the SHA-256 of
its content and the fingerprint of what it was made from.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from curator import CuratorError, __version__

MANIFEST = "curator-manifest.json"
STAGING_SUFFIX = ".curator-export"


class ExportError(CuratorError):
    pass


@dataclass(frozen=True)
class WriteSummary:
    written: int
    unchanged: int
    removed: int
    swapped: bool


def read_manifest(folder: Path) -> dict[str, dict[str, str]] | None:
    """The files of the site in `folder` as its manifest records them; None if it has none."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError):
        return {}  # a damaged manifest: every file is written again
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    # an entry that is not what the writer records is as good as none: that file is rewritten
    return {path: entry for path, entry in files.items() if isinstance(entry, dict)
            and all(isinstance(v, str) for v in entry.values())}


class Folders:
    """Makes folders under a root that exists, one mkdir per new folder: thousands of
    pages each have their own, and asking for parents every time triples the calls."""

    def __init__(self, root: str) -> None:
        self.made = {root}

    def make(self, folder: str) -> None:
        if folder in self.made:
            return
        self.make(os.path.dirname(folder))
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass  # made by the other process rendering pages
        self.made.add(folder)


class SiteWriter:
    def __init__(self, outdir: Path, *, selection: str = "all") -> None:
        self.outdir = Path(os.path.abspath(outdir))
        self.staging = self.outdir.with_name(f".{self.outdir.name}{STAGING_SUFFIX}")
        self.selection = selection
        self.old: dict[str, dict[str, str]] = {}
        self.files: dict[str, dict[str, str]] = {}
        self.written = 0
        self.unchanged = 0
        self._staging = str(self.staging)
        self._folders = Folders(self._staging)
        self._staged: set[str] = set()  # paths written into the staging folder

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> SiteWriter:
        if self.outdir.exists() and not self.outdir.is_dir():
            raise ExportError(f"{self.outdir} is a file, not a folder; choose a folder for the "
                              "site.")
        manifest = read_manifest(self.outdir) if self.outdir.is_dir() else None
        if manifest is None and self.outdir.is_dir() and any(self.outdir.iterdir()):
            raise ExportError(f"{self.outdir} holds files that are not a Curator site; choose "
                              "an empty folder (or the folder of an earlier export).")
        self.old = manifest or {}
        try:
            if self.staging.exists():
                shutil.rmtree(self.staging)  # left by an export that was killed
            self.staging.mkdir(parents=True)
        except OSError as exc:
            raise self._failure(exc) from exc
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is not None:
            self.discard()
            if isinstance(exc, OSError):
                raise self._failure(exc) from exc

    def _failure(self, exc: OSError) -> ExportError:
        reason = exc.strerror or str(exc)
        return ExportError(f"The site could not be written ({reason}); the previous site in "
                           f"{self.outdir} is unchanged.")

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    # -- files ---------------------------------------------------------------------------
    def keep(self, path: str, source: str) -> bool:
        """Reuse the previous file if it was made from the same `source` fingerprint."""
        old = self.old.get(path)
        if old is None or old.get("from") != source or not self._in_site(path):
            return False
        self.files[path] = {"sha256": old["sha256"], "from": source}
        self.unchanged += 1
        return True

    def carry(self, path: str) -> bool:
        """Keep the previous file as the manifest records it, unexamined: for a re-export
        that knows nothing it is made from changed. False if there was no such file."""
        old = self.old.get(path)
        if old is None:
            return False
        self.files[path] = old
        self.unchanged += 1
        return True

    def old_digest(self, path: str) -> str:
        """The digest the manifest records for this file, "" if it had none."""
        return (self.old.get(path) or {}).get("sha256", "")

    def record(self, path: str, digest: str, source: str, written: bool) -> None:
        """A file another process wrote into the staging folder (or found unchanged)."""
        self.check_path(path)
        self.files[path] = {"sha256": digest, "from": source}
        if written:
            self._staged.add(path)
            self.written += 1
        else:
            self.unchanged += 1

    def put(self, path: str, data: bytes, source: str = "") -> None:
        """Add a file with this content; the previous one is reused if it is identical."""
        digest = hashlib.sha256(data).hexdigest()
        old = self.old.get(path)
        self.files[path] = {"sha256": digest, "from": source or digest}
        if old is not None and old.get("sha256") == digest and self._in_site(path):
            self.unchanged += 1
            return
        self._write_bytes(self._target(path), data)
        self._staged.add(path)
        self.written += 1

    def put_file(self, path: str, source_file: Path, source: str) -> None:
        """Add a copy of a file (an image) made from `source`."""
        if self.keep(path, source):
            return
        target = self._target(path)
        shutil.copyfile(source_file, target)
        self._staged.add(path)
        self.files[path] = {"sha256": _file_digest(target), "from": source}
        self.written += 1

    @staticmethod
    def check_path(path: str) -> None:
        if path.startswith("/") or ".." in path.split("/") or path == MANIFEST:
            raise ValueError(f"not a path inside the site: {path!r}")

    def _target(self, path: str) -> str:
        self.check_path(path)
        target = os.path.join(self._staging, path)
        self._folders.make(os.path.dirname(target))
        return target

    def _write_bytes(self, target: str | Path, data: bytes) -> None:
        with open(target, "wb") as fh:
            fh.write(data)

    def _in_site(self, path: str) -> bool:
        return (self.outdir / path).is_file()

    # -- finishing -----------------------------------------------------------------------
    def _manifest(self) -> bytes:
        manifest = {
            "generator": f"Curator {__version__}",
            "written": datetime.now(UTC).isoformat(timespec="seconds"),
            "selection": self.selection,
            "files": dict(sorted(self.files.items())),
        }
        # compact, so the C encoder writes it: a manifest lists every file of the site
        return json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode()

    def commit(self) -> WriteSummary:
        """Move the written files into the site and remove the stale ones."""
        stale = sorted(set(self.old) - set(self.files))
        if self.written == 0 and not stale and self.old and self.outdir.is_dir():
            if self.files != self.old:
                # same files, made from sources fingerprinted anew: keep the new fingerprints
                # so the next export can skip them, touching nothing but the manifest
                self._write_bytes(self.staging / MANIFEST, self._manifest())
                os.replace(self.staging / MANIFEST, self.outdir / MANIFEST)
            self.discard()
            return WriteSummary(0, self.unchanged, 0, swapped=False)
        self._write_bytes(self.staging / MANIFEST, self._manifest())
        if not self.outdir.is_dir() or not any(self.outdir.iterdir()):
            # a first export: the staging folder is the whole site
            if self.outdir.is_dir():
                self.outdir.rmdir()
            os.rename(self.staging, self.outdir)
            return WriteSummary(self.written, self.unchanged, 0, swapped=True)
        made: set[Path] = set()
        for path in sorted(self._staged):
            target = self.outdir / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            os.replace(self.staging / path, target)
        for path in stale:
            target = self.outdir / path
            target.unlink(missing_ok=True)
            _prune(target.parent, self.outdir)
        os.replace(self.staging / MANIFEST, self.outdir / MANIFEST)
        self.discard()
        return WriteSummary(self.written, self.unchanged, len(stale), swapped=True)


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty by stale files, up to the site's root."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent


def _file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
