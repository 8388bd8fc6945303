"""The whole catalogue as plain rows, and back: what a catalogue file is made from.

`catalogue_rows` reads every table; `restore_catalogue` writes such rows into an
empty archive in one transaction, keeping their ids (they are in URLs), and
returns one Changes, so a restore is one undoable step like any other.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select

from curator.catalog.changes import BOOKKEEPING, STAMPED, Changes, RowChange
from curator.catalog.core import Operations
from curator.catalog.errors import Conflict, InvalidRecords, ValidationError
from curator.catalog.sort_keys import refresh_all_sort_keys
from curator.catalog.stills_meta import bad_hash
from curator.catalog.unit import TABLES, translate_errors, write_transaction
from curator.catalog.validation import catalogue_problems
from curator.model import Base
from curator.model.entities import utcnow
from curator.paths import is_sha256
from curator.store import search as fts

# The tables a catalogue file carries, parents before children.
CATALOGUE_TABLES = tuple(t.name for t in Base.metadata.sorted_tables)
_RECORDS = ("film", "person", "festival", "collection")


class Snapshot(Operations):
    """The whole catalogue as rows, and back; what is derived from it."""

    def rows(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of every catalogue table, by table, in primary-key order."""
        with self.core.read() as session:
            conn = session.connection()
            out = {}
            for name in CATALOGUE_TABLES:
                table = TABLES[name]
                rows = conn.execute(select(table).order_by(*table.primary_key.columns))
                out[name] = [dict(r) for r in rows.mappings()]
            return out

    def is_empty(self) -> bool:
        """True when the archive holds no film, person, festival or list."""
        with self.core.read() as session:
            conn = session.connection()
            return not any(
                conn.execute(select(func.count()).select_from(TABLES[t])).scalar()
                for t in _RECORDS
            )

    def rebuild_derived(self) -> None:
        """Rebuild what is derived from the tables: the search index and the sort keys."""
        with translate_errors(), self.core.archive.write_engine.begin() as conn:
            fts.rebuild_index(conn)
            refresh_all_sort_keys(conn)

    def restore(self, tables: dict[str, list[dict[str, Any]]],
                          label: str = "Import catalogue file") -> Changes:
        """Write a whole catalogue, ids and all, into this (empty) archive.

        Every row is checked by the catalogue's rules first; if any breaks them,
        InvalidRecords names each and nothing is written.
        """
        unknown = set(tables) - set(CATALOGUE_TABLES)
        if unknown:
            raise ValueError(f"not a catalogue table: {sorted(unknown)[0]}")
        _check_still_hashes(tables)
        problems = catalogue_problems(tables)
        if problems:
            raise InvalidRecords(problems)
        self.core.archive.verify()
        if not self.is_empty():
            raise Conflict(
                f"{self.core.archive.name} already holds records; a catalogue file is restored "
                "into an empty archive (create one with \u201ccurator new\u201d)."
            )
        now = utcnow()
        changes: list[RowChange] = []
        with write_transaction(self.core.archive, label) as writing:
            conn = writing.conn
            for name in CATALOGUE_TABLES:
                rows = tables.get(name) or []
                if not rows:
                    continue
                table = TABLES[name]
                if name == "setting":
                    full = [dict(r) for r in rows]
                    conn.execute(table.delete().where(
                        table.c.key.in_([r["key"] for r in full])))
                else:
                    kept = ({"version": 1} if "version" in table.c else {}) | (
                        {"created_at": now, "updated_at": now} if name in STAMPED else {})
                    defaults = {**kept, **_defaults(name)}
                    if name in STAMPED:
                        full = [{**defaults, **r} for r in rows]
                    else:  # rows of an older Curator may carry times this table lost
                        full = [{**defaults, **{k: v for k, v in r.items()
                                                if k not in BOOKKEEPING or k in table.c}}
                                for r in rows]
                conn.execute(insert(table), full)
                keys = [c.name for c in table.primary_key.columns]
                changes.extend(RowChange(name, tuple(r[k] for k in keys), None, r)
                               for r in full)
            fts.rebuild_index(conn)
            refresh_all_sort_keys(conn)
            writing.rows = changes
        films = frozenset(r["id"] for r in tables.get("film", ()))
        return Changes(label, tuple(changes), films)


def _check_still_hashes(tables: dict[str, list[dict[str, Any]]]) -> None:
    owners = {("film", r.get("id")): r.get("title") for r in tables.get("film") or ()}
    owners.update({("person", r.get("id")): r.get("name") for r in tables.get("person") or ()})
    for row in tables.get("still") or ():
        if not is_sha256(row.get("sha256")):
            kind = "film" if row.get("film_id") is not None else "person"
            key = (kind, row.get(f"{kind}_id"))
            raise ValidationError({"sha256": bad_hash(row.get("sha256"),
                                                      owners.get(key) or f"{kind} {key[1]}")})


def _defaults(table_name: str) -> dict[str, Any]:
    """Values for the columns a row leaves out: the column's default, or NULL."""
    values: dict[str, Any] = {}
    for column in TABLES[table_name].columns:
        if column.primary_key:
            continue
        default = column.default
        if default is not None and not callable(getattr(default, "arg", None)):
            values[column.name] = default.arg
        elif column.nullable:
            values[column.name] = None
    return values
