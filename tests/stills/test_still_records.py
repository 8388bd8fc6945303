"""Still records through the catalog: successive edits undo one after another, in order."""

from __future__ import annotations

import pytest

from curator.catalog import StaleVersion
from curator.stills import import_stills


def test_successive_still_edits_undo_one_after_another(catalog, film, photos):
    import_stills(catalog, photos[:3], film_id=film)
    first, second, third = catalog.stills.of(film_id=film)
    steps = [
        catalog.stills.update(first.id, first.version, caption="Leningrad rock club, 1987"),
        catalog.stills.set_primary(third.id),
        catalog.stills.reorder([third.id, first.id, second.id]),
    ]
    for changes in reversed(steps):  # each step touches the film too: the chain must hold
        catalog.undo(changes)

    stills = catalog.stills.of(film_id=film)
    assert [s.id for s in stills] == [first.id, second.id, third.id]
    assert [s.is_primary for s in stills] == [True, False, False]
    assert stills[0].caption == ""


def test_an_undo_still_refuses_to_overwrite_a_later_edit(catalog, film, photos):
    import_stills(catalog, photos[:1], film_id=film)
    (still,) = catalog.stills.of(film_id=film)
    mine = catalog.stills.update(still.id, still.version, caption="Mine")
    theirs = catalog.stills.get(still.id)
    catalog.stills.update(still.id, theirs.version, caption="A colleague's")
    with pytest.raises(StaleVersion):
        catalog.undo(mine)
    assert catalog.stills.get(still.id).caption == "A colleague's"
