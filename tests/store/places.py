"""Read-only places for an archive: what a CD or a read-only share is to Curator."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount_read_only(source: Path, place: Path) -> object | None:
    """Copy source onto a small file system mounted read-only (root on Linux); returns
    how to undo it, or None where mounting is not allowed."""
    place.mkdir()
    if shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(place)],
            capture_output=True).returncode != 0:
        return None
    shutil.copytree(source, place / source.name)
    subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True)
    return lambda: subprocess.run(["umount", str(place)], check=True)


def _chmod_read_only(source: Path, place: Path) -> object | None:
    """Without root, taking away write permission is enough."""
    if os.geteuid() == 0:
        return None  # root writes regardless of permissions
    place.mkdir(exist_ok=True)
    copy = shutil.copytree(source, place / source.name)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)

    def undo() -> None:
        for path in [copy, *copy.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    return undo


@contextmanager
def read_only_copy(source: Path, place: Path) -> Iterator[Path]:
    """A copy of the archive at source that nobody, root included, can write to."""
    undo = _mount_read_only(source, place) or _chmod_read_only(source, place)
    if undo is None:
        pytest.skip("cannot make a read-only place here (no tmpfs mount, and root ignores "
                    "permissions)")
    archive = place / source.name
    assert not os.access(archive, os.W_OK)
    try:
        yield archive
    finally:
        undo()
