"""Database-specific details of writing many rows at once (kept out of the catalog)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from itertools import chain

from sqlalchemy import Connection, Table, func, select


def first_free_id(conn: Connection, table: Table) -> int:
    """The next id the table would give a new row, never a deleted row's id."""
    first = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
    if conn.dialect.name == "sqlite" and table.kwargs.get("sqlite_autoincrement"):
        seq = conn.exec_driver_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)).scalar()
        first = max(first, (seq or 0) + 1)
    elif conn.dialect.name == "postgresql":
        sequence = conn.exec_driver_sql("SELECT pg_get_serial_sequence(%s, 'id')",
                                        (table.name,)).scalar()
        if sequence:
            used = conn.exec_driver_sql(
                "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
                f"FROM {sequence}").scalar()
            first = max(first, (used or 0) + 1)
    return first


# SQLite's least limit of bound values in one statement (999 before 3.32): a statement of
# several rows stays under it, whichever SQLite the Python at hand was built with.
_SQLITE_VALUES_PER_STATEMENT = 999


def insert_tuples(conn: Connection, table: Table, now: datetime, columns: list[str],
                  rows: list[tuple], stamps: Iterable[str] = ()) -> None:
    """Insert rows given as tuples of `columns`, in one executemany (the driver binds
    positions faster than it looks names up). The `stamps` columns, not in the tuples, all
    take `now`: written once into the statement, in SQLAlchemy's storage format on SQLite
    and as a timestamp literal elsewhere.

    On SQLite each statement inserts as many rows as its limit of values allows: a row a
    statement costs a step and a reset of the statement per row (300,000 genres of an
    import: 0.30 s against 0.17). psycopg sends an executemany in one pipeline already."""
    quote = conn.dialect.identifier_preparer.quote
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    stamp = "'" + now.strftime("%Y-%m-%d %H:%M:%S.%f") + "'"
    stamps = list(stamps)
    names = [*columns, *stamps]
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in names)}) VALUES "
    one = f"({', '.join([mark] * len(columns) + [stamp] * len(stamps))})"
    per = max(1, _SQLITE_VALUES_PER_STATEMENT // max(1, len(columns))) if sqlite else 1
    whole = len(rows) - len(rows) % per if per > 1 else 0
    if whole:
        conn.exec_driver_sql(head + ", ".join([one] * per), [
            tuple(chain.from_iterable(rows[start:start + per]))
            for start in range(0, whole, per)])
        rows = rows[whole:]
    if rows:
        conn.exec_driver_sql(head + one, rows)


def reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """After rows went in with explicit ids, let PostgreSQL's sequences catch up."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table.name}))")


@contextmanager
def indexes_built_after(conn: Connection, table: Table) -> Iterator[None]:
    """Inside the block the table has none of its own indexes; they are built again after
    it, in the same transaction (a failure rolls the dropping back with the rest). SQLite
    builds an index from the finished table several times faster than it inserts 100,000
    rows one by one into indexes on titles and sort keys. Other engines keep theirs."""
    if conn.dialect.name != "sqlite":
        yield
        return
    kept = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL", (table.name,)).all()  # a constraint's own index stays
    for name, _sql in kept:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in kept:
        conn.exec_driver_sql(sql)


# What an archive folder grows by per imported film (its row, parts, search entry, history
# entry and indexes: about 1.1 KiB), with room to spare.
_KIB_PER_FILM = 2
_LEAST_CACHE_KIB = 65_536


@contextmanager
def pages_kept_for(conn: Connection, films: int) -> Iterator[None]:
    """Inside the block SQLite keeps in memory every page that `films` new films dirty, so
    each goes to the write-ahead log once, at the commit: a smaller cache spills pages
    there before the commit and writes many of them again (a third more writes and twice
    the reads for 100,000 films). The connection's own cache size is put back after it,
    giving the memory back. Other engines have their own buffers."""
    if conn.dialect.name != "sqlite":
        yield
        return
    cursor = conn.connection.cursor()
    try:
        before = cursor.execute("PRAGMA cache_size").fetchone()[0]
        wanted = max(_LEAST_CACHE_KIB, _KIB_PER_FILM * films)
        cursor.execute(f"PRAGMA cache_size = {-wanted}")
        yield
    finally:
        with suppress(sqlite3.Error):  # a connection lost on the way out has no cache
            cursor.execute(f"PRAGMA cache_size = {int(before)}")
            cursor.close()
