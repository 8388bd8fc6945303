"""saved searches: named queries of the query language, kept in the catalogue; and an index
of credits by person, role and film, for the director: and person: searches they run

Revision ID: saved
Revises: addresses
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "saved"
down_revision = "addresses"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_search")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_search_name")),
    )
    op.create_index("ix_credit_person_id_role", "credit", ["person_id", "role", "film_id"])


def downgrade() -> None:
    op.drop_index("ix_credit_person_id_role", "credit")
    op.drop_table("saved_search")
