"""A source's page as the scan pane shows it: a scanned PDF page from its own JPEG, the same
picture PDFium draws."""

from __future__ import annotations

from PIL import Image, ImageChops, ImageStat

from curator.sources import add_source, render_page
from tests.sources.printed import pdf_of


def test_a_scanned_pdf_page_shows_the_picture_pdfium_draws(catalog, miff, synopsis, tmp_path):
    page = synopsis[0].convert("RGB")
    pdf = tmp_path / "scanned.pdf"
    pdf.write_bytes(pdf_of([page, page.rotate(180)]))  # JPEGs, as a scanner saves them
    source = catalog.sources.get(add_source(catalog, [pdf], edition_id=miff.edition).source_id)
    for number in (1, 2):
        shown = render_page(catalog.archive, source.page(number), width=800)
        drawn = render_page(catalog.archive, source.page(number), width=800, fast=False)
        assert shown.width == 800 and abs(shown.height - drawn.height) <= 1
        drawn = drawn.resize(shown.size).convert(shown.mode)
        assert ImageStat.Stat(ImageChops.difference(shown, drawn)).mean[0] < 6
        # and it is this page, not another: the print is in the upper half, or turned
        grey = shown.convert("L")
        top, bottom = (ImageStat.Stat(grey.crop((0, y, 800, y + grey.height // 2))).mean[0]
                       for y in (0, grey.height // 2))
        assert (top < bottom) == (number == 1)
    # a scan kept as a PNG page is decoded as ever
    png = tmp_path / "page.png"
    Image.new("L", (400, 600), 200).save(png)
    scan = catalog.sources.get(add_source(catalog, [png], edition_id=miff.edition).source_id)
    assert render_page(catalog.archive, scan.page(1), width=200).size == (200, 300)
