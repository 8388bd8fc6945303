"""A damaged catalogue (a page of garbage, as a failing disk leaves) takes no more writes,
and `curator repair` saves what can be read into a new archive beside it."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from curator.catalog import Catalog
from curator.cli import main
from curator.store import ArchiveDamaged
from tests.store.conftest import leave_as_after_a_crash, write_garbage_over_a_page


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_clean_close_leaves_no_marker_and_a_crash_is_checked(small_archive):
    assert not (small_archive / ".in-use").exists()
    catalog = Catalog.open(small_archive)
    assert len(list((small_archive / ".in-use").iterdir())) == 1  # this session
    catalog.close()
    assert not (small_archive / ".in-use").exists()
    leave_as_after_a_crash(small_archive)
    catalog = Catalog.open(small_archive)  # sound: checked, and the old marker cleared
    assert catalog.archive.damage == []
    catalog.films.create("After the crash", year=1990)
    catalog.close()
    assert not (small_archive / ".in-use").exists()


def test_after_a_crash_a_damaged_archive_refuses_every_write(small_archive, tmp_path, capsys):
    write_garbage_over_a_page(small_archive / "archive.sqlite")
    leave_as_after_a_crash(small_archive)
    before = _digest(small_archive / "archive.sqlite")
    catalog = Catalog.open(small_archive)
    assert catalog.archive.damage
    with pytest.raises(ArchiveDamaged, match="curator repair"):
        catalog.films.create("Lost edit", year=1990)
    catalog.close()
    sheet = tmp_path / "films.csv"
    sheet.write_text("Title,Year\nNew film,1990\n")
    assert main(["import", str(small_archive), str(sheet)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err
    assert str(small_archive / "backups") in err and "curator repair" in err
    assert _digest(small_archive / "archive.sqlite") == before
    assert list((small_archive / ".in-use").iterdir())  # kept: the next open checks again


def test_an_import_checks_the_pages_first_even_after_a_clean_close(small_archive, tmp_path,
                                                                    capsys):
    write_garbage_over_a_page(small_archive / "archive.sqlite")
    before = _digest(small_archive / "archive.sqlite")
    sheet = tmp_path / "films.csv"
    sheet.write_text("Title,Year\nNew film,1990\n")
    assert main(["import", str(small_archive), str(sheet)]) == 1
    assert "is damaged" in capsys.readouterr().err
    assert _digest(small_archive / "archive.sqlite") == before


def test_repair_saves_what_can_be_read_and_leaves_the_original(small_archive, capsys):
    with sqlite3.connect(small_archive / "archive.sqlite") as conn:
        films_before = conn.execute("SELECT count(*) FROM film").fetchone()[0]
        credits_before = conn.execute("SELECT count(*) FROM credit").fetchone()[0]
    write_garbage_over_a_page(small_archive / "archive.sqlite")
    before = _digest(small_archive / "archive.sqlite")

    assert main(["repair", str(small_archive)]) == 0
    out = capsys.readouterr().out
    repaired = small_archive.with_name("Small (repaired).curator")
    assert f"Wrote {repaired}" in out and "left untouched" in out
    assert "malformed" in out
    lost = int(out.split("film: ")[1].split(" could not be read")[0].split(", ")[1])
    assert 0 < lost < films_before
    assert _digest(small_archive / "archive.sqlite") == before

    catalog = Catalog.open(repaired)
    try:
        assert catalog.archive.integrity_problems() == []
        counts = catalog.counts()
        assert counts["films"] == films_before - lost
        # the credits of the lost films went with them; every other one was kept
        assert counts["credits"] == credits_before - lost
        assert f"credit: {counts['credits']:,} rows saved, {lost:,} dropped" in out
        found = catalog.search.films("number", limit=1000)  # the search index was rebuilt
        assert found.total == counts["films"]
        catalog.films.create("Typed in again", year=1989)  # a sound archive takes writes
    finally:
        catalog.close()


def test_repair_of_a_sound_archive_loses_nothing(small_archive, capsys):
    target = small_archive.parent / "Copy.curator"
    assert main(["repair", str(small_archive), "--into", str(target)]) == 0
    assert "everything was saved" in capsys.readouterr().out
    original, copy = Catalog.open(small_archive), Catalog.open(target)
    try:
        assert copy.snapshot.rows() == original.snapshot.rows()
        assert (copy.search.films("number", limit=5).total
                == original.search.films("number", limit=5).total)
        film = copy.search.films("number 7", limit=1).ids[0]
        assert copy.history.of("film", film) == original.history.of("film", film) != []
    finally:
        original.close()
        copy.close()


def test_a_session_killed_mid_work_is_noticed_and_its_saved_edit_kept(small_archive):
    """A real process saves an edit, then dies without closing (as in a power cut or a
    crash): the next open checks the pages, finds them sound, and the edit is there."""
    import os
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from curator.catalog import Catalog\n"
        "catalog = Catalog.open(sys.argv[1])\n"
        "catalog.films.create('Saved just before the crash', year=1991)\n"
        "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(small_archive)], check=True,
                   env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert list((small_archive / ".in-use").iterdir())  # the dead session's marker
    catalog = Catalog.open(small_archive)
    try:
        assert catalog.archive.damage == []
        assert catalog.search.films("crash", limit=5).total == 1
        catalog.films.create("And one more", year=1992)
    finally:
        catalog.close()
    assert not (small_archive / ".in-use").exists()


def test_reading_a_damaged_page_is_one_clear_line(small_archive, tmp_path, capsys):
    write_garbage_over_a_page(small_archive / "archive.sqlite")
    assert main(["export-data", str(small_archive), str(tmp_path / "all.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged (database disk image is malformed)" in err
    assert "curator repair" in err
    assert not (tmp_path / "all.json").exists()
