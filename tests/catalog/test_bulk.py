"""The bulk path: many films in one transaction, one undoable step, cancellable."""

import pytest

from curator.catalog import Cancelled, FilmData, FilmQuery
from curator.model.enums import PublicationState
from tests.helpers import assert_undo_redo, catalogue_miff, snapshot


def films(n):
    return [FilmData(title=f"Rock film {i}", year=1980 + i % 10, countries=("USSR",),
                     credits=(("Marjaana Mykkänen", "director"), (f"Player {i % 7}", "cast")),
                     synopsis="Nautilus Pompilius on stage.", state=PublicationState.PUBLISHED)
            for i in range(n)]


def test_bulk_films_are_searchable_and_match_existing_people_by_variant(catalog):
    miff = catalogue_miff(catalog)
    result = catalog.imports.bulk_add(films(50))
    assert len(result.film_ids) == 50
    assert result.people_created == 7  # the players; the director matched her name variant
    film = catalog.films.get(result.film_ids[0])
    assert film.credits[0].person_id == miff.director
    assert catalog.search.films("player").total == 50
    found = catalog.search.films(FilmQuery(text="mykkanen"), limit=100)
    assert set(result.film_ids) <= set(found.ids)


def test_a_bulk_import_is_one_undoable_step(catalog):
    catalogue_miff(catalog)
    before = snapshot(catalog)
    result = catalog.imports.bulk_add(films(30))
    after = snapshot(catalog)
    undone = catalog.undo(result.changes)
    assert snapshot(catalog) == before
    catalog.undo(undone)
    assert snapshot(catalog) == after


def test_invalid_rows_are_reported_and_the_rest_go_in(catalog):
    batch = films(3)
    batch[1].year = 19888
    batch[2].title = "  "
    result = catalog.imports.bulk_add(batch)
    assert len(result.film_ids) == 1
    assert [i for i, _ in result.errors] == [1, 2]
    assert "19888" in result.errors[0][1] and "title" in result.errors[1][1]


def test_cancelling_leaves_the_archive_as_it_was(catalog):
    before = snapshot(catalog)
    with pytest.raises(Cancelled):
        catalog.imports.bulk_add(films(2500), progress=lambda n: n < 2000)
    assert snapshot(catalog) == before


def test_still_records_undo_and_redo(catalog):
    miff = catalogue_miff(catalog)
    files = [{"sha256": c * 64, "width": 1280, "height": 1024, "format": "JPEG"} for c in "abc"]
    catalog.stills.add(files, film_id=miff.film)
    stills = catalog.stills.of(film_id=miff.film)
    assert [s.is_primary for s in stills] == [True, False, False]
    for op in (
        lambda: catalog.stills.update(stills[1].id, None, caption="On stage", credit="YLE",
                                     alt_text="A band on a stage", focal_x=0.3),
        lambda: catalog.stills.set_primary(stills[2].id),
        lambda: catalog.stills.reorder([stills[2].id, stills[0].id, stills[1].id]),
        lambda: catalog.stills.delete(stills[0].id),
    ):
        assert_undo_redo(catalog, op)
    assert catalog.films.get(miff.film).primary_still.id == stills[2].id
