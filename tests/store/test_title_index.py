"""A folder's title index (film_title_search) reads its titles from film_search: after each
way the catalogue changes, it holds exactly the words of the titles as they are, and a title
search finds the films by their titles of now, never by those they had."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from curator.catalog import Catalog, FilmData, FilmImport, FilmQuery, FilmsChange
from curator.store import SCHEMA_HEAD
from curator.store.archive import MIGRATIONS_DIR
from curator.store.search_sqlite import create_index
from tests.helpers import assert_title_index_sound, indexed_words

pytestmark = pytest.mark.folder_only  # a server has no title index


def titled(catalog: Catalog, word: str) -> list[str]:
    """The titles of the films `title:word` finds (read from the title index), sorted."""
    found = catalog.search.films(FilmQuery.parse(f"title:{word}"), limit=1000)
    return sorted(r.title for r in catalog.films.rows(found.ids))


def imported(catalog: Catalog) -> dict[str, int]:
    """A sheet's films, as a spreadsheet import adds them; their ids by title."""
    rows = [FilmData("Rock Summer", year=1988, alt_titles=("Rokkikesä",)),
            FilmData("Black Square", year=1988),
            FilmData("The Needle", year=1988, original_title="Igla"),
            FilmData("Rock and Roll Ballad", year=1990, countries=("Finland",))]
    result = catalog.imports.run([FilmImport(f, f"row {n + 2}") for n, f in enumerate(rows)])
    return {r.title: r.id for r in catalog.films.rows(result.created)}


def test_title_search_follows_import_edit_deletion_and_undo(catalog):
    films = imported(catalog)
    assert_title_index_sound(catalog)
    assert titled(catalog, "rock") == ["Rock Summer", "Rock and Roll Ballad"]
    assert titled(catalog, "rokkikesa") == ["Rock Summer"]  # alternative titles, accents aside

    renamed = catalog.films.update(films["Rock Summer"], None, title="Punk Summer")
    assert_title_index_sound(catalog)
    assert titled(catalog, "rock") == ["Rock and Roll Ballad"]  # the old title is gone
    assert titled(catalog, "punk") == ["Punk Summer"]

    deleted = catalog.films.delete(films["The Needle"])
    assert_title_index_sound(catalog)
    assert titled(catalog, "igla") == []

    catalog.undo(deleted)
    assert_title_index_sound(catalog)
    assert titled(catalog, "igla") == ["The Needle"]
    catalog.undo(renamed)
    assert_title_index_sound(catalog)
    assert titled(catalog, "rock") == ["Rock Summer", "Rock and Roll Ballad"]
    assert titled(catalog, "punk") == []

    # a change of countries alone rewrites film_search's countries, not the titles read
    catalog.bulk.apply(list(films.values()), [FilmsChange("add", "country", "USSR")])
    assert_title_index_sound(catalog)
    assert titled(catalog, "black") == ["Black Square"]
    catalog.snapshot.rebuild_derived()
    assert_title_index_sound(catalog)
    assert titled(catalog, "summer") == ["Rock Summer"]


def test_a_restored_catalogue_file_has_its_title_index(catalog, tmp_path):
    imported(catalog)
    catalog.films.update(catalog.search.films("black").ids[0], None, title="White Square")
    restored = Catalog.create(tmp_path / "Restored.curator")
    restored.snapshot.restore(catalog.snapshot.rows())
    assert_title_index_sound(restored)
    assert titled(restored, "square") == ["White Square"]
    assert titled(restored, "black") == []
    restored.close()


def _title_index_sql(database) -> str:  # noqa: ANN001
    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = 'film_title_search'"
                            ).fetchone()[0]


def test_an_archive_at_titles_is_upgraded_and_finds_its_titles(archive_path, tmp_path):
    catalog = Catalog.create(archive_path)
    imported(catalog)
    catalog.close()
    new_sql = _title_index_sql(archive_path / "archive.sqlite")
    assert "content = 'film_search'" in new_sql  # the titles are kept once, in film_search
    engine = create_engine(f"sqlite:///{archive_path / 'archive.sqlite'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:  # back to the archive as revision "titles" left it
        config.attributes["connection"] = conn
        command.downgrade(config, "titles")
        # its own copy of the titles again (film_title_search_content), the same words
        assert conn.exec_driver_sql("SELECT id, c0 FROM film_title_search_content "
                                    "ORDER BY id").all() == conn.exec_driver_sql(
            "SELECT rowid, titles FROM film_search ORDER BY rowid").all()
        assert indexed_words(conn, "film_title_search") == indexed_words(conn, "film_search")
    engine.dispose()

    catalog = Catalog.open(archive_path)
    assert catalog.schema_revision() == SCHEMA_HEAD
    assert_title_index_sound(catalog)
    assert titled(catalog, "rock") == ["Rock Summer", "Rock and Roll Ballad"]
    catalog.close()
    database = archive_path / "archive.sqlite"
    assert _title_index_sql(database) == new_sql  # the same table as a new archive's
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = "
                            "'film_title_search_content'").fetchone() is None
    # and the same as the search module makes
    fresh = create_engine(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    with fresh.begin() as conn:
        create_index(conn)
    fresh.dispose()
    assert _title_index_sql(tmp_path / "fresh.sqlite") == new_sql
