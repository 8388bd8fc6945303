"""The query language: each field finds what it names, and a bad one is one clear line."""

import pytest

from curator.catalog import FilmQuery
from curator.catalog.query import QueryError, parse_query
from curator.catalog.records import CreditData, ScreeningData
from tests.helpers import catalogue_miff


@pytest.fixture
def miff(catalog):
    m = catalogue_miff(catalog)
    wenders = catalog.people.create("Wim Wenders").created_id
    anim = catalog.sections.create(m.edition, "Animation").created_id
    later = catalog.editions.create(m.festival, 1990).created_id
    m.wings = catalog.films.create(
        "Wings of Desire", original_title="Der Himmel über Berlin", year=1987,
        countries=["West Germany", "France"], runtime=128, kind="feature",
        credits=[CreditData(wenders, "director")], synopsis="Angels over Berlin.",
        screenings=[ScreeningData(later)]).created_id
    m.alice = catalog.films.create(
        "Alice in the Cities", year=1974, countries=["West Germany"], runtime=110,
        credits=[CreditData(wenders, "director")], state="published").created_id
    m.cartoon = catalog.films.create(
        "Balance", year=1989, countries=["West Germany"], runtime=7, kind="animation",
        credits=[CreditData(m.critic, "cast")],
        screenings=[ScreeningData(m.edition, anim)]).created_id
    return m


def found(catalog, text):
    return set(catalog.search.films(FilmQuery.parse(text), limit=100).ids)


def test_the_issues_example_query_runs(catalog, miff):
    text = ('director:wenders year:1970..1979 country:germany edition:"miff 1989" '
            'section:animation state:draft kind:documentary runtime:<60 has:still '
            '-has:synopsis')
    assert found(catalog, text) == set()  # no film is all of that, but every part is read
    assert len(parse_query(text).conditions) == 10


@pytest.mark.parametrize("text, expected", [
    ("director:wenders", {"wings", "alice"}),
    ("director:WENDERS year:1970..1979", {"alice"}),
    ("director:mykkänen", {"film"}),  # accent- and case-blind, by a variant too
    ("director:mykka", {"film"}),  # the last word is a prefix, as in free search
    ("person:smith", {"cartoon"}),  # credited in any role
    ("director:smith", set()),  # credited, but not as director
    ("year:1988", {"film", "other"}),
    ("year:>1988", {"cartoon"}),
    ("year:..1980", {"alice"}),
    ("-year:1970..1988", {"cartoon"}),
    ("runtime:<60", {"cartoon"}),
    ("runtime:100..120", {"alice"}),
    ("country:germany", {"wings", "alice", "cartoon"}),  # West Germany is a Germany
    ("country:ussr", {"film", "other"}),
    ("country:us", set()),  # a whole word, never the start of USSR
    ('country:"west germany" -country:france', {"alice", "cartoon"}),
    ('edition:"miff 1989"', {"film", "other", "cartoon"}),
    ("edition:1990", {"wings"}),
    ('edition:"melbourne 1990"', {"wings"}),
    ("section:animation", {"cartoon"}),
    ("section:docu", {"other"}),
    ("state:published", {"film", "alice"}),
    ("-state:draft", {"film", "alice"}),
    ("kind:documentary", {"film"}),
    ("has:synopsis", {"film", "wings"}),
    ("-has:synopsis", {"other", "alice", "cartoon"}),
    ("has:director -has:screening", {"alice"}),
    ("title:himmel", {"wings"}),  # the original title is a title
    ("title:berlin", {"wings"}),
    ("berlin", {"wings"}),  # free words search everything, as before
    ("angels year:1987", {"wings"}),
    ("angels year:1988", set()),
    ("Mission: Impossible", set()),  # a colon in a title is not a field
])
def test_each_field_finds_what_it_names(catalog, miff, text, expected):
    names = {getattr(miff, n): n for n in ("film", "other", "wings", "alice", "cartoon")}
    assert {names[i] for i in found(catalog, text)} == expected


@pytest.mark.parametrize("text, message", [
    ("year:19888", "year:19888 is not a year."),
    ("year:1979..1970", "year:1979..1970 runs backwards"),
    ("runtime:long", "runtime:long is not a number of minutes."),
    ("state:done", "state:done is not a publication state"),
    ("kind:movie", "kind:movie is not a kind of film"),
    ("has:cats", "has:cats: a film can be searched for has:still"),
    ("rock year:", "year: needs a value"),
    ("directr:wenders", "\u201cdirectr:\u201d is not a field to search by"),
])
def test_a_bad_field_or_value_is_one_line_naming_it(text, message):
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_quotes_keep_a_colon_a_word(catalog, miff):
    parsed = parse_query('"directr:wenders" year:1987')
    assert parsed.words == "directr:wenders"
    assert [str(c) for c in parsed.conditions] == ["year:1987"]


def test_a_condition_reads_back_as_typed():
    parsed = parse_query('-edition:"miff 1989" year:>1980 runtime:60..90 has:still')
    assert [str(c) for c in parsed.conditions] == [
        '-edition:"miff 1989"', "year:1981..", "runtime:60..90", "has:still"]


@pytest.mark.parametrize("typed, suggested", [
    ("Mykanen", "Mykkanen"),
    ("from rusia with rock", "from russia with rock"),
    ("director:mykanen", "director:mykkanen"),
    ("year:1988 PERESTROYKA", "year:1988 PERESTROIKA"),
])
def test_a_search_that_finds_nothing_suggests_the_nearest_words(catalog, miff, typed,
                                                                 suggested):
    assert found(catalog, typed) == set()
    assert catalog.search.did_you_mean(typed) == suggested
    assert found(catalog, suggested)  # and that finds something


def test_no_suggestion_when_nothing_is_near(catalog, miff):
    assert catalog.search.did_you_mean("zzzqqxx") is None
    assert catalog.search.did_you_mean("rock") is None  # it finds films: nothing to correct


def test_the_needs_attention_views_are_searches_of_the_query_language(catalog, miff):
    from curator.catalog.search import ATTENTION_QUERIES

    catalog.films.create("Untitled (archive film 20447)")
    counts = catalog.search.attention_counts()
    for name, text in ATTENTION_QUERIES.items():
        by_view = catalog.search.films(FilmQuery(attention=name), limit=100)
        by_query = catalog.search.films(FilmQuery.parse(text), limit=100)
        assert by_view.ids == by_query.ids, name
        assert counts[name] == by_query.total > 0, name


def test_a_renamed_or_new_person_is_found_by_the_next_search(catalog):
    """The folded names are kept between searches, and read again after any change."""
    miff = catalogue_miff(catalog)

    def directed(who):
        return catalog.search.films(FilmQuery.parse(f"director:{who}")).ids

    assert directed("mykkanen") == [miff.film]
    catalog.people.update(miff.director, None, name="Marjaana Mykkänen-Ilves")
    assert directed("ilves") == [miff.film]
    assert directed("mykkanen") == [miff.film]  # her variant keeps the old spelling
    aki = catalog.people.create("Aki Kaurismäki").created_id
    catalog.films.update(miff.other, None, credits=[CreditData(aki, "director")])
    assert directed("kaurismaki") == [miff.other]
    assert directed("aki kauris") == [miff.other]
    assert directed("kauris mykk") == []  # every word in one name


def test_a_page_of_a_persons_many_films_keeps_the_title_order_and_count(catalog, miff,
                                                                         monkeypatch):
    """Past a few films, a people-only page is read off the title index: the same films,
    in the same order, with the same count, a page at a time and either way round."""
    from curator.catalog import search

    monkeypatch.setattr(search, "_WALKED_FILMS", 1)
    by_title = [miff.alice, miff.wings]  # Alice in the Cities, Wings of Desire

    def page(text, offset, descending=False):
        q = FilmQuery.parse(text, descending=descending)
        result = catalog.search.films(q, limit=1, offset=offset)
        assert catalog.search.count(q) == result.total
        return result.total, result.ids

    assert page("director:wenders", 0) == (2, by_title[:1])
    assert page("director:wenders", 1) == (2, by_title[1:])
    assert page("director:wenders", 2) == (2, [])
    assert page("director:wenders", 0, descending=True) == (2, by_title[1:])
    assert page("person:wenders director:wim", 1, descending=True) == (2, by_title[:1])
    assert page("person:smith director:wenders", 0) == (0, [])
