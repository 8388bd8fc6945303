"""Derivatives: right sizes, upright, in sRGB, made once, rebuilt when the cache is gone."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from curator.catalog import Cancelled
from curator.stills import (
    THUMBNAIL,
    WIDTHS,
    derivative_file,
    derivative_path,
    derivative_size,
    ensure_derivatives,
    has_derivatives,
    import_stills,
)
from tests.stills import images


def _import(catalog, film, *paths):
    result = import_stills(catalog, paths, film_id=film)
    assert not result.refused, result.refused
    return [o.file.sha256 for o in result.outcomes]


def test_every_size_in_webp_and_jpeg_without_enlarging(catalog, film, photos):
    (sha,) = _import(catalog, film, photos[0])
    still = catalog.stills.of(film_id=film)[0]

    report = ensure_derivatives(catalog.archive, [sha])

    assert report.made == [sha] and not report.failed
    for width in WIDTHS:
        for fmt in ("webp", "jpeg"):
            with Image.open(derivative_file(catalog.archive, sha, width, fmt)) as im:
                assert im.format == fmt.upper()
                assert im.size == derivative_size(still.width, still.height, width)
    assert derivative_size(1280, 1024, 1600) == (1280, 1024)  # never enlarged
    assert derivative_size(2560, 1600, 480) == (480, 300)
    if os.name == "posix":  # anyone may read a web size (a server pointed at the cache)
        mode = derivative_file(catalog.archive, sha, 960, "jpeg").stat().st_mode
        assert mode & 0o044 == 0o044


def test_made_once_and_rebuilt_when_the_cache_is_deleted(catalog, film, photos):
    import shutil

    (sha,) = _import(catalog, film, photos[0])
    ensure_derivatives(catalog.archive, [sha])
    thumb = derivative_file(catalog.archive, sha, THUMBNAIL, "jpeg")
    made_at = thumb.stat().st_mtime_ns

    again = ensure_derivatives(catalog.archive, [sha])
    assert again.cached == [sha] and again.made == []
    assert thumb.stat().st_mtime_ns == made_at

    shutil.rmtree(catalog.archive.cache_dir)
    assert not has_derivatives(catalog.archive, sha)
    assert derivative_path(catalog.archive, sha, 960, "webp").is_file()  # made on demand
    assert has_derivatives(catalog.archive, sha)


def test_exif_orientation_is_honoured(catalog, film, tmp_path):
    # stored landscape with red top-left; orientation 6 means "rotate 90° clockwise to view"
    (sha,) = _import(catalog, film, images.marked_jpeg(tmp_path / "s.jpg", orientation=6))
    with Image.open(derivative_path(catalog.archive, sha, THUMBNAIL, "jpeg")) as im:
        assert im.size == (80, 120)
        top_right = im.convert("RGB").getpixel((70, 10))
        top_left = im.convert("RGB").getpixel((10, 10))
    assert top_right[0] > 150 and top_right[2] < 100  # red moved to the top right
    assert top_left[2] > 150


@pytest.mark.parametrize(("make", "expected"), [
    (images.cmyk_jpeg, (0, 255, 255)),  # pure cyan
    (images.profiled_jpeg, (0, 0, 255)),  # "red" in a space whose red is sRGB's blue
    (images.sixteen_bit_png, (128, 128, 128)),  # half of 16 bits is mid grey, not white
    (images.palette_png, images.RED),
])
def test_colours_arrive_in_srgb(catalog, film, tmp_path, make, expected):
    (sha,) = _import(catalog, film, make(tmp_path / f"{make.__name__}.img"))
    for fmt in ("webp", "jpeg"):
        with Image.open(derivative_path(catalog.archive, sha, 480, fmt)) as im:
            assert im.mode == "RGB"
            pixel = im.getpixel((im.width // 2, im.height // 2))
            assert all(abs(a - b) <= 12 for a, b in zip(pixel, expected, strict=True)), pixel


def test_transparency_kept_in_webp_and_flattened_on_white_in_jpeg(catalog, film, tmp_path):
    (sha,) = _import(catalog, film, images.alpha_png(tmp_path / "alpha.png"))
    with Image.open(derivative_path(catalog.archive, sha, 480, "webp")) as im:
        assert im.mode == "RGBA"
        assert im.getpixel((70, 20))[3] == 0
    with Image.open(derivative_path(catalog.archive, sha, 480, "jpeg")) as im:
        assert im.mode == "RGB"
        assert min(im.getpixel((70, 20))) > 240  # white where it was transparent
        assert im.getpixel((10, 20))[1] > 150  # green where it was opaque


def test_progress_reports_each_still_and_can_cancel(catalog, film, tmp_path):
    hashes = _import(catalog, film, *[
        images.marked_jpeg(tmp_path / f"{n}.jpg", (60 + n, 40)) for n in range(6)])
    seen = []

    with pytest.raises(Cancelled):
        ensure_derivatives(catalog.archive, hashes,
                           lambda done, total, msg: seen.append((done, total)) or done < 2,
                           workers=1)
    assert seen[:2] == [(1, 6), (2, 6)]
    assert sum(has_derivatives(catalog.archive, h) for h in hashes) < 6

    made = []
    report = ensure_derivatives(catalog.archive, hashes, made=made.append)
    assert sorted(made) == sorted(report.made) and len(report.made + report.cached) == 6
    assert all(has_derivatives(catalog.archive, h) for h in hashes)


def test_a_missing_original_is_reported_not_raised(catalog, film, photos):
    from curator.stills import StillMissing, original_path

    (sha,) = _import(catalog, film, photos[0])
    path = original_path(catalog.archive, sha)
    path.chmod(0o644)
    path.unlink()
    report = ensure_derivatives(catalog.archive, [sha])
    assert report.failed and "missing" in report.failed[0][1]
    with pytest.raises(StillMissing):
        derivative_path(catalog.archive, sha, 480, "jpeg")


def test_an_import_can_make_web_sizes_from_the_decode_that_verified(catalog, film, tmp_path):
    files = [images.marked_jpeg(tmp_path / "sideways.jpg", orientation=6),
             images.cmyk_jpeg(tmp_path / "cmyk.jpg"), images.alpha_png(tmp_path / "a.png")]
    result = import_stills(catalog, files, film_id=film, web_sizes=True)
    sideways, cmyk, alpha = result.added_hashes

    assert all(has_derivatives(catalog.archive, h) for h in result.added_hashes)
    with Image.open(derivative_file(catalog.archive, sideways, THUMBNAIL, "jpeg")) as im:
        assert im.size == (80, 120) and im.getpixel((70, 10))[0] > 150
    with Image.open(derivative_file(catalog.archive, cmyk, 480, "webp")) as im:
        assert im.mode == "RGB" and im.getpixel((10, 10))[0] < 20
    with Image.open(derivative_file(catalog.archive, alpha, 480, "webp")) as im:
        assert im.mode == "RGBA"
