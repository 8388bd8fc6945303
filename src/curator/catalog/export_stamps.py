"""Stamps of the catalogue's content, so a re-export can tell which films changed since.

Every editable row carries an id that is never reused and a version that every
change raises (undo included), so the set of (id, version) pairs of a table
changes whenever its content does. A table's stamp sums that set up in one
scan; a film's stamp does the same for its own rows of each table that belongs
to films. Comparing the stamps of two moments names the films that changed
between them in a few milliseconds, without reading any film.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING

from sqlalchemy import text

from curator.catalog.unit import translate_errors
from curator.model import Base

if TYPE_CHECKING:
    from curator.catalog import Catalog

# Tables whose rows belong to one film (film_id, or a showing's screening's); the film
# table is its own owner.
FILM_TABLES = ("film", "film_country", "film_language", "film_genre", "alt_title", "credit",
               "quote", "external_id", "related_film", "screening", "award", "still",
               "film_address", "film_alias", "showing")
# Film-owned tables whose rows name their film through another row (a showing through its
# screening): the rows with their film's id, as a table of their own
_OWNED_THROUGH = {
    "showing": "(SELECT sc.film_id AS film_id, sh.id AS id, sh.version AS version "
               "FROM showing sh JOIN screening sc ON sc.id = sh.screening_id) owned",
}
# portable SQL (SQLite's total() is not PostgreSQL's); bigint, as ids times versions
# outgrow an integer
_SUMS = ("count(*), coalesce(sum(id), 0), coalesce(sum(version), 0), max(id), "
         "coalesce(sum(CAST(id AS bigint) * version), 0)")

Stamp = tuple[object, ...]


def _plain(values: Iterable[object]) -> Stamp:
    """A stamp as plain ints: PostgreSQL sums bigints into numerics (Decimal), which a
    saved stamp read back from JSON would never equal."""
    return tuple(int(v) if isinstance(v, Decimal) else v for v in values)


@dataclass
class CatalogueStamps:
    tables: dict[str, Stamp]
    # per film-owned table: film id -> the stamp of its rows there (None: rows of no film)
    films: dict[str, dict[int | None, Stamp]] = field(default_factory=dict)


def _table_stamps(catalog: Catalog) -> dict[str, Stamp]:
    stamps: dict[str, Stamp] = {}
    with translate_errors(), catalog.archive.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if "version" in table.c and "id" in table.c:
                stamps[table.name] = _plain(conn.execute(
                    text(f"SELECT {_SUMS} FROM {table.name}")).one())
            else:  # settings: few rows without versions, compared whole
                stamps[table.name] = tuple(map(tuple, conn.execute(
                    text(f"SELECT * FROM {table.name} ORDER BY 1")).all()))
    return stamps


def _film_stamps(catalog: Catalog, table: str) -> dict[int | None, Stamp]:
    # a film's own row: the same sums over the one row, without grouping
    query = ("SELECT id, 1, id, version, id, id * version FROM film" if table == "film" else
             f"SELECT film_id, {_SUMS} FROM {_OWNED_THROUGH.get(table, table)} "
             "GROUP BY film_id")
    with translate_errors(), catalog.archive.engine.connect() as conn:
        # the driver's rows as they come (a film's stamp a row, 10,000 of them): a third
        # quicker than text()'s, and made plain only where the sums came as Decimals
        stamps = {row[0]: row[1:] for row in conn.exec_driver_sql(query)}
    if any(isinstance(v, Decimal) for stamp in islice(stamps.values(), 1) for v in stamp):
        return {film: _plain(stamp) for film, stamp in stamps.items()}
    return stamps


def catalogue_stamps(catalog: Catalog) -> CatalogueStamps:
    """The stamps of the whole catalogue, film by film."""
    return CatalogueStamps(_table_stamps(catalog),
                           {t: _film_stamps(catalog, t) for t in FILM_TABLES})


def changed_films(catalog: Catalog, before: CatalogueStamps
                  ) -> tuple[CatalogueStamps, set[int] | None]:
    """The stamps now, and the ids of the films whose rows changed since `before`
    (created and deleted films included); None when something other than films'
    own rows changed (a person, a festival, a list, a setting)."""
    now = CatalogueStamps(_table_stamps(catalog), dict(before.films))
    changed: set[int] = set()
    others = False
    for table, stamp in now.tables.items():
        if before.tables.get(table) == stamp:
            continue
        if table not in FILM_TABLES:
            others = True
            continue
        rows = now.films[table] = _film_stamps(catalog, table)
        old = before.films.get(table, {})
        diff = {k for k in rows.keys() | old.keys() if rows.get(k) != old.get(k)}
        if None in diff:  # rows that belong to no film: a person's portrait or award
            others = True
        changed |= {k for k in diff if k is not None}
    return now, (None if others else changed)
