"""Setting up a server for a team: the schema in an empty database, and its upgrades."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from curator.store.archive import MIGRATIONS_DIR, SCHEMA_HEAD
from curator.store.server import (
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
