"""The full-text search index, one interface over each engine's own index.

What a query means is the same everywhere: every word must match, case and accents
aside, the last one as a prefix (it may still be being typed), over titles (original
and alternative too), people's names and their variants, synopses and quotes, and
countries. SQLite answers with FTS5 (search_sqlite.py), PostgreSQL with its text
search and unaccent (search_postgres.py); nothing above the store asks which.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from types import ModuleType

from sqlalchemy import Connection
from sqlalchemy.sql import Select

from curator.store import search_postgres, search_sqlite
from curator.store.search_sqlite import FTS_TABLE, TITLE_TABLE, is_sqlite, tokens  # noqa: F401

_ENGINES = {"sqlite": search_sqlite, "postgresql": search_postgres}


def _engine(conn: Connection) -> ModuleType:
    return _ENGINES.get(conn.dialect.name, search_sqlite)


def create_index(conn: Connection) -> None:
    _engine(conn).create_index(conn)


def rebuild_index(conn: Connection) -> None:
    """Rebuild the whole index from the catalogue tables."""
    _engine(conn).rebuild_index(conn)


def reindex_films(conn: Connection, film_ids: Iterable[int]) -> None:
    """Bring the index rows of these films in step with the tables (deleted ones vanish)."""
    _engine(conn).reindex_films(conn, film_ids)


def reindex_countries(conn: Connection, film_ids: Iterable[int]) -> None:
    """Like reindex_films, for films whose countries alone changed (a bulk edit's)."""
    _engine(conn).reindex_countries(conn, film_ids)


def reindex_range(conn: Connection, first_id: int, last_id: int,
                  parts: Collection[str] | None = None) -> None:
    """Index films with ids in [first_id, last_id]: the bulk path's contiguous new rows.
    `parts` names the part tables that may hold rows of these films (None: any); an
    engine may leave the others unread."""
    _engine(conn).reindex_range(conn, first_id, last_id, parts)


def add_documents(conn: Connection, documents: list[tuple[int, str, str, str, str]]) -> None:
    """Index new films from (id, titles, people, synopsis, countries) built by the caller."""
    _engine(conn).add_documents(conn, documents)


def matching_film_ids(conn: Connection, query: str) -> Select | None:
    """A SELECT of the ids of films matching every word of query, or None for no words."""
    return _engine(conn).matching_film_ids(conn, query)


def title_matching_film_ids(conn: Connection, query: str) -> Select | None:
    """Like matching_film_ids, restricted to the titles."""
    return _engine(conn).title_matching_film_ids(conn, query)


def people_matching_film_ids(conn: Connection, query: str) -> Select | None:
    """Like matching_film_ids, restricted to the names of the people credited (None: the
    engine cannot say; match the names another way)."""
    return _engine(conn).people_matching_film_ids(conn, query)


def close_terms(conn: Connection, word: str, most: int = 3) -> list[str]:
    """Words of the index spelt nearly as `word`, nearest first (for "did you mean")."""
    return _engine(conn).close_terms(conn, word, most)


def relevance_film_ids(conn: Connection, query: str, limit: int) -> list[int] | None:
    """The first `limit` films by relevance (None: the engine cannot rank)."""
    return _engine(conn).relevance_film_ids(conn, query, limit)


def count_matches(conn: Connection, query: str) -> int | None:
    """How many films match every word (None: count with the filters' query instead)."""
    return _engine(conn).count_matches(conn, query)


def index_size(conn: Connection) -> int:
    return _engine(conn).index_size(conn)


def id_set(conn: Connection, ids: Select) -> set[int]:
    """The ids the one column of `ids` holds (films of people, say), as a set."""
    return _engine(conn).id_set(conn, ids)
