"""sources: the printed catalogues (scans, PDFs) of editions and festivals, their pages,
and citations tying a film, a quote or a person to the page its text came from

Revision ID: sources
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "sources"
down_revision = "history"
branch_labels = None
depends_on = None


def _editable() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("festival_id", sa.Integer(), nullable=True),
        sa.Column("edition_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("date", sa.String(length=40), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=40), nullable=False),
        sa.Column("publishable", sa.Boolean(), nullable=False),
        *_editable(),
        sa.ForeignKeyConstraint(["edition_id"], ["edition.id"],
                                name="fk_source_edition_id_edition", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["festival_id"], ["festival.id"],
                                name="fk_source_festival_id_festival", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_source"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_source_edition_id", "source", ["edition_id"])
    op.create_index("ix_source_festival_id", "source", ["festival_id"])
    op.create_table(
        "source_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("file_page", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"],
                                name="fk_source_page_source_id_source", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_source_page"),
        sa.UniqueConstraint("source_id", "number", name="uq_source_page_source_id"),
    )
    op.create_index("ix_source_page_source_id", "source_page", ["source_id"])
    op.create_index("ix_source_page_sha256", "source_page", ["sha256"])
    op.create_table(
        "citation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("film_id", sa.Integer(), nullable=True),
        sa.Column("quote_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("region", sa.String(length=80), nullable=False),
        *_editable(),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"],
                                name="fk_citation_source_id_source", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["film_id"], ["film.id"],
                                name="fk_citation_film_id_film", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["quote_id"], ["quote.id"],
                                name="fk_citation_quote_id_quote", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"],
                                name="fk_citation_person_id_person", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_citation"),
    )
    for column in ("source_id", "film_id", "quote_id", "person_id"):
        op.create_index(f"ix_citation_{column}", "citation", [column])


def downgrade() -> None:
    op.drop_table("citation")
    op.drop_table("source_page")
    op.drop_table("source")
