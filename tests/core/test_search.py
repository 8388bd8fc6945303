"""Search: accents, case, prefixes, order, filters, and an index that follows every write."""

import pytest

from curator.catalog import FilmQuery
from curator.catalog.records import CreditData, ScreeningData

from .helpers import catalogue_miff


@pytest.fixture
def miff(catalog):
    return catalogue_miff(catalog)


@pytest.mark.parametrize("text", ["mykkanen", "MYKKÄNEN", "Mykkänen", "nautilus", "Nautil",
                                  "sverdlovsk", "ussr", "russia rock", "perestroika", "ro"])
def test_finds_the_film_by_any_of_its_words(catalog, miff, text):
    assert miff.film in catalog.search(text).ids


def test_accent_and_case_blind_on_titles(catalog):
    film = catalog.create_film("Les Misérables", year=1995).created_id
    assert catalog.search("miserables").ids == [film]
    assert catalog.search("MISÉR").ids == [film]


def test_every_word_must_match(catalog, miff):
    assert catalog.search("nautilus square").ids == []
    assert catalog.search("black square").ids == [miff.other]


def test_operators_in_the_query_are_plain_words(catalog, miff):
    everything = catalog.search("").ids
    for text in ['"', "*", "(", "-"]:  # punctuation alone is an empty search, not an error
        assert catalog.search(text).ids == everything, text
    # FTS5's own operators are words to look for, never syntax
    assert catalog.search("rock AND").ids == []  # no film has the word "and"
    assert catalog.search("NEAR(rock)").ids == []  # nor "near"
    assert catalog.search("rock russia").ids == [miff.film]
    assert catalog.search("(nautilus").ids == [miff.film]
    assert catalog.search('"from russia').ids == [miff.film]


def test_relevance_puts_title_matches_first(catalog, miff):
    # the synopsis mention is created first, so id order would put it first
    mention = catalog.create_film("Perestroika", synopsis="Not about Red Square at all.")
    title = catalog.create_film("Red Square", year=1970).created_id
    assert catalog.search("red square").ids == [title, mention.created_id]


def test_order_by_sort_title_ignores_articles(catalog):
    ids = {t: catalog.create_film(t, year=1990).created_id
           for t in ("The Zebra Film", "An Apple Film", "Mango Film")}
    result = catalog.search(FilmQuery(text="film", order="title"))
    assert result.ids == [ids["An Apple Film"], ids["Mango Film"], ids["The Zebra Film"]]
    desc = catalog.search(FilmQuery(text="film", order="title", descending=True))
    assert desc.ids == list(reversed(result.ids))


def test_filters(catalog, miff):
    late = catalog.create_film("Rock in Leningrad", year=1991, countries=["Soviet Union"],
                               kind="documentary").created_id
    q = FilmQuery
    assert catalog.search(q(text="rock", year_from=1990)).ids == [late]
    assert catalog.search(q(text="rock", year_to=1989)).ids == [miff.film]
    assert catalog.search(q(country="ussr")).ids == sorted([miff.film, miff.other])
    assert catalog.search(q(edition_id=miff.edition, order="title")).ids == [miff.other,
                                                                            miff.film]
    assert catalog.search(q(section_id=miff.section)).ids == [miff.other]
    assert catalog.search(q(kind="documentary", order="year")).ids == [miff.film, late]
    assert catalog.search(q(state="published")).ids == [miff.film]
    assert set(catalog.search(q(attention="no-director")).ids) == {miff.other, late}
    assert set(catalog.search(q(attention="no-still")).ids) == {miff.film, miff.other, late}
    assert set(catalog.search(q(attention="no-synopsis")).ids) == {miff.other, late}
    assert catalog.attention_counts()["unpublished"] == 2


def test_total_counts_every_match_while_ids_are_one_page(catalog):
    for n in range(30):
        catalog.create_film(f"Rock film {n}")
    result = catalog.search(FilmQuery(text="rock", order="title"), limit=10, offset=10)
    assert result.total == 30 and len(result.ids) == 10


def test_index_follows_edits_deletes_merges_and_undo(catalog, miff):
    assert catalog.search("pompilius").ids == [miff.film]
    changes = catalog.update_film(miff.film, None, synopsis="A concert film.")
    assert catalog.search("pompilius").ids == []
    catalog.undo(changes)
    assert catalog.search("pompilius").ids == [miff.film]
    # a person's new name variant finds their films
    catalog.update_person(miff.director, None, variants=["Марьяана Мюккянен"])
    assert catalog.search("марьяана").ids == [miff.film]
    # a merge: the other person's films are found under the survivor's names
    catalog.update_film(miff.other, None, credits=[CreditData(miff.critic, "director")])
    catalog.merge_people(miff.director, miff.critic)
    assert set(catalog.search("марьяана").ids) == {miff.film, miff.other}
    # deleted films vanish from search, and come back with undo
    deleted = catalog.delete_film(miff.film)
    assert miff.film not in catalog.search("rock").ids
    catalog.undo(deleted)
    assert miff.film in catalog.search("rock").ids


def test_alternative_titles_and_countries_are_searchable(catalog, miff):
    catalog.update_film(miff.other, None, alt_titles=["Чёрный квадрат"],
                        screenings=[ScreeningData(miff.edition)])
    assert catalog.search("квадрат").ids == [miff.other]
    finnish = catalog.create_film("Leningrad Cowboys", year=1989,
                                  countries=["Finland"]).created_id
    assert catalog.search("finland").ids == [finnish]
    assert catalog.search("cowboys finl").ids == [finnish]


def test_film_rows_give_what_the_list_shows(catalog, miff):
    [row] = catalog.film_rows([miff.film])
    assert (row.title, row.year, row.countries, row.directors, row.appearances) == (
        "From Russia with Rock", 1988, "USSR", "Marjaana Mykkanen", "MIFF 1989")
    [other] = catalog.film_rows([miff.other])
    assert other.appearances == "MIFF 1989, Documentaries"
