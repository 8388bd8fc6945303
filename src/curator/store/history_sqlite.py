"""The history entries of many new films at once, composed by SQLite from the rows just written.

An import of 100,000 films writes one history entry per film: its values, with its
genres, countries and other parts inside it. Building those entries in Python and
encoding each as JSON costs more than writing the films; SQLite's JSON functions build the
very same entries from the rows the import has just inserted, in one statement. Other
engines have their entries built by catalog/history_rows.py, as every other write's are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Table


def writes_film_entries(conn: Connection) -> bool:
    """Whether this engine composes new films' history entries itself."""
    return conn.dialect.name == "sqlite"


def _member(alias: str, column: str) -> str:
    """`,"column":value` of a row's column, or nothing where it is null or an empty text
    (what the history keeps of a row: its values that say something)."""
    value = f'{alias}."{column}"'
    return (f"CASE WHEN {value} IS NULL OR {value} = '' THEN '' "
            f"ELSE ',\"{column}\":' || json_quote({value}) END")


def _object(members: Sequence[str]) -> str:
    """A JSON object of members made by _member (each with its leading comma), written as
    text: json_object would keep the null members, and taking them out again with
    json_patch parses every entry once more (a fifth of the time of 100,000)."""
    joined = " || ".join(members) or "''"
    return f"'{{' || substr({joined}, 2) || '}}'"


def add_film_entries(conn: Connection, first_id: int, last_id: int, at: datetime,
                     label: str, who: str, desk: str, film_columns: Sequence[str],
                     parts: Sequence[tuple[Table, Sequence[str] | None]]) -> None:
    """One `insert` entry per film with an id in [first_id, last_id] (all of them new in
    this transaction): the film's `film_columns`, and under each part table's name the list
    of its rows in the order they were added: their `name` alone where the columns are
    None (a genre's name says it all), else an object of the part's columns."""
    members = [_member("f", c) for c in film_columns]
    for table, columns in parts:
        value = "json_quote(p.name)" if columns is None else _object(
            [_member("p", c) for c in columns])
        # the columns the entry keeps alone, not the part's whole rows
        read = "name" if columns is None else ", ".join(f'"{c}"' for c in columns) or "id"
        members.append(
            f"coalesce(',\"{table.name}\":[' || (SELECT group_concat({value}, ',') FROM "
            f"(SELECT {read} FROM \"{table.name}\" WHERE film_id = f.id ORDER BY id) AS p) "
            "|| ']', '')")
    conn.exec_driver_sql(
        "INSERT INTO change_history (at, who, desk, label, action, table_name, row_key, "
        "fields, film_id) "
        f"SELECT ?, ?, ?, ?, 'insert', 'film', CAST(f.id AS TEXT), {_object(members)}, f.id "
        "FROM film AS f WHERE f.id BETWEEN ? AND ? ORDER BY f.id",
        (at.strftime("%Y-%m-%d %H:%M:%S.%f"), who, desk, label, first_id, last_id))
