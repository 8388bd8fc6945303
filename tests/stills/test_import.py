"""Importing image files: what is stored, what is refused, and that a refusal leaves no trace."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from curator.catalog import Cancelled
from curator.stills import (
    ALREADY_PRESENT,
    REFUSED,
    SKIPPED,
    STORED,
    import_stills,
    original_path,
)
from tests.stills import images
from tests.stills.images import stored_files


def test_shared_photographs_are_stored_unchanged_under_their_hash(catalog, film, photos):
    result = import_stills(catalog, photos, film_id=film)

    assert [o.status for o in result.outcomes] == [STORED] * len(photos)
    stills = catalog.stills.of(film_id=film)
    assert [s.original_name for s in stills] == [p.name for p in photos]
    for photo, still in zip(photos, stills, strict=True):
        data = photo.read_bytes()
        assert still.sha256 == hashlib.sha256(data).hexdigest()
        stored = original_path(catalog.archive, still.sha256)
        assert stored == catalog.archive.stills_dir / still.sha256[:2] / still.sha256
        assert stored.read_bytes() == data
        assert not stored.stat().st_mode & stat.S_IWUSR  # originals are read-only
        assert still.format == "JPEG" and still.width >= 1280
    assert [s.is_primary for s in stills] == [True, False, False]
    assert stills[0].position < stills[1].position < stills[2].position


def test_the_same_file_twice_keeps_one_copy_and_says_so(catalog, film, photos):
    other = catalog.films.create("Black Square").created_id
    first = import_stills(catalog, [photos[0], photos[0]], film_id=film)
    again = import_stills(catalog, [photos[0]], film_id=film)
    elsewhere = import_stills(catalog, [photos[0]], film_id=other)

    assert [o.status for o in first.outcomes] == [STORED, SKIPPED]
    assert "listed twice" in first.outcomes[1].message
    assert again.outcomes[0].status == SKIPPED
    assert "already a still of From Russia with Rock" in again.outcomes[0].message
    assert not again.changes  # nothing recorded
    assert elsewhere.outcomes[0].status == ALREADY_PRESENT
    assert "without a second copy" in elsewhere.outcomes[0].message
    assert len(catalog.stills.of(film_id=film)) == 1
    assert len(catalog.stills.of(film_id=other)) == 1
    assert len(stored_files(catalog)) == 1


def test_webp_tiff_png_and_awkward_jpegs_are_accepted(catalog, film, tmp_path):
    files = [
        *images.webp_and_tiff(tmp_path),
        images.cmyk_jpeg(tmp_path / "cmyk.jpg"),
        images.sixteen_bit_png(tmp_path / "sixteen.png"),
        images.alpha_png(tmp_path / "alpha.png"),
        images.palette_png(tmp_path / "palette.png"),
    ]
    result = import_stills(catalog, files, film_id=film)

    assert [o.status for o in result.outcomes] == [STORED] * len(files), result.outcomes
    assert [s.format for s in catalog.stills.of(film_id=film)] == [
        "WEBP", "TIFF", "JPEG", "PNG", "PNG", "PNG"]


def test_a_sideways_photo_is_recorded_with_its_upright_size(catalog, film, tmp_path):
    path = images.marked_jpeg(tmp_path / "sideways.jpg", (120, 80), orientation=6)
    import_stills(catalog, [path], film_id=film)
    (still,) = catalog.stills.of(film_id=film)
    assert (still.width, still.height) == (80, 120)


@pytest.mark.parametrize(("make", "expected"), [
    (lambda d, src: images.truncated_jpeg(d / "cut.jpg", src), "truncated"),
    (lambda d, src: images.corrupt_png(d / "damaged.png"), "corrupt"),
    (lambda d, src: images.decompression_bomb(d / "bomb.png"), "decompression bomb"),
    (lambda d, src: images.text_as_jpeg(d / "notes.jpg"), "unsupported format"),
    (lambda d, src: images.gif(d / "poster.gif"), "unsupported format GIF"),
])
def test_bad_files_are_refused_by_name_and_nothing_is_written(
        catalog, film, photos, tmp_path, make, expected):
    bad = make(tmp_path, photos[0])
    good = photos[1]

    result = import_stills(catalog, [bad, good], film_id=film)

    refusal = result.outcomes[0]
    assert refusal.status == REFUSED
    assert expected in refusal.message
    assert str(refusal).startswith(f"{bad.name}: refused")
    assert result.outcomes[1].status == STORED  # one bad file does not stop the others
    assert [s.original_name for s in catalog.stills.of(film_id=film)] == [good.name]
    # only the good original, and no temporary file, is in the store
    assert [p.name for p in stored_files(catalog)] == [result.outcomes[1].file.sha256]


def test_a_missing_file_is_refused_and_a_missing_film_stores_nothing(catalog, film, photos):
    result = import_stills(catalog, [Path("/nonexistent/still.jpg")], film_id=film)
    assert result.outcomes[0].status == REFUSED
    assert "no such file" in result.outcomes[0].message

    from curator.catalog import NotFound
    with pytest.raises(NotFound):
        import_stills(catalog, photos[:1], film_id=9999)
    assert stored_files(catalog) == []


def test_portraits_go_on_a_person(catalog, photos):
    person = catalog.people.create("Marjaana Mykkanen").created_id
    import_stills(catalog, photos[:1], person_id=person, fields={"credit": "Photo: MIFF"})
    (portrait,) = catalog.stills.of(person_id=person)
    assert portrait.credit == "Photo: MIFF" and portrait.is_primary


def test_an_import_is_one_undoable_step(catalog, film, photos):
    result = import_stills(catalog, photos, film_id=film)
    undone = catalog.undo(result.changes)
    assert catalog.stills.of(film_id=film) == []
    # the originals stay until collected, so redo brings the stills back with their images
    catalog.undo(undone)
    stills = catalog.stills.of(film_id=film)
    assert len(stills) == len(photos)
    assert all(original_path(catalog.archive, s.sha256).is_file() for s in stills)


def test_progress_counts_every_file_and_a_cancel_adds_no_still(catalog, film, photos):
    # the largest file is worked on first, yet the stills keep the order they were listed in
    listed = [photos[0], photos[2], photos[1]]  # smallest, largest, middle
    seen: list[tuple[int, int]] = []
    result = import_stills(catalog, listed, film_id=film,
                           progress=lambda done, total, _m: seen.append((done, total)) or True)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert [o.path for o in result.outcomes] == listed
    assert [s.original_name for s in catalog.stills.of(film_id=film)] == [p.name for p in listed]

    other = catalog.films.create("Black Square").created_id
    with pytest.raises(Cancelled):
        import_stills(catalog, photos, film_id=other, progress=lambda *_a: False)
    assert catalog.stills.of(film_id=other) == []
