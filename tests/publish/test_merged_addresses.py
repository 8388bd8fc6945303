"""A film merged into another keeps its public addresses: its permanent `films/<id>/` and
its page's address redirect to the film it was merged into, in a re-export (the quick way)
as in a full export into a new folder, and in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from chromium import chromium, serve_root
from small_archive import build, site_files

from curator.catalog import Catalog
from curator.publish import export_site, quick
from curator.publish.writer import MANIFEST


@pytest.fixture
def archive(tmp_path: Path) -> Catalog:
    catalog = Catalog.open(build(tmp_path))
    catalog.settings.set("site_base_url", "https://festival.example/archive/")
    yield catalog
    catalog.close()


def test_a_merged_films_addresses_redirect_to_the_film_it_became(archive: Catalog,
                                                                  tmp_path: Path):
    keep, other = 1, 2  # From Russia with Rock, Black Square
    site = tmp_path / "site"
    session = quick.ExportSession()
    export_site(archive, site, session=session)
    archive.films.merge(keep, other)
    result = export_site(archive, site, session=session)
    assert result.quick
    target = "films/1/from-russia-with-rock/"
    permanent = (site / "films/2/index.html").read_text("utf-8")
    assert f'content="0; url=../../{target}"' in permanent
    page = (site / "films/2/black-square/index.html").read_text("utf-8")
    assert f'content="0; url=../../../{target}"' in page
    assert "From Russia with Rock" in page
    fresh = tmp_path / "www" / "archive"
    export_site(archive, fresh)
    ours, full = site_files(site), site_files(fresh)
    ours.pop(MANIFEST), full.pop(MANIFEST)
    assert [p for p in ours.keys() | full.keys() if ours.get(p) != full.get(p)] == []
    assert "films/2/" not in (fresh / "sitemap.xml").read_text("utf-8")
    with chromium() as browser, serve_root(tmp_path / "www", "archive") as address:
        tab = browser.new_page()
        for old in ("films/2/black-square/", "films/2/"):
            tab.goto(address + old)
            tab.wait_for_url(address + target)
            assert tab.locator("h1").inner_text() == "From Russia with Rock"


def test_undoing_the_merge_brings_the_page_back(archive: Catalog, tmp_path: Path):
    site = tmp_path / "site"
    changes = archive.films.merge(1, 2)
    export_site(archive, site)
    assert "url=" in (site / "films/2/black-square/index.html").read_text("utf-8")
    archive.undo(changes)
    export_site(archive, site)
    assert "<h1>Black Square</h1>" in (site / "films/2/black-square/index.html").read_text(
        "utf-8")
