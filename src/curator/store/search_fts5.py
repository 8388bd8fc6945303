"""What SQLite's search index (FTS5) is asked, as plain SQL over any way of running it:
search_sqlite.py runs it through SQLAlchemy's connection, store/glance.py through a bare
sqlite3 one (so `curator search` answers without loading SQLAlchemy). One set of rules
for both: every word must match, the last one as a prefix, ranked by bm25 unless too
many films match.

Two indexes: film_search holds each film's whole text (titles, people, synopsis and
quotes, countries); film_title_search its titles alone, so that the title matches of
common words are read from short doclists (a column filter on film_search walks every
film holding the word, wherever it holds it)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

# Runs one statement with its parameters and returns every row.
Run = Callable[[str, Sequence[Any]], list[Sequence[Any]]]

FTS_TABLE = "film_search"
TITLE_TABLE = "film_title_search"
_TOKEN = re.compile(r"\w+", re.UNICODE)
# Above this many hits, bm25 ranking of every hit costs more than the answer is
# worth; such queries rank title matches first instead.
RANK_LIMIT = 2000


def tokens(query: str) -> list[str]:
    return _TOKEN.findall(query.casefold())


def fts_query(words: list[str], column: str | None = None) -> str:
    # Every word must match. The last one is a prefix, as the user is still typing
    # it; the ones before are whole words (a prefix costs a doclist merge each).
    # Quoting keeps FTS5 operators inert.
    terms = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
    return f"{{{column}}} : ({terms})" if column else terms


def hits(run: Run, match: str, limit: int, ranked: bool = False,
         table: str = FTS_TABLE) -> list[int]:
    order = " ORDER BY rank" if ranked else ""
    return [row[0] for row in run(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ?{order} LIMIT ?",
        (match, limit))]


def relevance_ids(run: Run, query: str, limit: int) -> list[int] | None:
    """The first `limit` films by relevance; None for a query without words.

    A query with few hits is ranked whole with bm25. A very common word or a
    one-letter prefix is not: ranking every hit costs more than the answer is
    worth. Then films matching in their titles lead (ranked if they are few),
    followed by the other hits in catalogue order.
    """
    words = tokens(query)
    if not words:
        return None
    most = max(RANK_LIMIT, limit)
    # One read of the first hits in catalogue order says whether they are few, and is the
    # page's tail when they are not (a second statement would walk the same doclists).
    everywhere = fts_query(words)
    first = hits(run, everywhere, most + 1)
    if len(first) <= RANK_LIMIT:
        return hits(run, everywhere, limit, ranked=True) if first else []
    # The title index answers the title matches: its doclists hold titles only.
    titled = hits(run, everywhere, most + 1, table=TITLE_TABLE)
    if not titled or len(titled) > RANK_LIMIT:
        lead = titled[:limit]
    else:
        lead = hits(run, everywhere, limit, ranked=True, table=TITLE_TABLE)
    seen = set(lead)
    # A title match matches everywhere too: the first hits in catalogue order, less
    # those already leading, fill the page.
    rest = [i for i in first[: limit + len(lead)] if i not in seen]
    return lead + rest[: limit - len(lead)]


def count_matches(run: Run, query: str) -> int | None:
    """How many films match every word; None for a query without words."""
    words = tokens(query)
    if not words:
        return None
    return run(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
               (fts_query(words),))[0][0]
