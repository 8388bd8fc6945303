"""Catalog operations: each one saves, reports its changes, and undoes and redoes exactly."""

import pytest

from curator.catalog import Conflict, NotFound, StaleVersion, ValidationError
from curator.catalog.records import (
    AltTitleData,
    CreditData,
    ExternalIdData,
    QuoteData,
    RelatedData,
    ScreeningData,
)
from curator.model.enums import PublicationState
from tests.helpers import assert_undo_redo, catalogue_miff, snapshot

OPERATIONS = {
    "create film": lambda c, m: c.films.create("Defence Councel Sedov", year=1988,
                                               countries=["USSR"]),
    "change year": lambda c, m: c.films.update(m.film, None, year=1989),
    "edit many parts": lambda c, m: c.films.update(
        m.film, None, title="From Russia With Rock", countries=["USSR", "Finland"],
        languages=["Russian"], genres=["Music"], alt_titles=[AltTitleData("Rock from Russia")],
        credits=[CreditData(m.director, "director"), CreditData(m.critic, "producer")],
        quotes=[], screenings=[ScreeningData(m.edition, m.section)],
        external_ids=[ExternalIdData("imdb", "tt0095181")], related=[RelatedData(m.other)]),
    "delete film": lambda c, m: c.films.delete(m.film),
    "delete films": lambda c, m: c.films.delete_many([m.film, m.other]),
    "create person": lambda c, m: c.people.create("Iosif Pasternak"),
    "edit person": lambda c, m: c.people.update(m.director, None, name="Marjaana Mykkänen",
                                                variants=["Marjaana Mykkanen"]),
    "delete person": lambda c, m: c.people.delete(m.director),
    "merge people": lambda c, m: c.people.merge(m.critic, m.director),
    "create festival": lambda c, m: c.festivals.create("Tampere Film Festival"),
    "edit festival": lambda c, m: c.festivals.update(m.festival, None, city="Melbourne"),
    "delete festival": lambda c, m: c.festivals.delete(m.festival),
    "create edition": lambda c, m: c.editions.create(m.festival, 1990),
    "edit edition": lambda c, m: c.editions.update(m.edition, None, number=38,
                                                  opening_film_id=m.film),
    "delete edition": lambda c, m: c.editions.delete(m.edition),
    "create section": lambda c, m: c.sections.create(m.edition, "Animation"),
    "edit section": lambda c, m: c.sections.update(m.section, None, name="Documentary"),
    "delete section": lambda c, m: c.sections.delete(m.section),
    "create award": lambda c, m: c.awards.create(m.edition, "Best Documentary", film_id=m.film,
                                                person_id=m.director),
    "create list": lambda c, m: c.lists.create("Soviet rock on film", [m.film, m.other]),
    "add stills": lambda c, m: c.stills.add(
        [{"sha256": "ab" * 32, "width": 1280, "height": 1024, "format": "JPEG",
          "caption": "Nautilus Pompilius on stage"}], film_id=m.film),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_undo_then_redo_returns_to_the_same_state(catalog, name):
    miff = catalogue_miff(catalog)
    before = snapshot(catalog)
    changes = OPERATIONS[name](catalog, miff)
    assert changes, "the operation reported no change"
    after = snapshot(catalog)
    assert after != before
    undone = catalog.undo(changes)
    assert snapshot(catalog) == before
    redone = catalog.undo(undone)
    assert snapshot(catalog) == after
    catalog.undo(redone)  # and undo again after a redo
    assert snapshot(catalog) == before


def test_list_operations_undo(catalog):
    miff = catalogue_miff(catalog)
    lst = catalog.lists.create("Perestroika on film", [miff.film]).created_id
    for op in (
        lambda: catalog.lists.add_films(lst, [miff.other])[0],
        lambda: catalog.lists.annotate(lst, miff.film, "The band's first Moscow concert."),
        lambda: catalog.lists.reorder(lst, [miff.other, miff.film]),
        lambda: catalog.lists.remove_films(lst, [miff.film]),
        lambda: catalog.lists.update(lst, None, state=PublicationState.PUBLISHED),
        lambda: catalog.lists.delete(lst),
    ):
        assert_undo_redo(catalog, op)


def test_update_reports_a_readable_label_and_what_it_touched(catalog):
    miff = catalogue_miff(catalog)
    changes = catalog.films.update(miff.film, None, year=1989)
    assert changes.label == "Change year of From Russia with Rock"
    assert changes.film_ids == {miff.film}
    assert changes.ids("film") == {miff.film}
    assert catalog.films.update(miff.film, None, year=1989).rows == ()  # a no-op changes nothing


def test_each_write_bumps_the_version_and_a_stale_save_is_refused(catalog):
    miff = catalogue_miff(catalog)
    v1 = catalog.films.get(miff.film).version
    catalog.films.update(miff.film, v1, year=1989)
    v2 = catalog.films.get(miff.film).version
    assert v2 == v1 + 1
    catalog.films.update(miff.film, v2, countries=["USSR", "Finland"])  # a part counts too
    assert catalog.films.get(miff.film).version == v2 + 1
    with pytest.raises(StaleVersion, match="was changed by .+ just now; it has been reloaded"):
        catalog.films.update(miff.film, v1, year=1987)
    assert catalog.films.get(miff.film).year == 1989


def test_a_second_catalog_on_the_same_archive_sees_and_respects_versions(catalog):
    from curator.catalog import Catalog

    miff = catalogue_miff(catalog)
    colleague = Catalog.open(catalog.archive.location)
    mine = catalog.films.get(miff.film)
    colleague.films.update(miff.film, mine.version, synopsis="Edited by a colleague.")
    with pytest.raises(StaleVersion):
        catalog.films.update(miff.film, mine.version, synopsis="My edit.")
    assert catalog.films.get(miff.film).synopsis == "Edited by a colleague."
    colleague.close()


def test_undo_is_refused_when_the_record_changed_since(catalog):
    miff = catalogue_miff(catalog)
    changes = catalog.films.update(miff.film, None, year=1989)
    catalog.films.update(miff.film, None, runtime=52)
    with pytest.raises(StaleVersion, match="Cannot undo"):
        catalog.undo(changes)
    assert catalog.films.get(miff.film).year == 1989


@pytest.mark.parametrize("fields, field, message", [
    ({"title": "  "}, "title", "A title is required."),
    ({"year": 19888}, "year", "between 1870 and"),
    ({"year": 1869}, "year", "between 1870 and"),
    ({"runtime": 0}, "runtime", "1 to 10,000 minutes"),
    ({"runtime": 10_001}, "runtime", "1 to 10,000 minutes"),
    ({"state": "lost"}, "state", "Unknown publication state"),
])
def test_invalid_values_are_refused_with_a_clear_message(catalog, fields, field, message):
    miff = catalogue_miff(catalog)
    before = snapshot(catalog)
    with pytest.raises(ValidationError) as err:
        catalog.films.update(miff.film, None, **fields)
    assert message in err.value.problems[field]
    assert snapshot(catalog) == before


def test_a_duplicate_credit_is_refused(catalog):
    miff = catalogue_miff(catalog)
    with pytest.raises(ValidationError, match="credited twice"):
        catalog.films.update(miff.film, None, credits=[CreditData(miff.director, "director"),
                                                      CreditData(miff.director, "director")])


def test_a_failing_operation_leaves_no_trace(catalog):
    miff = catalogue_miff(catalog)
    before = snapshot(catalog)
    with pytest.raises(NotFound):  # fails after changing the title, inside the transaction
        catalog.films.update(miff.film, None, title="Renamed",
                             credits=[CreditData(999, "director")])
    assert snapshot(catalog) == before
    with pytest.raises(ValidationError):  # a section of another edition
        other = catalog.editions.create(miff.festival, 1990).created_id
        before = snapshot(catalog)
        catalog.films.update(miff.film, None, year=1987,
                            screenings=[ScreeningData(other, miff.section)])
    assert snapshot(catalog) == before


def test_merge_moves_credits_keeps_one_and_makes_the_name_a_variant(catalog):
    miff = catalogue_miff(catalog)
    # the film credits both records of the same person as director
    catalog.films.update(miff.film, None, credits=[CreditData(miff.director, "director"),
                                                  CreditData(miff.critic, "director")])
    catalog.films.update(miff.other, None, credits=[CreditData(miff.critic, "screenwriter")])
    catalog.people.merge(miff.director, miff.critic)
    person = catalog.people.get(miff.director)
    assert "Marjaana Mykkänen-Smith" in person.variants
    assert "Marjaana Mykkänen" in person.variants
    film = catalog.films.get(miff.film)
    assert [(c.person_id, c.role) for c in film.credits] == [(miff.director, "director")]
    assert [c.person_id for c in catalog.films.get(miff.other).credits] == [miff.director]
    with pytest.raises(NotFound):
        catalog.people.get(miff.critic)
    assert catalog.search.films("smith").ids == [miff.film, miff.other] or \
        sorted(catalog.search.films("smith").ids) == sorted([miff.film, miff.other])


def test_merge_refuses_a_person_with_themself(catalog):
    miff = catalogue_miff(catalog)
    with pytest.raises(Conflict, match="two different people"):
        catalog.people.merge(miff.director, miff.director)


def test_records_read_back_every_part(catalog):
    miff = catalogue_miff(catalog)
    catalog.awards.create(miff.edition, "Best Documentary", film_id=miff.film)
    catalog.films.update(miff.film, None, related=[RelatedData(miff.other, "Also 1988")],
                        external_ids=[ExternalIdData("wikidata", "Q123")])
    lst = catalog.lists.create("Soviet rock", [miff.film]).created_id
    film = catalog.films.get(miff.film)
    assert film.directors == ("Marjaana Mykkanen",)
    assert film.countries == ("USSR",)
    assert film.quotes == (QuoteData("The first steps of perestroika in action.",
                                     "Marjaana Mykkanen"),)
    assert film.screenings[0].label == "MIFF 1989"
    assert film.awards[0].name == "Best Documentary"
    assert film.related[0].title == "Black Square"
    assert film.external_ids == (ExternalIdData("wikidata", "Q123"),)
    assert film.lists == ((lst, "Soviet rock"),)
    person = catalog.people.get(miff.director)
    assert person.filmography == ((miff.film, "From Russia with Rock", 1988, "director"),)
    assert person.sort_name == "Mykkanen, Marjaana"
    festivals = catalog.festivals.all()
    assert festivals[0].editions[0].label == "MIFF 1989"
    assert festivals[0].editions[0].sections[0].film_count == 1


def test_find_people_by_name_variant(catalog):
    miff = catalogue_miff(catalog)
    found = catalog.people.find("mykkän")
    assert (miff.director, "Marjaana Mykkanen", "Marjaana Mykkänen") in found
    assert catalog.people.named("marjaana mykkänen") == miff.director


def test_deleting_a_film_removes_its_links_and_list_entries(catalog):
    miff = catalogue_miff(catalog)
    catalog.films.update(miff.other, None, related=[RelatedData(miff.film)])
    lst = catalog.lists.create("Soviet rock", [miff.film, miff.other]).created_id
    impact = catalog.films.deletion_impact([miff.film])
    assert impact["list entries"] == 1 and impact["screenings"] == 1
    catalog.films.delete(miff.film)
    assert catalog.films.get(miff.other).related == ()
    assert [i.film_id for i in catalog.lists.get(lst).items] == [miff.other]


def test_film_ids_are_never_reused(catalog):
    first = catalog.films.create("First").created_id
    catalog.films.delete(first)
    assert catalog.films.create("Second").created_id != first


def test_successive_edits_of_one_record_undo_in_turn_and_redo(catalog):
    miff = catalogue_miff(catalog)
    first = snapshot(catalog)
    year = catalog.films.update(miff.film, None, year=1989)
    second = snapshot(catalog)
    runtime = catalog.films.update(miff.film, None, runtime=52)
    third = snapshot(catalog)
    undo_runtime = catalog.undo(runtime)
    assert snapshot(catalog) == second
    undo_year = catalog.undo(year)
    assert snapshot(catalog) == first
    catalog.undo(undo_year)
    assert snapshot(catalog) == second
    catalog.undo(undo_runtime)
    assert snapshot(catalog) == third
