"""The programme by day: an optional page per festival edition listing its showings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from publish_demo import FILM, Demo, site_files

from curator.catalog import Changes, FilmEdit
from curator.catalog.records import ScreeningData, ShowingData
from curator.cli import main
from curator.publish import export_site, quick
from curator.publish.pages import PageMaker
from curator.publish.record_pages import RecordPages
from curator.publish.serve import SiteServer
from curator.publish.site import load_site
from curator.publish.site_pages import page_paths, site_pages
from curator.publish.writer import MANIFEST

CHROMIUM = "/usr/bin/chromium"
OTHER = 5  # a published film of the demo shown at the same edition


def _show(demo: Demo, film_id: int, *showings: ShowingData) -> Changes:
    film = demo.catalog.films.get(film_id)
    [s, *rest] = film.screenings
    return demo.catalog.films.update(film_id, film.version, FilmEdit(screenings=[
        ScreeningData(s.edition_id, s.section_id, s.premiere, showings),
        *(ScreeningData(r.edition_id, r.section_id, r.premiere, r.showings) for r in rest)]))


@pytest.fixture(scope="module")
def programme(demo: Demo) -> Demo:
    _show(demo, FILM, ShowingData(date(1989, 6, 12), "21:00", "Forum Theatre"),
          ShowingData(date(1989, 6, 10), "", "Capitol"))
    _show(demo, OTHER, ShowingData(date(1989, 6, 10), "18:30", "State Theatre"))
    return demo


def _programme_page(site: Path) -> Path | None:
    found = sorted(site.glob("festivals/*/programme/index.html"))
    return found[0] if found else None


def test_off_by_default_then_a_page_of_days_linked_from_the_edition(
        programme: Demo, tmp_path: Path, capsys: pytest.CaptureFixture):
    catalog = programme.catalog
    assert catalog.settings.get("show_programme") == ""
    export_site(catalog, tmp_path / "off", still_files=programme.still_files)
    assert _programme_page(tmp_path / "off") is None
    archive = str(catalog.archive.location)
    assert main(["settings", archive, "show_programme", "perhaps"]) == 1
    assert "Show programme by day is yes or no" in capsys.readouterr().err
    assert main(["settings", archive, "show_programme", "yes"]) == 0
    try:
        site = tmp_path / "on"
        export_site(catalog, site, still_files=programme.still_files)
        page = _programme_page(site)
        html = page.read_text("utf-8")
        # days in order; on a day, an untimed showing first, then by time
        days = [html.index(d) for d in ("Saturday 10 June 1989", "Monday 12 June 1989")]
        assert days == sorted(days)
        capitol, state, forum = (html.index(v) for v in ("Capitol", "State Theatre",
                                                         "Forum Theatre"))
        assert days[0] < capitol < state < days[1] < forum
        assert '<time datetime="1989-06-12T21:00">21:00</time>' in html
        assert 'href="../../../films/7/from-russia-with-rock/"' in html
        edition = (page.parent.parent / "index.html").read_text("utf-8")
        link = (f'<a href="../../festivals/{page.parent.parent.name}/programme/">'
                "Programme by day</a>")
        assert link in edition
        sitemap = (site / "sitemap.xml").read_text("utf-8")
        assert "/programme/</loc>" in sitemap
    finally:
        catalog.settings.set("show_programme", "")


def test_a_re_export_after_a_showing_changes_writes_what_a_full_export_writes(
        programme: Demo, tmp_path: Path):
    catalog = programme.catalog
    catalog.settings.set("show_programme", "yes")
    try:
        maker = PageMaker(load_site(catalog), programme.still_files)
        assert page_paths(maker) == [p.path for p in site_pages(maker, RecordPages(maker))]
        site, session = tmp_path / "site", quick.ExportSession()
        export_site(catalog, site, still_files=programme.still_files, session=session)
        added = _show(programme, OTHER, ShowingData(date(1989, 6, 11), "20:00", "Kino Rodina"))
        result = export_site(catalog, site, still_files=programme.still_files, session=session)
        assert result.quick
        assert "Kino Rodina" in _programme_page(site).read_text("utf-8")
        fresh = tmp_path / "full"
        export_site(catalog, fresh, still_files=programme.still_files)
        ours, full = site_files(site), site_files(fresh)
        ours.pop(MANIFEST), full.pop(MANIFEST)
        assert [p for p in ours.keys() | full.keys() if ours.get(p) != full.get(p)] == []
        assert (json.loads((site / MANIFEST).read_text("utf-8"))["files"]
                == json.loads((fresh / MANIFEST).read_text("utf-8"))["files"])
        catalog.undo(added)
    finally:
        catalog.settings.set("show_programme", "")


@pytest.fixture
def served(programme: Demo, tmp_path: Path) -> Iterator[str]:
    programme.catalog.settings.set("show_programme", "yes")
    try:
        export_site(programme.catalog, tmp_path / "site", still_files=programme.still_files)
    finally:
        programme.catalog.settings.set("show_programme", "")
    with SiteServer(tmp_path / "site", prefix="/films/") as server:
        yield server.url


def test_a_visitor_opens_the_programme_and_follows_a_film(served: str):
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(served)
            page.get_by_role("link", name="MIFF 1989").first.click()
            page.get_by_role("link", name="Programme by day").click()
            assert page.locator("h1").inner_text() == "Programme"
            assert page.locator(".programme-day h2").all_text_contents() == [
                "Saturday 10 June 1989", "Monday 12 June 1989"]
            first = page.locator(".programme-day").first.locator(".showing")
            assert [first.nth(n).locator(".showing-venue").inner_text()
                    for n in range(first.count())] == ["Capitol", "State Theatre"]
            page.get_by_role("link", name="From Russia with Rock").first.click()
            assert page.locator("h1").inner_text() == "From Russia with Rock"
        finally:
            browser.close()
