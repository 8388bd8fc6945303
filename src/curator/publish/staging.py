"""The staging folder beside a site, and the switch of its files into the site.

A staging folder (`.SITE.curator-export` beside the site `SITE`) holds the tree of new
files (`site/`) and a marker file with a token that the site's manifest recorded for
its next export. Only a folder whose
marker carries that token is Curator's own leftover and may be removed; any other
folder of that name (someone else's, a link) is left alone and the export stages under
another name (`.SITE.curator-export-1`, ...), saying so.

The switch writes the new manifest into the site first, naming the staging folder and
the files to remove; then moves the new files in, removes the stale ones, and clears
the staging folder, its marker last. An export killed during the switch leaves a
manifest that says so, beside a staging folder still marked; the next export finishes
the switch before anything else. A first export swaps the whole tree with the empty
placeholder folder in one step where the system can (`exchange`). Every path in the
site is proven inside it (`curator.paths.inside`) before a file is moved there or
removed.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import secrets
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from curator import CuratorError
from curator.paths import OutsideFolder, inside, plain_relative

MANIFEST = "curator-manifest.json"
MARKER = ".curator-staging.json"
FILES = "site"  # the tree of new files inside a staging folder, beside its marker
SUFFIX = ".curator-export"
OTHER_NAMES = 20  # staging names tried beyond the first, when folders of others hold them

Operation = Callable[[], None]  # called before each change on disk (see SiteWriter.operation)


def new_token() -> str:
    return secrets.token_hex(16)


def marker_token(folder: Path) -> str | None:
    """The token of a staging folder's marker; None if `folder` is no folder Curator staged
    in (a link, a file, a folder without a marker)."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            return None
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    token = data.get("token") if isinstance(data, dict) else None
    return token if isinstance(token, str) and token else None


def staging_names(outdir: Path) -> Iterator[Path]:
    yield outdir.with_name(f".{outdir.name}{SUFFIX}")
    for n in range(1, OTHER_NAMES + 1):
        yield outdir.with_name(f".{outdir.name}{SUFFIX}-{n}")


def make_staging(outdir: Path, token: str, ours: str | None, operation: Operation
                 ) -> tuple[Path, list[str]]:
    """A new staging folder beside `outdir` marked with `token`, and what to tell the user.

    A leftover of this site's own exports (its marker carries `ours`, the token the
    site's manifest recorded) is removed first; any other folder of the name is left
    alone, named in a warning, and the next name is tried.
    """
    warnings: list[str] = []
    for candidate in staging_names(outdir):
        if os.path.lexists(candidate):
            if not candidate.is_symlink() and candidate.is_dir() and not any(
                    candidate.iterdir()):
                # empty: an export of ours stopped between its marker and its last rmdir;
                # whoever made it, removing an empty folder loses nothing
                os.rmdir(candidate)
            elif ours is None or marker_token(candidate) != ours:
                warnings.append(f"{candidate.name} beside the site is not a staging folder "
                                "this site's exports made; it was left alone (delete it if "
                                "it is not yours)")
                continue
            else:
                operation()
                shutil.rmtree(candidate)  # an export of this site killed while writing
        try:
            os.mkdir(candidate)
        except FileExistsError:
            continue  # made just now by someone else
        operation()
        (candidate / MARKER).write_text(json.dumps({"token": token, "site": outdir.name}),
                                        encoding="utf-8")
        (candidate / FILES).mkdir()
        return candidate, warnings
    raise CuratorError(f"Folders named .{outdir.name}{SUFFIX} to -{OTHER_NAMES} beside the site "
                       "are not Curator's; move them away to export into this folder.")


def finish_switch(outdir: Path, document: dict[str, Any], operation: Operation) -> bool:
    """Finish the switch the site's manifest says was under way when an export stopped;
    True if there was one to finish."""
    switch = document.get("switch")
    if not isinstance(switch, dict):
        return False
    name, token = switch.get("staging"), switch.get("token")
    if not isinstance(name, str) or "/" in name or not plain_relative(name) \
            or not name.startswith(f".{outdir.name}{SUFFIX}"):
        return False
    staging = outdir.with_name(name)
    if marker_token(staging) != token:
        return False  # finished already: the marker goes last
    remove = switch.get("remove")
    move_in(staging, outdir, remove if isinstance(remove, list) else [], operation)
    return True


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step: renameat2(RENAME_EXCHANGE), on Linux where the C
    library and the file system have it. False (nothing done) where they do not."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False  # a C library older than glibc 2.28
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # a kernel or file system without it
    raise OSError(number, os.strerror(number), str(first))


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staged_files(staging: Path) -> list[str]:
    """The files waiting in a staging folder's tree, relative to it ("/"-separated)."""
    out = []
    tree = staging / FILES
    for folder, _dirs, files in os.walk(tree):
        rel = os.path.relpath(folder, tree)
        for name in files:
            path = name if rel == "." else f"{rel.replace(os.sep, '/')}/{name}"
            if path != MANIFEST:  # goes first, by itself, when the switch begins
                out.append(path)
    return sorted(out)


def check_targets(outdir: Path, paths: Iterable[str], known: dict[str, str]) -> None:
    """Prove every path inside the site before the switch starts; OutsideFolder if not."""
    for path in paths:
        inside(outdir, path, known=known)


def move_in(staging: Path, outdir: Path, stale: Iterable[object], operation: Operation
            ) -> list[str]:
    """Move every staged file into the site, remove the stale files, clear the staging
    folder; returns the stale files left alone because they lead out of the site. Each
    step can be done again: a switch cut short is finished by calling this again."""
    refused: list[str] = []
    known: dict[str, str] = {}
    made: set[str] = set()
    for path in staged_files(staging):
        target = inside(outdir, path, known=known)
        parent = os.path.dirname(path)
        if parent and parent not in made:
            os.makedirs(target.parent, exist_ok=True)
            made.add(parent)
        operation()
        os.replace(staging / FILES / path, target)
    for path in stale:
        if not isinstance(path, str) or path == MANIFEST:
            continue
        try:
            target = inside(outdir, path, known=known)
        except OutsideFolder:
            refused.append(path)  # a link made since the manifest was read: never followed
            continue
        operation()
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except IsADirectoryError:
            continue  # a folder where the manifest said a file was: not Curator's to remove
        _prune(target.parent, outdir)
    clear_staging(staging, operation)
    return refused


def clear_staging(staging: Path, operation: Operation) -> None:
    """Remove a staging folder of ours, its marker last: a folder without its marker is
    never taken for Curator's again."""
    for folder, dirs, files in os.walk(staging, topdown=False):
        for name in files:
            if folder != str(staging) or name != MARKER:
                operation()
                os.unlink(os.path.join(folder, name))
        for name in dirs:
            path = os.path.join(folder, name)
            operation()
            if os.path.islink(path):
                os.unlink(path)
            else:
                os.rmdir(path)
    operation()
    (staging / MARKER).unlink(missing_ok=True)
    os.rmdir(staging)


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty by stale files, up to the site's root."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty
        folder = folder.parent
