"""titles: a full-text index of the films' titles alone (film_title_search), beside the
whole text's (film_search), so that the title matches of common words are read from
short lists

Revision ID: titles
Revises: fields
Create Date: 2026-11-30
"""

from alembic import op

revision = "titles"
down_revision = "fields"
branch_labels = None
depends_on = None

# In SQL of its own, as this revision makes it (a later change is a later migration).
CREATE_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS film_title_search USING fts5("
    "titles, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
)
# film_search holds each film's titles already, gathered as the catalogue writes them.
FILL_INDEX = "INSERT INTO film_title_search(rowid, titles) SELECT rowid, titles FROM film_search"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # a server searches its titles with film_search's own column (migration "team")
    op.execute(CREATE_INDEX)
    op.execute(FILL_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS film_title_search")
