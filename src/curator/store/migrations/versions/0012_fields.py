"""fields: the fields an archive adds to its films (film_field) and what each film holds in
them (film_field_value)

Revision ID: fields
Revises: showings
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "fields"
down_revision = "showings"
branch_labels = None
depends_on = None


def _bookkeeping() -> list[sa.Column]:
    return [sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "film_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_bookkeeping(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_film_field")),
        sa.UniqueConstraint("name", name=op.f("uq_film_field_name")),
    )
    op.create_table(
        "film_field_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("film_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        *_bookkeeping(),
        sa.ForeignKeyConstraint(["film_id"], ["film.id"], ondelete="CASCADE",
                                name=op.f("fk_film_field_value_film_id_film")),
        sa.ForeignKeyConstraint(["field_id"], ["film_field.id"], ondelete="CASCADE",
                                name=op.f("fk_film_field_value_field_id_film_field")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_film_field_value")),
        sa.UniqueConstraint("film_id", "field_id",
                            name=op.f("uq_film_field_value_film_id")),
    )
    op.create_index(op.f("ix_film_field_value_film_id"), "film_field_value", ["film_id"])
    op.create_index(op.f("ix_film_field_value_field_id"), "film_field_value", ["field_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_film_field_value_field_id"), "film_field_value")
    op.drop_index(op.f("ix_film_field_value_film_id"), "film_field_value")
    op.drop_table("film_field_value")
    op.drop_table("film_field")
