"""An archive nobody may write to (a CD, a read-only share) opens read-only: everything that
reads works, everything that writes says so in one line, and the folder is left as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from curator.catalog import Catalog
from curator.cli import main
from curator.store import ArchiveReadOnly
from tests.store.places import read_only_copy


@pytest.fixture
def read_only_archive(demo_archive: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user cache"))
    with read_only_copy(demo_archive, tmp_path / "cd") as archive:
        yield archive


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
        assert catalog.search.films("rock", limit=5).total > 0
        with pytest.raises(ArchiveReadOnly, match="read-only"):
            catalog.films.create("Not here", year=1990)
        with pytest.raises(ArchiveReadOnly):
            catalog.settings.set("site_base_url", "https://example.org/")
    finally:
        catalog.close()


def _crash_after_an_edit(archive: Path) -> None:
    """A session that saved an edit and died: its commit is still in archive.sqlite-wal."""
    import os
    import subprocess
    import sys

    script = ("import os, sys\n"
              "from curator.catalog import Catalog\n"
              "Catalog.open(sys.argv[1]).films.create('Saved in the log', year=1991)\n"
              "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(archive)], check=True,
                   env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert (archive / "archive.sqlite-wal").stat().st_size > 0


def test_the_last_commits_in_the_log_are_read_on_read_only_media(small_archive, tmp_path):
    _crash_after_an_edit(small_archive)
    with read_only_copy(small_archive, tmp_path / "cd") as archive:
        catalog = Catalog.open(archive)
        try:
            assert catalog.archive.read_only
            assert catalog.search.films("log", limit=5).total == 1
        finally:
            catalog.close()


def test_a_log_that_cannot_be_read_read_only_is_one_clear_line(small_archive, tmp_path,
                                                               capsys):
    _crash_after_an_edit(small_archive)
    (small_archive / "archive.sqlite-shm").unlink()
    with read_only_copy(small_archive, tmp_path / "cd") as archive:
        assert main(["info", str(archive)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "archive.sqlite-wal" in err
        assert "copy the archive to a writable place" in err


def test_a_read_only_archive_can_be_repaired_into_a_writable_place(small_archive, tmp_path,
                                                                   capsys):
    target = tmp_path / "Rescued.curator"
    with read_only_copy(small_archive, tmp_path / "cd") as archive:
        assert main(["repair", str(archive)]) == 1  # beside it is read-only too
        assert "Cannot create" in capsys.readouterr().err
        assert main(["repair", str(archive), "--into", str(target)]) == 0
        assert "everything was saved" in capsys.readouterr().out
    catalog = Catalog.open(target)
    try:
        assert catalog.counts()["films"] == 400
    finally:
        catalog.close()
