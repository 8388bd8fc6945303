"""The same query finds the same films in a folder (FTS5) and on a server (text search)."""

from __future__ import annotations

import random
import shutil

import pytest

from curator.catalog import Catalog, FilmQuery
from curator.store.search import tokens

# Words of the demo in every way an archivist types them: accents or not, capitals,
# prefixes, several words, people, countries, synopses, other scripts, numbers, nothing.
QUERIES = ["mykkanen", "Mykkänen", "MYKKÄNEN", "mykk", "from russia", "russia rock",
           "nautilus", "naut", "ussr", "soviet", "finland", "miserables", "misérables",
           "les mis", "postman", "postino", "the", "a", "1988", "19", "rock", "ro", "r",
           "love", "night of", "star wars", "war", "documentary", "zz", "qxqxq",
           "l'amour", "amour", "jean-luc", "o'brien", "s", "1", "seven samurai",
           "Наутилус", "нау", "café", "naïve", "über", "don't", "(500) days",
           "toy story 2", "ii", "iii", "part", "one", "city", "man who"]


@pytest.fixture(scope="module")
def both(demo_archive, demo_template, postgres_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("search") / "Demo.curator"
    shutil.copytree(demo_archive, folder)
    local = Catalog.open(folder)
    name = postgres_server.new_database(demo_template)
    server = Catalog.open(postgres_server.url(name))
    yield local, server
    local.close()
    server.close()
    postgres_server.drop_database(name)


def _more_queries(catalog: Catalog) -> list[str]:
    """Words of forty titles chosen at random (the same every run), the last one cut short."""
    rows = catalog.films.rows(catalog.search.films("", limit=100_000, count=False).ids)
    chosen = random.Random(14).sample(rows, 40)
    queries = []
    for row in chosen:
        words = tokens(row.title)[:3]
        if words:
            words[-1] = words[-1][: max(1, len(words[-1]) - 2)]
            queries.append(" ".join(words))
    return queries


def test_the_same_queries_find_the_same_films_on_both_engines(both):
    local, server = both
    assert local.counts() == server.counts()
    for query in QUERIES + _more_queries(local):
        mine = local.search.films(FilmQuery(text=query), limit=100_000)
        theirs = server.search.films(FilmQuery(text=query), limit=100_000)
        assert sorted(theirs.ids) == sorted(mine.ids), query
        assert theirs.total == mine.total, query
        # with a filter too: the index is one part of the same SQL on both
        mine = local.search.films(FilmQuery(text=query, year_from=1980, year_to=1999),
                                  limit=100_000)
        theirs = server.search.films(FilmQuery(text=query, year_from=1980, year_to=1999),
                                     limit=100_000)
        assert sorted(theirs.ids) == sorted(mine.ids), query


def test_relevance_puts_the_exact_title_first_on_both(both):
    for catalog in both:
        [film] = catalog.search.films("From Russia with Rock", limit=1).ids
        assert catalog.films.get(film).title == "From Russia with Rock"
