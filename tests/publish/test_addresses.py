"""Links that never break: a film's permanent address, the addresses it had before, the page
of a film that left the archive, and a site served from a sub-folder, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from chromium import chromium, serve_root
from small_archive import build

from curator.catalog import Catalog
from curator.publish import export_site


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    catalog = Catalog.open(build(tmp_path_factory.mktemp("addresses")))
    catalog.settings.set("site_base_url", "https://festival.example/archive/")
    yield catalog
    catalog.close()


def _id(catalog: Catalog, title: str) -> int:
    # the small archive's films are its first ids, in the order it made them
    return next(i for i in range(1, 7) if catalog.films.get(i).title == title)


def test_a_new_title_moves_the_page_and_leaves_a_redirect(archive: Catalog, tmp_path: Path):
    film_id = _id(archive, "Rock Summer")
    site = tmp_path / "site"
    export_site(archive, site)
    film = archive.films.get(film_id)
    archive.films.update(film_id, film.version, title="Rock Summer in Tallinn")
    export_site(archive, site)
    new = (site / f"films/{film_id}/rock-summer-in-tallinn/index.html").read_text("utf-8")
    assert "<h1>Rock Summer in Tallinn</h1>" in new
    old = (site / f"films/{film_id}/rock-summer/index.html").read_text("utf-8")
    assert f'content="0; url=../../../films/{film_id}/rock-summer-in-tallinn/"' in old
    permanent = (site / f"films/{film_id}/index.html").read_text("utf-8")
    assert f'content="0; url=../../films/{film_id}/rock-summer-in-tallinn/"' in permanent
    # the same in a new folder: the catalogue remembers the address, not the old site
    fresh = tmp_path / "fresh"
    export_site(archive, fresh)
    assert (fresh / f"films/{film_id}/rock-summer/index.html").read_text("utf-8") == old
    sitemap = (fresh / "sitemap.xml").read_text("utf-8")
    assert f"films/{film_id}/rock-summer-in-tallinn/" in sitemap
    assert f"films/{film_id}/rock-summer/<" not in sitemap  # a redirect is not a page to index


def test_a_hand_set_slug_stays_when_the_title_changes(archive: Catalog):
    film_id = _id(archive, "Winter Light")
    film = archive.films.get(film_id)
    archive.films.update(film_id, film.version, slug="talvivalo")
    film = archive.films.get(film_id)
    archive.films.update(film_id, film.version, title="Winter Light (restored)")
    assert archive.films.get(film_id).slug == "talvivalo"


def test_the_site_from_a_sub_folder_in_chromium(archive: Catalog, tmp_path: Path):
    """Deleted, unpublished and renamed films, the permanent address and the 404 page, with
    the site in a sub-folder of the web server's root and the base address set elsewhere."""
    gone_id = _id(archive, "Black Square")
    hidden_id = _id(archive, "The River Road")
    moved_id = _id(archive, "From Russia with Rock")
    root = tmp_path / "www"
    export_site(archive, root / "archive")  # all published: every address is public
    archive.films.delete(gone_id)
    archive.films.update(hidden_id, archive.films.get(hidden_id).version, state="withdrawn")
    archive.films.update(moved_id, archive.films.get(moved_id).version,
                        title="From Russia with Rock (1988)")
    export_site(archive, root / "archive")
    for page in (root / "archive").rglob("*.html"):
        html = page.read_text("utf-8")
        links = re.findall(r'(?:href|src|action|url)="?([^" >]+)', html)
        assert not [link for link in links if link.startswith("/")], page

    with chromium() as browser, serve_root(root, "archive") as site:
        page = browser.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(site + f"films/{moved_id}/")
        page.wait_for_url(re.compile(r"from-russia-with-rock-1988/$"))
        assert page.locator("h1").inner_text() == "From Russia with Rock (1988)"
        page.goto(site + f"films/{moved_id}/from-russia-with-rock/")
        page.wait_for_url(site + f"films/{moved_id}/from-russia-with-rock-1988/")
        for film_id, slug, title in ((gone_id, "black-square", "Black Square"),
                                     (hidden_id, "the-river-road", "The River Road")):
            for address in (f"films/{film_id}/{slug}/", f"films/{film_id}/"):
                response = page.goto(site + address)
                assert response.status == 200, address
                assert page.locator(".kicker").text_content() == "No longer in the archive"
                assert page.locator("h1").inner_text() == title
            page.click("text=Go to the home page")
            assert page.url == site
        response = page.goto(site + "films/12345/no-such-film/")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        # styled, though the page cannot know how deep it is: its style is its own
        assert page.evaluate("getComputedStyle(document.querySelector('.masthead'))"
                             ".backgroundColor") != "rgba(0, 0, 0, 0)"
        page.click("text=Go to the home page")
        assert page.url == site
        assert all(url.startswith(site) for url in requests), requests
        page.close()
