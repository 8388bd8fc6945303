"""The "See also" rule: manual links, then director, then section, then edition and country."""

from __future__ import annotations

from curator.catalog.records import CreditData, RelatedData, ScreeningData
from curator.model.enums import PublicationState


def _festival(catalog):
    fest = catalog.festivals.create("Melbourne International Film Festival",
                                   short_name="MIFF").created_id
    edition = catalog.editions.create(fest, 1989).created_id
    section = catalog.sections.create(edition, "Documentaries").created_id
    return edition, section


def test_each_step_in_order_and_at_most_five(catalog) -> None:
    edition, section = _festival(catalog)
    director = catalog.people.create("Marjaana Mykkanen").created_id
    film = lambda title, **kw: catalog.films.create(title, **kw).created_id  # noqa: E731
    manual_b = film("Manual B")
    manual_a = film("Manual A")
    by_director_late = film("Later Work", year=1995,
                            credits=[CreditData(director, "director")])
    by_director_early = film("Earlier Work", year=1980,
                             credits=[CreditData(director, "director")])
    same_section = film("Black Square", year=1988,
                        screenings=[ScreeningData(edition, section)])
    same_country = film("Assa", year=1987, countries=["USSR"],
                        screenings=[ScreeningData(edition)])
    film("Other Country", countries=["Finland"], screenings=[ScreeningData(edition)])
    main = film("From Russia with Rock", year=1988, countries=["USSR"],
                credits=[CreditData(director, "director")],
                screenings=[ScreeningData(edition, section)],
                related=[RelatedData(manual_b, "its sequel"), RelatedData(manual_a)])

    found = catalog.films.see_also(main)

    assert [f.id for f in found] == [manual_b, manual_a, by_director_early,
                                     by_director_late, same_section]
    assert [f.reason for f in found] == ["related", "related", "director", "director",
                                         "section"]
    assert found[0].note == "its sequel"
    wider = catalog.films.see_also(main, limit=10)
    assert [f.id for f in wider][5:] == [same_country]
    assert wider[5].countries == ("USSR",)
    assert main not in [f.id for f in wider]


def test_published_only_and_no_duplicates(catalog) -> None:
    edition, section = _festival(catalog)
    director = catalog.people.create("Director").created_id
    shared = catalog.films.create("Both Manual and Director", state=PublicationState.PUBLISHED,
                                 credits=[CreditData(director, "director")]).created_id
    draft = catalog.films.create("Draft Neighbour",
                                screenings=[ScreeningData(edition, section)]).created_id
    main = catalog.films.create("Main", credits=[CreditData(director, "director")],
                               screenings=[ScreeningData(edition, section)],
                               related=[RelatedData(shared)]).created_id

    assert [(f.id, f.reason) for f in catalog.films.see_also(main)] == [
        (shared, "related"), (draft, "section")]
    assert [f.id for f in catalog.films.see_also(main, published_only=True)] == [shared]
    assert catalog.films.see_also(main, limit=0) == []


def test_a_film_with_nothing_in_common_suggests_nothing(catalog) -> None:
    alone = catalog.films.create("Alone").created_id
    catalog.films.create("Stranger")
    assert catalog.films.see_also(alone) == []


def test_the_export_applies_the_same_rule_as_the_desk(catalog) -> None:
    """The export indexes every published film; the desk reads only the films that can
    qualify. Both must pick the same films."""
    from curator.catalog.see_also import SeeAlso

    edition, section = _festival(catalog)
    other_edition = catalog.editions.create(
        catalog.festivals.all()[0].id, 1990).created_id
    directors = [catalog.people.create(f"Director {n}").created_id for n in range(3)]
    ids = []
    for n in range(24):
        ids.append(catalog.films.create(
            f"Film {n:02d}", year=None if n % 7 == 0 else 1980 + n % 5,
            countries=[("USSR", "Finland", "Estonia")[n % 3]],
            credits=[CreditData(directors[n % 3], "director")] if n % 4 else [],
            screenings=[ScreeningData(edition, section if n % 2 else None)]
            + ([ScreeningData(other_edition)] if n % 5 == 0 else []),
            related=[RelatedData(ids[-1])] if n % 6 == 5 else [],
            state=PublicationState.PUBLISHED).created_id)
    records = catalog.films.get_many(ids)
    memory = SeeAlso(records)
    for film in records:
        for limit in (5, 10):
            assert [f.id for f in memory.of(film, limit)] == [
                f.id for f in catalog.films.see_also(film.id, limit, published_only=True)]
