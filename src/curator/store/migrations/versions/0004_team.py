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




def _words(column: str, weight: str = "") -> str:
    # lower case, accents (combining marks) off, words cut as FTS5 cuts them
    plain = f"regexp_replace(normalize(lower({column}), NFD), '[\\u0300-\\u036f]+', '', 'g')"
    vector = f"to_tsvector('simple', regexp_replace({plain}, '\\W+', ' ', 'g'))"
    return f"setweight({vector}, '{weight}')" if weight else vector


# the films already catalogued, indexed as store/search_postgres.py indexed them then
FILL_INDEX = f"""
INSERT INTO film_search (film_id, document, titles)
SELECT d.film_id,
  {_words('d.titles', 'A')} || {_words('d.people', 'B')} ||
  {_words('d.countries', 'C')} || {_words('d.synopsis', 'D')},
  {_words('d.titles')}
FROM (SELECT f.id AS film_id,
  f.title || ' ' || f.original_title || ' ' ||
    coalesce((SELECT string_agg(a.title, ' ') FROM alt_title a WHERE a.film_id = f.id), '')
    AS titles,
  coalesce((SELECT string_agg(p.name || ' ' || coalesce(
      (SELECT string_agg(v.name, ' ') FROM name_variant v WHERE v.person_id = p.id), ''), ' ')
    FROM credit c JOIN person p ON p.id = c.person_id WHERE c.film_id = f.id), '') AS people,
  f.synopsis || ' ' ||
    coalesce((SELECT string_agg(q.text || ' ' || q.attribution, ' ')
              FROM quote q WHERE q.film_id = f.id), '') AS synopsis,
  coalesce((SELECT string_agg(c.name, ' ') FROM film_country c WHERE c.film_id = f.id), '')
    AS countries
  FROM film f) d
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in STATEMENTS:
        op.execute(statement)
    op.execute(FILL_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS still_original")
        op.execute("DROP TABLE IF EXISTS film_search")
