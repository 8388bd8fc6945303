"""The archive folder: creating, opening, migrating, refusing, locking."""

import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import create_engine

from curator.catalog import Catalog
from curator.store import SCHEMA_HEAD, SCHEMA_REVISIONS, Archive, ArchiveBusy, ArchiveError
from curator.store.archive import MIGRATIONS_DIR

pytestmark = pytest.mark.folder_only  # the archive folder itself: its files and SQLite


def test_new_archive_has_the_folder_layout(archive_path):
    archive = Archive.create(archive_path)
    assert (archive_path / "archive.sqlite").is_file()
    for sub in ("stills", "cache", "backups"):
        assert (archive_path / sub).is_dir()
    assert archive.schema_revision() == SCHEMA_HEAD
    with sqlite3.connect(archive_path / "archive.sqlite") as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    archive.close()


def test_create_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "letters.txt").write_text("not an archive")
    with pytest.raises(ArchiveError, match="not empty and is not a Curator archive"):
        Archive.create(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["letters.txt"]


def test_create_accepts_an_existing_empty_folder(tmp_path):
    Archive.create(tmp_path).close()
    assert (tmp_path / "archive.sqlite").is_file()


def test_open_refuses_a_folder_that_is_not_an_archive(tmp_path):
    with pytest.raises(ArchiveError, match="is not a Curator archive"):
        Archive.open(tmp_path)
    with pytest.raises(ArchiveError, match="does not exist"):
        Archive.open(tmp_path / "missing")


def test_revision_list_matches_the_migration_scripts():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(chain) == SCHEMA_REVISIONS
    assert scripts.get_current_head() == SCHEMA_HEAD


def _archive_at_first_revision(path):
    """An archive as the first schema made it, with a film typed in by hand."""
    from alembic import command
    from alembic.config import Config

    path.mkdir(parents=True)
    engine = create_engine(f"sqlite:///{path / 'archive.sqlite'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, SCHEMA_REVISIONS[0])
        conn.exec_driver_sql(
            "INSERT INTO film (id, slug, title, original_title, sort_title, year, format, colour,"
            " kind, synopsis, notes, state, version, created_at, updated_at) VALUES (1,"
            " 'from-russia-with-rock', 'From Russia with Rock', '', 'From Russia with Rock',"
            " 1988, '', '', 'documentary', 'Nautilus Pompilius in Moscow.', '', 'published', 1,"
            " '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO person (id, slug, name, sort_name, country, biography, notes, state,"
            " version, created_at, updated_at) VALUES (1, 'marjaana-mykkanen',"
            " 'Marjaana Mykkanen', 'Mykkanen, Marjaana', '', '', '', 'published', 1,"
            " '2024-01-01 00:00:00', '2024-01-01 00:00:00')")
        conn.exec_driver_sql(
            "INSERT INTO credit (id, film_id, person_id, role, character, position, version,"
            " created_at, updated_at) VALUES (1, 1, 1, 'director', '', 0, 1,"
            " '2024-01-01 00:00:00', '2024-01-01 00:00:00')")
    engine.dispose()


def test_an_older_archive_is_upgraded_after_a_backup(tmp_path):
    path = tmp_path / "Old archive.curator"
    _archive_at_first_revision(path)
    catalog = Catalog.open(path)
    assert catalog.schema_revision() == SCHEMA_HEAD
    backups = list((path / "backups").iterdir())
    assert len(backups) == 1 and "0001" in backups[0].name
    with sqlite3.connect(backups[0]) as conn:  # the backup is the archive as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    # data typed in at the first revision survives, and the new search index covers it
    film = catalog.films.get(1)
    assert film.title == "From Russia with Rock"
    assert film.directors == ("Marjaana Mykkanen",)  # the credit survives every step
    assert catalog.search.films("nautilus").ids == [1]
    assert catalog.search.films("mykkanen").ids == [1]
    from curator.catalog import FilmQuery  # later revisions' derived columns are filled in

    assert catalog.search.films(FilmQuery.parse("title:russia")).ids == [1]  # titles' index

    assert catalog.search.films(FilmQuery(order="directors")).ids == [1]
    with sqlite3.connect(path / "archive.sqlite") as conn:
        assert conn.execute("SELECT sort_directors FROM film").fetchone() == (
            "Mykkanen, Marjaana",)
    catalog.close()


def test_an_archive_from_a_newer_curator_is_refused_and_left_alone(archive_path):
    Archive.create(archive_path).close()
    db = archive_path / "archive.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db.read_bytes()
    with pytest.raises(ArchiveError, match="newer version of Curator"):
        Archive.open(archive_path)
    assert db.read_bytes() == before
    assert list((archive_path / "backups").iterdir()) == []


def test_a_second_process_waits_for_the_lock_then_gives_a_clear_message(archive_path):
    catalog = Catalog.create(archive_path)
    film = catalog.films.create("Black Square").created_id
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys, time
            conn = sqlite3.connect({str(archive_path / 'archive.sqlite')!r}, isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE film SET notes = 'held' WHERE id = {film}")
            print("locked", flush=True)
            time.sleep(30)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        waiting = Catalog(Archive.open(archive_path, lock_timeout=0.5))
        with pytest.raises(ArchiveBusy, match="another Curator"):
            waiting.films.update(film, None, year=1988)
        waiting.close()
    finally:
        holder.kill()
        holder.wait()
    # once the other process is gone, the write goes through and nothing is corrupt
    catalog.films.update(film, None, year=1988)
    assert catalog.films.get(film).year == 1988
    assert catalog.films.get(film).notes == ""
    with sqlite3.connect(archive_path / "archive.sqlite") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    catalog.close()


def test_backup_on_request_is_a_readable_copy(catalog):
    catalog.films.create("Off the Coast of the Antarctic")
    copy = catalog.archive.backup()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT title FROM film").fetchall() == [
            ("Off the Coast of the Antarctic",)]
    shutil.rmtree(copy.parent)


def test_the_migrations_build_exactly_the_model(archive_path):
    """An archive migrated to the head has every table, column and index the model names."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from curator.model import Base
    from curator.model.history import HISTORY_METADATA

    archive = Archive.create(archive_path)
    with archive.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn),
                                [Base.metadata, HISTORY_METADATA])
    archive.close()
    ignored = ("film_search", "film_title_search")  # the search indexes are the search module's
    assert [d for d in diff if not any(name in str(d) for name in ignored)] == []
