"""Sources: printed catalogues (scans and PDFs) stored like stills, their pages as images,
and text read from a box of a page by OCR.

No Qt here: the command line and the desk (through a worker) use these the same way.

    added = add_source(catalog, ["miff-1989.pdf"], edition_id=3)
    image = render_page(catalog.archive, source.page(42), width=1200)
    text = read_box(catalog, source_id, 42, (x, y, w, h))
"""

from __future__ import annotations

from curator.catalog import Catalog
from curator.sources.files import MAX_SIDE, SourceFile, SourceRefused, source_file_path
from curator.sources.importing import AddedSource, add_source
from curator.sources.ocr import OcrUnavailable, join_lines, language_code, read_text
from curator.sources.pages import OCR_DPI, page_pixel_size, render_page

__all__ = [
    "MAX_SIDE", "OCR_DPI", "AddedSource", "OcrUnavailable", "SourceFile", "SourceRefused",
    "add_source", "join_lines", "language_code", "page_pixel_size", "read_box", "read_text",
    "render_page", "source_file_path",
]  # fmt: skip


def read_box(catalog: Catalog, source_id: int, page_number: int,
             box: tuple[int, int, int, int] | None = None) -> str:
    """The text in `box` (x, y, width, height in the page's pixels, see page_pixel_size)
    of a source's page, or of the whole page; in the source's language when Tesseract
    has it."""
    source = catalog.sources.get(source_id)
    page = source.page(page_number)
    if box is not None:
        x, y, w, h = box
        width, height = page_pixel_size(page)
        if w < 1 or h < 1 or x < 0 or y < 0 or x + w > width or y + h > height:
            raise SourceRefused(source.title, f"the box {x},{y},{w},{h} is not inside page "
                                f"{page_number}, which is {width}x{height} pixels.")
    image = render_page(catalog.archive, page, box=box)
    dpi = OCR_DPI if page.format == "PDF" else _scan_dpi(page.width)
    return read_text(image, language=language_code(source.language), dpi=dpi)


def _scan_dpi(width: int) -> int:
    """A scan's resolution, guessed from its width as if the page were A4-ish (8.3 in)
    wide: files often carry no DPI, or a wrong one."""
    return max(72, round(width / 8.3))
