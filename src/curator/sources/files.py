"""A source's files: verifying a scan or a PDF, and storing it unchanged under its SHA-256.

    sources/ab/abcdef0123...   (no extension: the catalogue records the format)

On a server the files are rows of the database (store/server_files.py), and each desk
keeps those it has shown in its own cache, under the same names.

Scans are checked as stills are (a real decode, the same limits), and also refused past
MAX_SIDE pixels on a side; a PDF is opened with PDFium, which refuses one that is not a
PDF, is damaged or needs a password. Nothing is written until every check has passed.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from curator import CuratorError
from curator.paths import inside
from curator.stills.originals import (
    StillRefused,
    checked_hash,
    file_sha256,
    on_server,
    read_regular_file,
    verify_image,
    write_whole,
)
from curator.store import Archive

# A page scanned at 600 dpi is about 5,000 by 7,000 pixels; A2 at 600 dpi about 10,000
# by 14,000. Past this a scan is a damaged file or a panorama, and OCR would take minutes.
MAX_SIDE = 16_000
MAX_PDF_PAGES = 5_000
PDF_DPI = 300  # a PDF page's size is recorded, and read by OCR, at this resolution
SCAN_FORMATS = {"JPEG", "PNG", "TIFF", "WEBP"}
# PDFium is not safe to call from two threads at once: every use takes this lock.
PDFIUM_LOCK = threading.RLock()


class SourceRefused(CuratorError):
    """A file that cannot become (part of) a source; the message names the file and why."""

    def __init__(self, name: str, reason: str) -> None:
        self.name, self.reason = name, reason
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True)
class SourceFile:
    """A verified file and its pages' sizes in pixels (a PDF page's at PDF_DPI)."""

    sha256: str
    format: str  # PDF, JPEG, PNG, TIFF, WEBP
    pages: tuple[tuple[int, int], ...]
    original_name: str

    def page_rows(self, first_number: int) -> list[dict[str, object]]:
        """The catalogue's page rows for this file, numbered from `first_number`."""
        return [{"number": first_number + i, "sha256": self.sha256, "format": self.format,
                 "file_page": i, "width": w, "height": h,
                 "original_name": self.original_name}
                for i, (w, h) in enumerate(self.pages)]


def source_file_path(archive: Archive, sha256: str) -> Path:
    """Where a source's file with this hash lives (whether or not it is there): in the
    archive folder, or in this machine's cache of a server's catalogue."""
    return inside(archive.sources_dir, f"{checked_hash(sha256)[:2]}/{sha256}")


# Files of a server's catalogue this process has fetched or checked whole in its cache:
# a page turn must not hash a 50 MB PDF again.
_CHECKED: set[Path] = set()
_FETCH_LOCK = threading.Lock()


def local_source_file(archive: Archive, sha256: str) -> Path:
    """A file on this machine holding the source's file: the archive folder's own, or, on
    a server, this machine's cached copy (fetched from the server the first time). It may
    not exist if the file is missing."""
    path = source_file_path(archive, sha256)
    if not on_server(archive) or path in _CHECKED:
        return path
    with _FETCH_LOCK:
        if path in _CHECKED:
            return path
        if not (path.is_file() and file_sha256(path) == sha256):
            from curator.store.server_files import SOURCE_FILES

            data = SOURCE_FILES.data(archive, sha256)  # type: ignore[arg-type]
            if data is None or hashlib.sha256(data).hexdigest() != sha256:
                return path  # missing or damaged on the server: `curator check` names it
            write_whole(path, data)
        _CHECKED.add(path)
    return path


def read_source_file(path: Path) -> tuple[bytes, SourceFile]:
    """Read and verify a scan or a PDF; raises SourceRefused naming the file."""
    name = path.name
    try:
        data = read_regular_file(path, "a scan or a PDF")
    except StillRefused as exc:
        raise SourceRefused(name, exc.reason) from None
    if not data:
        raise SourceRefused(name, "the file is empty.")
    if data[:5] == b"%PDF-" or path.suffix.lower() == ".pdf":
        pages = _pdf_pages(data, name)
        fmt = "PDF"
    else:
        pages, fmt = _scan_pages(data, name)
    return data, SourceFile(hashlib.sha256(data).hexdigest(), fmt, pages, name[:300])


def _pdf_pages(data: bytes, name: str) -> tuple[tuple[int, int], ...]:
    import pypdfium2 as pdfium

    if data[:5] != b"%PDF-":
        raise SourceRefused(name, "not a PDF (it does not start as one); nothing was added.")
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise SourceRefused(name, "the PDF is encrypted (it needs a password); save "
                                    "an unprotected copy and add that.") from None
            raise SourceRefused(name, "the PDF is damaged or not a PDF "
                                f"({_pdfium_reason(exc)}).") from None
        try:
            count = len(document)
            if count < 1:
                raise SourceRefused(name, "the PDF has no pages.")
            if count > MAX_PDF_PAGES:
                raise SourceRefused(name, f"the PDF has {count:,} pages, more than the "
                                    f"{MAX_PDF_PAGES:,} a source may have.")
            sizes = []
            for index in range(count):
                page = document[index]
                try:
                    w, h = page.get_size()
                finally:
                    page.close()
                if w < 1 or h < 1:
                    raise SourceRefused(name, f"page {index + 1} of the PDF has no size.")
                # in pixels at the resolution OCR reads a PDF page at, like a scan's
                sizes.append((round(w * PDF_DPI / 72), round(h * PDF_DPI / 72)))
        finally:
            document.close()
    return tuple(sizes)


def _pdfium_reason(exc: Exception) -> str:
    text = str(exc)
    return text.split("(PDFium: ", 1)[-1].rstrip(").") if "PDFium: " in text else text


def _scan_pages(data: bytes, name: str) -> tuple[tuple[tuple[int, int], ...], str]:
    try:
        width, height, fmt, _image = verify_image(data, name)
    except StillRefused as exc:
        raise SourceRefused(name, exc.reason.replace("a still may have", "a scan may have")
                            .replace("Curator takes JPEG, PNG, WebP and TIFF images",
                                     "a source takes PDF files and JPEG, PNG, TIFF or WebP "
                                     "scans")) from None
    if fmt not in SCAN_FORMATS:
        raise SourceRefused(name, f"unsupported format {fmt}.")
    if max(width, height) > MAX_SIDE:
        raise SourceRefused(name, f"the scan is {width:,}x{height:,} pixels; a page may be "
                            f"at most {MAX_SIDE:,} pixels on a side (scan at 600 dpi or less).")
    pages = [(width, height)]
    if fmt == "TIFF":  # a multi-page TIFF is a whole catalogue: one page per frame
        with Image.open(io.BytesIO(data)) as im:
            frames = getattr(im, "n_frames", 1)
            for index in range(1, frames):
                im.seek(index)
                w, h = im.size
                if max(w, h) > MAX_SIDE or w * h > 89_478_485:
                    raise SourceRefused(name, f"page {index + 1} of the TIFF is {w:,}x{h:,} "
                                        f"pixels; a page may be at most {MAX_SIDE:,} on a side.")
                pages.append((w, h))
    return tuple(pages), fmt


def store_source_file(archive: Archive, data: bytes, sha256: str) -> bool:
    """Write a verified file into sources/ (on a server, into the database) unless it is
    there whole; True if written."""
    if on_server(archive):
        from curator.store.server_files import SOURCE_FILES

        return SOURCE_FILES.put(archive, sha256, data)  # type: ignore[arg-type]
    target = source_file_path(archive, sha256)
    if target.is_file() and file_sha256(target) == sha256:
        return False
    write_whole(target, data)
    return True
