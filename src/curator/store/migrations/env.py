"""Alembic environment: runs migrations on the connection Curator hands over."""

from alembic import context

from curator.model import Base
from curator.model.history import HISTORY_METADATA

config = context.config
target_metadata = [Base.metadata, HISTORY_METADATA]


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
