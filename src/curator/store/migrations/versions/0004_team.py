"""a catalogue on a PostgreSQL server: its search index and the originals of its stills

Revision ID: team
Revises: 0003
Create Date: 2026-11-30

On SQLite nothing changes: the folder has FTS5 (0002) and keeps originals as files.
On PostgreSQL, a tsvector per film (weighted: titles, people, countries, synopsis and
quotes) searched through a GIN index (filled by store/search_postgres.py); and the originals
of stills as rows, one per SHA-256, so one backup of the server holds everything.
"""

from alembic import op

revision = "team"
down_revision = "0003"
branch_labels = None
depends_on = None

# The index as this revision made it, in SQL of its own (see 0002).
STATEMENTS = (
    """CREATE TABLE film_search (
        film_id integer PRIMARY KEY REFERENCES film(id) ON DELETE CASCADE,
        document tsvector NOT NULL,
        titles tsvector NOT NULL)""",
    "CREATE INDEX ix_film_search_document ON film_search USING gin (document)",
    "CREATE INDEX ix_film_search_titles ON film_search USING gin (titles)",
    """CREATE TABLE still_original (
        sha256 varchar(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        data bytea NOT NULL,
        stored_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))""",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS still_original")
        op.execute("DROP TABLE IF EXISTS film_search")
