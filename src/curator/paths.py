"""Paths built from stored values (a still's hash, a manifest's entry), proven to lie
inside their folder before anything reads, writes or deletes there.

A catalogue or a site's manifest may have been written by an older Curator, by hand or
by someone else; what it holds is joined to a folder only through `inside`, so a value
like "../../elsewhere" or a link out of the folder is refused, never followed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from curator import CuratorError

_SHA256 = re.compile(r"[0-9a-f]{64}")


class OutsideFolder(CuratorError):
    """A stored value that would name a file outside the folder it belongs in."""


def is_sha256(value: object) -> bool:
    """Whether `value` is a SHA-256 as Curator writes it: 64 lower-case hex characters."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def plain_relative(relative: str) -> bool:
    """Whether `relative` is a path of plain names joined by "/": not absolute, no empty,
    "." or ".." part, no backslash, drive or NUL (which other systems read as separators)."""
    if not isinstance(relative, str) or not relative or "\\" in relative or "\0" in relative:
        return False
    return all(part not in ("", ".", "..") and ":" not in part for part in relative.split("/"))


def inside(folder: str | os.PathLike[str], relative: str, *,
           known: dict[str, str] | None = None) -> Path:
    """`folder`/`relative`, once proven to stay inside `folder` (see `prove_inside`).
    Raises OutsideFolder."""
    prove_inside(folder, relative, known)
    return Path(folder, relative)


def prove_inside(folder: str | os.PathLike[str], relative: str,
                 known: dict[str, str] | None = None) -> None:
    """Prove `folder`/`relative` stays inside `folder`: `relative` is plain (see
    `plain_relative`) and no link among the folders leading to it points out of `folder`.
    The file itself may be a link: replacing or removing it touches the link only.

    `known` remembers the folders already proven, for a caller proving many paths under
    one folder: each folder on the way then costs one look, once. Raises OutsideFolder.
    """
    if not plain_relative(relative):
        raise OutsideFolder(f"\u201c{relative}\u201d is not a path inside {folder}.")
    parent = relative.rpartition("/")[0]
    if not parent or (known is not None and parent in known):
        return
    known = {} if known is None else known
    root = os.fspath(folder)
    parts = parent.split("/")
    for n in range(1, len(parts) + 1):
        prefix = "/".join(parts[:n])
        if prefix in known:
            continue
        try:
            is_link = stat.S_ISLNK(os.lstat(os.path.join(root, prefix)).st_mode)
        except OSError:
            break  # not there (yet): nothing further down can lead anywhere
        if is_link:
            real_root = known.get("") or os.path.realpath(root)
            known[""] = real_root  # "" is never a prefix: it holds the folder's real path
            real = os.path.realpath(os.path.join(root, prefix))
            if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
                raise OutsideFolder(
                    f"\u201c{relative}\u201d leads out of {folder} through a link.")
        known[prefix] = ""
