"""duplicates: the ids of films merged into others (film_alias), and the pairs of films or
people an archivist said are not one (not_duplicate)

Revision ID: duplicates
Revises: source_files
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "duplicates"
down_revision = "source_files"
branch_labels = None
depends_on = None


def _bookkeeping() -> list[sa.Column]:
    return [sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "film_alias",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        # no foreign key: an alias outlives the film it leads to
        sa.Column("film_id", sa.Integer(), nullable=False),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_film_alias")),
    )
    op.create_index(op.f("ix_film_alias_film_id"), "film_alias", ["film_id"])
    op.create_table(
        "not_duplicate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_not_duplicate")),
        sa.UniqueConstraint("kind", "first_id", "second_id",
                            name=op.f("uq_not_duplicate_kind")),
    )


def downgrade() -> None:
    op.drop_table("not_duplicate")
    op.drop_index(op.f("ix_film_alias_film_id"), "film_alias")
    op.drop_table("film_alias")
