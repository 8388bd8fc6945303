"""Merging two records of one film: the chosen values stay, everything of both is kept
once, one undo brings both back exactly, and the merged-away id leads to the kept film."""

from __future__ import annotations

import pytest

from curator.catalog import Conflict, NotFound, ValidationError
from curator.catalog.records import (
    CreditData,
    ExternalIdData,
    QuoteData,
    RelatedData,
    ScreeningData,
)
from curator.model.enums import PublicationState
from tests.helpers import assert_undo_redo, catalogue_miff, snapshot


def _twin(catalog, miff):
    """The same film typed again from another catalogue, with parts of its own."""
    cinematographer = catalog.people.create("Vladimir Shevtsik").created_id
    third = catalog.films.create("Assa", year=1987).created_id
    twin = catalog.films.create(
        "From Russia With Rock", year=1988, runtime=90, countries=["Finland", "USSR"],
        credits=[CreditData(miff.director, "director"),
                 CreditData(cinematographer, "cinematographer")],
        quotes=[QuoteData("The first steps of perestroika in action.", "Marjaana Mykkanen"),
                QuoteData("Loud and clear.", "Variety")],
        screenings=[ScreeningData(miff.edition), ScreeningData(miff.edition, miff.section)],
        external_ids=[ExternalIdData("imdb", "tt0095177")],
        related=[RelatedData(third, "")],
        synopsis="A documentary on Soviet rock.",
        state=PublicationState.PUBLISHED,
    ).created_id
    catalog.awards.create(miff.edition, "Best Documentary", film_id=twin)
    catalog.lists.create("Soviet rock", [twin, miff.other])
    catalog.lists.create("Finnish films", [miff.film, twin])
    catalog.films.update(miff.other, None, related=[RelatedData(twin, "the same year")])
    return twin, third, cinematographer


def test_a_merge_keeps_everything_of_both_once(catalog):
    miff = catalogue_miff(catalog)
    twin, third, cinematographer = _twin(catalog, miff)
    changes = catalog.films.merge(miff.film, twin, {"runtime": "other", "countries": "other"})
    assert changes.label == "Merge From Russia With Rock into From Russia with Rock"
    film = catalog.films.get(miff.film)
    assert film.title == "From Russia with Rock"  # kept by default
    assert film.runtime == 90 and film.countries == ("Finland", "USSR")  # chosen
    assert film.synopsis == "Nautilus Pompilius from Sverdlovsk."
    assert [(c.person_id, c.role) for c in film.credits] == [
        (miff.director, "director"), (cinematographer, "cinematographer")]
    assert [q.text for q in film.quotes] == ["The first steps of perestroika in action.",
                                             "Loud and clear."]
    assert {(s.edition_id, s.section_id) for s in film.screenings} == {
        (miff.edition, None), (miff.edition, miff.section)}
    assert [a.name for a in film.awards] == ["Best Documentary"]
    assert film.external_ids == (ExternalIdData("imdb", "tt0095177"),)
    assert [r.film_id for r in film.related] == [third]
    assert sorted(t for _, t in film.lists) == ["Finnish films", "Soviet rock"]
    assert [r.film_id for r in catalog.films.get(miff.other).related] == [miff.film]
    assert catalog.counts()["films"] == 3


def test_a_merge_is_one_step_that_undo_reverses_exactly(catalog):
    miff = catalogue_miff(catalog)
    twin, *_ = _twin(catalog, miff)
    assert_undo_redo(catalog, lambda: catalog.films.merge(
        miff.film, twin, {"title": "other", "runtime": "other"}))


def test_choosing_the_other_title_keeps_the_first_as_another_title(catalog):
    miff = catalogue_miff(catalog)
    twin = catalog.films.create("Rock from Russia", year=1988).created_id
    catalog.films.merge(miff.film, twin, {"title": "other"})
    film = catalog.films.get(miff.film)
    assert film.title == "Rock from Russia"
    assert [t.title for t in film.alt_titles] == ["From Russia with Rock"]
    assert catalog.search.films("russia with rock").ids == [miff.film]


def test_the_merged_away_id_leads_to_the_kept_film(catalog):
    miff = catalogue_miff(catalog)
    twin, *_ = _twin(catalog, miff)
    catalog.films.merge(miff.film, twin)
    assert catalog.films.resolve(twin) == miff.film
    assert catalog.films.get(twin).id == miff.film  # opening it opens the kept film
    # merged again: the first alias follows on
    later = catalog.films.create("From Russia with Rock", year=1988).created_id
    catalog.films.merge(later, miff.film)
    assert catalog.films.resolve(twin) == later
    assert catalog.films.resolve(miff.film) == later
    with pytest.raises(NotFound):
        catalog.films.get(999)


def test_bad_merges_are_refused_in_one_line(catalog):
    miff = catalogue_miff(catalog)
    before = snapshot(catalog)
    with pytest.raises(Conflict, match="two different films"):
        catalog.films.merge(miff.film, miff.film)
    with pytest.raises(ValidationError, match="not a field a merge chooses"):
        catalog.films.merge(miff.film, miff.other, {"budget": "other"})
    with pytest.raises(ValidationError, match="say year=other or year=keep"):
        catalog.films.merge(miff.film, miff.other, {"year": "mine"})
    with pytest.raises(NotFound, match="no film with id 999"):
        catalog.films.merge(miff.film, 999)
    assert snapshot(catalog) == before


def test_the_archives_own_fields_are_chosen_as_the_others_and_undone(catalog):
    miff = catalogue_miff(catalog)
    shelf = catalog.fields.add("Shelf mark").created_id
    source = catalog.fields.add("Print source").created_id
    reels = catalog.fields.add("Reels", "number").created_id
    twin = catalog.films.create("From Russia With Rock", year=1988, field_values=[
        (shelf, "B-12"), (source, "Finnish Film Archive"), (reels, "3")]).created_id
    catalog.films.update(miff.film, None, field_values=[(source, "Gosfilmofond")])
    rows = {r.field: r for r in catalog.films.merge_rows(catalog.films.get(miff.film),
                                                         catalog.films.get(twin))}
    assert (rows["shelf_mark"].label, rows["shelf_mark"].keep, rows["shelf_mark"].other,
            rows["shelf_mark"].default) == ("Shelf mark", "", "B-12", "other")
    assert (rows["print_source"].keep, rows["print_source"].default) == ("Gosfilmofond", "keep")

    before = snapshot(catalog)
    changes = catalog.films.merge(miff.film, twin, {"Reels": "keep"})
    values = {v.field_id: v.value for v in catalog.films.get(miff.film).field_values}
    # the empty shelf mark takes the other's; the kept print source stays; reels as chosen
    assert values == {shelf: "B-12", source: "Gosfilmofond"}
    catalog.undo(changes)
    assert snapshot(catalog) == before

    catalog.films.merge(miff.film, twin, {"print-source": "other", "shelf mark": "keep"})
    values = {v.field_id: v.value for v in catalog.films.get(miff.film).field_values}
    assert values == {source: "Finnish Film Archive", reels: "3"}


def test_a_merge_names_the_archives_fields_among_those_it_chooses(catalog):
    miff = catalogue_miff(catalog)
    catalog.fields.add("Shelf mark")
    with pytest.raises(ValidationError, match="choose among title, .*, state, shelf-mark"):
        catalog.films.merge(miff.film, miff.other, {"budget": "other"})


def test_merge_people_with_field_choices_keeps_credits_portraits_and_names(catalog):
    miff = catalogue_miff(catalog)
    catalog.people.update(miff.critic, None, birth_year=1960, biography="A critic.")
    catalog.films.update(miff.other, None, credits=[CreditData(miff.critic, "screenwriter")])
    changes = catalog.people.merge(miff.director, miff.critic, {"name": "other"})
    person = catalog.people.get(miff.director)
    assert person.name == "Marjaana Mykkänen-Smith"
    assert person.birth_year == 1960 and person.biography == "A critic."  # empty: filled
    assert set(person.variants) == {"Marjaana Mykkanen", "Marjaana Mykkänen"}
    assert {f[0] for f in person.filmography} == {miff.film, miff.other}
    catalog.undo(changes)
    assert catalog.people.get(miff.director).name == "Marjaana Mykkanen"
    assert catalog.people.get(miff.critic).birth_year == 1960
