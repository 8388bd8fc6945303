"""PostgreSQL's search index (its text search), behind store/search.py.

One row per film in film_search (made by migration "team"): `document`, the film's
words weighted titles A, people B, countries C, synopsis and quotes D, and `titles`
alone. Words are cut as SQLite's FTS5 cuts them (runs of letters, digits and "_"),
lower-cased and without accents, so the same query finds the same films on both.

Accents go as FTS5's remove_diacritics takes them off: the letters are decomposed
(NFD) and their combining marks dropped, so "é" is "e" but "ø" stays "ø". The unaccent
extension would also turn "ø" into "o" and "ß" into "ss", and the two engines would
then disagree on what "rode" finds.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable

from sqlalchemy import Connection, literal_column, select, text
from sqlalchemy.sql import Select

from curator.store.search_sqlite import RANK_LIMIT, tokens

INDEX_TABLE = "film_search"
# how many films (in id order) a search reads, at first and at most, to learn that its
# words are common (see _common_first_hits); a title is quicker to read than a document
SAMPLE_ROWS = 400
PROBE_ROWS = {"document": 12_000, "titles": 24_000}


def _plain(expression: str) -> str:
    """Lower case, without combining marks (accents)."""
    return f"regexp_replace(normalize(lower({expression}), NFD), '[\\u0300-\\u036f]+', '', 'g')"


def _words(expression: str) -> str:
    # as FTS5's unicode61 tokenizer: anything but a letter, digit or "_" parts words
    return f"regexp_replace({_plain(expression)}, '\\W+', ' ', 'g')"


def _vector(expression: str, weight: str | None = None) -> str:
    vector = f"to_tsvector('simple', {_words(expression)})"
    return f"setweight({vector}, '{weight}')" if weight else vector


_PARTS = """
SELECT f.id AS film_id,
  f.title || ' ' || f.original_title || ' ' ||
    coalesce((SELECT string_agg(a.title, ' ') FROM alt_title a WHERE a.film_id = f.id), '')
    AS titles,
  coalesce((SELECT string_agg(p.name || ' ' || coalesce(
      (SELECT string_agg(v.name, ' ') FROM name_variant v WHERE v.person_id = p.id), ''), ' ')
    FROM credit c JOIN person p ON p.id = c.person_id WHERE c.film_id = f.id), '') AS people,
  f.synopsis || ' ' ||
    coalesce((SELECT string_agg(q.text || ' ' || q.attribution, ' ')
              FROM quote q WHERE q.film_id = f.id), '') AS synopsis,
  coalesce((SELECT string_agg(c.name, ' ') FROM film_country c WHERE c.film_id = f.id), '')
    AS countries
FROM film f
"""

_DOCUMENT = (f"{_vector('d.titles', 'A')} || {_vector('d.people', 'B')} || "
             f"{_vector('d.countries', 'C')} || {_vector('d.synopsis', 'D')}")
_INSERT = (f"INSERT INTO {INDEX_TABLE} (film_id, document, titles) "
           f"SELECT d.film_id, {_DOCUMENT}, {_vector('d.titles')} FROM ({_PARTS} {{where}}) d")


def create_index(conn: Connection) -> None:
    """The index is the migration's; nothing to make at run time."""


def rebuild_index(conn: Connection) -> None:
    conn.exec_driver_sql(f"DELETE FROM {INDEX_TABLE}")
    conn.exec_driver_sql(_INSERT.format(where=""))


def reindex_films(conn: Connection, film_ids: Iterable[int]) -> None:
    ids = sorted(set(film_ids))
    if not ids:
        return
    conn.execute(text(f"DELETE FROM {INDEX_TABLE} WHERE film_id = ANY(:ids)"), {"ids": ids})
    conn.execute(text(_INSERT.format(where="WHERE f.id = ANY(:ids)")), {"ids": ids})


def reindex_countries(conn: Connection, film_ids: Iterable[int]) -> None:
    reindex_films(conn, film_ids)  # one document per film: made whole again


def reindex_range(conn: Connection, first_id: int, last_id: int,
                  parts: Collection[str] | None = None) -> None:
    bounds = {"first": first_id, "last": last_id}
    conn.execute(text(f"DELETE FROM {INDEX_TABLE} WHERE film_id BETWEEN :first AND :last"),
                 bounds)
    conn.execute(text(_INSERT.format(where="WHERE f.id BETWEEN :first AND :last")), bounds)


def add_documents(conn: Connection, documents: list[tuple[int, str, str, str, str]]) -> None:
    if not documents:
        return
    parts = ("SELECT CAST(:id AS integer) AS film_id, CAST(:titles AS text) AS titles, "
             "CAST(:people AS text) AS people, CAST(:synopsis AS text) AS synopsis, "
             "CAST(:countries AS text) AS countries")
    conn.execute(
        text(f"INSERT INTO {INDEX_TABLE} (film_id, document, titles) "
             f"SELECT d.film_id, {_DOCUMENT}, {_vector('d.titles')} FROM ({parts}) d"),
        [dict(zip(("id", "titles", "people", "synopsis", "countries"), d, strict=True))
         for d in documents])


def _without_marks(word: str) -> str:
    """What _plain does in SQL, done here to the query: a constant the planner can read."""
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not "\u0300" <= c <= "\u036f")


def _tsquery(words: list[str]) -> str:
    # Every word must match; the last one is a prefix, as on SQLite. Words are runs of
    # \w (no quote can be in one), quoted so no operator of tsquery's syntax applies.
    words = [_without_marks(w) for w in words]
    return " & ".join([*(f"'{w}'" for w in words[:-1]), f"'{words[-1]}':*"])


def _query(words: list[str], column: str, name: str) -> Select:
    return select(literal_column("film_id").label("id")).select_from(
        text(INDEX_TABLE)).where(
        text(f"{column} @@ to_tsquery('simple', :{name})").bindparams(
            **{name: _tsquery(words)}))


def matching_film_ids(conn: Connection, query: str) -> Select | None:
    words = tokens(query)
    return _query(words, "document", "pg_q") if words else None


def title_matching_film_ids(conn: Connection, query: str) -> Select | None:
    words = tokens(query)
    return _query(words, "titles", "pg_t") if words else None


def _ranked(conn: Connection, column: str, q: str, limit: int, ranked: bool) -> list[int]:
    order = (f"ts_rank({column}, to_tsquery('simple', :q)) DESC, film_id"
             if ranked else "film_id")
    return list(conn.execute(text(
        f"SELECT film_id FROM {INDEX_TABLE} "
        f"WHERE {column} @@ to_tsquery('simple', :q) ORDER BY {order} LIMIT :n"),
        {"q": q, "n": limit}).scalars())


def _scored(conn: Connection, column: str, q: str, most: int) -> list[tuple[int, float]]:
    return [(film, rank) for film, rank in conn.execute(text(
        f"SELECT film_id, ts_rank({column}, to_tsquery('simple', :q)) FROM {INDEX_TABLE} "
        f"WHERE {column} @@ to_tsquery('simple', :q) LIMIT :n"), {"q": q, "n": most})]


def _best(scored: list[tuple[int, float]], limit: int) -> list[int]:
    """The ids by rank, best first (ties by id), as ORDER BY ts_rank DESC, film_id."""
    return [film for film, _rank in sorted(scored, key=lambda r: (-r[1], r[0]))[:limit]]


def _first_hits(conn: Connection, column: str, q: str, rows: int, most: int) -> list[int]:
    """Up to `most` ids of films matching among the first `rows` films, in id order."""
    return list(conn.execute(text(
        f"SELECT film_id FROM (SELECT film_id, {column} FROM {INDEX_TABLE} "
        "ORDER BY film_id LIMIT :rows) first_films "
        f"WHERE {column} @@ to_tsquery('simple', :q) ORDER BY film_id LIMIT :n"),
        {"rows": rows, "q": q, "n": most}).scalars())


def _common_first_hits(conn: Connection, column: str, q: str, most: int) -> list[int] | None:
    """The first `most` hits in id order, if the words are common enough to show it in a
    short read of the first films; None if not (then ask the index).

    Reading a few thousand rows in id order costs a millisecond or two, where the index's
    bitmap of every film holding a common word (or a one-letter prefix) takes tens. A
    glance at the first SAMPLE_ROWS says whether the longer read can be enough. As the
    hits come in id order, they are the first hits of the whole catalogue too."""
    sample = len(_first_hits(conn, column, q, SAMPLE_ROWS, most))
    if sample == 0 or SAMPLE_ROWS * most / sample > PROBE_ROWS[column]:
        return None
    # with a margin: the first films need not be typical of the catalogue
    rows = min(PROBE_ROWS[column], int(SAMPLE_ROWS * most / sample * 1.5))
    hits = _first_hits(conn, column, q, rows, most)
    return hits if len(hits) == most else None


def relevance_film_ids(conn: Connection, query: str, limit: int) -> list[int] | None:
    """As on SQLite: few hits are ranked whole; many put title matches first."""
    words = tokens(query)
    if not words:
        return None
    q = _tsquery(words)
    most = max(RANK_LIMIT, limit) + 1
    first = _common_first_hits(conn, "document", q, most) or []
    if not first:
        # not common among the first films: one scan of the index both counts the hits
        # (up to `most`) and scores them
        hits = _scored(conn, "document", q, most)
        if len(hits) <= RANK_LIMIT:
            return _best(hits, limit)
    in_titles = _common_first_hits(conn, "titles", q, most)
    if in_titles is not None:
        lead = in_titles[:limit]  # too many to rank: the first, as SQLite gives them
    else:
        scored = _scored(conn, "titles", q, most)
        lead = (_best(scored, limit) if len(scored) <= RANK_LIMIT
                else _ranked(conn, "titles", q, limit, ranked=False))
    seen = set(lead)
    wanted = limit + len(lead)
    # a title match matches everywhere too: the first hits by id, less those leading
    pool = first if len(first) >= wanted else _ranked(conn, "document", q, wanted, ranked=False)
    rest = [i for i in pool[:wanted] if i not in seen]
    return lead + rest[: limit - len(lead)]


def count_matches(conn: Connection, query: str) -> int | None:
    words = tokens(query)
    if not words:
        return None
    return conn.execute(text(
        f"SELECT count(*) FROM {INDEX_TABLE} "
        f"WHERE document @@ to_tsquery('simple', :q)"),
        {"q": _tsquery(words)}).scalar_one()


def index_size(conn: Connection) -> int:
    return conn.exec_driver_sql(f"SELECT count(*) FROM {INDEX_TABLE}").scalar_one()


def people_matching_film_ids(conn: Connection, query: str) -> Select | None:
    """The server's index has no column of people alone: None, and the caller matches
    the credited names itself."""
    return None


def close_terms(conn: Connection, word: str, most: int = 3) -> list[str]:
    """Words of the index spelt nearly as `word`, nearest first, as the folder's index
    gives them (asked only after a search found nothing: it reads the index's words)."""
    import difflib

    folded = tokens(word)
    if len(folded) != 1:
        return []
    word = folded[0]
    terms = conn.execute(text(
        f"SELECT word FROM ts_stat('SELECT document FROM {INDEX_TABLE}') "
        "WHERE length(word) BETWEEN :low AND :high AND word !~ '[0-9]'"),
        {"low": len(word) - 2, "high": len(word) + 2}).scalars().all()
    return difflib.get_close_matches(word, sorted(terms), n=most, cutoff=0.75)


def id_set(conn: Connection, ids: Select) -> set[int]:
    return set(conn.execute(ids).scalars().all())
