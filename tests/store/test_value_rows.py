"""Schema value_rows: a film's countries, languages and genres lose their own times, on a
folder and on a server; the rows stay, and going back gives the times back."""

from __future__ import annotations

import json

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect

from curator.catalog import Catalog
from curator.cli import main
from curator.store import SCHEMA_HEAD, Archive
from curator.store.archive import MIGRATIONS_DIR

VALUE_TABLES = ("film_country", "film_language", "film_genre")
FILMED, CHANGED = "2024-01-02 03:04:05", "2024-05-06 07:08:09"


def _at_titles(conn) -> None:
    """The catalogue at schema "titles", a film with its countries, languages and genres
    typed in then, each row with its own times."""
    import curator.model.entities  # noqa: F401  (the migrations' environment reads the models)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, "titles")
    conn.exec_driver_sql(
        "INSERT INTO film (id, slug, title, original_title, sort_title, year, format, colour,"
        " kind, synopsis, notes, state, version, created_at, updated_at) VALUES (1, 'assa',"
        " 'Assa', '', 'Assa', 1987, '', '', '', '', '', 'draft', 1,"
        f" '{FILMED}', '{CHANGED}')")
    for n, (table, name) in enumerate((("film_country", "USSR"), ("film_language", "Russian"),
                                       ("film_genre", "Music"), ("film_genre", "Drama"))):
        conn.exec_driver_sql(
            f"INSERT INTO {table} (id, film_id, position, name, version, created_at, "
            f"updated_at) VALUES ({n + 1}, 1, {n // 3}, '{name}', 1, '{CHANGED}', '{CHANGED}')")


def _downgrade(conn) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.downgrade(config, "titles")


def _columns(engine, table: str) -> list[str]:
    return [c["name"] for c in inspect(engine).get_columns(table)]


def _shape(engine) -> dict[str, tuple]:
    """Each value table's columns, key, foreign keys and indexes, as the engine says them."""
    seen = inspect(engine)
    return {t: ([{**c, "type": str(c["type"])} for c in seen.get_columns(t)],
                seen.get_pk_constraint(t), seen.get_foreign_keys(t),
                sorted(seen.get_indexes(t), key=lambda i: i["name"])) for t in VALUE_TABLES}


@pytest.fixture(params=["folder", "server"])
def old_catalogue(request, tmp_path):
    """(location, SQLAlchemy URL) of a catalogue at schema "titles" on either engine, and
    the URL of a new one."""
    if request.param == "folder":
        folder = tmp_path / "Old archive.curator"
        folder.mkdir()
        url = f"sqlite:///{folder / 'archive.sqlite'}"
        with create_engine(url).begin() as conn:
            _at_titles(conn)
            # and a second film with many genres: their rows make a good part of the file
            conn.exec_driver_sql(
                "INSERT INTO film (id, slug, title, original_title, sort_title, format, colour,"
                " kind, synopsis, notes, state, version, created_at, updated_at) SELECT 2,"
                " 'tags', 'Tags', '', 'Tags', '', '', '', '', '', 'draft', 1, created_at,"
                " updated_at FROM film WHERE id = 1")
            conn.exec_driver_sql(
                "INSERT INTO film_genre (film_id, position, name, version, created_at, "
                "updated_at) VALUES (2, ?, ?, 1, ?, ?)",
                [(n, f"tag {n}", CHANGED, CHANGED) for n in range(5000)])
        Archive.create(tmp_path / "New archive.curator").close()
        yield str(folder), url, f"sqlite:///{tmp_path / 'New archive.curator' / 'archive.sqlite'}"
        return
    from curator.store import roles

    server = request.getfixturevalue("postgres_server")
    name = server.new_database()
    location = server.url(name)
    url = location.replace("postgresql://", "postgresql+psycopg://")
    engine = create_engine(url)
    with engine.begin() as conn:
        _at_titles(conn)
        roles.install(conn)
    engine.dispose()
    server.sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'yuri') "
               "THEN CREATE ROLE yuri LOGIN; END IF; END $$")
    assert main(["team", "grant", location, "yuri", "cataloguer"]) == 0
    new = server.url(request.getfixturevalue("server_template"))
    yield location, url, new.replace("postgresql://", "postgresql+psycopg://")
    server.drop_database(name)


def test_value_rows_lose_their_times_keep_their_values_and_get_them_back(
        old_catalogue, tmp_path, capsys):
    location, url, new = old_catalogue
    if location.startswith("postgresql"):
        assert main(["team", "upgrade", location, "--backup", str(tmp_path / "old.dump")]) == 0
    catalog = Catalog.open(location)  # a folder upgrades as it opens
    assert catalog.schema_revision() == SCHEMA_HEAD
    film = catalog.films.get(1)
    assert (film.countries, film.languages, film.genres) == (("USSR",), ("Russian",),
                                                             ("Music", "Drama"))
    catalog.close()
    engine = create_engine(url)
    for table in VALUE_TABLES:
        assert _columns(engine, table) == ["id", "position", "name", "film_id", "version"]
    assert "updated_at" in _columns(engine, "film")
    fresh = create_engine(new)
    assert _shape(engine) == _shape(fresh)  # as a new catalogue has them
    fresh.dispose()  # a server copies its template only while nobody is connected to it
    if not location.startswith("postgresql"):  # and the room they took is given back
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
    capsys.readouterr()
    assert main(["search", location, "genre:drama", "--json"]) == 0
    assert [f["title"] for f in json.loads(capsys.readouterr().out)["films"]] == ["Assa"]

    # the team's cataloguer still edits them: the tables keep their grants
    who = location.replace("postgresql://postgres@", "postgresql://yuri@")
    catalog = Catalog.open(who)
    changes = catalog.films.update(1, None, genres=["Music", "Musical"])
    assert catalog.films.get(1).genres == ("Music", "Musical")
    catalog.undo(changes)
    assert catalog.films.get(1).genres == ("Music", "Drama")
    catalog.close()

    with engine.begin() as conn:  # going back: the film's own times stand in
        _downgrade(conn)
        rows = conn.exec_driver_sql(
            "SELECT g.name, g.created_at, g.updated_at, f.created_at, f.updated_at "
            "FROM film_genre g JOIN film f ON f.id = g.film_id WHERE f.id = 1 "
            "ORDER BY g.position").all()
    assert [r[0] for r in rows] == ["Music", "Drama"]
    assert all(str(r[1]) == str(r[3]) == FILMED and r[2] == r[4] for r in rows)
    for table in VALUE_TABLES:
        column = {c["name"]: c for c in inspect(engine).get_columns(table)}
        assert not column["created_at"]["nullable"] and not column["updated_at"]["nullable"]
    engine.dispose()
