"""Derivatives of each original: a thumbnail and web sizes, in WebP and JPEG, cached.

    cache/stills/v1/ab/abcdef.../320.jpg 320.webp 480.jpg 480.webp 960.* 1600.*

Each size is named by the width it aims at; an original narrower than that is
never enlarged (see `derivative_size`). Everything is upright (EXIF orientation
applied) and in sRGB. The cache is safe to delete: whatever is missing is made
again from the original, once. The recipe's version is part of the path, so a
better recipe later never serves an old file.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from curator import CuratorError
from curator.catalog.errors import Cancelled
from curator.paths import inside, is_sha256
from curator.stills.decoding import LARGEST_WEB_WIDTH, draft_for_web
from curator.stills.originals import MAX_PIXELS, checked_hash, local_original
from curator.store import Archive

THUMBNAIL = 320  # strips and lists: sharp at twice their 160 px cells
WEB_WIDTHS = (480, 960, LARGEST_WEB_WIDTH)
WIDTHS = (THUMBNAIL, *WEB_WIDTHS)
FORMATS = {"webp": "webp", "jpeg": "jpg"}  # format -> file extension
RECIPE = "v1"
# WebP's method 0 is its quickest: four times quicker than the default method 4,
# for files a quarter larger at the same quality setting (still under half the JPEG's
# size); method 1 makes them 10% smaller again for a quarter more time.
WEBP_OPTIONS = {"quality": 80, "method": 0}
JPEG_OPTIONS = {"quality": 85, "optimize": False}  # optimize: about 7% smaller, twice as slow
RESAMPLING = Image.Resampling.HAMMING

Progress = Callable[[int, int, str], bool]
_SRGB = ImageCms.createProfile("sRGB")


class StillMissing(CuratorError):
    """The original of a still is not in the archive's stills folder."""


@dataclass
class DerivativesReport:
    made: list[str] = field(default_factory=list)  # hashes whose derivatives were made now
    cached: list[str] = field(default_factory=list)  # hashes whose derivatives were all there
    failed: list[tuple[str, str]] = field(default_factory=list)  # (hash, message)


def derivative_folder(archive: Archive, sha256: str) -> Path:
    """The folder of one original's derivatives; OutsideFolder for a value that is not a
    SHA-256 (see `stills.originals.original_path`)."""
    return inside(archive.cache_dir, f"stills/{RECIPE}/{checked_hash(sha256)[:2]}/{sha256}")


def derivative_file(archive: Archive, sha256: str, width: int, fmt: str) -> Path:
    """Where a derivative lives, whether or not it has been made yet."""
    fmt = _format(fmt)
    if width not in WIDTHS:
        raise ValueError(f"no derivative {width} px wide; the sizes are {WIDTHS}")
    return derivative_folder(archive, sha256) / f"{width}.{FORMATS[fmt]}"


def derivative_size(width: int, height: int, target: int) -> tuple[int, int]:
    """The pixel size of the `target`-wide derivative of an upright width x height original."""
    if width <= target:
        return width, height
    return target, max(1, round(height * target / width))


def derivative_path(archive: Archive, sha256: str, width: int, fmt: str) -> Path:
    """The derivative's file, made now (with all its siblings) if it is missing."""
    path = derivative_file(archive, sha256, width, fmt)
    if not _present(path):
        source = local_original(archive, sha256)
        if not source.is_file():
            raise StillMissing(f"The original {sha256[:12]}\u2026 is missing from the archive.")
        make_derivatives(source, derivative_folder(archive, sha256))
    return path


def has_derivatives(archive: Archive, sha256: str) -> bool:
    folder = derivative_folder(archive, sha256)
    return all(_present(folder / name) for name in _file_names())


def ensure_derivatives(
    archive: Archive,
    hashes: Iterable[str],
    progress: Progress | None = None,
    *,
    made: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> DerivativesReport:
    """Make every missing derivative of these originals, in parallel on all cores.

    `progress(done, total, message)` is called after each original; when it
    returns False the work stops (Cancelled is raised; finished files stay, as
    any cache entry may). `made(sha256)` is called as each one's files are ready.
    A missing or unreadable original is reported in `failed`, not raised.
    """
    report = DerivativesReport()
    todo: list[str] = []
    for sha in dict.fromkeys(hashes):
        if not is_sha256(sha):  # a bad record: it names no file of the archive
            report.failed.append((sha, f"\u201c{sha}\u201d is not a still's SHA-256."))
            continue
        (report.cached if has_derivatives(archive, sha) else todo).append(sha)
    total = len(todo)
    if not todo:
        return report
    # Threads, not processes: Pillow lets go of the interpreter lock while it
    # decodes, resizes and encodes, so threads use every core without a
    # process per core to start (which a frozen desktop build makes fragile).
    count = max(1, min(workers or os.cpu_count() or 1, total))
    pending = iter(todo)
    running: dict[Future[None], str] = {}
    done = 0
    with ThreadPoolExecutor(max_workers=count, thread_name_prefix="derivatives") as pool:
        def submit_next() -> None:
            sha = next(pending, None)
            if sha is not None:
                source = local_original(archive, sha)
                running[pool.submit(_make_checked, source, derivative_folder(archive, sha))] = sha

        for _ in range(count * 2):  # a short queue, so a cancel stops soon
            submit_next()
        while running:
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                sha = running.pop(future)
                try:
                    future.result()
                except (OSError, CuratorError, ValueError, SyntaxError) as exc:
                    report.failed.append((sha, str(exc)))
                else:
                    report.made.append(sha)
                    if made is not None:
                        made(sha)
                done += 1
                if progress is not None and not progress(
                        done, total, f"Made web sizes of {done} of {total} stills"):
                    for other in running:
                        other.cancel()
                    raise Cancelled("Making web sizes was cancelled; the finished ones are kept.")
                submit_next()
    return report


def _make_checked(source: Path, folder: Path) -> None:
    if not source.is_file():
        raise StillMissing(f"The original {source.name[:12]}\u2026 is missing from the archive.")
    make_derivatives(source, folder)


def make_derivatives(source: Path, folder: Path) -> list[Path]:
    """Decode one original once (reduced where JPEG allows) and write all its sizes."""
    with Image.open(source) as im:
        if im.size[0] * im.size[1] > MAX_PIXELS:
            raise CuratorError(f"{source.name[:12]}\u2026 has too many pixels to make web sizes.")
        draft_for_web(im)
        im.load()
        return write_derivatives(im, folder)


def write_derivatives(im: Image.Image, folder: Path) -> list[Path]:
    """Write every size of an image already decoded (at reduced scale if a JPEG)."""
    ImageOps.exif_transpose(im, in_place=True)  # upright, without a copy
    image = to_srgb(im)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    current = image
    for width in sorted(WIDTHS, reverse=True):
        size = derivative_size(current.width, current.height, width)
        if size != current.size:
            # Pillow's filters widen with the shrink, so every one averages the
            # whole area; Hamming's short window is indistinguishable from bicubic
            # and Lanczos at 1600 px and below, at a third less time than bicubic.
            current = current.resize(size, RESAMPLING, reducing_gap=3.0)
        for fmt, ext in FORMATS.items():
            written.append(_write(folder / f"{width}.{ext}", current, fmt))
    return written


def to_srgb(im: Image.Image) -> Image.Image:
    """An RGB (or RGBA, if it has real transparency) image in sRGB, whatever came in."""
    icc = im.info.get("icc_profile")
    if im.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        # 16-bit and float greyscale: scale to 8 bits rather than clip at 255
        top = 65535 if im.mode != "F" else max(1.0, im.getextrema()[1])
        im = im.convert("F").point(lambda v: v * 255.0 / top).convert("L")
    elif im.mode == "P" or im.mode == "PA":
        im = im.convert("RGBA" if im.mode == "PA" or "transparency" in im.info else "RGB")
    elif im.mode == "1":
        im = im.convert("L")
    has_alpha = im.mode in ("RGBA", "LA", "La", "RGBa")
    if has_alpha and im.getchannel("A").getextrema() == (255, 255):
        has_alpha = False
        im = im.convert("RGB" if im.mode.startswith("RGB") else "L")
    out_mode = "RGBA" if has_alpha else "RGB"
    if icc and im.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if "srgb" in ImageCms.getProfileDescription(profile).lower() and im.mode in (
                    "RGB", "RGBA"):
                return im
            if im.mode == "L" and out_mode == "RGB":
                return ImageCms.profileToProfile(im, profile, _SRGB, outputMode="RGB")
            return ImageCms.profileToProfile(im, profile, _SRGB, outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: fall back to treating the numbers as sRGB
    if im.mode != out_mode:
        im = im.convert(out_mode)
    return im


def _write(path: Path, image: Image.Image, fmt: str) -> Path:
    if fmt == "jpeg" and image.mode != "RGB":
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    options = WEBP_OPTIONS if fmt == "webp" else JPEG_OPTIONS
    fd, temp = tempfile.mkstemp(prefix=".making-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            image.save(fh, fmt.upper(), **options)
        os.chmod(temp, 0o644)  # mkstemp makes it private; a web size is for anyone to read
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def _present(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _file_names() -> list[str]:
    return [f"{w}.{ext}" for w in WIDTHS for ext in FORMATS.values()]


def _format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    fmt = "jpeg" if fmt == "jpg" else fmt
    if fmt not in FORMATS:
        raise ValueError(f"no derivative in {fmt!r}; the formats are webp and jpeg")
    return fmt
