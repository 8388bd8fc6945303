"""Setting up a server for a team: the schema in an empty database, and its upgrades."""

from __future__ import annotations

import contextlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from curator.store.archive import MIGRATIONS_DIR, SCHEMA_HEAD, SCHEMA_REVISIONS
from curator.store.server import (
    WRITE_LOCK,
    ServerError,
    connection_error,
    read_server_revision,
    server_engine,
    without_password,
)


def upgrade_schema(conn: Connection, target: str = SCHEMA_HEAD) -> None:
    """Run the catalogue's migrations (the same as a folder's) on this connection."""
    import curator.model.entities  # noqa: F401  (the migrations' environment reads the models)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = conn
    command.upgrade(config, target)


def user_tables(conn: Connection) -> list[str]:
    return list(conn.exec_driver_sql(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') "
        "ORDER BY table_name").scalars())


def init_catalogue(url: str, *, password: str | None = None) -> None:
    """Make the catalogue's schema in an empty database; refuse one that holds tables."""
    shown = without_password(url)
    engine = server_engine(url, password=password, pool_size=1)
    try:
        with engine.begin() as conn:
            if read_server_revision(conn) is not None:
                raise ServerError(f"{shown} already holds a Curator catalogue.")
            tables = user_tables(conn)
            if tables:
                raise ServerError(
                    f"{shown} is not empty (it has {len(tables)} tables: "
                    f"{', '.join(tables[:3])}{'...' if len(tables) > 3 else ''}); "
                    "Curator sets up only an empty database.")
            upgrade_schema(conn)
            from curator.store import roles

            roles.install(conn)
    except SQLAlchemyError as exc:
        raise connection_error(exc, shown) from None
    finally:
        engine.dispose()


def grant_role(url: str, user: str, role: str, *, password: str | None = None) -> None:
    """Give `user` the team role `role` (and no other) on the server at `url`."""
    from curator.store import roles

    shown = without_password(url)
    engine = server_engine(url, password=password, pool_size=1)
    try:
        with engine.begin() as conn:
            roles.grant(conn, user, role)
    except SQLAlchemyError as exc:
        raise connection_error(exc, shown) from None
    finally:
        engine.dispose()


def upgrade_catalogue(url: str, backup_to: Path | None, *, password: str | None = None
                      ) -> str | None:
    """Upgrade the server's catalogue to this Curator's schema: an admin's task, done only
    after a pg_dump backup written to `backup_to` (None: refused unless the schema is
    current already). Returns the revision it came from (None: nothing to do)."""
    from curator.store import roles

    shown = without_password(url)
    engine = server_engine(url, password=password, pool_size=1)
    try:
        with engine.begin() as conn:
            revision = read_server_revision(conn)
            if revision is None:
                raise ServerError(f"{shown}: the database holds no Curator catalogue; run "
                                  f"\u201ccurator team init {shown}\u201d first.")
            if revision == SCHEMA_HEAD:
                if roles.role_of(conn) == "admin":
                    # nothing to migrate, but the grants are given again: a table that
                    # lost them (made by hand, or by an older Curator) is covered again
                    with contextlib.suppress(SQLAlchemyError), conn.begin_nested():
                        roles.install(conn)
                return None
            if revision not in SCHEMA_REVISIONS:
                raise ServerError(f"{shown} was upgraded by a newer version of Curator "
                                  f"(schema {revision}); upgrade Curator instead.")
            if roles.role_of(conn) != "admin":
                raise ServerError(f"{shown}: only an admin upgrades the catalogue.")
            if backup_to is None:
                raise ServerError(f"{shown}: an upgrade needs a backup first; give "
                                  "--backup FILE (pg_dump writes it).")
            _pg_dump(url, backup_to, password)
            # one transaction: the schema and its grants change together, or not at all
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
            upgrade_schema(conn)
            roles.install(conn)
            return revision
    except SQLAlchemyError as exc:
        raise connection_error(exc, shown) from None
    finally:
        engine.dispose()


def _pg_dump(url: str, target: Path, password: str | None) -> None:
    import os
    import shutil
    import subprocess

    program = shutil.which("pg_dump")
    if program is None:
        raise ServerError("pg_dump is not installed (apt install postgresql-client); "
                          "the upgrade waits for a backup.")
    env = dict(os.environ)
    if password is not None:
        env["PGPASSWORD"] = password  # to the child only, never to a file
    done = subprocess.run([program, "--format=custom", f"--file={target}",
                           f"--dbname={url}"], env=env, capture_output=True, text=True)
    if done.returncode != 0 or not target.is_file():
        why = (done.stderr.strip().splitlines() or ["it failed"])[-1]
        raise ServerError(f"The backup to {target} failed ({why}); nothing was upgraded.")
