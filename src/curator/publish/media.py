"""Stills on the site: which image files a still has, and where they go in the site.

The export asks a `StillFiles` function for a still's ready-made derivatives
(web sizes in WebP and JPEG); it copies them under `media/` and writes the
`srcset`. A still without derivatives is left out of the page, never shown as
a broken image. `archive_derivatives(archive)` is the function for an archive's
own image store; `no_derivatives` is the fallback when there is none.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curator import CuratorError
from curator.catalog.records import StillRecord
from curator.store import Archive

EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
MIME = {"webp": "image/webp", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class ImageFile:
    """One derivative of a still: its pixel size, its format and the file to copy."""

    width: int
    height: int
    format: str  # "webp" or "jpeg"
    source: Path


StillFiles = Callable[[StillRecord], Sequence[ImageFile]]


def no_derivatives(_still: StillRecord) -> Sequence[ImageFile]:
    """No image store: every still is left out of the pages."""
    return ()


def archive_derivatives(archive: Archive) -> StillFiles:
    """The derivatives of `curator.stills` for this archive, made on demand; if this
    Curator has no image store, no still has derivatives."""
    try:
        stills = importlib.import_module("curator.stills")
        derivatives = importlib.import_module("curator.stills.derivatives")
    except ImportError:
        return no_derivatives
    widths: Sequence[int] = stills.WEB_WIDTHS

    def files(still: StillRecord) -> Sequence[ImageFile]:
        if not still.sha256 or not still.width or not still.height:
            return ()
        # the folder is proven inside the archive once, and each file is one stat: an
        # export asks this of every still, six files each
        out: list[ImageFile] = []
        sizes = sorted({stills.derivative_size(still.width, still.height, w) for w in widths})
        try:
            folder = str(derivatives.derivative_folder(archive, still.sha256))  # proven once
            for target in widths:
                width, height = stills.derivative_size(still.width, still.height, target)
                if (width, height) not in sizes:
                    continue
                sizes.remove((width, height))  # an original narrower than a size gives it once
                for fmt in EXTENSIONS:
                    path = os.path.join(folder, f"{target}.{derivatives.FORMATS[fmt]}")
                    if not _made(path):  # made now, with its siblings
                        path = str(stills.derivative_path(archive, still.sha256, target, fmt))
                    out.append(ImageFile(width, height, fmt, Path(path)))
        except (CuratorError, OSError):
            return ()  # a missing original: leave the still out rather than break the page
        return out

    return files


def _made(path: str) -> bool:
    try:
        return os.stat(path).st_size > 0
    except OSError:
        return False


def media_path(still: StillRecord, image: ImageFile) -> str:
    """Where the file goes in the site: named by content, so it is written once."""
    return f"media/{still.sha256[:2]}/{still.sha256[:16]}-{image.width}.{EXTENSIONS[image.format]}"


SCAN_WIDTH = 1200  # a published scan's width: the page can be read, and it stays small


def scan_file(archive: Archive, page: Any) -> ImageFile | None:
    """A source page's scan as the site shows it (a JPEG SCAN_WIDTH wide, made once in
    the cache); None when the page's file cannot be read."""
    from PIL import Image

    from curator.sources import render_page, source_file_path

    try:
        source_file_path(archive, page.sha256)  # proves the hash names a source's file
        folder = archive.cache_dir / "scans" / page.sha256[:2]
        target = folder / f"{page.sha256}-{page.file_page}-{SCAN_WIDTH}.jpg"
        if not target.is_file():
            image = render_page(archive, page, width=SCAN_WIDTH).convert("RGB")
            folder.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.name}.{os.getpid()}")
            image.save(temp, "JPEG", quality=85)
            os.replace(temp, target)
        with Image.open(target) as im:
            width, height = im.size
    except (CuratorError, OSError, ValueError):
        return None  # the line is published without its scan, never with a broken link
    return ImageFile(width, height, "jpeg", target)
