"""Bulk edits: what the plan says is what is written, in one undoable (and redoable) step."""

import pytest

from curator.catalog import FilmQuery, FilmsChange, NotFound, ValidationError
from tests.helpers import catalogue_miff, snapshot


@pytest.fixture
def miff(catalog):
    m = catalogue_miff(catalog)
    m.films = [m.film, m.other] + [
        catalog.films.create(f"Short {n}", year=1989, countries=["Finland"]).created_id
        for n in range(3)]
    m.list = catalog.lists.create("Perestroika on film", [m.film]).created_id
    return m


def test_publishing_a_search_result_is_one_named_step_that_undoes_and_redoes(catalog, miff):
    ids = catalog.search.films(FilmQuery.parse("state:draft"), limit=100).ids
    assert len(ids) == 4
    before = snapshot(catalog)
    plan = catalog.bulk.plan(ids, [FilmsChange("set", "state", "published")])
    assert plan.label == "Publish 4 films"
    assert plan.lines == ["State: Draft \u2192 Published (4 films)."]
    assert snapshot(catalog) == before  # a plan writes nothing
    done = catalog.bulk.apply(ids, [FilmsChange("set", "state", "published")])
    assert done.label == "Publish 4 films"
    assert catalog.search.films(FilmQuery.parse("state:draft")).total == 0
    assert catalog.films.get(miff.other).version == 2  # a stale form of it is refused
    undone = catalog.undo(done)
    assert snapshot(catalog) == before
    catalog.undo(undone)  # redo
    assert catalog.search.films(FilmQuery.parse("state:published")).total == 5


def test_the_plan_counts_films_that_already_have_the_value(catalog, miff):
    plan = catalog.bulk.plan(miff.films, [FilmsChange("add", "country", "ussr")])
    assert plan.lines == ["Country USSR added to 3 films; 2 films already have it."]
    assert plan.changing == 3
    plan = catalog.bulk.plan(miff.films, [FilmsChange("set", "state", "published")])
    assert plan.lines == [
        "State: Draft \u2192 Published (4 films); 1 film already Published."]


def test_adding_and_removing_names_keeps_the_others_and_the_search(catalog, miff):
    before = snapshot(catalog)
    added = catalog.bulk.apply(miff.films, [FilmsChange("add", "country", "Yugoslavia")])
    assert added.label == "Add country Yugoslavia to 5 films"
    assert catalog.films.get(miff.film).countries == ("USSR", "Yugoslavia")
    assert catalog.search.films("yugoslavia").total == 5  # the index follows
    removed = catalog.bulk.apply(miff.films, [FilmsChange("remove", "country", "ussr")])
    assert catalog.films.get(miff.film).countries == ("Yugoslavia",)
    assert catalog.search.films(FilmQuery.parse("country:ussr")).total == 0
    catalog.undo(removed)
    catalog.undo(added)
    assert snapshot(catalog) == before


def test_an_appearance_and_a_list_membership(catalog, miff):
    before = snapshot(catalog)
    anim = catalog.sections.create(miff.edition, "Animation").created_id
    with_section = snapshot(catalog)
    done = catalog.bulk.apply(miff.films, [
        FilmsChange("add", "appearance", (miff.edition, anim)),
        FilmsChange("add", "list", miff.list)])
    assert done.label == "Edit 5 films"
    # the one shown there in Documentaries gains a second screening, in Animation
    assert set(catalog.search.films(FilmQuery.parse("section:animation")).ids) == set(miff.films)
    assert [i.film_id for i in catalog.lists.get(miff.list).items][0] == miff.film
    assert len(catalog.lists.get(miff.list).items) == 5  # never twice
    catalog.undo(done)
    assert snapshot(catalog) == with_section
    gone = catalog.bulk.apply(miff.films, [FilmsChange("remove", "appearance",
                                                       (miff.edition, None))])
    assert catalog.search.films(FilmQuery.parse("edition:1989")).total == 0
    assert gone.label == "Remove appearance at MIFF 1989 from 5 films"
    catalog.undo(gone)
    catalog.sections.delete(anim)
    assert snapshot(catalog) == before


@pytest.mark.parametrize("change, message", [
    (FilmsChange("set", "state", "lost"), "\u201clost\u201d is not a state"),
    (FilmsChange("set", "kind", "movie"), "\u201cmovie\u201d is not a kind"),
    (FilmsChange("set", "title", "x"), "\u201ctitle\u201d cannot be changed in bulk"),
    (FilmsChange("add", "state", "draft"), "state can be set, not add"),
    (FilmsChange("add", "country", " "), "Which country to add?"),
])
def test_a_bad_change_writes_nothing(catalog, miff, change, message):
    before = snapshot(catalog)
    with pytest.raises(ValidationError) as caught:
        catalog.bulk.apply(miff.films, [FilmsChange("set", "state", "published"), change])
    assert str(caught.value).startswith(message)
    assert snapshot(catalog) == before


def test_changes_typed_as_words(catalog, miff):
    anim = catalog.sections.create(miff.edition, "Animation").created_id
    assert catalog.bulk.change("add", "appearance=MIFF 1989/animation").value == \
        (miff.edition, anim)
    assert catalog.bulk.change("add", "edition=miff 1989").value == (miff.edition, None)
    assert catalog.bulk.change("add", "list=perestroika on film").value == miff.list
    with pytest.raises(NotFound, match="MIFF 1989 has no section called \u201cDrama\u201d"):
        catalog.bulk.change("add", "appearance=MIFF 1989/Drama")
    with pytest.raises(NotFound, match="names no edition"):
        catalog.bulk.change("add", "appearance=Cannes 1989")
