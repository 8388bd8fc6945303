"""The fields an archive adds to its films: defined, renamed and removed as undoable steps,
their values a part of the film, checked against the field's kind."""

import pytest

from curator.catalog.errors import NotFound, ValidationError
from curator.catalog.records import FieldValueData
from tests.helpers import catalogue_miff


def test_fields_are_added_in_order_renamed_and_removed_with_undo(catalog) -> None:
    miff = catalogue_miff(catalog)
    source = catalog.fields.add("Print source").created_id
    reels = catalog.fields.add("Reels", "number").created_id
    catalog.films.update(miff.film, None, field_values=[(source, " Finnish Film Archive "),
                                                        (reels, "4")])
    assert [(f.name, f.kind_name, f.films) for f in catalog.fields.all()] == [
        ("Print source", "text", 1), ("Reels", "number", 1)]
    renamed = catalog.fields.rename(source, "Print from")
    assert renamed.label == "Rename field Print source to Print from"
    assert catalog.fields.named("print FROM").id == source
    removed = catalog.fields.remove(source)
    assert removed.label == "Remove field Print from"
    assert catalog.films.get(miff.film).field_values == (FieldValueData(reels, "4"),)
    catalog.undo(removed)  # the field and what the film held in it come back
    assert catalog.films.get(miff.film).field_values == (
        FieldValueData(source, "Finnish Film Archive"), FieldValueData(reels, "4"))
    catalog.undo(renamed)
    assert [f.name for f in catalog.fields.all()] == ["Print source", "Reels"]


def test_a_value_that_does_not_fit_its_field_is_refused_naming_both(catalog) -> None:
    miff = catalogue_miff(catalog)
    reels = catalog.fields.add("Reels", "number").created_id
    restored = catalog.fields.add("Restored", "yesno").created_id
    before = catalog.films.get(miff.film)
    with pytest.raises(ValidationError, match="Reels: \u201cabc\u201d is not a number."):
        catalog.films.update(miff.film, None, field_values=[(reels, "abc")])
    with pytest.raises(ValidationError, match="neither yes nor no"):
        catalog.films.update(miff.film, None, field_values=[(restored, "maybe")])
    assert catalog.films.get(miff.film).version == before.version  # nothing written
    # a value is kept in its one spelling; an empty one is no value
    catalog.films.update(miff.film, None, field_values=[(reels, "1,200.50"),
                                                        (restored, "Yes")])
    assert catalog.films.get(miff.film).field_values == (
        FieldValueData(reels, "1200.5"), FieldValueData(restored, "yes"))
    catalog.films.update(miff.film, None, field_values=[(reels, " ")])
    assert catalog.films.get(miff.film).field_values == ()


def test_a_field_name_is_its_own_and_a_kind_is_one_there_is(catalog) -> None:
    catalog.fields.add("Shelf mark")
    with pytest.raises(ValidationError, match="already called \u201cshelf MARK\u201d"):
        catalog.fields.add("shelf MARK")
    with pytest.raises(ValidationError, match="not a kind of field"):
        catalog.fields.add("Reels", "integer")
    with pytest.raises(ValidationError, match="needs a name"):
        catalog.fields.add("  ")
    with pytest.raises(NotFound, match="the fields are \u201cShelf mark\u201d"):
        catalog.fields.named("Shelf")
    assert [f.name for f in catalog.fields.all()] == ["Shelf mark"]


def test_a_bulk_edit_sets_an_archive_field_with_a_preview_and_one_undo(catalog) -> None:
    miff = catalogue_miff(catalog)
    source = catalog.fields.add("Print source").created_id
    reels = catalog.fields.add("Reels", "number").created_id
    catalog.films.update(miff.film, None, field_values=[(source, "KAVI")])
    ids = [miff.film, miff.other]
    change = catalog.bulk.change("set", "print SOURCE=Finnish Film Archive")
    plan = catalog.bulk.plan(ids, [change])
    assert plan.lines == ["Print source: KAVI \u2192 Finnish Film Archive (1 film), none "
                          "\u2192 Finnish Film Archive (1 film)."]
    assert plan.label == "Set Print source of 2 films to Finnish Film Archive"
    done = catalog.bulk.apply(ids, [change])
    assert {catalog.films.get(i).field_values for i in ids} == {
        (FieldValueData(source, "Finnish Film Archive"),)}
    catalog.undo(done)  # one step takes both back
    assert catalog.films.get(miff.film).field_values == (FieldValueData(source, "KAVI"),)
    assert catalog.films.get(miff.other).field_values == ()
    cleared = catalog.bulk.apply(ids, [catalog.bulk.change("set", "Print source=")])
    assert cleared.label == "Clear Print source of 2 films"
    assert catalog.films.get(miff.film).field_values == ()
    with pytest.raises(ValidationError, match="Reels: \u201cmany\u201d is not a number."):
        catalog.bulk.plan(ids, [catalog.bulk.change("set", "Reels=many")])
    with pytest.raises(ValidationError, match="or a field the archive added"):
        catalog.bulk.change("set", "Shelf mark=B-12")
    assert reels


def test_a_search_finds_films_by_an_archive_field(catalog) -> None:
    from curator.catalog import FilmQuery
    from curator.catalog.query import QueryError

    miff = catalogue_miff(catalog)
    source = catalog.fields.add("Print source").created_id
    reels = catalog.fields.add("Reels", "number").created_id
    catalog.films.update(miff.film, None, field_values=[(source, "Finnish Film Archive"),
                                                        (reels, "6")])
    catalog.films.update(miff.other, None, field_values=[(source, "BFI")])

    def found(query: str) -> set[int]:
        return set(catalog.search.films(FilmQuery.parse(query), limit=50).ids)

    assert found('field:"print source=finnish"') == {miff.film}
    assert found('field:"Print Source"') == {miff.film, miff.other}
    assert found("field:reels=6.0") == {miff.film}
    assert miff.film not in found('-field:"print source=finnish"')
    assert miff.other in found('-field:"print source=finnish"')
    with pytest.raises(QueryError, match="no field called \u201cshelf mark\u201d; the fields "
                                         "are Print source, Reels"):
        found('field:"shelf mark=B"')
    with pytest.raises(QueryError, match="not a number"):
        found("field:reels=many")
