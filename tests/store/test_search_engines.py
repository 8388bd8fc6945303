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


@pytest.fixture(scope="module")
def common_words(postgres_server, server_template, tmp_path_factory):
    """2,600 films in a folder and on a server: "festival" in nine titles of ten, "film"
    in every synopsis, "late" only in films after the 500th."""
    from curator.catalog import FilmData
    from curator.interchange.team import push

    folder = tmp_path_factory.mktemp("common") / "Common.curator"
    local = Catalog.create(folder)
    local.imports.bulk_add([
        FilmData(title=(f"Harbour {n}" if n % 10 == 0 else f"Festival night {n}"), year=1980,
                 synopsis="A film" + (" made late" if n > 500 else "") + ".")
        for n in range(1, 2601)])
    name = postgres_server.new_database(server_template)
    push(folder, postgres_server.url(name))
    server = Catalog.open(postgres_server.url(name))
    yield local, server
    local.close()
    server.close()
    postgres_server.drop_database(name)


def test_a_page_of_a_common_words_films_is_the_same_on_both_engines(common_words):
    # more hits than are ranked: title matches lead, then the rest in catalogue order,
    # the same films in the same order whether the server reads its first films or
    # asks its index
    local, server = common_words
    for query in ("film", "f", "festival night", "fest", "late", "film late", "a"):
        mine = local.search.films(FilmQuery(text=query), limit=200)
        theirs = server.search.films(FilmQuery(text=query), limit=200)
        assert mine.total > 2000 and theirs.total == mine.total, query
        assert theirs.ids == mine.ids, query
    # few enough to rank: the same films (each engine ranks in its own way)
    mine = local.search.films(FilmQuery(text="harbour"), limit=200)
    theirs = server.search.films(FilmQuery(text="harbour"), limit=200)
    assert sorted(theirs.ids) == sorted(mine.ids) and len(mine.ids) == 200
