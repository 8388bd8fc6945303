"""Quick answers for the commands that only read: `curator info`'s counts and `curator
search`'s films, from an archive folder through store/glance.py's bare connection,
without loading the ORM or SQLAlchemy.

Each returns None when the full catalogue must answer instead: a server, an archive to
upgrade or to check, a query with field:value conditions. What they answer is what the
catalogue answers (tests/catalog/test_glance.py compares the two on both sorts of
query); the rules they apply are the catalogue's own (search_fts5, exact_first).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from curator.catalog.query import QueryError, parse_query
from curator.store import glance, search_fts5

# What `curator info` counts, and the table each count reads (Catalog.counts too).
COUNTED_TABLES = {
    "films": "film", "people": "person", "name variants": "name_variant",
    "credits": "credit", "festivals": "festival", "editions": "edition",
    "sections": "section", "screenings": "screening", "awards": "award",
    "stills": "still", "quotes": "quote", "lists": "collection", "sources": "source",
}  # fmt: skip
_CHUNK = 500  # ids per statement, well inside SQLite's limit on parameters


@dataclass(frozen=True)
class ArchiveSummary:
    """What `curator info` prints."""

    address: str
    revision: str
    counts: dict[str, int]


class FilmLine(NamedTuple):
    """A film as `curator search` prints it (FilmRow's names for the same values)."""

    id: int
    title: str
    year: int | None
    countries: str  # "USSR / Finland"
    directors: str  # "Marjaana Mykkanen, Another Director"


def exact_first(ranked: list[int], exact: set[int]) -> list[int]:
    """A film whose title is exactly what was typed leads, whatever bm25 says."""
    if not exact:
        return ranked
    return [i for i in ranked if i in exact] + [i for i in ranked if i not in exact]


def summary(where: str | os.PathLike[str]) -> ArchiveSummary | None:
    """The archive's address, schema revision and counts; None: ask the catalogue."""
    db = glance.open_for_reading(where)
    if db is None:
        return None
    with closing(db):
        revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        counts = {name: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for name, table in COUNTED_TABLES.items()}
    return ArchiveSummary(str(Path(where).expanduser().absolute()), revision, counts)


def search_films(where: str | os.PathLike[str], text: str, limit: int
                 ) -> tuple[int, list[FilmLine]] | None:
    """How many films match the free words of `text`, and the first `limit` of them by
    relevance; None when the catalogue must answer (conditions, no words, a server...)."""
    try:
        parsed = parse_query(text)
    except QueryError:
        return None  # the catalogue says what is wrong with it
    words = parsed.words
    if parsed.conditions or not search_fts5.tokens(words):
        return None
    db = glance.open_for_reading(where)
    if db is None:
        return None
    with closing(db):
        run = glance.runner(db)
        total = search_fts5.count_matches(run, words) or 0
        ranked = search_fts5.relevance_ids(run, words, limit) or []
        exact = {row[0] for part in _chunks(ranked) for row in db.execute(
            f"SELECT id FROM film WHERE id IN ({_marks(part)}) AND lower(title) = ?",
            (*part, words.strip().lower()))}
        return total, film_lines(db, exact_first(ranked, exact))


def film_lines(db: sqlite3.Connection, film_ids: list[int]) -> list[FilmLine]:
    """The films' lines in the order given, read as catalog/search.py's film_rows reads
    them (countries and directors in their order on the film)."""
    films: dict[int, tuple[str, int | None]] = {}
    countries: dict[int, list[str]] = {}
    directors: dict[int, list[str]] = {}
    for part in _chunks(film_ids):
        marks = _marks(part)
        for fid, title, year in db.execute(
                f"SELECT id, title, year FROM film WHERE id IN ({marks})", part):
            films[fid] = (title, year)
        for fid, name in db.execute(
                f"SELECT film_id, name FROM film_country WHERE film_id IN ({marks}) "
                "ORDER BY position", part):
            countries.setdefault(fid, []).append(name)
        for fid, name in db.execute(
                f"SELECT c.film_id, p.name FROM credit c JOIN person p ON p.id = c.person_id "
                f"WHERE c.film_id IN ({marks}) AND c.role = 'director' ORDER BY c.position",
                part):
            directors.setdefault(fid, []).append(name)
    return [FilmLine(i, films[i][0], films[i][1], " / ".join(countries.get(i, [])),
                     ", ".join(directors.get(i, [])))
            for i in film_ids if i in films]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))
