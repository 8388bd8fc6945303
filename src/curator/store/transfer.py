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

BATCH = 5000
Progress = Callable[[str, int], None]


def catalogue_tables() -> list[Table]:
    import curator.model.entities  # noqa: F401  (the tables are declared there)

    return list(Base.metadata.sorted_tables)


def next_id(conn: Connection, table: Table) -> int:
    """The id the table would give its next row: past every row there is or was."""
    first = (conn.execute(select(table.c.id).order_by(table.c.id.desc()).limit(1)).scalar()
             or 0) + 1
    if conn.dialect.name == "sqlite":
        seq = conn.exec_driver_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).scalar()
    else:
        seq = conn.exec_driver_sql(
            f"SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "
            f"{conn.exec_driver_sql('SELECT pg_get_serial_sequence(%s, %s)', (table.name, 'id')).scalar()}"  # noqa: E501
        ).scalar()
    return max(first, (seq or 0) + 1)


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
