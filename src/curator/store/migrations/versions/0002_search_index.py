"""full-text search index over films

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# The index as this revision made it, in SQL of its own, so that the migration replays
# the same way whatever store/search.py becomes (a later change to the index is a later
# migration).
CREATE_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS film_search USING fts5("
    "titles, people, synopsis, countries, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')",
    "INSERT INTO film_search(film_search, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0)')",
)
FILL_INDEX = """
INSERT INTO film_search(rowid, titles, people, synopsis, countries)
SELECT f.id,
  f.title || ' ' || f.original_title || ' ' ||
    coalesce((SELECT group_concat(a.title, ' ') FROM alt_title a WHERE a.film_id = f.id), ''),
  coalesce((SELECT group_concat(p.name || ' ' || coalesce(
      (SELECT group_concat(v.name, ' ') FROM name_variant v WHERE v.person_id = p.id), ''), ' ')
    FROM credit c JOIN person p ON p.id = c.person_id WHERE c.film_id = f.id), ''),
  f.synopsis || ' ' ||
    coalesce((SELECT group_concat(q.text || ' ' || q.attribution, ' ')
              FROM quote q WHERE q.film_id = f.id), ''),
  coalesce((SELECT group_concat(c.name, ' ') FROM film_country c WHERE c.film_id = f.id), '')
FROM film f
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # other databases search with their own indexes (store.search)
    for statement in CREATE_INDEX:
        op.execute(statement)
    op.execute(FILL_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS film_search")
