"""Search: accents, case, prefixes, order, filters, and an index that follows every write."""

import pytest

from curator.catalog import FilmQuery
from curator.catalog.records import CreditData, ScreeningData
from curator.catalog.search import Attention
from curator.model.enums import PublicationState
from tests.helpers import catalogue_miff


@pytest.fixture
def miff(catalog):
    return catalogue_miff(catalog)


@pytest.mark.parametrize("text", ["mykkanen", "MYKKÄNEN", "Mykkänen", "nautilus", "Nautil",
                                  "sverdlovsk", "ussr", "russia rock", "perestroika", "ro"])
def test_finds_the_film_by_any_of_its_words(catalog, miff, text):
    assert miff.film in catalog.search.films(text).ids


def test_accent_and_case_blind_on_titles(catalog):
    film = catalog.films.create("Les Misérables", year=1995).created_id
    assert catalog.search.films("miserables").ids == [film]
    assert catalog.search.films("MISÉR").ids == [film]


def test_every_word_must_match(catalog, miff):
    assert catalog.search.films("nautilus square").ids == []
    assert catalog.search.films("black square").ids == [miff.other]


def test_operators_in_the_query_are_plain_words(catalog, miff):
    everything = catalog.search.films("").ids
    for text in ['"', "*", "(", "-"]:  # punctuation alone is an empty search, not an error
        assert catalog.search.films(text).ids == everything, text
    # FTS5's own operators are words to look for, never syntax
    assert catalog.search.films("rock AND").ids == []  # no film has the word "and"
    assert catalog.search.films("NEAR(rock)").ids == []  # nor "near"
    assert catalog.search.films("rock russia").ids == [miff.film]
    assert catalog.search.films("(nautilus").ids == [miff.film]
    assert catalog.search.films('"from russia').ids == [miff.film]


def test_relevance_puts_title_matches_first(catalog, miff):
    # the synopsis mention is created first, so id order would put it first
    mention = catalog.films.create("Perestroika", synopsis="Not about Red Square at all.")
    title = catalog.films.create("Red Square", year=1970).created_id
    assert catalog.search.films("red square").ids == [title, mention.created_id]


def test_order_by_sort_title_ignores_articles(catalog):
    ids = {t: catalog.films.create(t, year=1990).created_id
           for t in ("The Zebra Film", "An Apple Film", "Mango Film")}
    result = catalog.search.films(FilmQuery(text="film", order="title"))
    assert result.ids == [ids["An Apple Film"], ids["Mango Film"], ids["The Zebra Film"]]
    desc = catalog.search.films(FilmQuery(text="film", order="title", descending=True))
    assert desc.ids == list(reversed(result.ids))


def test_filters(catalog, miff):
    late = catalog.films.create("Rock in Leningrad", year=1991, countries=["Soviet Union"],
                               kind="documentary").created_id
    q = FilmQuery
    assert catalog.search.films(q(text="rock", year_from=1990)).ids == [late]
    assert catalog.search.films(q(text="rock", year_to=1989)).ids == [miff.film]
    assert catalog.search.films(q(country="ussr")).ids == sorted([miff.film, miff.other])
    assert catalog.search.films(q(edition_id=miff.edition, order="title")).ids == [
        miff.other, miff.film]
    assert catalog.search.films(q(section_id=miff.section)).ids == [miff.other]
    assert catalog.search.films(q(kind="documentary", order="year")).ids == [miff.film, late]
    assert catalog.search.films(q(state=PublicationState.PUBLISHED)).ids == [miff.film]
    assert set(catalog.search.films(q(attention=Attention.NO_DIRECTOR)).ids) == {miff.other, late}
    no_still = catalog.search.films(q(attention=Attention.NO_STILL)).ids
    assert set(no_still) == {miff.film, miff.other, late}
    assert set(catalog.search.films(q(attention=Attention.NO_SYNOPSIS)).ids) == {miff.other, late}
    assert catalog.search.attention_counts()[Attention.UNPUBLISHED] == 2


def test_total_counts_every_match_while_ids_are_one_page(catalog):
    for n in range(30):
        catalog.films.create(f"Rock film {n}")
    result = catalog.search.films(FilmQuery(text="rock", order="title"), limit=10, offset=10)
    assert result.total == 30 and len(result.ids) == 10


def test_the_last_word_stands_for_every_word_it_begins(catalog):
    # one, several, none, and more words than are spelt out one by one
    for title in ("Rock", "Rocket Man", "The Rockers", "Stone"):
        catalog.films.create(title, synopsis="A rocky road." if title == "Stone" else "")
    for n, letter in enumerate("abcdefghij"):
        catalog.films.create(f"Sta{letter}{n}")
    for text, total in (("rock", 4), ("rocke", 2), ("rocket", 1), ("rockz", 0),
                        ("man rock", 1), ("the rocker", 1), ("sta", 10), ("stab", 1)):
        found = catalog.search.films(text)
        assert (found.total, len(found.ids)) == (total, total), text


def test_index_follows_edits_deletes_merges_and_undo(catalog, miff):
    assert catalog.search.films("pompilius").ids == [miff.film]
    changes = catalog.films.update(miff.film, None, synopsis="A concert film.")
    assert catalog.search.films("pompilius").ids == []
    catalog.undo(changes)
    assert catalog.search.films("pompilius").ids == [miff.film]
    # a person's new name variant finds their films
    catalog.people.update(miff.director, None, variants=["Марьяана Мюккянен"])
    assert catalog.search.films("марьяана").ids == [miff.film]
    # a merge: the other person's films are found under the survivor's names
    catalog.films.update(miff.other, None, credits=[CreditData(miff.critic, "director")])
    catalog.people.merge(miff.director, miff.critic)
    assert set(catalog.search.films("марьяана").ids) == {miff.film, miff.other}
    # deleted films vanish from search, and come back with undo
    deleted = catalog.films.delete(miff.film)
    assert miff.film not in catalog.search.films("rock").ids
    catalog.undo(deleted)
    assert miff.film in catalog.search.films("rock").ids


def test_the_titles_follow_a_retitle_a_delete_and_their_undo(catalog, miff):
    # title: (and the title matches leading a common word) read the titles' own index
    retitled = catalog.films.update(miff.film, None, title="Sverdlovsk Underground")
    assert catalog.search.films(FilmQuery.parse("title:underground")).ids == [miff.film]
    assert catalog.search.films(FilmQuery.parse("title:russia")).ids == []
    catalog.undo(retitled)
    assert catalog.search.films(FilmQuery.parse("title:underground")).ids == []
    assert catalog.search.films(FilmQuery.parse("title:russia")).ids == [miff.film]
    deleted = catalog.films.delete(miff.film)
    assert catalog.search.films(FilmQuery.parse("title:russia")).ids == []
    catalog.undo(deleted)
    assert catalog.search.films(FilmQuery.parse("title:russia")).ids == [miff.film]


def test_alternative_titles_and_countries_are_searchable(catalog, miff):
    catalog.films.update(miff.other, None, alt_titles=["Чёрный квадрат"],
                        screenings=[ScreeningData(miff.edition)])
    assert catalog.search.films("квадрат").ids == [miff.other]
    finnish = catalog.films.create("Leningrad Cowboys", year=1989,
                                  countries=["Finland"]).created_id
    assert catalog.search.films("finland").ids == [finnish]
    assert catalog.search.films("cowboys finl").ids == [finnish]


def test_film_rows_give_what_the_list_shows(catalog, miff):
    [row] = catalog.films.rows([miff.film])
    assert (row.title, row.year, row.countries, row.directors, row.appearances) == (
        "From Russia with Rock", 1988, "USSR", "Marjaana Mykkanen", "MIFF 1989")
    [other] = catalog.films.rows([miff.other])
    assert other.appearances == "MIFF 1989, Documentaries"
