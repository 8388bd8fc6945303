"""Writing a site incrementally and atomically.

Every new or changed file is first written into a staging folder beside the
output folder (see `curator.publish.staging`); files whose content (or whose
source, by the manifest) did not change are not touched at all. Only when every
file has been written does the switch begin: the new manifest goes into the site
first, then the written files are moved in by renames and stale files removed. A
failure, a cancel or a full disk while writing leaves the previous site exactly as
it was, and the staging folder is removed; moving in does no writing of content,
so it cannot run out of space half-way, and a switch cut short (the process
killed) is finished by the next export. A first export puts the whole new tree in
place in one step (a swap with the empty placeholder folder, on Linux; elsewhere a
rename). If nothing changed, the site is not touched.

The manifest (`curator-manifest.json`) records, for every file, the SHA-256 of
its content and the fingerprint of what it was made from. The writer leaves a
`ManifestMark` of the manifest it put in place: the next export in the same process
knows that manifest again by a stat alone (its file's device, inode, size and times),
without reading and parsing it; any change to the file (edited, replaced, another
export) is read as usual. A manifest naming a
file outside the site (by "..", an absolute path or a link) was not written by
Curator: nothing it names outside is touched, and the whole site is written again.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from curator import CuratorError, __version__
from curator.paths import OutsideFolder, plain_relative, prove_inside
from curator.publish import staging as staging_folder
from curator.publish.staging import FILES, MANIFEST

STAGING_SUFFIX = staging_folder.SUFFIX
# files up to this size may be handed to another process to write (`hand_over`): bigger
# ones cost more to send through a pipe than to write here
HANDED_OVER = 64 * 1024
# For the fault-injection tests: the export kills itself (SIGKILL) just before its Nth
# change on disk, as a power cut or a `kill -9` would stop it.
FAULT_AFTER = "CURATOR_EXPORT_FAULT_AFTER"


class ExportError(CuratorError):
    pass


@dataclass(frozen=True)
class ManifestMark:
    """The manifest an export put in place, as the next export into the same folder in the
    same process knows it again without reading it: by the identity of its file."""

    identity: tuple[int, ...]  # device, inode, size, modified and changed (ns)
    files: dict[str, dict[str, str]]
    staging_token: str
    # each file's entry as the manifest's text has it, in its order (see SiteWriter._manifest)
    texts: dict[str, tuple[dict[str, str], str]] = field(default_factory=dict)
    digest: str = ""  # the SHA-256 of its content

    def holds(self, outdir: Path) -> bool:
        """Whether the site's manifest in `outdir` is still the file this mark was left of."""
        return file_identity(Path(outdir) / MANIFEST) == self.identity


def file_identity(path: Path) -> tuple[int, ...] | None:
    """What changes whenever a file is written, replaced or touched; None if it is not
    there. (Its change time cannot be set back by hand, as its modified time can.)"""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass(frozen=True)
class WriteSummary:
    written: int
    unchanged: int
    removed: int
    swapped: bool


def read_manifest(folder: Path) -> dict[str, dict[str, str]] | None:
    """The files of the site in `folder` as its manifest records them; None if it has none."""
    document = _manifest_document(folder)
    if document is None:
        return None
    return _files_of(document)


def _manifest_document(folder: Path, digest: list[str] | None = None
                       ) -> dict[str, Any] | None:
    """The manifest as read; its SHA-256 is put in `digest` if given."""
    try:
        raw = (folder / MANIFEST).read_bytes()
        if digest is not None:
            digest.append(hashlib.sha256(raw).hexdigest())
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError):
        return {}  # a damaged manifest: every file is written again
    return data if isinstance(data, dict) else {}


def _files_of(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The manifest's files; an entry that is not what the writer records is as good as
    none (that file is written again)."""
    files = document.get("files")
    if not isinstance(files, dict):
        return {}
    return {path: entry for path, entry in files.items() if isinstance(entry, dict)
            and all(isinstance(v, str) for v in entry.values())}


# the manifest's encoder: compact, every character as it is
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# a file in the staging folder, written with plain system calls: `open()` would ask of
# each file whether it is a terminal, its block size and where it starts, three calls
# more a file, 35,000 files an export
NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(
    os, "O_BINARY", 0)


def write_new(target: str, data: bytes) -> None:
    """Write `data` as the file `target` (a short write, on a full disk, raises OSError)."""
    fd = os.open(target, NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            if not written:  # nothing more fits
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)
            view = view[written:]
    finally:
        os.close(fd)


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

    def write(self, target: str, data: bytes) -> None:
        """Write the file, making its folder only if it is not there: the other process
        rendering pages may have made it (a film's folder holds the page of one and the
        redirect of the other), and a second mkdir of a folder costs as much as the first."""
        folder = os.path.dirname(target)
        if folder not in self.made:
            try:
                write_new(target, data)
            except FileNotFoundError:
                self.make(folder)
            else:
                self.made.add(folder)
                return
        write_new(target, data)


class SiteWriter:
    def __init__(self, outdir: Path, *, selection: str = "all", proven: str = "",
                 mark: ManifestMark | None = None) -> None:
        """`proven`: the SHA-256 of a manifest that an export of this Curator wrote and
        proved inside the site (the state it saved vouches for it); if the site's manifest
        is that one, its paths are not looked at again before the switch, which proves
        every path it writes or removes as it goes.

        `mark`: the mark the last export into the folder left (`self.mark`); while the
        site's manifest is still that file, untouched, it is not read again."""
        self.outdir = Path(os.path.abspath(outdir))
        self._outdir = str(self.outdir)
        self.staging = self.outdir.with_name(f".{self.outdir.name}{STAGING_SUFFIX}")
        self.new_files = self.staging / FILES  # the staging folder's tree of new files
        self.selection = selection
        self.old: dict[str, dict[str, str]] = {}
        self.files: dict[str, dict[str, str]] = {}
        self.written = 0
        self.unchanged = 0
        self.warnings: list[str] = []  # what the user is told besides the summary
        self._removable: dict[str, dict[str, str]] = {}  # old files proven inside the site
        self._known: dict[str, str] = {}  # the site's folders proven no links out
        # the token of this export's staging folder (the one the site's manifest recorded),
        # and the one the new manifest records for the next export's
        self._token = staging_folder.new_token()
        self._next_token = staging_folder.new_token()
        self._made_staging = False
        self._first = False  # no site in the folder yet: it holds only a placeholder
        self._made_outdir = False
        self._switching = False  # the new manifest is in the site: only finishing remains
        self._staged: set[str] = set()  # paths written into the staging folder
        self._operations = 0
        self._fault_after = int(os.environ.get(FAULT_AFTER) or 0)
        self._proven = proven
        # another process that writes files handed to it (see render_worker): given a
        # file's path, content and the digest the last export recorded, True if it took the
        # file (its answer is recorded later), False to write it here
        self.hand_over: Callable[[str, bytes, str], bool] | None = None
        self._last_mark = mark
        self._by_mark = False  # the manifest was known by the last mark, not read
        self._read_identity: tuple[int, ...] | None = None  # of the manifest as read
        self._read_token = ""  # the staging token it records
        self.mark: ManifestMark | None = None  # of the manifest in place, once committed
        self._texts: dict[str, tuple[dict[str, str], str]] = {}  # of the manifest written
        self._read_digest = ""  # the SHA-256 of the manifest as read (or known by its mark)
        self._written_digest = ""  # of the manifest this export wrote
        # the SHA-256 of the manifest in place once committed, when this export knows it
        # (wrote it, or read it and left it): a state saved with it need not read it again
        self.digest = ""

    @property
    def manifest_read(self) -> bool:
        """Whether the site's manifest was read from its file (not known by the last mark)."""
        return not self._by_mark

    # -- lifecycle -----------------------------------------------------------------------
    def __enter__(self) -> SiteWriter:
        if self.outdir.exists() and not self.outdir.is_dir():
            raise ExportError(f"{self.outdir} is a file, not a folder; choose a folder for the "
                              "site.")
        try:
            digest: list[str] = []
            document = self._marked_manifest()
            if document is None:
                document = self._read_manifest(digest)
            if digest:
                self._read_digest = digest[0]
            if not digest or digest[0] != self._proven:
                self._proven = ""
            if document is None and self.outdir.is_dir() and any(self.outdir.iterdir()):
                raise ExportError(f"{self.outdir} holds files that are not a Curator site; "
                                  "choose an empty folder (or the folder of an earlier export).")
            if document is None or self._placeholder_only():
                document = self._placeholder()
            elif not self._by_mark:  # the export that left the mark finished its switch
                staging_folder.finish_switch(self.outdir, document, self.operation)
            self._read_old(document)
            ours = document.get("staging_token")
            if isinstance(ours, str) and ours:
                self._read_token = ours
                self._token = ours  # so this export's folder, if it is killed, is known next
            self.staging, notes = staging_folder.make_staging(
                self.outdir, self._token, ours if isinstance(ours, str) else None,
                self.operation)
        except ExportError:
            raise
        except OSError as exc:
            self.discard()
            raise self._failure(exc) from exc
        except CuratorError as exc:  # a path out of the site, no staging name free
            self.discard()
            raise ExportError(f"{exc} The site was left as it was.") from None
        self.warnings += notes
        self._made_staging = True
        self.new_files = self.staging / FILES
        self._staging = str(self.new_files)
        self._folders = Folders(self._staging)
        return self

    def _marked_manifest(self) -> dict[str, Any] | None:
        """The files of the manifest the last export left, if the site's manifest is still
        that file (and the caller gave its mark); else None."""
        mark = self._last_mark
        if mark is None or not mark.holds(self.outdir):
            return None
        self._by_mark = True
        self._read_identity = mark.identity
        self._read_digest = mark.digest
        return {"staging_token": mark.staging_token, "files": mark.files}

    def _read_manifest(self, digest: list[str]) -> dict[str, Any] | None:
        if not self.outdir.is_dir():
            return None
        before = file_identity(self.outdir / MANIFEST)
        document = _manifest_document(self.outdir, digest)
        after = file_identity(self.outdir / MANIFEST)
        self._read_identity = after if before == after else None  # unless written meanwhile
        return document

    def _placeholder_only(self) -> bool:
        """Whether the folder holds only what `_placeholder` writes (a first export of it
        was killed, or failed without clearing up)."""
        return os.listdir(self.outdir) == [MANIFEST] and not read_manifest(self.outdir)

    def _placeholder(self) -> dict[str, Any]:
        """A first export: the site's folder, made now if missing, holds an empty manifest
        recording this export's staging token, so the staging folder of an export killed
        before the site is in place is known as Curator's next time."""
        document = _manifest_document(self.outdir) or {}
        token = document.get("staging_token")
        if not isinstance(token, str) or not token:
            token = document["staging_token"] = self._token
        document["files"] = {}
        if not self.outdir.is_dir():
            self.outdir.mkdir(parents=True)
            self._made_outdir = True
        self.operation()
        _write_small(self.outdir / MANIFEST, document)
        self._first = True
        return document

    def _read_old(self, document: dict[str, Any]) -> None:
        """The previous files, each proven inside the site; a manifest naming a file
        outside is not trusted (every file is written again) and that file never touched."""
        files = document.get("files")
        # the folders proven last time, if the site is as this Curator left it (a link made
        # since is still never followed: each path is proven again as the switch uses it)
        proven = _PROVEN.pop(self._outdir, None)
        if proven is not None and (proven[0] is files or proven[0] == files):
            self._known = proven[1]
            self.old = self._removable = proven[0]
            return
        if self._proven:
            # the manifest an export of this Curator wrote, its paths proven then (a link
            # made since is still never followed: each path is proven as the switch uses it)
            files = dict(files) if isinstance(files, dict) else {}
            files.pop(MANIFEST, None)
            self.old = self._removable = files
            return
        known = self._known = {}
        outside: list[str] = []
        for path, entry in _files_of(document).items():
            if path == MANIFEST:
                continue
            try:
                prove_inside(self._outdir, path, known)
            except OutsideFolder:
                outside.append(path)
                continue
            self._removable[path] = entry
        if outside:
            self.warnings.append(_outside_warning(outside) + " and the whole site was written "
                                 "again")
        else:
            self.old = self._removable

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is not None:
            if self._switching:  # the staging folder is what the next export finishes from
                if isinstance(exc, OSError):
                    reason = exc.strerror or str(exc)
                    raise ExportError(f"The new site could not be put in place ({reason}); "
                                      "the next export finishes it.") from exc
                return
            self.discard()
            if isinstance(exc, OSError):
                raise self._failure(exc) from exc

    def _failure(self, exc: OSError) -> ExportError:
        reason = exc.strerror or str(exc)
        return ExportError(f"The site could not be written ({reason}); the previous site in "
                           f"{self.outdir} is unchanged.")

    def discard(self) -> None:
        if self._made_staging:  # never a folder of that name this export did not make
            shutil.rmtree(self.staging, ignore_errors=True)
            self._made_staging = False
        if self._first:  # no site before, none after
            (self.outdir / MANIFEST).unlink(missing_ok=True)
            if self._made_outdir:
                with contextlib.suppress(OSError):
                    self.outdir.rmdir()

    def operation(self) -> None:
        """Called before each change on disk; see FAULT_AFTER."""
        self._operations += 1
        if self._operations == self._fault_after:
            os.kill(os.getpid(), signal.SIGKILL)

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
        if (self.hand_over is not None and len(data) <= HANDED_OVER
                and self.hand_over(path, data, self.old_digest(path))):
            return
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
        self._folders.make(os.path.dirname(target))
        self.operation()
        shutil.copyfile(source_file, target)
        self._staged.add(path)
        self.files[path] = {"sha256": _file_digest(target), "from": source}
        self.written += 1

    @staticmethod
    def check_path(path: str) -> None:
        if not plain_relative(path) or path == MANIFEST:
            raise ValueError(f"not a path inside the site: {path!r}")

    def _target(self, path: str) -> str:
        self.check_path(path)
        return os.path.join(self._staging, path)

    def _write_bytes(self, target: str | Path, data: bytes) -> None:
        self.operation()
        self._folders.write(os.fspath(target), data)

    def _in_site(self, path: str) -> bool:
        return (self.outdir / path).is_file()

    # -- finishing -----------------------------------------------------------------------
    def _manifest(self, switch: dict[str, Any] | None = None) -> bytes:
        manifest: dict[str, Any] = {
            "generator": f"Curator {__version__}",
            "written": datetime.now(UTC).isoformat(timespec="seconds"),
            "selection": self.selection,
            # the next export's staging folder is known by this (see curator.publish.staging)
            "staging_token": self._next_token,
        }
        if switch is not None:
            manifest["switch"] = switch
        # compact, as json.dumps would write it with the files last, in order of their paths;
        # each file's entry encoded once and kept while it is the same (a re-export carries
        # most entries from the last manifest)
        head = _encode(manifest)[:-1]
        return f'{head},"files":{{{",".join(self._entry_texts())}}}}}'.encode()

    def _entry_texts(self) -> list[str]:
        """Each file's entry in the manifest, in order of their paths."""
        known = self._last_mark.texts if self._last_mark is not None else {}
        files = self.files
        if files.keys() == known.keys():  # the same files: in the same order
            texts = dict(known)
            for path, entry in files.items():
                if texts[path][0] is not entry:
                    texts[path] = (entry, f"{_encode(path)}:{_encode(entry)}")
        else:
            texts = {}
            for path in sorted(files):
                entry = files[path]
                text = known.get(path)
                texts[path] = (text if text is not None and text[0] is entry
                               else (entry, f"{_encode(path)}:{_encode(entry)}"))
        self._texts = texts
        return [text for _entry, text in texts.values()]

    def _put_first_in_place(self) -> None:
        """The staging folder's tree is the whole site: swapped with the placeholder in one
        step where the system can (Linux), else put in its place by two renames."""
        # the swapped-out placeholder stays in the marked staging folder until it is cleared:
        # the new manifest records this export's token, so a kill before then leaves a
        # folder known as Curator's
        self._next_token = self._token
        self._write_manifest(self._manifest())
        written = file_identity(self.new_files / MANIFEST)
        self.operation()
        if not staging_folder.exchange(self.new_files, self.outdir):
            self.operation()
            (self.outdir / MANIFEST).unlink()
            self.operation()
            self.outdir.rmdir()
            self.operation()
            os.rename(self.new_files, self.outdir)
        self._first = self._made_staging = False
        staging_folder.clear_staging(self.staging, self.operation)
        # every folder of the site was made just now, by this export: none is a link
        _PROVEN[self._outdir] = (self.files, {folder: "" for path in self.files
                                              for folder in _folders_of(path)})
        self._leave_mark(written)

    def commit(self) -> WriteSummary:
        """Move the written files into the site and remove the stale ones."""
        stale = sorted(set(self._removable) - set(self.files))
        if self.written == 0 and not stale and self.old and self.outdir.is_dir():
            if self.files != self.old:
                # same files, made from sources fingerprinted anew: keep the new fingerprints
                # so the next export can skip them, touching nothing but the manifest
                self._write_manifest(self._manifest())
                written = file_identity(self.new_files / MANIFEST)
                self.operation()
                os.replace(self.new_files / MANIFEST, self.outdir / MANIFEST)
                self._leave_mark(written)
            elif (self._read_identity is not None
                  and file_identity(self.outdir / MANIFEST) == self._read_identity):
                self.mark = ManifestMark(self._read_identity, self.files, self._read_token,
                                         self._last_mark.texts if self._last_mark else {},
                                         self._read_digest)
                self.digest = self._read_digest
            self.discard()
            _PROVEN[self._outdir] = (self.files, self._known)
            return WriteSummary(0, self.unchanged, 0, swapped=False)
        if self._first and not self.outdir.is_symlink():  # a link is the user's: kept
            self._put_first_in_place()
            return WriteSummary(self.written, self.unchanged, 0, swapped=True)
        try:
            staging_folder.check_targets(self.outdir, self._staged, {})
        except OutsideFolder as exc:
            raise ExportError(f"{exc} Nothing was written there; the previous site is "
                              "unchanged.") from None
        switch = {"staging": self.staging.name, "token": self._token, "remove": stale}
        self._write_manifest(self._manifest(switch))
        written = file_identity(self.new_files / MANIFEST)
        self.operation()
        os.replace(self.new_files / MANIFEST, self.outdir / MANIFEST)  # the manifest first
        self._switching = True
        refused = staging_folder.move_in(self.staging, self.outdir, stale, self.operation)
        self._made_staging = False
        if refused:
            self.warnings.append(_outside_warning(refused))
        _PROVEN[self._outdir] = (self.files, self._known)
        self._leave_mark(written)
        return WriteSummary(self.written, self.unchanged, len(stale), swapped=True)

    def _write_manifest(self, data: bytes) -> None:
        self._write_bytes(self.new_files / MANIFEST, data)
        self._written_digest = hashlib.sha256(data).hexdigest()

    def _leave_mark(self, written: tuple[int, ...] | None) -> None:
        """Mark the manifest in place if it is the file written as `written` (by its inode:
        moving it in may change its change time, and nothing else may have replaced it)."""
        identity = file_identity(self.outdir / MANIFEST)
        if written is not None and identity is not None and identity[:2] == written[:2]:
            self.mark = ManifestMark(identity, self.files, self._next_token, self._texts,
                                     self._written_digest)
            self.digest = self._written_digest


# site folder -> (the files of the manifest this Curator last wrote there, the folders of
# the site it found to be no links out): an export after it skips looking at them again
_PROVEN: dict[str, tuple[dict[str, dict[str, str]], dict[str, str]]] = {}


def _folders_of(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def _outside_warning(paths: list[str]) -> str:
    return (f"The site's manifest names {len(paths)} file{'s' if len(paths) > 1 else ''} "
            f"outside the site ({paths[0]!r}); it was not written by Curator, so nothing it "
            "names outside was touched")


def _write_small(path: Path, document: dict[str, Any]) -> None:
    temp = path.with_name(f".{path.name}.new")
    temp.write_text(json.dumps(document), encoding="utf-8")
    os.replace(temp, path)


def _file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
