"""The published source line: "Source: MIFF 1989 catalogue, p. 42" on a film's page, only
when the archive's setting says so."""

from __future__ import annotations

import subprocess
import sys

from PIL import Image
from tests.helpers import catalogue_miff
from tests.sources.printed import pdf_of, synopsis_page

from curator.catalog import Catalog, FilmEdit
from curator.publish import quick
from curator.publish.export import export_site
from curator.sources import add_source


def test_a_films_source_is_on_its_page_only_when_sources_are_published(catalog, tmp_path):
    miff = catalogue_miff(catalog)
    pdf = tmp_path / "catalogue.pdf"
    pdf.write_bytes(pdf_of([synopsis_page(turn=0, noise=0)[0]] * 2))
    source = add_source(catalog, [pdf], edition_id=miff.edition).source_id
    catalog.sources.cite(source, 2, film_id=miff.film)
    slug = catalog.films.get(miff.film).slug
    site = tmp_path / "site"
    page = site / "films" / str(miff.film) / slug / "index.html"
    session = quick.ExportSession()
    export_site(catalog, site, session=session)
    assert "Source:" not in page.read_text()  # off unless turned on
    location = catalog.archive.location
    catalog.close()
    turned = subprocess.run([sys.executable, "-m", "curator", "sources", "publish",
                             str(location), "on"], capture_output=True, text=True)
    assert turned.returncode == 0, turned.stderr
    catalog = Catalog.open(location)
    try:
        export_site(catalog, site, session=session)
        assert '<p class="source">Source: MIFF 1989 catalogue, p. 2</p>' in page.read_text()
        # a film's new citation reaches its page at the next export
        catalog.sources.cite(source, 1, film_id=miff.film)
        export_site(catalog, site, session=session)
        assert "Source: MIFF 1989 catalogue, p. 1<" in page.read_text()
        assert not (site / "media" / "scans").exists()  # the source is not publishable
        # marked publishable, the line links to the page's scan, copied into the site
        catalog.sources.update(source, None, publishable=True)
        export_site(catalog, site, session=session)
        html = page.read_text()
        link = html.split('<p class="source"><a href="', 1)[1].split('"', 1)[0]
        assert link.startswith("../../../media/scans/") and link.endswith("-1.jpg")
        scan = (page.parent / link).resolve()
        assert scan.is_file() and abs(Image.open(scan).size[0] - 1200) <= 1
        # a film edit takes the quick way, and the scan stays in the site
        catalog.films.update(miff.film, None, FilmEdit(runtime=71))
        result = export_site(catalog, site, session=session)
        assert result.full_because == "" and scan.is_file()
        catalog.sources.update(source, None, publishable=False)
        export_site(catalog, site, session=session)
        assert not scan.exists() and "Source: MIFF 1989 catalogue, p. 1</p>" in page.read_text()
        other = catalog.films.get(miff.other)
        other_page = site / "films" / str(other.id) / other.slug / "index.html"
        if other_page.exists():  # a film citing nothing has no source line
            assert "Source:" not in other_page.read_text()
    finally:
        catalog.close()


def test_the_desks_preview_says_what_the_page_says(archive_path, tmp_path):
    from curator.gui.panes.detail_html import film_html

    catalog = Catalog.create(archive_path)
    try:
        miff = catalogue_miff(catalog)
        pdf = tmp_path / "catalogue.pdf"
        pdf.write_bytes(pdf_of([synopsis_page(turn=0, noise=0)[0]]))
        source = add_source(catalog, [pdf], edition_id=miff.edition).source_id
        catalog.sources.cite(source, 1, film_id=miff.film)
        film = catalog.films.get(miff.film)
        assert catalog.sources.published_line(miff.film) == ""  # sources unpublished
        assert "Source:" not in film_html(film, [], "", catalog.sources.published_line(film.id))
        catalog.settings.set("publish_sources", "on")
        line = catalog.sources.published_line(miff.film)
        assert line == "Source: MIFF 1989 catalogue, p. 1"
        site = tmp_path / "site"
        export_site(catalog, site)
        page = site / "films" / str(film.id) / film.slug / "index.html"
        assert line in page.read_text() and line in film_html(film, [], "", line)
    finally:
        catalog.close()
