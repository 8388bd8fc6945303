"""the change history: who changed which fields of which row, when, old and new values

Revision ID: history
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "history"
down_revision = "team"
branch_labels = None
depends_on = None

RECORD_COLUMNS = ("film_id", "person_id", "festival_id", "collection_id")


def upgrade() -> None:
    op.create_table(
        "change_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("desk", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("row_key", sa.String(length=200), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=True) for name in RECORD_COLUMNS),
        sa.PrimaryKeyConstraint("id", name="pk_change_history"),
        sqlite_autoincrement=True,
    )
    for name in RECORD_COLUMNS:
        # Partial: most rows belong to one record, so the others' NULLs stay out.
        where = sa.text(f"{name} IS NOT NULL")
        op.create_index(f"ix_change_history_{name}", "change_history", [name],
                        sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    for name in RECORD_COLUMNS:
        op.drop_index(f"ix_change_history_{name}", "change_history")
    op.drop_table("change_history")
