"""A source's page as an image: a scan decoded, a TIFF frame, or a PDF page rendered.

PDF documents stay open in a small cache (opening parses the whole file), so flipping
through a 200-page catalogue renders one page at a time, not one document.
"""

from __future__ import annotations

import atexit
import io
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PIL import Image

from curator.catalog.sources import SourcePageRecord
from curator.sources.files import PDF_DPI, PDFIUM_LOCK, local_source_file
from curator.store import Archive

OCR_DPI = PDF_DPI  # a PDF page is read at this resolution; its box coordinates are in it
_OPEN_DOCUMENTS = 4


class _Documents:
    """The last few PDFs opened, by path."""

    def __init__(self) -> None:
        self._open: OrderedDict[Path, object] = OrderedDict()
        self._lock = threading.Lock()
        self._registered = False

    def get(self, path: Path) -> object:
        import pypdfium2 as pdfium

        with self._lock:
            if path in self._open:
                self._open.move_to_end(path)
                return self._open[path]
            if not self._open and not self._registered:
                # registered after PDFium's own handler, so it runs before it: the
                # documents are closed before PDFium goes (or it complains of them)
                atexit.register(self.close_all)
                self._registered = True
            document = pdfium.PdfDocument(str(path))
            self._open[path] = document
            while len(self._open) > _OPEN_DOCUMENTS:
                _path, old = self._open.popitem(last=False)
                old.close()  # type: ignore[attr-defined]
            return document

    def close_all(self) -> None:
        with self._lock, PDFIUM_LOCK:
            while self._open:
                self._open.popitem()[1].close()  # type: ignore[attr-defined]


_documents = _Documents()


def page_pixel_size(page: SourcePageRecord) -> tuple[int, int]:
    """The page's size in the pixels `curator ocr --box` counts: a scan's own, a PDF
    page's at OCR_DPI."""
    return page.width, page.height


def render_page(archive: Archive, page: SourcePageRecord, *, width: int | None = None,
                box: tuple[int, int, int, int] | None = None, fast: bool = True
                ) -> Image.Image:
    """The page as an RGB (or greyscale) image, `width` pixels wide if given (a PDF is
    rendered at that width; a scan is decoded whole and scaled down, never up);
    otherwise at its pixel size (see page_pixel_size). `box` (x, y, w, h in those
    pixels) gives only that part of it: a PDF then renders no more than the box.

    A PDF page that is nothing but one scanned JPEG filling it (as scanners save them) is
    shown from that JPEG, decoded by Pillow at JPEG's own reduced scales: about twice as
    quick as PDFium rasterising the page, and the same picture. A box (OCR) and a page
    of anything else are rendered by PDFium (`fast` False: always)."""
    path = local_source_file(archive, page.sha256)
    if page.format == "PDF":
        scale = (width / page.width if width else 1.0) * OCR_DPI / 72
        with PDFIUM_LOCK:
            document = _documents.get(path)
            pdf_page = document[page.file_page]  # type: ignore[index]
            try:
                scan = _scanned_jpeg(pdf_page) if fast and width and box is None else None
                if scan is None:
                    crop = (0, 0, 0, 0)
                    if box is not None:  # margins cut off, in points: left, bottom, right, top
                        page_w, page_h = pdf_page.get_size()
                        x, y, w, h = (v / scale for v in box)
                        crop = (x, max(0.0, page_h - y - h), max(0.0, page_w - x - w), y)
                    return pdf_page.render(scale=scale, crop=crop).to_pil()
            finally:
                pdf_page.close()
        # decoded outside the lock: another page (or a box read) may use PDFium meanwhile
        shown = _decode_scan(scan, width)
        if shown is not None:
            return shown
        return render_page(archive, page, width=width, box=box, fast=False)
    with Image.open(path) as im:
        if page.file_page:
            im.seek(page.file_page)
        if width and width < im.width and im.format == "JPEG":
            im.draft("RGB", (width, max(1, im.height * width // im.width)))
        image = im.convert("L" if im.mode in ("1", "L", "I;16") else "RGB")
    if width and width < image.width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    if box is not None:
        x, y, w, h = box
        image = image.crop((x, y, min(x + w, image.width), min(y + h, image.height)))
    return image


def _scanned_jpeg(pdf_page: Any) -> tuple[bytes, int, int] | None:
    """The page's JPEG and the page's size in points, when the page is one upright JPEG
    image filling it and nothing else; else None (the page is rendered)."""
    import pypdfium2 as pdfium

    if pdf_page.get_rotation() % 360:
        return None
    objects = list(pdf_page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != pdfium.raw.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    if image.get_filters() != ["DCTDecode"]:
        return None
    m = image.get_matrix()
    if abs(m.b) > 1e-6 or abs(m.c) > 1e-6 or m.a <= 0 or m.d <= 0:
        return None  # turned, flipped or skewed: PDFium knows how to draw that
    left, bottom, right, top = pdf_page.get_cropbox()
    x0, y0, x1, y1 = image.get_bounds()
    if max(abs(x0 - left), abs(y0 - bottom), abs(x1 - right), abs(y1 - top)) > 1.0:
        return None  # a margin or a crop: the image is not the whole page
    width, height = pdf_page.get_size()
    return bytes(image.get_data(decode_simple=False)), width, height


def _decode_scan(scan: tuple[bytes, int, int], width: int) -> Image.Image | None:
    """The JPEG at `width` pixels, with the page's proportions; None if Pillow cannot
    take it as it is (CMYK, or not a JPEG after all)."""
    data, page_w, page_h = scan
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format != "JPEG" or im.mode not in ("L", "RGB"):
                return None
            height = max(1, round(width * page_h / page_w))
            im.draft(im.mode, (width, height))  # JPEG's own 1/2, 1/4 or 1/8 decoding
            image = im.convert(im.mode)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    if image.size != (width, height):
        # bilinear: a fifth of a step down from JPEG's own scale, as sharp as Lanczos here
        image = image.resize((width, height), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return image
