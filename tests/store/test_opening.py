"""Opening touches nothing that is not a Curator archive, and says in one line what it found."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from curator.cli import main
from curator.store import SCHEMA_HEAD, Archive, ArchiveDamaged, ArchiveError


def _tables(database: Path) -> list[str]:
    with sqlite3.connect(database) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master"))


def _one_line_error(capsys, argv: list[str]) -> str:
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("curator: ") and captured.err.count("\n") == 1, captured.err
    return captured.err


def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path, capsys):
    folder = tmp_path / "Accounts.curator"
    folder.mkdir()
    database = folder / "archive.sqlite"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 99.5)")
    before = database.read_bytes()
    for verb in (["search", str(folder), "rock"], ["info", str(folder)],
                 ["import", str(folder), str(tmp_path / "x.csv")]):
        (tmp_path / "x.csv").write_text("Title\nA film\n")
        err = _one_line_error(capsys, verb)
        assert "belongs to another program" in err and "invoices" in err
        assert str(folder) in err
    assert database.read_bytes() == before
    assert _tables(database) == ["invoices"]
    assert sorted(p.name for p in folder.iterdir()) == ["archive.sqlite"]


def test_an_empty_file_does_not_become_an_archive(tmp_path, capsys):
    folder = tmp_path / "Cut short.curator"
    folder.mkdir()
    (folder / "archive.sqlite").touch()
    err = _one_line_error(capsys, ["info", str(folder)])
    assert "is empty (0 bytes)" in err
    assert (folder / "archive.sqlite").stat().st_size == 0
    assert sorted(p.name for p in folder.iterdir()) == ["archive.sqlite"]


@pytest.mark.parametrize("damage, said", [
    ("garbage", "is not a database"),
    ("truncated", "is cut short"),
    ("no version table", "has lost its schema version"),
    ("empty version table", "alembic_version table is empty"),
    ("blank version", "alembic_version table is empty"),
])
def test_a_broken_catalogue_is_one_clear_line(tmp_path, capsys, damage, said):
    folder = tmp_path / "Broken.curator"
    Archive.create(folder).close()
    database = folder / "archive.sqlite"
    if damage == "garbage":
        database.write_bytes(bytes(range(256)) * 40)
    elif damage == "truncated":
        database.write_bytes(database.read_bytes()[:9000])
    else:
        with sqlite3.connect(database) as conn:
            conn.execute({"no version table": "DROP TABLE alembic_version",
                          "empty version table": "DELETE FROM alembic_version",
                          "blank version": "UPDATE alembic_version SET version_num = ''",
                          }[damage])
    before = database.read_bytes()
    err = _one_line_error(capsys, ["info", str(folder)])
    assert said in err and "archive.sqlite" in err
    assert "(schema )" not in err
    assert database.read_bytes() == before


def test_a_newer_schema_is_refused_by_its_version(tmp_path, capsys):
    folder = tmp_path / "Future.curator"
    Archive.create(folder).close()
    with sqlite3.connect(folder / "archive.sqlite") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
    err = _one_line_error(capsys, ["search", str(folder), "x"])
    assert "newer version of Curator (schema 0099)" in err


def test_a_truncated_catalogue_points_at_backups_and_repair(tmp_path):
    folder = tmp_path / "Short.curator"
    Archive.create(folder).close()
    database = folder / "archive.sqlite"
    database.write_bytes(database.read_bytes()[:9000])
    with pytest.raises(ArchiveDamaged, match="curator repair") as caught:
        Archive.open(folder)
    assert "backups" in str(caught.value)


def test_a_new_archive_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "Festival.curator"
    archive = Archive.create(target)
    assert archive.schema_revision() == SCHEMA_HEAD
    archive.close()
    assert sorted(p.name for p in target.iterdir()) == [
        "archive.sqlite", "backups", "cache", "stills"]
    assert [p.name for p in tmp_path.iterdir()] == ["Festival.curator"]  # no building folder
    assert oct(target.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, 40_000))


def test_a_full_disk_leaves_no_half_made_archive(tmp_path):
    """The disk fills while the new catalogue is written (a file-size limit stands in for
    the full disk, so this runs anywhere, root or not)."""
    target = tmp_path / "Deeper" / "Festival.curator"
    result = subprocess.run([sys.executable, "-m", "curator", "new", str(target)],
                            preexec_fn=_limit_file_size, capture_output=True, text=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert result.returncode == 1
    assert result.stderr.startswith("curator: Cannot create") and \
        result.stderr.count("\n") == 1, result.stderr
    assert list(tmp_path.iterdir()) == []  # not even the folder it would have gone in


def test_a_full_disk_keeps_the_empty_folder_the_user_chose(tmp_path):
    target = tmp_path / "Chosen.curator"
    target.mkdir()
    result = subprocess.run([sys.executable, "-m", "curator", "new", str(target)],
                            preexec_fn=_limit_file_size, capture_output=True, text=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert result.returncode == 1 and "Cannot create" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["Chosen.curator"]
    assert list(target.iterdir()) == []


def test_a_real_full_disk_says_so(tmp_path):
    """A small tmpfs, where the system allows mounting one (root on Linux)."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if shutil.which("mount") is None or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
            capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    try:
        with pytest.raises(ArchiveError, match="the disk is full; nothing was left behind"):
            Archive.create(mount / "Festival.curator")
        assert list(mount.iterdir()) == []
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_every_commit_is_on_the_disk_before_it_counts_as_saved(tmp_path):
    """synchronous=FULL with WAL: a power cut cannot take back an edit the desk called saved
    (NORMAL could lose the last commits)."""
    archive = Archive.create(tmp_path / "Durable.curator")
    try:
        with archive.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        archive.close()
