"""The catalogue's file name and the schema revisions this Curator knows, kept apart from
the engine code so that a command that only reads (store/glance.py) can check an archive
without loading SQLAlchemy."""

DATABASE_NAME = "archive.sqlite"

# Every revision this Curator knows, oldest first; a test checks it against Alembic's scripts.
SCHEMA_REVISIONS = ("0001", "0002", "0003", "team", "history", "sources", "addresses",
                    "saved", "source_files", "duplicates", "showings", "fields", "titles",
                    "title_content", "value_rows")
SCHEMA_HEAD = SCHEMA_REVISIONS[-1]
