"""Find and replace: the plan lists each change before and after; applying the chosen ones
is one undo step, and a text changed meanwhile is refused."""

import pytest

from curator.catalog import FilmQuery, ReplaceRule, StaleVersion, ValidationError
from curator.catalog.records import QuoteData
from tests.helpers import catalogue_miff, snapshot


@pytest.fixture
def miff(catalog):
    m = catalogue_miff(catalog)
    m.rocky = catalog.films.create("Rocky", year=1976, notes="ussr print; USSR subtitles",
                                  quotes=[QuoteData("Rock on, USSR.")]).created_id
    return m


def plan(catalog, field, old, new, **how):
    ids = catalog.search.films(FilmQuery(), limit=100).ids
    return catalog.replace.plan(ids, ReplaceRule(field, old, new, **how))


def test_whole_word_and_case(catalog, miff):
    assert [(r.before, r.after) for r in plan(catalog, "title", "rock", "Roll")] == [
        ("From Russia with Rock", "From Russia with Roll"), ("Rocky", "Rolly")]
    assert [r.after for r in plan(catalog, "title", "rock", "Roll", whole_word=True)] == [
        "From Russia with Roll"]
    assert plan(catalog, "title", "rock", "Roll", match_case=True) == []
    assert [r.after for r in plan(catalog, "notes", "USSR", "Soviet Union", match_case=True)] \
        == ["ussr print; Soviet Union subtitles"]


def test_regular_expressions_and_their_groups(catalog, miff):
    found = plan(catalog, "title", r"(\w+) with (\w+)", r"\2 with \1", regex=True)
    assert [r.after for r in found] == ["From Rock with Russia"]
    # without --regex the same text is looked for and put in as it is
    assert plan(catalog, "title", r"(\w+)", "x") == []
    with pytest.raises(ValidationError, match="is not a regular expression"):
        plan(catalog, "title", "(", "x", regex=True)


def test_applying_the_chosen_ones_is_one_step(catalog, miff):
    before = snapshot(catalog)
    rule = ReplaceRule("title", "rock", "Roll")
    found = catalog.replace.plan([miff.film, miff.rocky], rule)
    done = catalog.replace.apply(rule, found[:1])  # the second was unticked
    assert done.label == "Replace \u201crock\u201d with \u201cRoll\u201d in 1 title"
    assert catalog.films.get(miff.film).title == "From Russia with Roll"
    assert catalog.films.get(miff.film).sort_title == "From Russia with Roll"
    assert catalog.films.get(miff.rocky).title == "Rocky"
    assert catalog.search.films("roll").ids == [miff.film]  # the index follows
    catalog.undo(done)
    assert snapshot(catalog) == before


def test_quotes_and_peoples_names(catalog, miff):
    rule = ReplaceRule("quotes", "USSR", "the Soviet Union", whole_word=True)
    found = catalog.replace.plan([miff.rocky, miff.film], rule)
    assert [(r.record, r.after) for r in found] == [("Rocky", "Rock on, the Soviet Union.")]
    catalog.replace.apply(rule, found)
    rule = ReplaceRule("people", "Mykkanen", "Mykkänen")
    [person] = catalog.replace.plan([miff.film], rule)
    assert (person.before, person.after) == ("Marjaana Mykkanen", "Marjaana Mykkänen")
    catalog.replace.apply(rule, [person])
    assert catalog.people.get(miff.director).name == "Marjaana Mykkänen"


def test_a_text_changed_since_the_plan_is_refused(catalog, miff):
    rule = ReplaceRule("title", "Rocky", "Rocky II")
    found = catalog.replace.plan([miff.rocky], rule)
    catalog.films.update(miff.rocky, None, title="Rocky Balboa")
    with pytest.raises(StaleVersion, match="was changed since"):
        catalog.replace.apply(rule, found)
    assert catalog.films.get(miff.rocky).title == "Rocky Balboa"


def test_a_title_replaced_by_nothing_is_refused(catalog, miff):
    rule = ReplaceRule("title", "Rocky", "")
    with pytest.raises(ValidationError):
        catalog.replace.apply(rule, catalog.replace.plan([miff.rocky], rule))
    assert catalog.films.get(miff.rocky).title == "Rocky"
