"""Fixtures of the sources' tests: an archive with MIFF 1989, and printed pages."""

from __future__ import annotations

import pytest

from tests.helpers import catalogue_miff
from tests.sources.printed import pdf_of, save_scan, synopsis_page


@pytest.fixture
def miff(catalog):
    return catalogue_miff(catalog)


@pytest.fixture(scope="session")
def synopsis():
    """The test page and the box around its synopsis."""
    return synopsis_page()


@pytest.fixture
def catalogue_pdf(tmp_path, synopsis):
    """A three-page PDF whose second page is the synopsis."""
    from PIL import Image

    blank = Image.new("L", synopsis[0].size, 255)
    path = tmp_path / "MIFF 1989 catalogue.pdf"
    path.write_bytes(pdf_of([blank, synopsis[0], blank]))
    return path


@pytest.fixture
def scans(tmp_path, synopsis):
    """Two scanned pages: a PNG and a JPEG."""
    small = synopsis[0].resize((1240, 1754))
    return [save_scan(small, tmp_path / "p1.png"),
            save_scan(small.rotate(180), tmp_path / "p2.jpg", "JPEG")]
