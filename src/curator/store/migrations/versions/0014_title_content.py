"""title_content: the title index (film_title_search) reads the titles from film_search's
titles column (FTS5 external content) instead of keeping a second copy of every title

Revision ID: title_content
Revises: titles
Create Date: 2026-12-01
"""

from alembic import op

revision = "title_content"
down_revision = "titles"
branch_labels = None
depends_on = None

# In SQL of its own, as this revision makes it (a later change is a later migration).
CREATE_INDEX = (
    "CREATE VIRTUAL TABLE film_title_search USING fts5("
    "titles, content = 'film_search', content_rowid = 'rowid', "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
)
# The index as revision "titles" made it, with its own copy of the titles.
CREATE_COPYING_INDEX = (
    "CREATE VIRTUAL TABLE film_title_search USING fts5("
    "titles, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
)
# Both are filled from film_search's titles. FTS5's 'rebuild' command would read them with
# a statement SQLite refuses over a virtual table such as film_search: INSERT ... SELECT.
FILL_INDEX = "INSERT INTO film_title_search(rowid, titles) SELECT rowid, titles FROM film_search"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # a server has no title index (migration "titles")
    op.execute("DROP TABLE IF EXISTS film_title_search")
    op.execute(CREATE_INDEX)
    op.execute(FILL_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS film_title_search")
    op.execute(CREATE_COPYING_INDEX)
    op.execute(FILL_INDEX)
