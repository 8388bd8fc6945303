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

from .helpers import assert_undo_redo, catalogue_miff, snapshot

OPERATIONS = {
    "create film": lambda c, m: c.create_film("Defence Councel Sedov", year=1988,
                                               countries=["USSR"]),
    "change year": lambda c, m: c.update_film(m.film, None, year=1989),
    "edit many parts": lambda c, m: c.update_film(
        m.film, None, title="From Russia With Rock", countries=["USSR", "Finland"],
        languages=["Russian"], genres=["Music"], alt_titles=[AltTitleData("Rock from Russia")],
        credits=[CreditData(m.director, "director"), CreditData(m.critic, "producer")],
        quotes=[], screenings=[ScreeningData(m.edition, m.section)],
        external_ids=[ExternalIdData("imdb", "tt0095181")], related=[RelatedData(m.other)]),
    "delete film": lambda c, m: c.delete_film(m.film),
    "delete films": lambda c, m: c.delete_films([m.film, m.other]),
    "create person": lambda c, m: c.create_person("Iosif Pasternak"),
    "edit person": lambda c, m: c.update_person(m.director, None, name="Marjaana Mykkänen",
                                                variants=["Marjaana Mykkanen"]),
    "delete person": lambda c, m: c.delete_person(m.director),
    "merge people": lambda c, m: c.merge_people(m.critic, m.director),
    "create festival": lambda c, m: c.create_festival("Tampere Film Festival"),
    "edit festival": lambda c, m: c.update_festival(m.festival, None, city="Melbourne"),
    "delete festival": lambda c, m: c.delete_festival(m.festival),
    "create edition": lambda c, m: c.create_edition(m.festival, 1990),
    "edit edition": lambda c, m: c.update_edition(m.edition, None, number=38,
                                                  opening_film_id=m.film),
    "delete edition": lambda c, m: c.delete_edition(m.edition),
    "create section": lambda c, m: c.create_section(m.edition, "Animation"),
    "edit section": lambda c, m: c.update_section(m.section, None, name="Documentary"),
    "delete section": lambda c, m: c.delete_section(m.section),
    "create award": lambda c, m: c.create_award(m.edition, "Best Documentary", film_id=m.film,
                                                person_id=m.director),
    "create list": lambda c, m: c.create_collection("Soviet rock on film", [m.film, m.other]),
    "add stills": lambda c, m: c.add_stills(
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
    lst = catalog.create_collection("Perestroika on film", [miff.film]).created_id
    for op in (
        lambda: catalog.add_to_collection(lst, [miff.other])[0],
        lambda: catalog.annotate(lst, miff.film, "The band's first Moscow concert."),
        lambda: catalog.reorder_collection(lst, [miff.other, miff.film]),
        lambda: catalog.remove_from_collection(lst, [miff.film]),
        lambda: catalog.update_collection(lst, None, state="published"),
        lambda: catalog.delete_collection(lst),
    ):
        assert_undo_redo(catalog, op)


def test_update_reports_a_readable_label_and_what_it_touched(catalog):
    miff = catalogue_miff(catalog)
    changes = catalog.update_film(miff.film, None, year=1989)
    assert changes.label == "Change year of From Russia with Rock"
    assert changes.film_ids == {miff.film}
    assert changes.ids("film") == {miff.film}
    assert catalog.update_film(miff.film, None, year=1989).rows == ()  # a no-op changes nothing


def test_each_write_bumps_the_version_and_a_stale_save_is_refused(catalog):
    miff = catalogue_miff(catalog)
    v1 = catalog.get_film(miff.film).version
    catalog.update_film(miff.film, v1, year=1989)
    v2 = catalog.get_film(miff.film).version
    assert v2 == v1 + 1
    catalog.update_film(miff.film, v2, countries=["USSR", "Finland"])  # a part counts too
    assert catalog.get_film(miff.film).version == v2 + 1
    with pytest.raises(StaleVersion, match="was changed by .+ just now; it has been reloaded"):
        catalog.update_film(miff.film, v1, year=1987)
    assert catalog.get_film(miff.film).year == 1989


def test_a_second_catalog_on_the_same_archive_sees_and_respects_versions(catalog):
    from curator.catalog import Catalog

    miff = catalogue_miff(catalog)
    colleague = Catalog.open(catalog.archive.folder)
    mine = catalog.get_film(miff.film)
    colleague.update_film(miff.film, mine.version, synopsis="Edited by a colleague.")
    with pytest.raises(StaleVersion):
        catalog.update_film(miff.film, mine.version, synopsis="My edit.")
    assert catalog.get_film(miff.film).synopsis == "Edited by a colleague."
    colleague.close()


def test_undo_is_refused_when_the_record_changed_since(catalog):
    miff = catalogue_miff(catalog)
    changes = catalog.update_film(miff.film, None, year=1989)
    catalog.update_film(miff.film, None, runtime=52)
    with pytest.raises(StaleVersion, match="Cannot undo"):
        catalog.undo(changes)
    assert catalog.get_film(miff.film).year == 1989


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
        catalog.update_film(miff.film, None, **fields)
    assert message in err.value.problems[field]
    assert snapshot(catalog) == before


def test_a_duplicate_credit_is_refused(catalog):
    miff = catalogue_miff(catalog)
    with pytest.raises(ValidationError, match="credited twice"):
        catalog.update_film(miff.film, None, credits=[CreditData(miff.director, "director"),
                                                      CreditData(miff.director, "director")])


def test_a_failing_operation_leaves_no_trace(catalog):
    miff = catalogue_miff(catalog)
    before = snapshot(catalog)
    with pytest.raises(NotFound):  # fails after changing the title, inside the transaction
        catalog.update_film(miff.film, None, title="Renamed", credits=[CreditData(999, "director")])
    assert snapshot(catalog) == before
    with pytest.raises(ValidationError):  # a section of another edition
        other = catalog.create_edition(miff.festival, 1990).created_id
        before = snapshot(catalog)
        catalog.update_film(miff.film, None, year=1987,
                            screenings=[ScreeningData(other, miff.section)])
    assert snapshot(catalog) == before


def test_merge_moves_credits_keeps_one_and_makes_the_name_a_variant(catalog):
    miff = catalogue_miff(catalog)
    # the film credits both records of the same person as director
    catalog.update_film(miff.film, None, credits=[CreditData(miff.director, "director"),
                                                  CreditData(miff.critic, "director")])
    catalog.update_film(miff.other, None, credits=[CreditData(miff.critic, "screenwriter")])
    catalog.merge_people(miff.director, miff.critic)
    person = catalog.get_person(miff.director)
    assert "Marjaana Mykkänen-Smith" in person.variants
    assert "Marjaana Mykkänen" in person.variants
    film = catalog.get_film(miff.film)
    assert [(c.person_id, c.role) for c in film.credits] == [(miff.director, "director")]
    assert [c.person_id for c in catalog.get_film(miff.other).credits] == [miff.director]
    with pytest.raises(NotFound):
        catalog.get_person(miff.critic)
    assert catalog.search("smith").ids == [miff.film, miff.other] or \
        sorted(catalog.search("smith").ids) == sorted([miff.film, miff.other])


def test_merge_refuses_a_person_with_themself(catalog):
    miff = catalogue_miff(catalog)
    with pytest.raises(Conflict, match="two different people"):
        catalog.merge_people(miff.director, miff.director)


def test_records_read_back_every_part(catalog):
    miff = catalogue_miff(catalog)
    catalog.create_award(miff.edition, "Best Documentary", film_id=miff.film)
    catalog.update_film(miff.film, None, related=[RelatedData(miff.other, "Also 1988")],
                        external_ids=[ExternalIdData("wikidata", "Q123")])
    lst = catalog.create_collection("Soviet rock", [miff.film]).created_id
    film = catalog.get_film(miff.film)
    assert film.directors == ("Marjaana Mykkanen",)
    assert film.countries == ("USSR",)
    assert film.quotes == (QuoteData("The first steps of perestroika in action.",
                                     "Marjaana Mykkanen"),)
    assert film.screenings[0].label == "MIFF 1989"
    assert film.awards[0].name == "Best Documentary"
    assert film.related[0].title == "Black Square"
    assert film.external_ids == (ExternalIdData("wikidata", "Q123"),)
    assert film.lists == ((lst, "Soviet rock"),)
    person = catalog.get_person(miff.director)
    assert person.filmography == ((miff.film, "From Russia with Rock", 1988, "director"),)
    assert person.sort_name == "Mykkanen, Marjaana"
    festivals = catalog.festivals()
    assert festivals[0].editions[0].label == "MIFF 1989"
    assert festivals[0].editions[0].sections[0].film_count == 1


def test_find_people_by_name_variant(catalog):
    miff = catalogue_miff(catalog)
    found = catalog.find_people("mykkän")
    assert (miff.director, "Marjaana Mykkanen", "Marjaana Mykkänen") in found
    assert catalog.person_named("marjaana mykkänen") == miff.director


def test_deleting_a_film_removes_its_links_and_list_entries(catalog):
    miff = catalogue_miff(catalog)
    catalog.update_film(miff.other, None, related=[RelatedData(miff.film)])
    lst = catalog.create_collection("Soviet rock", [miff.film, miff.other]).created_id
    impact = catalog.film_deletion_impact([miff.film])
    assert impact["list entries"] == 1 and impact["screenings"] == 1
    catalog.delete_film(miff.film)
    assert catalog.get_film(miff.other).related == ()
    assert [i.film_id for i in catalog.get_collection(lst).items] == [miff.other]


def test_film_ids_are_never_reused(catalog):
    first = catalog.create_film("First").created_id
    catalog.delete_film(first)
    assert catalog.create_film("Second").created_id != first


def test_successive_edits_of_one_record_undo_in_turn_and_redo(catalog):
    miff = catalogue_miff(catalog)
    first = snapshot(catalog)
    year = catalog.update_film(miff.film, None, year=1989)
    second = snapshot(catalog)
    runtime = catalog.update_film(miff.film, None, runtime=52)
    third = snapshot(catalog)
    undo_runtime = catalog.undo(runtime)
    assert snapshot(catalog) == second
    undo_year = catalog.undo(year)
    assert snapshot(catalog) == first
    catalog.undo(undo_year)
    assert snapshot(catalog) == second
    catalog.undo(undo_runtime)
    assert snapshot(catalog) == third
