"""The change history: one row per catalogue row an edit changed, kept for good.

Kept apart from the catalogue's entities (its own MetaData): a catalogue file, a
repair or a table-by-table walk over the model never mistakes the history for
records. Each row says when (UTC), who, under which undo label and from which open
archive ("desk") a row of `table_name` changed, with the changed fields' old and new
values as JSON, and the film, person, festival or list it belongs to, so a record's
history is one indexed lookup.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Index, Integer, MetaData, String, Table, Text

HISTORY_METADATA = MetaData()

CHANGE_HISTORY = Table(
    "change_history", HISTORY_METADATA,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),  # UTC, as every timestamp of the catalogue
    Column("who", String(200), nullable=False),
    Column("desk", String(40), nullable=False),  # which open archive wrote it
    Column("label", String(500), nullable=False),  # the undo label: "Change year of Assa"
    Column("action", String(10), nullable=False),  # insert, update or delete
    Column("table_name", String(60), nullable=False),
    Column("row_key", String(200), nullable=False),  # "12", or a JSON list for a compound key
    Column("fields", Text, nullable=False),  # JSON: {"year": [1988, 1989], ...}
    Column("film_id", Integer),
    Column("person_id", Integer),
    Column("festival_id", Integer),
    Column("collection_id", Integer),
    sqlite_autoincrement=True,  # an id is never given twice: desks follow the history by id
)

# The record a history row belongs to, by column; only rows that name one are indexed.
# A server's indexes have the same condition: migration 0005 gives it to both engines.
# It is not repeated here as `postgresql_where`, which would load SQLAlchemy's PostgreSQL
# dialect into every process that opens an archive folder (a twentieth of a second at
# each `curator export`), and Alembic does not compare an index's condition anyway.
RECORD_COLUMNS = ("film_id", "person_id", "festival_id", "collection_id")
for _column in RECORD_COLUMNS:
    Index(f"ix_change_history_{_column}", CHANGE_HISTORY.c[_column],
          sqlite_where=CHANGE_HISTORY.c[_column].isnot(None))
