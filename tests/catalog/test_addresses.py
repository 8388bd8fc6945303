"""The addresses a published film had: kept when its title changes or it leaves the archive."""

from __future__ import annotations

from curator.catalog import Catalog
from curator.catalog.addresses import PastAddress


def test_a_published_film_keeps_its_old_address_when_its_title_changes(catalog: Catalog):
    film_id = catalog.create_film("Rock Summer", state="published").created_id
    changes = catalog.update_film(film_id, None, title="Rock Summer in Tallinn")
    assert catalog.get_film(film_id).slug == "rock-summer-in-tallinn"
    assert catalog.past_addresses() == [PastAddress(film_id, "rock-summer", "Rock Summer")]
    assert changes.touched.films == {film_id}
    catalog.undo(changes)
    assert catalog.get_film(film_id).slug == "rock-summer"
    assert catalog.past_addresses() == []


def test_a_draft_has_no_public_address_to_keep(catalog: Catalog):
    film_id = catalog.create_film("Working Title").created_id
    catalog.update_film(film_id, None, title="Final Title")
    assert catalog.get_film(film_id).slug == "final-title"
    assert catalog.past_addresses() == []


def test_a_film_withdrawn_or_deleted_keeps_its_address(catalog: Catalog):
    kept = catalog.create_film("Black Square", state="published").created_id
    gone = catalog.create_film("Winter Light", state="published").created_id
    catalog.update_film(kept, None, state="withdrawn")
    catalog.delete_film(gone)
    assert catalog.past_addresses() == [PastAddress(kept, "black-square", "Black Square"),
                                        PastAddress(gone, "winter-light", "Winter Light")]
    catalog.update_film(kept, None, state="published")
    catalog.update_film(kept, None, state="withdrawn")
    assert len(catalog.past_addresses()) == 2  # one address, kept once
