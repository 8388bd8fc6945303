"""value_rows: a film's countries, languages and genres keep no times of their own (their
created_at and updated_at go); the film's change time and the history say when they
changed, and the rows of an import take a third of the room

Revision ID: value_rows
Revises: title_content
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "value_rows"
down_revision = "title_content"
branch_labels = None
depends_on = None

VALUE_TABLES = ("film_country", "film_language", "film_genre")
STAMPS = ("created_at", "updated_at")


def upgrade() -> None:
    for table in VALUE_TABLES:
        # On SQLite the table is made anew without the two columns (its rows copied, its
        # indexes and constraints as they were); a server drops them in place.
        with op.batch_alter_table(table, recreate="auto") as batch_op:
            for column in STAMPS:
                batch_op.drop_column(column)


def downgrade() -> None:
    now = "CURRENT_TIMESTAMP" if op.get_bind().dialect.name == "sqlite" else "LOCALTIMESTAMP"
    for table in VALUE_TABLES:
        with op.batch_alter_table(table) as batch_op:
            for column in STAMPS:
                batch_op.add_column(sa.Column(column, sa.DateTime(), nullable=True))
        # the film's own times are the nearest the archive knows
        op.execute(
            f"UPDATE {table} SET "
            + ", ".join(f"{column} = coalesce((SELECT film.{column} FROM film "
                        f"WHERE film.id = {table}.film_id), {now})" for column in STAMPS))
        with op.batch_alter_table(table) as batch_op:
            for column in STAMPS:
                batch_op.alter_column(column, existing_type=sa.DateTime(), nullable=False)
