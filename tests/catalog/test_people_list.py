"""The people list: pages in sort-name order, filtered by any spelling of a name."""

from __future__ import annotations

from curator.catalog.records import CreditData


def test_pages_filter_and_counts(catalog) -> None:
    mykkanen = catalog.people.create("Marjaana Mykkanen", variants=["Marjaana Mykkänen"],
                                     birth_year=1960, country="Finland").created_id
    catalog.people.create("Aki Kaurismäki")
    catalog.people.create("Mike Leigh", birth_year=1943)
    catalog.films.create("From Russia with Rock", credits=[CreditData(mykkanen, "director"),
                                                          CreditData(mykkanen, "editor")])

    everyone = catalog.people.page()
    assert everyone.total == 3
    assert [r.name for r in everyone.rows] == ["Aki Kaurismäki", "Mike Leigh",
                                               "Marjaana Mykkanen"]
    second = catalog.people.page(limit=2, offset=2)
    assert second.total == 3 and [r.name for r in second.rows] == ["Marjaana Mykkanen"]

    by_variant = catalog.people.page("mykkänen")
    assert by_variant.total == 1
    row = by_variant.rows[0]
    assert (row.films, row.years, row.country, row.variants) == (
        1, "born 1960", "Finland", "Marjaana Mykkänen")
    assert catalog.people.page("nobody").rows == []
