"""The duplicates finder: known pairs of films and people are listed with their reasons,
films that only share a common title are not, and a pair said not to be one never
shows again (until that is undone)."""

from __future__ import annotations

from curator.catalog.records import CreditData, ScreeningData
from tests.helpers import catalogue_miff


def _pairs(found):
    return {(p.first_id, p.second_id): p for p in found}


def test_the_same_film_typed_twice_is_found_with_its_reasons(catalog):
    miff = catalogue_miff(catalog)
    # typed again from another catalogue: article moved, accents and case differ
    twin = catalog.films.create("from russia with rock!", year=1988,
                                credits=[CreditData(miff.director, "director")],
                                screenings=[ScreeningData(miff.edition)]).created_id
    pair = _pairs(catalog.duplicates.films())[(miff.film, twin)]
    assert pair.reasons[0] == "same title"
    assert "same year (1988)" in pair.reasons
    assert "same director (Marjaana Mykkanen)" in pair.reasons
    assert "both at MIFF 1989" in pair.reasons
    assert pair.score == 100
    assert pair.first == "From Russia with Rock (1988)"


def test_articles_misspellings_and_a_year_apart_still_meet(catalog):
    a = catalog.films.create("The Cranes Are Flying", year=1957).created_id
    b = catalog.films.create("Cranes are Flyng", year=1958).created_id
    c = catalog.films.create("Les Misérables", year=1995).created_id
    d = catalog.films.create("Miserables", year=1995).created_id
    found = _pairs(catalog.duplicates.films())
    assert found[(a, b)].reasons[0].startswith("similar title (9")
    assert "years 1957 and 1958" in found[(a, b)].reasons
    assert found[(c, d)].reasons[0] == "same title"
    assert found[(c, d)].score > found[(a, b)].score


def test_films_that_only_share_a_common_title_are_not_listed(catalog):
    homes = [catalog.films.create("Home", year=y).created_id for y in (1954, 1979, 2009, 2016)]
    untitled = [catalog.films.create("Untitled", year=y).created_id
                for y in (1960, 1975, 1990, 1990)]
    listed = {i for p in catalog.duplicates.films() for i in (p.first_id, p.second_id)}
    assert not listed & set(homes)
    # two "Untitled" of 1990 with nothing else in common are two films too
    assert not listed & set(untitled)


def test_a_common_title_with_a_shared_director_is_listed(catalog):
    miff = catalogue_miff(catalog)
    ids = [catalog.films.create("Untitled", year=y).created_id for y in (1960, 1975, 1990)]
    ids += [catalog.films.create("Untitled", year=1990,
                                 credits=[CreditData(miff.director, "director")]).created_id
            for _ in range(2)]
    found = _pairs(catalog.duplicates.films())
    assert list(found) == [(ids[3], ids[4])]


def test_films_with_different_directors_are_not_one(catalog):
    miff = catalogue_miff(catalog)
    other = catalog.people.create("Rashid Nugmanov").created_id
    catalog.films.create("Igla", year=1988, credits=[CreditData(miff.director, "director")])
    catalog.films.create("Igla", year=1988, credits=[CreditData(other, "director")])
    assert catalog.duplicates.films() == []


def test_people_by_accents_order_script_and_initials(catalog):
    aki = catalog.people.create("Aki Kaurismaki").created_id
    aki2 = catalog.people.create("Kaurismäki, Aki").created_id
    initial = catalog.people.create("A. Kaurismaki").created_id
    nautilus = catalog.people.create("Наутилус Помпилиус").created_id
    latin = catalog.people.create("Nautilus Pompilius").created_id
    typo = catalog.people.create("Marjaana Mykanen").created_id
    right = catalog.people.create("Marjaana Mykkanen").created_id
    catalog.people.create("Mika Kaurismaki")  # the brother: another person
    found = _pairs(catalog.duplicates.people())
    assert found[(aki, aki2)].reasons[0].startswith("same name written another way")
    assert found[(aki, initial)].reasons[0] == "initials: Aki Kaurismaki / A. Kaurismaki"
    assert found[(nautilus, latin)].reasons[0].startswith("same name in another script")
    assert found[(typo, right)].reasons[0].startswith("similar spelling (9")
    mika = [p for p in found.values() if "Mika" in p.first + p.second]
    assert mika == []
    assert found[(aki, aki2)].score > found[(aki, initial)].score


def test_not_a_duplicate_is_never_listed_again_and_undo_lists_it(catalog):
    a = catalog.films.create("Assa", year=1987).created_id
    b = catalog.films.create("ASSA", year=1987).created_id
    p = catalog.people.create("Sergei Solovyov").created_id
    q = catalog.people.create("Sergei Soloviev").created_id
    assert [(x.first_id, x.second_id) for x in catalog.duplicates.films()] == [(a, b)]
    said = catalog.duplicates.mark_not_duplicate("film", b, a)
    assert said.label == "Not a duplicate: Assa and ASSA"
    assert catalog.duplicates.films() == []
    catalog.duplicates.mark_not_duplicate("person", p, q)
    assert catalog.duplicates.people() == []
    catalog.undo(said)
    assert [(x.first_id, x.second_id) for x in catalog.duplicates.films()] == [(a, b)]


def test_sequels_and_short_lookalikes_are_two_films(catalog):
    catalog.films.create("Paranormal Activity 2", year=2010)
    catalog.films.create("Paranormal Activity 3", year=2011)
    catalog.films.create("Brave", year=2012)
    catalog.films.create("Brake", year=2012)
    harbour = catalog.films.create("Harbour", year=1931).created_id
    harbor = catalog.films.create("Harbor", year=1931).created_id
    assert [(p.first_id, p.second_id) for p in catalog.duplicates.films()] == [
        (harbour, harbor)]
