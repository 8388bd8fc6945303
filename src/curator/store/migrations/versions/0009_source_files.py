"""printed sources' files on a PostgreSQL server, one row per SHA-256

Revision ID: source_files
Revises: saved
Create Date: 2026-11-30

On SQLite nothing changes: a folder keeps a source's files in sources/. On PostgreSQL
they are rows, as the originals of stills are (0004), so one backup of the server holds
every scan and PDF the catalogue cites.
"""

from alembic import op

revision = "source_files"
down_revision = "saved"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("""CREATE TABLE source_original (
        sha256 varchar(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        data bytea NOT NULL,
        stored_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))""")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS source_original")
