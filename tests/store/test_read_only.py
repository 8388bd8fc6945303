"""An archive nobody may write to (a CD, a read-only share) opens read-only: everything that
reads works, everything that writes says so in one line, and the folder is left as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from curator.catalog import Catalog
from curator.cli import main
from curator.store import ArchiveReadOnly


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


@pytest.fixture
def read_only_archive(demo_archive: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user cache"))
    place = tmp_path / "cd"
    undo = _mount_read_only(demo_archive, place) or _chmod_read_only(demo_archive, place)
    if undo is None:
        pytest.skip("cannot make a read-only place here (no tmpfs mount, and root ignores "
                    "permissions)")
    archive = place / demo_archive.name
    assert not os.access(archive, os.W_OK)
    yield archive
    undo()


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            if p.is_file() else "folder" for p in sorted(folder.rglob("*"))}


def test_every_reading_command_works(read_only_archive, tmp_path, capsys):
    before = _fingerprint(read_only_archive)
    a = str(read_only_archive)
    assert main(["info", a]) == 0
    assert "9,068" in capsys.readouterr().out
    assert main(["search", a, "mykkanen"]) == 0
    assert "From Russia with Rock" in capsys.readouterr().out
    assert main(["lists", a]) == 0
    assert "Perestroika on film" in capsys.readouterr().out
    assert main(["check", a]) in (0, 1)
    assert main(["stills", "check", a]) == 0
    assert main(["export-data", a, str(tmp_path / "all.json")]) == 0
    assert (tmp_path / "all.json").stat().st_size > 1000
    site = tmp_path / "site"
    assert main(["export", a, str(site)]) == 0
    assert (site / "index.html").is_file()
    assert list(site.rglob("*.webp"))  # web sizes made outside the archive
    assert list((tmp_path / "user cache" / "curator" / "read-only").iterdir())
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert _fingerprint(read_only_archive) == before


@pytest.mark.parametrize("argv", [
    ["import", "{a}", "{sheet}"],
    ["stills", "gc", "{a}", "--now"],
    ["stills", "add", "{a}", "1", "{sheet}"],
])
def test_a_writing_command_says_the_archive_is_read_only(read_only_archive, tmp_path, capsys,
                                                         argv):
    sheet = tmp_path / "films.csv"
    sheet.write_text("Title,Year\nNew film,1990\n")
    before = _fingerprint(read_only_archive)
    args = [w.format(a=read_only_archive, sheet=sheet) for w in argv]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is read-only" in err, err
    assert _fingerprint(read_only_archive) == before


def test_the_catalog_opens_read_only_and_refuses_edits(read_only_archive):
    catalog = Catalog.open(read_only_archive)
    try:
        assert catalog.archive.read_only
        assert catalog.search("rock", limit=5).total > 0
        with pytest.raises(ArchiveReadOnly, match="read-only"):
            catalog.create_film("Not here", year=1990)
        with pytest.raises(ArchiveReadOnly):
            catalog.set_setting("site_base_url", "https://example.org/")
    finally:
        catalog.close()
