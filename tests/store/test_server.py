"""A catalogue on a PostgreSQL server: opening it, what the server refuses, and roles."""

from __future__ import annotations

import psycopg
import pytest

from curator.catalog import Catalog
from curator.cli import main
from curator.store import ServerError
from curator.store.archive import SCHEMA_HEAD
from curator.store.server_setup import init_catalogue


@pytest.fixture
def server_url(postgres_server, server_template):
    """The address of a fresh catalogue on the server."""
    name = postgres_server.new_database(server_template)
    yield postgres_server.url(name)
    postgres_server.drop_database(name)


def one_error_line(capsys, argv: list[str]) -> str:
    capsys.readouterr()
    assert main(argv) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_each_reason_a_server_cannot_be_opened_is_one_line(postgres_server, server_url,
                                                           capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no pgpass"))
    nowhere = f"postgresql://anna@/miff?host={tmp_path}"
    assert "the server is unreachable" in one_error_line(capsys, ["info", nowhere])
    closed_port = "postgresql://anna@127.0.0.1:1/miff"  # nothing listens on port 1
    assert "the server is unreachable" in one_error_line(capsys, ["info", closed_port])

    missing = postgres_server.url("no_such_catalogue")
    assert "no such database" in one_error_line(capsys, ["info", missing])

    empty = postgres_server.url(postgres_server.new_database())
    line = one_error_line(capsys, ["info", empty])
    assert "holds no Curator catalogue" in line and "curator team init" in line

    postgres_server.sql("CREATE ROLE pw_anna LOGIN PASSWORD 'right' IN ROLE password_users")
    postgres_server.sql("GRANT curator_viewer TO pw_anna")
    as_anna = server_url.replace("postgresql://postgres@", "postgresql://pw_anna@")
    assert "wants a password" in one_error_line(capsys, ["info", as_anna])
    monkeypatch.setenv("PGPASSWORD", "wrong")
    assert "wrong password" in one_error_line(capsys, ["info", as_anna])
    monkeypatch.setenv("PGPASSWORD", "right")  # libpq's own ways: PGPASSWORD, ~/.pgpass
    assert main(["info", as_anna]) == 0
    assert f"Schema version: {SCHEMA_HEAD}" in capsys.readouterr().out

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    line = one_error_line(capsys, ["info", server_url])
    assert "newer version of Curator (schema 9999)" in line


def test_init_makes_a_catalogue_only_in_an_empty_database(postgres_server, server_url, capsys):
    fresh = postgres_server.url(postgres_server.new_database())
    assert main(["team", "init", fresh]) == 0
    catalog = Catalog.open(fresh)
    assert catalog.counts()["films"] == 0 and catalog.schema_revision() == SCHEMA_HEAD
    catalog.close()
    assert "already holds a Curator catalogue" in one_error_line(
        capsys, ["team", "init", fresh])
    other = postgres_server.new_database()
    postgres_server.sql("CREATE TABLE invoices (id integer)", other)
    line = one_error_line(capsys, ["team", "init", postgres_server.url(other)])
    assert "is not empty" in line and "invoices" in line
    with pytest.raises(ServerError):
        init_catalogue(postgres_server.url(other))


def test_the_server_itself_refuses_what_a_role_does_not_allow(postgres_server, server_url,
                                                               capsys):
    admin = Catalog.open(server_url)
    film = admin.films.create("From Russia with Rock", year=1988).created_id
    admin.close()
    for user, role in (("vera", "viewer"), ("carl", "cataloguer"), ("petra", "publisher")):
        postgres_server.sql(f"CREATE ROLE {user} LOGIN")
        assert main(["team", "grant", server_url, user, role]) == 0
    as_user = {u: server_url.replace("postgresql://postgres@", f"postgresql://{u}@")
               for u in ("vera", "carl", "petra")}

    viewer = Catalog.open(as_user["vera"])
    assert viewer.films.get(film).title == "From Russia with Rock"  # a viewer reads
    with pytest.raises(Exception, match="The server refused: your role does not allow"):
        viewer.films.update(film, None, year=1989)
    viewer.close()
    # not only Curator: any program connected as the viewer is refused by the server
    with psycopg.connect(as_user["vera"]) as conn, pytest.raises(
            psycopg.errors.InsufficientPrivilege):
        conn.execute("UPDATE film SET year = 1989")

    cataloguer = Catalog.open(as_user["carl"])
    cataloguer.films.update(film, None, year=1989)  # a cataloguer edits
    with pytest.raises(Exception, match="only a publisher may change what is published"):
        cataloguer.films.update(film, None, state="published")
    cataloguer.close()

    publisher = Catalog.open(as_user["petra"])
    publisher.films.update(film, None, state="published")
    assert publisher.films.get(film).state == "published" and \
        publisher.films.get(film).year == 1989
    publisher.close()


def test_an_admin_made_by_an_admin_gives_roles_and_others_cannot(postgres_server, server_url,
                                                                  tmp_path, capsys):
    as_user = {u: server_url.replace("postgresql://postgres@", f"postgresql://{u}@")
               for u in ("ada", "ben", "val")}
    for user in as_user:
        postgres_server.sql(f"CREATE ROLE {user} LOGIN")
    assert main(["team", "grant", server_url, "ada", "admin"]) == 0
    # the new admin, no superuser, gives roles in turn (and makes another admin)
    assert main(["team", "grant", as_user["ada"], "ben", "cataloguer"]) == 0
    assert main(["team", "grant", as_user["ada"], "val", "viewer"]) == 0
    assert main(["team", "grant", as_user["ada"], "ben", "admin"]) == 0
    assert main(["team", "grant", as_user["ben"], "ben", "cataloguer"]) == 0
    line = one_error_line(capsys, ["team", "grant", as_user["ben"], "val", "admin"])
    assert line == "curator: Only an admin gives roles; you are a cataloguer here."
    line = one_error_line(capsys, ["team", "grant", as_user["val"], "val", "admin"])
    assert "you are a viewer" in line
    # a viewer takes a whole copy home (team pull reads every table's next id)
    admin = Catalog.open(server_url)
    admin.films.create("From Russia with Rock", year=1988)
    admin.close()
    assert main(["team", "pull", as_user["val"], str(tmp_path / "Copy.curator")]) == 0
    copy = Catalog.open(tmp_path / "Copy.curator")
    assert copy.search.films("russia rock").total == 1
    copy.close()


def test_an_older_catalogue_is_upgraded_only_by_an_admin_after_a_backup(postgres_server,
                                                                       tmp_path, capsys):
    from sqlalchemy import create_engine

    from curator.store import roles
    from curator.store.server_setup import upgrade_schema

    name = postgres_server.new_database()
    url = postgres_server.url(name)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:  # a catalogue as the Curator before team mode left it
        upgrade_schema(conn, "0003")
        roles.install(conn)
        conn.exec_driver_sql("INSERT INTO film (title, original_title, sort_title, slug, "
                             "format, colour, kind, synopsis, notes, state, version, "
                             "created_at, updated_at) VALUES ('Assa', '', 'Assa', 'assa', '', "
                             "'', '', '', '', 'draft', 1, now(), now())")
    engine.dispose()
    line = one_error_line(capsys, ["info", url])
    assert "older Curator (schema 0003)" in line and "curator team upgrade" in line

    postgres_server.sql("CREATE ROLE cathy LOGIN")
    assert main(["team", "grant", url, "cathy", "cataloguer"]) == 0
    as_cathy = url.replace("postgresql://postgres@", "postgresql://cathy@")
    backup = tmp_path / "before-upgrade.dump"
    assert "only an admin" in one_error_line(
        capsys, ["team", "upgrade", as_cathy, "--backup", str(backup)])
    assert not backup.exists()

    assert main(["team", "upgrade", url, "--backup", str(backup)]) == 0
    assert f"upgraded from schema 0003 to {SCHEMA_HEAD}" in capsys.readouterr().out
    assert backup.stat().st_size > 0
    catalog = Catalog.open(url)
    assert catalog.search.films("assa").total == 1  # the new search index was filled
    catalog.close()
    assert main(["team", "upgrade", url, "--backup", str(backup)]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_a_connection_file_never_holds_a_password(server_url, tmp_path, capsys):
    with_password = server_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret@")
    assert main(["team", "connection", with_password, str(tmp_path / "MIFF"),
                 "--cache", str(tmp_path / "cache")]) == 0
    written = (tmp_path / "MIFF.curator-team").read_text(encoding="utf-8")
    assert "s3cret" not in written and "postgresql://postgres@" in written
    assert main(["info", str(tmp_path / "MIFF.curator-team")]) == 0

    (tmp_path / "Bad.curator-team").write_text(
        f"[curator-team]\nurl = {with_password}\n", encoding="utf-8")
    assert "Curator never keeps one in a file" in one_error_line(
        capsys, ["info", str(tmp_path / "Bad.curator-team")])


def test_tables_of_later_migrations_carry_the_roles_after_an_upgrade(postgres_server,
                                                                    tmp_path, capsys):
    from sqlalchemy import create_engine

    from curator.store import roles
    from curator.store.server_setup import upgrade_schema

    name = postgres_server.new_database()
    url = postgres_server.url(name)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:  # a team's catalogue set up before saved searches existed
        upgrade_schema(conn, "addresses")
        roles.install(conn)
    engine.dispose()
    for user, role in (("saskia", "cataloguer"), ("wanda", "viewer")):
        postgres_server.sql(f"CREATE ROLE {user} LOGIN")
        assert main(["team", "grant", url, user, role]) == 0
    assert main(["team", "upgrade", url, "--backup", str(tmp_path / "old.dump")]) == 0
    admin = Catalog.open(url)
    first = admin.films.create("Assa", year=1987).created_id
    second = admin.films.create("Assa", year=1987).created_id
    third = admin.films.create("Assa", year=1987).created_id
    admin.close()

    cataloguer = Catalog.open(url.replace("postgresql://postgres@", "postgresql://saskia@"))
    cataloguer.saved_searches.save("Eighties", "year:1980..1989")
    assert cataloguer.saved_searches.named("Eighties").query == "year:1980..1989"
    cataloguer.duplicates.mark_not_duplicate("film", first, second)
    assert not any({p.first_id, p.second_id} == {first, second}
                   for p in cataloguer.duplicates.films())
    cataloguer.close()

    # grants lost on a catalogue at the newest schema (a table restored by hand): an
    # admin's `team upgrade` has nothing to migrate but gives them again
    postgres_server.sql("REVOKE ALL ON saved_search FROM curator_cataloguer", name)
    assert main(["team", "upgrade", url, "--backup", str(tmp_path / "again.dump")]) == 0
    assert "nothing to do" in capsys.readouterr().out
    cataloguer = Catalog.open(url.replace("postgresql://postgres@", "postgresql://saskia@"))
    cataloguer.saved_searches.save("Nineties", "year:1990..1999")
    cataloguer.close()

    viewer = Catalog.open(url.replace("postgresql://postgres@", "postgresql://wanda@"))
    assert viewer.saved_searches.named("Eighties").query == "year:1980..1989"  # it reads
    with pytest.raises(Exception, match="The server refused: your role does not allow"):
        viewer.saved_searches.save("Seventies", "year:1970..1979")
    with pytest.raises(Exception, match="The server refused: your role does not allow"):
        viewer.duplicates.mark_not_duplicate("film", first, third)
    viewer.close()
    postgres_server.drop_database(name)


def test_every_table_of_the_schema_has_the_roles_grants(postgres_server, server_url):
    from sqlalchemy import create_engine

    from curator.store import roles

    engine = create_engine(server_url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        # a table a future migration adds: the same function covers it
        conn.exec_driver_sql("CREATE TABLE future_part (id serial PRIMARY KEY, note text)")
        roles.install(conn)
        # and one made after the grants were given: the owner's default privileges cover it
        conn.exec_driver_sql("CREATE TABLE later_part (id serial PRIMARY KEY, note text)")
        tables = list(conn.exec_driver_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").scalars())
        assert {"future_part", "later_part", "saved_search", "not_duplicate"} <= set(tables)

        def may(role: str, table: str, what: str) -> bool:
            return conn.exec_driver_sql("SELECT has_table_privilege(%s, %s, %s)",
                                        (role, table, what)).scalar()

        for table in tables:
            assert may("curator_viewer", table, "SELECT"), table
            assert not may("curator_viewer", table, "INSERT"), table
            if table not in ("alembic_version",):
                assert may("curator_cataloguer", table, "INSERT"), table
        sequences = list(conn.exec_driver_sql(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'").scalars())
        for sequence in sequences:
            assert conn.exec_driver_sql(
                "SELECT has_sequence_privilege('curator_cataloguer', %s, 'USAGE')",
                (sequence,)).scalar(), sequence
    engine.dispose()
