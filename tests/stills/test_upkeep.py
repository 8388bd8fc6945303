"""Checking originals and collecting unreferenced ones: a referenced original is never lost."""

from __future__ import annotations

import os
import time

from curator.stills import check_stills, collect_unreferenced, import_stills, original_path
from curator.stills.derivatives import derivative_folder, ensure_derivatives

DAY = 24 * 3600.0


def _age(catalog, seconds: float = 3600.0) -> None:
    """Make every stored original look as if stored `seconds` ago."""
    then = time.time() - seconds
    for path in catalog.archive.stills_dir.glob("*/*"):
        os.utime(path, (then, then))


def test_collection_keeps_what_any_still_refers_to(catalog, film, photos):
    other = catalog.films.create("Black Square").created_id
    first = import_stills(catalog, photos[:2], film_id=film)
    import_stills(catalog, photos[:1], film_id=other)  # shares the first original
    shared, alone = (o.file.sha256 for o in first.outcomes)
    ensure_derivatives(catalog.archive, [shared, alone])

    for still in catalog.stills.of(film_id=film):
        catalog.stills.delete(still.id)
    assert collect_unreferenced(catalog, grace=0).removed == []  # just stored: kept
    _age(catalog)
    result = collect_unreferenced(catalog, grace=0)

    assert result.removed == [alone]
    assert original_path(catalog.archive, shared).is_file()  # Black Square still uses it
    assert not original_path(catalog.archive, alone).exists()
    assert not derivative_folder(catalog.archive, alone).exists()
    assert result.freed_bytes == photos[1].stat().st_size


def test_a_deleted_still_can_be_undone_until_the_grace_has_passed(catalog, film, photos):
    import_stills(catalog, photos[:1], film_id=film)
    _age(catalog)
    (still,) = catalog.stills.of(film_id=film)
    deletion = catalog.stills.delete(still.id)
    start = time.time()

    first = collect_unreferenced(catalog, now=start)
    assert first.removed == [] and first.waiting == [still.sha256]
    assert collect_unreferenced(catalog, now=start + DAY / 2).removed == []

    catalog.undo(deletion)  # the image is still there for the restored record
    assert check_stills(catalog).problems == []
    assert collect_unreferenced(catalog, now=start + 2 * DAY).removed == []
    assert original_path(catalog.archive, still.sha256).is_file()

    # deleted again: the clock starts afresh, it does not remember the old sighting
    catalog.stills.delete(still.id)
    assert collect_unreferenced(catalog, now=start + 5 * DAY).removed == []
    assert collect_unreferenced(catalog, now=start + 6 * DAY + 1).removed == [still.sha256]


def test_check_names_missing_and_corrupt_originals_with_their_films(catalog, film, photos):
    import_stills(catalog, photos[:3], film_id=film)
    person = catalog.people.create("Marjaana Mykkanen").created_id
    import_stills(catalog, photos[2:3], person_id=person)
    missing, corrupt, fine = (s.sha256 for s in catalog.stills.of(film_id=film))
    original_path(catalog.archive, missing).unlink()
    damaged = original_path(catalog.archive, corrupt)
    damaged.chmod(0o644)
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"0123456789")

    seen = []
    report = check_stills(catalog, lambda done, total, _m: seen.append((done, total)) or True)

    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert report.checked == 3
    assert [(p.sha256, p.problem) for p in report.problems] == [
        (missing, "missing"), (corrupt, "corrupt")]
    assert report.problems[0].owners == (f"film {film} From Russia with Rock",)
    assert fine not in {p.sha256 for p in report.problems}


def test_re_adding_a_damaged_original_repairs_it(catalog, film, photos):
    (outcome,) = import_stills(catalog, photos[:1], film_id=film).outcomes
    damaged = original_path(catalog.archive, outcome.file.sha256)
    damaged.chmod(0o644)
    damaged.write_bytes(b"rot")
    other = catalog.films.create("Black Square").created_id
    import_stills(catalog, photos[:1], film_id=other)
    assert check_stills(catalog).problems == []
