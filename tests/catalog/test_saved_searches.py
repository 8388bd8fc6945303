"""Saved searches: kept under a name, counted live, renamed and removed as undoable steps."""

import pytest
from sqlalchemy import update

from curator.catalog import NotFound, ValidationError
from curator.catalog.unit import TABLES
from tests.helpers import assert_undo_redo, catalogue_miff


def _listed(catalog) -> dict[str, int | None]:
    return {r.name: r.count for r in catalog.saved_searches.all() if not r.built_in}


def test_a_saved_search_is_counted_live_and_follows_an_edit(catalog):
    miff = catalogue_miff(catalog)
    saved = catalog.saved_searches.save("Soviet eighties", "country:ussr year:1980..1989")
    assert saved.label == "Save search Soviet eighties"
    assert saved.touched.saved_searches
    assert _listed(catalog) == {"Soviet eighties": 2}
    late = catalog.films.create("Assa", year=1987).created_id
    assert _listed(catalog) == {"Soviet eighties": 2}
    catalog.films.update(late, None, countries=["USSR"])  # now it matches
    assert _listed(catalog) == {"Soviet eighties": 3}
    catalog.films.update(miff.other, None, year=1991)  # and this one no longer does
    assert _listed(catalog) == {"Soviet eighties": 2}


def test_saving_renaming_and_removing_are_undoable_steps(catalog):
    catalogue_miff(catalog)
    assert_undo_redo(catalog, lambda: catalog.saved_searches.save("Drafts", "state:draft"))
    ident = catalog.saved_searches.named("drafts").id
    assert_undo_redo(catalog, lambda: catalog.saved_searches.rename(ident, "To publish"))
    renamed = catalog.saved_searches.rename(ident, "Unfinished")
    assert renamed.label == "Rename saved search To publish to Unfinished"
    assert_undo_redo(catalog, lambda: catalog.saved_searches.change_query(ident, "-has:still"))
    removed = catalog.saved_searches.remove(ident)
    assert removed.label == "Remove saved search Unfinished"
    assert _listed(catalog) == {}
    catalog.undo(removed)
    assert _listed(catalog) == {"Unfinished": 2}  # -has:still


def test_the_attention_views_are_built_in_saved_searches_first(catalog):
    catalogue_miff(catalog)
    catalog.saved_searches.save("Animation", "kind:animation")
    listed = catalog.saved_searches.all()
    assert [r.name for r in listed] == ["No director", "No synopsis", "No still",
                                        "Unpublished", "No title", "Animation"]
    no_director = listed[0]
    assert no_director.built_in and no_director.query == "-has:director"
    assert no_director.count == catalog.saved_searches.count("-has:director") == 1
    assert catalog.saved_searches.named("no DIRECTOR") == no_director.__class__(
        None, "No director", "-has:director", attention=no_director.attention)
    with pytest.raises(ValidationError, match="built-in search"):
        catalog.saved_searches.save("No still", "has:still")


@pytest.mark.parametrize(("name", "query", "problem"), [
    ("", "state:draft", "needs a name"),
    ("Drafts", "", "something to search for"),
    ("Drafts", "year:19888", "year:19888 is not a year"),
    ("Drafts", "colour:red", None),  # any colour may be typed: no problem
    ("x" * 201, "state:draft", "at most 200 characters"),
])
def test_a_bad_name_or_query_is_refused_in_one_line(catalog, name, query, problem):
    if problem is None:
        catalog.saved_searches.save(name, query)
        return
    with pytest.raises(ValidationError, match=problem):
        catalog.saved_searches.save(name, query)
    assert _listed(catalog) == {}


def test_a_name_is_its_own_and_a_missing_one_names_those_there_are(catalog):
    catalog.saved_searches.save("Drafts", "state:draft")
    other = catalog.saved_searches.save("Shorts", "runtime:<60").created_id
    with pytest.raises(ValidationError, match="already called \u201cdrafts\u201d"):
        catalog.saved_searches.save("drafts", "kind:short")
    with pytest.raises(ValidationError, match="already called"):
        catalog.saved_searches.rename(other, "DRAFTS")
    with pytest.raises(NotFound, match="no saved search called \u201cFeatures\u201d.*"
                                       "\u201cShorts\u201d"):
        catalog.saved_searches.named("Features")
    assert not catalog.saved_searches.rename(other, "Shorts")  # the same name: no step


def test_a_query_that_no_longer_reads_says_why_instead_of_failing(catalog):
    ident = catalog.saved_searches.save("Drafts", "state:draft").created_id
    with catalog.archive.write_engine.begin() as conn:  # as a newer Curator might leave it
        conn.execute(update(TABLES["saved_search"]).where(TABLES["saved_search"].c.id == ident)
                     .values(query="shelf:B12"))
    record = [r for r in catalog.saved_searches.all() if r.id == ident][0]
    assert record.count is None
    assert "\u201cshelf:\u201d is not a field" in record.problem
