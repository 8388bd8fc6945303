"""film addresses: the slugs a published film's page had before, so old links still lead
to it (or to a "no longer in the archive" page)

Revision ID: addresses
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "addresses"
down_revision = "sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "film_address",
        sa.Column("id", sa.Integer(), nullable=False),
        # no foreign key: an address outlives the film it was of
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_film_address")),
        sa.UniqueConstraint("film_id", "slug", name=op.f("uq_film_address_film_id")),
    )
    op.create_index(op.f("ix_film_address_film_id"), "film_address", ["film_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_film_address_film_id"), "film_address")
    op.drop_table("film_address")
