"""The addresses a published film had: kept when its title changes or it leaves the archive."""

from __future__ import annotations

from curator.catalog import Catalog
from curator.catalog.addresses import PastAddress


def test_a_published_film_keeps_its_old_address_when_its_title_changes(catalog: Catalog):
    film_id = catalog.films.create("Rock Summer", state="published").created_id
    changes = catalog.films.update(film_id, None, title="Rock Summer in Tallinn")
    assert catalog.films.get(film_id).slug == "rock-summer-in-tallinn"
    assert catalog.addresses.past() == [PastAddress(film_id, "rock-summer", "Rock Summer")]
    assert changes.touched.films == {film_id}
    catalog.undo(changes)
    assert catalog.films.get(film_id).slug == "rock-summer"
    assert catalog.addresses.past() == []


def test_a_draft_has_no_public_address_to_keep(catalog: Catalog):
    film_id = catalog.films.create("Working Title").created_id
    catalog.films.update(film_id, None, title="Final Title")
    assert catalog.films.get(film_id).slug == "final-title"
    assert catalog.addresses.past() == []


def test_a_film_withdrawn_or_deleted_keeps_its_address(catalog: Catalog):
    kept = catalog.films.create("Black Square", state="published").created_id
    gone = catalog.films.create("Winter Light", state="published").created_id
    catalog.films.update(kept, None, state="withdrawn")
    catalog.films.delete(gone)
    assert catalog.addresses.past() == [PastAddress(kept, "black-square", "Black Square"),
                                        PastAddress(gone, "winter-light", "Winter Light")]
    catalog.films.update(kept, None, state="published")
    catalog.films.update(kept, None, state="withdrawn")
    assert len(catalog.addresses.past()) == 2  # one address, kept once
