"""showings: the days (and times and venues) a film's appearance at an edition was shown

Revision ID: showings
Revises: duplicates
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "showings"
down_revision = "duplicates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "showing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("time", sa.String(length=5), nullable=False),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["screening_id"], ["screening.id"],
                                name=op.f("fk_showing_screening_id_screening"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_showing")),
    )
    op.create_index(op.f("ix_showing_screening_id"), "showing", ["screening_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_showing_screening_id"), "showing")
    op.drop_table("showing")
