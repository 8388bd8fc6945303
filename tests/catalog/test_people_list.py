"""The people list: pages in sort-name order, filtered by any spelling of a name."""

from __future__ import annotations

from curator.catalog.people_list import people_page
from curator.catalog.records import CreditData


def test_pages_filter_and_counts(catalog) -> None:
    mykkanen = catalog.create_person("Marjaana Mykkanen", variants=["Marjaana Mykkänen"],
                                     birth_year=1960, country="Finland").created_id
    catalog.create_person("Aki Kaurismäki")
    catalog.create_person("Mike Leigh", birth_year=1943)
    catalog.create_film("From Russia with Rock", credits=[CreditData(mykkanen, "director"),
                                                          CreditData(mykkanen, "editor")])

    everyone = people_page(catalog)
    assert everyone.total == 3
    assert [r.name for r in everyone.rows] == ["Aki Kaurismäki", "Mike Leigh",
                                               "Marjaana Mykkanen"]
    second = people_page(catalog, limit=2, offset=2)
    assert second.total == 3 and [r.name for r in second.rows] == ["Marjaana Mykkanen"]

    by_variant = people_page(catalog, "mykkänen")
    assert by_variant.total == 1
    row = by_variant.rows[0]
    assert (row.films, row.years, row.country, row.variants) == (
        1, "born 1960", "Finland", "Marjaana Mykkänen")
    assert people_page(catalog, "nobody").rows == []
