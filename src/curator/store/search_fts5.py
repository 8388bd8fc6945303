"""What SQLite's search index (FTS5) is asked, as plain SQL over any way of running it:
search_sqlite.py runs it through SQLAlchemy's connection, store/glance.py through a bare
sqlite3 one (so `curator search` answers without loading SQLAlchemy). One set of rules
for both: every word must match, the last one as a prefix, ranked by bm25 unless too
many films match.

Two indexes: film_search holds each film's whole text (titles, people, synopsis and
quotes, countries); film_title_search indexes its titles alone (reading their text from
film_search's), so that the title matches of common words are read from short doclists
(a column filter on film_search walks every film holding the word, wherever it holds it)."""

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


# The index's words, a row per occurrence (fts5vocab "instance", in the connection's
# temporary schema): sought from a prefix, it names the words the prefix stands for
# without reading their lists.
TERMS_TABLE = "film_search_terms"
# A prefix standing for at most this many words is spelt out as their OR.
SPELT_OUT_MOST = 8
_PLAIN = re.compile(r"[a-z0-9]+")  # a prefix the tokenizer keeps as it is
_WORDS_FROM = f"""WITH RECURSIVE found(term, n) AS (
  SELECT (SELECT term FROM temp.{TERMS_TABLE} WHERE term >= ?1 LIMIT 1), 1
  UNION ALL
  SELECT (SELECT term FROM temp.{TERMS_TABLE} WHERE term >= found.term || char(1) LIMIT 1),
         n + 1
  FROM found WHERE found.term < ?2 AND n <= ?3)
SELECT term FROM found WHERE term < ?2"""


def words_from(run: Run, prefix: str, most: int = SPELT_OUT_MOST) -> list[str] | None:
    """The index's words beginning with `prefix` (a plain lower-case one), or None when
    there are more than `most`. Each step seeks the next word past the last one found,
    so the lists of the words are never read."""
    run(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{TERMS_TABLE} "
        f"USING fts5vocab(main, {FTS_TABLE}, instance)", ())
    # the first string after every word beginning with prefix
    beyond = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    found = [row[0] for row in run(_WORDS_FROM, (prefix, beyond, most))]
    return None if len(found) > most else found


def unranked_query(run: Run, words: list[str]) -> str | None:
    """fts_query's films, asked so that the reads in catalogue order and the count stream
    through the lists; None when no word of the index begins as the last word does.

    FTS5 answers a prefix by merging the lists of every word it stands for into one
    before giving the first hit: for a common word, a walk of its whole list even for
    the first 200 hits. Spelt out as the OR of those words (few once a prefix has three
    letters) the lists are read only as far as the hits asked for. One or two letters
    are read from the prefix indexes, already merged. Ranking keeps fts_query: bm25
    weighs a prefix as one phrase.
    """
    last = words[-1]
    if len(last) <= 2 or not _PLAIN.fullmatch(last):
        return fts_query(words)
    spelt = words_from(run, last)
    if spelt is None:
        return fts_query(words)
    if not spelt:
        return None
    either = " OR ".join(f'"{w}"' for w in spelt)
    return " AND ".join([*(f'"{w}"' for w in words[:-1]), f"({either})"])


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
    listed = unranked_query(run, words)
    if listed is None:
        return []
    first = hits(run, listed, most + 1)
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
    listed = unranked_query(run, words)
    if listed is None:
        return 0
    return run(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?",
               (listed,))[0][0]
