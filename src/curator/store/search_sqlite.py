"""SQLite's search index (FTS5), behind the interface of store/search.py.

One row per film (rowid = film id) holding its titles, people (names and name
variants), synopsis and quotes, and countries; film_title_search indexes the same titles
alone (search_fts5.py says why), reading their text from film_search's titles column
(FTS5 external content), so the titles are stored once. The unicode61 tokenizer with
remove_diacritics makes search case- and accent-insensitive; the prefix indexes make
search-as-you-type cheap (longer prefixes expand over few terms). Other databases fall
back to portable LIKE.

The title index keeps no text of its own: FTS5 removes a film's entry by the words of the
titles it is given, so every change that replaces or deletes film_search rows takes the
films out of the title index first, while film_search still holds the titles they were
indexed from (_FORGET_TITLES_SQL), and indexes them again after.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    and_,
    bindparam,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.sql import Select

from curator.model import AltTitle, Credit, Film, FilmCountry, NameVariant, Person
from curator.store import search_fts5
from curator.store.search_fts5 import FTS_TABLE, RANK_LIMIT, TITLE_TABLE, tokens  # noqa: F401
from curator.store.search_fts5 import fts_query as _fts_query


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def create_index(conn: Connection) -> None:
    if not is_sqlite(conn):
        return
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
        "titles, people, synopsis, countries, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
    )
    conn.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 2.0)')"
    )
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {TITLE_TABLE} USING fts5("
        f"titles, content = '{FTS_TABLE}', content_rowid = 'rowid', "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
    )


# Each column's text, and the part tables it gathers from: a film without rows in a part
# table has '' there (coalesce's answer), so an import that gave its new films no such
# rows asks nothing of them.
_TITLES = ("f.title || ' ' || f.original_title || ' ' || {alt_title}", {
    "alt_title": "coalesce((SELECT group_concat(a.title, ' ') FROM alt_title a "
                 "WHERE a.film_id = f.id), '')"})
_PEOPLE = ("{credit}", {
    "credit": "coalesce((SELECT group_concat(p.name || ' ' || coalesce((SELECT "
              "group_concat(v.name, ' ') FROM name_variant v WHERE v.person_id = p.id), ''), "
              "' ') FROM credit c JOIN person p ON p.id = c.person_id WHERE c.film_id = f.id), "
              "'')"})
_SYNOPSIS = ("f.synopsis || ' ' || {quote}", {
    "quote": "coalesce((SELECT group_concat(q.text || ' ' || q.attribution, ' ') "
             "FROM quote q WHERE q.film_id = f.id), '')"})
_COUNTRIES = ("{film_country}", {
    "film_country": "coalesce((SELECT group_concat(c.name, ' ') FROM film_country c "
                    "WHERE c.film_id = f.id), '')"})


def _document_sql(parts: Collection[str] | None = None) -> str:
    """The statement indexing films from the tables; `parts`: the part tables that may
    hold rows of them (None: any)."""
    columns = []
    for text_sql, gathered in (_TITLES, _PEOPLE, _SYNOPSIS, _COUNTRIES):
        columns.append(text_sql.format(**{
            table: sql if parts is None or table in parts else "''"
            for table, sql in gathered.items()}))
    return (f"INSERT INTO {FTS_TABLE}(rowid, titles, people, synopsis, countries)\n"
            f"SELECT f.id,\n  " + ",\n  ".join(columns) + "\nFROM film f\n")


_DOCUMENT_SQL = _document_sql()
# The title index is given the titles film_search was just given (never gathered twice);
# it stores no copy of them.
_TITLES_SQL = f"INSERT INTO {TITLE_TABLE}(rowid, titles) SELECT rowid, titles FROM {FTS_TABLE}"
# Takes films out of the title index by the titles film_search holds for them now, which
# are the ones they were indexed from: run before their film_search rows change.
_FORGET_TITLES_SQL = (f"INSERT INTO {TITLE_TABLE}({TITLE_TABLE}, rowid, titles) "
                      f"SELECT 'delete', rowid, titles FROM {FTS_TABLE}")


def rebuild_index(conn: Connection) -> None:
    """Rebuild the whole index from the catalogue tables."""
    if not is_sqlite(conn):
        return
    # 'delete-all' reads nothing; FTS5's 'rebuild' would read film_search with a statement
    # SQLite refuses over a virtual table, hence the INSERT ... SELECT.
    conn.exec_driver_sql(f"INSERT INTO {TITLE_TABLE}({TITLE_TABLE}) VALUES ('delete-all')")
    conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    conn.exec_driver_sql(_DOCUMENT_SQL)
    conn.exec_driver_sql(_TITLES_SQL)


def reindex_films(conn: Connection, film_ids: Iterable[int]) -> None:
    """Bring the index rows of these films in step with the tables (deleted ones vanish)."""
    if not is_sqlite(conn):
        return
    ids = sorted(set(film_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        conn.exec_driver_sql(f"{_FORGET_TITLES_SQL} WHERE rowid IN ({marks})", tuple(chunk))
        conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({marks})", tuple(chunk))
        conn.exec_driver_sql(f"{_DOCUMENT_SQL} WHERE f.id IN ({marks})", tuple(chunk))
        conn.exec_driver_sql(f"{_TITLES_SQL} WHERE rowid IN ({marks})", tuple(chunk))


_COUNTRIES_SQL = f"""
UPDATE {FTS_TABLE} SET countries = coalesce(
  (SELECT group_concat(c.name, ' ') FROM film_country c WHERE c.film_id = {FTS_TABLE}.rowid), '')
"""


def reindex_countries(conn: Connection, film_ids: Iterable[int]) -> None:
    """The countries column alone, as the document would have it: the other columns'
    people, titles and quotes are not gathered again (a third of the time of 50,000).
    The titles stay as they were, so the title index, which reads them, stays right."""
    if not is_sqlite(conn):
        return
    ids = sorted(set(film_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        conn.exec_driver_sql(f"{_COUNTRIES_SQL} WHERE rowid IN ({marks})", tuple(chunk))


def reindex_range(conn: Connection, first_id: int, last_id: int,
                  parts: Collection[str] | None = None) -> None:
    """Index films with ids in [first_id, last_id]: the bulk path's contiguous new rows;
    `parts` names the part tables that may hold rows of them (None: any)."""
    if not is_sqlite(conn):
        return
    conn.exec_driver_sql(f"{_FORGET_TITLES_SQL} WHERE rowid BETWEEN ? AND ?",
                         (first_id, last_id))
    conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE} WHERE rowid BETWEEN ? AND ?",
                         (first_id, last_id))
    conn.exec_driver_sql(f"{_document_sql(parts)} WHERE f.id BETWEEN ? AND ?",
                         (first_id, last_id))
    conn.exec_driver_sql(f"{_TITLES_SQL} WHERE rowid BETWEEN ? AND ?", (first_id, last_id))


def add_documents(conn: Connection, documents: list[tuple[int, str, str, str, str]]) -> None:
    """Index new films from (id, titles, people, synopsis, countries) built by the caller.

    The bulk path has every value in memory already; this spares it the
    correlated queries of reindex_films.
    """
    if not is_sqlite(conn) or not documents:
        return
    conn.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}(rowid, titles, people, synopsis, countries) "
        "VALUES (?, ?, ?, ?, ?)", documents)
    conn.exec_driver_sql(f"INSERT INTO {TITLE_TABLE}(rowid, titles) VALUES (?, ?)",
                         [(d[0], d[1]) for d in documents])


def matching_film_ids(conn: Connection, query: str) -> Select | None:
    """A SELECT of the ids of films matching every word of query, or None for no words."""
    words = tokens(query)
    if not words:
        return None
    if is_sqlite(conn):
        return select(literal_column("rowid").label("id")).select_from(
            text(FTS_TABLE)
        ).where(text(f"{FTS_TABLE} MATCH :fts_q").bindparams(fts_q=_fts_query(words)))
    return _portable_matching_ids(words)


def title_matching_film_ids(conn: Connection, query: str) -> Select | None:
    """Like matching_film_ids, restricted to the titles (read from the title index)."""
    words = tokens(query)
    if not words or not is_sqlite(conn):
        return None
    # unique: one statement may hold several (title:rock and the title-first order)
    return select(literal_column("rowid").label("id")).select_from(text(TITLE_TABLE)).where(
        text(f"{TITLE_TABLE} MATCH :fts_t").bindparams(
            bindparam("fts_t", _fts_query(words), unique=True)))


def people_matching_film_ids(conn: Connection, query: str) -> Select | None:
    """Like matching_film_ids, restricted to the names of the people credited."""
    return _column_matching_film_ids(conn, query, "people")


def _column_matching_film_ids(conn: Connection, query: str, column: str) -> Select | None:
    words = tokens(query)
    if not words or not is_sqlite(conn):
        return None
    # unique: one statement may hold several (title:rock and the title-first order)
    return select(literal_column("rowid").label("id")).select_from(text(FTS_TABLE)).where(
        text(f"{FTS_TABLE} MATCH :fts_c").bindparams(
            bindparam("fts_c", _fts_query(words, column), unique=True)))


def _run(conn: Connection) -> search_fts5.Run:
    def run(sql: str, params: Sequence[Any]) -> list[Sequence[Any]]:
        result = conn.exec_driver_sql(sql, tuple(params))
        return list(result.all()) if result.returns_rows else []
    return run


def relevance_film_ids(conn: Connection, query: str, limit: int) -> list[int] | None:
    """The first `limit` films by relevance; None where FTS5 is not available
    (search_fts5.relevance_ids says how they are chosen)."""
    if not is_sqlite(conn):
        return None
    return search_fts5.relevance_ids(_run(conn), query, limit)


def count_matches(conn: Connection, query: str) -> int | None:
    """How many films match every word; None where FTS5 is not available."""
    if not is_sqlite(conn):
        return None
    return search_fts5.count_matches(_run(conn), query)


def _portable_matching_ids(words: list[str]) -> Select:
    """LIKE-based matching for databases without FTS5 (case-insensitive, not accent-blind)."""
    conditions = []
    for w in words:
        pattern = f"%{w}%"
        people = (
            select(Credit.film_id)
            .join(Person, Person.id == Credit.person_id)
            .outerjoin(NameVariant, NameVariant.person_id == Person.id)
            .where(or_(Person.name.ilike(pattern), NameVariant.name.ilike(pattern)))
        )
        conditions.append(
            or_(
                Film.title.ilike(pattern),
                Film.original_title.ilike(pattern),
                Film.synopsis.ilike(pattern),
                Film.id.in_(select(AltTitle.film_id).where(AltTitle.title.ilike(pattern))),
                Film.id.in_(select(FilmCountry.film_id).where(FilmCountry.name.ilike(pattern))),
                Film.id.in_(people),
            )
        )
    return select(Film.id).where(and_(*conditions) if conditions else false())


def index_size(conn: Connection) -> int:
    if not is_sqlite(conn):
        return 0
    return conn.execute(select(func.count()).select_from(text(FTS_TABLE))).scalar_one()


def close_terms(conn: Connection, word: str, most: int = 3) -> list[str]:
    """Words of the index spelt nearly as `word` ("mykanen" -> "mykkanen"), nearest first;
    [] where FTS5 is not available. For "did you mean", after a search found nothing."""
    import difflib

    folded = tokens(word)
    if len(folded) != 1 or not is_sqlite(conn):
        return []
    word = folded[0]
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{FTS_TABLE}_words "
                         f"USING fts5vocab(main, {FTS_TABLE}, row)")
    # Only words of about its length can be near it: the rest are never compared.
    terms = conn.exec_driver_sql(
        f"SELECT term FROM temp.{FTS_TABLE}_words WHERE length(term) BETWEEN ? AND ? "
        "AND term NOT GLOB '*[0-9]*'", (len(word) - 2, len(word) + 2)).scalars().all()
    return difflib.get_close_matches(word, terms, n=most, cutoff=0.75)


def id_set(conn: Connection, ids: Select) -> set[int]:
    # read as one joined string: half the cost of tens of thousands of rows one by one
    inner = ids.subquery()
    joined = conn.execute(select(func.group_concat(next(iter(inner.c))))).scalar()
    return set(map(int, joined.split(","))) if joined else set()
