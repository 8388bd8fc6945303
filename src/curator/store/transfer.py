"""Copying a whole catalogue between engines (a folder and a server), row for row.

Rows keep their ids, versions and timestamps; tables go parents first; each engine's
counter of ids carries on from where the source's was (a deleted film's id is never
given again, on either side). The target's search index is rebuilt at the end.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Table, insert, select

from curator.model import Base
from curator.store import search
from curator.store.rows import first_free_id

BATCH = 5000
Progress = Callable[[str, int], None]


def catalogue_tables() -> list[Table]:
    """Every table a copy carries: the records, parents first, then their history."""
    import curator.model.entities  # noqa: F401  (the tables are declared there)
    from curator.model.history import CHANGE_HISTORY

    return [*Base.metadata.sorted_tables, CHANGE_HISTORY]


def next_id(conn: Connection, table: Table) -> int:
    """The id the table would give its next row: past every row there is or was."""
    return first_free_id(conn, table)


def _set_next_id(conn: Connection, table: Table, value: int) -> None:
    if conn.dialect.name == "sqlite":
        if not table.kwargs.get("sqlite_autoincrement"):
            return
        conn.exec_driver_sql("DELETE FROM sqlite_sequence WHERE name = ?", (table.name,))
        conn.exec_driver_sql("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                             (table.name, value - 1))
    else:
        conn.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, false)", (table.name, value))


def is_empty(conn: Connection) -> bool:
    return all(conn.execute(select(t).limit(1)).first() is None for t in catalogue_tables())


def copy_catalogue(source: Connection, target: Connection,
                   progress: Progress | None = None) -> dict[str, int]:
    """Copy every row of the source into the (empty) target; returns rows per table."""
    copied: dict[str, int] = {}
    for table in catalogue_tables():
        if source.dialect.name == "sqlite" and target.dialect.name == "postgresql":
            count = _copy_in(source, target, table, progress)
        else:
            count = 0
            rows = source.execute(select(table).order_by(*table.primary_key.columns))
            while batch := rows.mappings().fetchmany(BATCH):
                target.execute(insert(table), [dict(r) for r in batch])
                count += len(batch)
                if progress is not None:
                    progress(table.name, count)
        copied[table.name] = count
        if "id" in table.c and table.c.id.primary_key:
            _set_next_id(target, table, next_id(source, table))
    search.rebuild_index(target)
    if target.dialect.name == "postgresql":
        # fresh statistics, or the planner guesses about tables it has never seen filled
        target.exec_driver_sql("ANALYZE")
    return copied


def _copy_in(source: Connection, target: Connection, table: Table,
             progress: Progress | None) -> int:
    """SQLite's rows as stored into PostgreSQL's COPY, which takes their text as it is
    (timestamps as SQLite keeps them, booleans as 0 and 1): no value is converted in
    Python, several times quicker than INSERTs."""
    quote = target.dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in table.c)
    keys = ", ".join(quote(c.name) for c in table.primary_key.columns)
    rows = source.exec_driver_sql(f"SELECT {names} FROM {quote(table.name)} ORDER BY {keys}")
    count = 0
    cursor = target.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
        while batch := rows.fetchmany(BATCH):
            for row in batch:
                copy.write_row(row)
            count += len(batch)
            if progress is not None:
                progress(table.name, count)
    return count
