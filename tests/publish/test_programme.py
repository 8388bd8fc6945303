"""The programme by day: an optional page per festival edition listing its showings, and
the showings in the data downloads and the films' linked data."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from publish_demo import FILM, Demo, site_files

from curator.catalog import Changes, FilmEdit
from curator.catalog.records import ScreeningData, ShowingData
from curator.cli import main
from curator.publish import export_site, quick
from curator.publish.data_files import SCREENING_COLUMNS, SHOWING_COLUMNS
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
        text = page.read_text("utf-8")
        html = text[text.index("<main"):]  # the venues are in the linked data too
        # days in order; on a day, an untimed showing first, then by time
        days = [html.index(d) for d in ("Saturday 10 June 1989", "Monday 12 June 1989")]
        assert days == sorted(days)
        capitol, state, forum = (html.index(v) for v in ("Capitol", "State Theatre",
                                                         "Forum Theatre"))
        assert days[0] < capitol < state < days[1] < forum
        assert '<time datetime="1989-06-12T21:00">21:00</time>' in html
        assert 'href="../../../films/7/from-russia-with-rock/"' in html
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                  text, re.S)[1])
        assert [(e["name"], e["item"]["@type"], e["item"]["startDate"],
                 e["item"]["location"]["name"], e["item"]["superEvent"]["name"])
                for e in ld["itemListElement"]] == [
            ("From Russia with Rock", "ScreeningEvent", "1989-06-10", "Capitol", "MIFF 1989"),
            (ld["itemListElement"][1]["name"], "ScreeningEvent", "1989-06-10T18:30",
             "State Theatre", "MIFF 1989"),
            ("From Russia with Rock", "ScreeningEvent", "1989-06-12T21:00", "Forum Theatre",
             "MIFF 1989")]
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
        assert ("1989-06-11", "20:00", "Kino Rodina") in _showings(site, OTHER)
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


def _csv(site: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (site / "data" / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _showings(site: Path, film_id: int) -> list[tuple[str, str, str]]:
    """A film's showings as the CSV download has them: date, time, venue."""
    return [(r["date"], r["time"], r["venue"]) for r in _csv(site, "showings.csv")[1]
            if r["film_id"] == str(film_id)]


def _json_showings(site: Path, film_id: int) -> list[dict]:
    catalogue = json.loads((site / "data/catalogue.json").read_text("utf-8"))
    [film] = [f for f in catalogue["films"] if f["id"] == film_id]
    beside = json.loads((site / f"films/{film_id}/film.json").read_text("utf-8"))
    assert beside == film
    return [w for s in film["screenings"] for w in s.get("showings", [])]


def test_the_data_downloads_say_when_and_where_each_film_was_shown(
        programme: Demo, tmp_path: Path):
    site = tmp_path / "site"  # the programme page off: the downloads hold the showings still
    export_site(programme.catalog, site, still_files=programme.still_files)
    catalogue = json.loads((site / "data/catalogue.json").read_text("utf-8"))
    film = next(f for f in catalogue["films"] if f["id"] == FILM)
    assert film["screenings"] == [{
        "festival": "Melbourne International Film Festival", "edition": 1989,
        "edition_id": film["screenings"][0]["edition_id"], "section": "Documentaries",
        "premiere": "", "showings": [
            {"date": "1989-06-12", "time": "21:00", "venue": "Forum Theatre"},
            {"date": "1989-06-10", "time": None, "venue": "Capitol"}]}]
    assert _json_showings(site, FILM) == film["screenings"][0]["showings"]
    script = next(f for f in catalogue["films"] if f["id"] == programme.script_id)
    assert script["screenings"] and "showings" not in script["screenings"][0]  # as before

    columns, rows = _csv(site, "showings.csv")
    assert tuple(columns) == SHOWING_COLUMNS
    assert [(r["film_title"], r["edition_year"], r["section"], r["date"], r["time"],
             r["venue"]) for r in rows if r["film_id"] == str(FILM)] == [
        ("From Russia with Rock", "1989", "Documentaries", "1989-06-12", "21:00",
         "Forum Theatre"),
        ("From Russia with Rock", "1989", "Documentaries", "1989-06-10", "", "Capitol")]
    assert _showings(site, OTHER) == [("1989-06-10", "18:30", "State Theatre")]
    assert len(rows) == 3
    assert all(r["festival"] == "Melbourne International Film Festival" and r["edition_id"]
               for r in rows)
    columns, screenings = _csv(site, "screenings.csv")  # still one row an appearance
    assert tuple(columns) == SCREENING_COLUMNS
    assert [r["film_id"] for r in screenings].count("7") == 1

    html = (site / "films/7/from-russia-with-rock/index.html").read_text("utf-8")
    # the film's page says when and where, in the order they took place
    shown = html[html.index("<main"):]
    capitol = shown.index('<time datetime="1989-06-10">Saturday 10 June 1989</time> · Capitol')
    assert capitol < shown.index('<time datetime="1989-06-12T21:00">Monday 12 June 1989, 21:00'
                                 '</time> · Forum Theatre')
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                              re.S)[1])
    edition_url = ld["subjectOf"][0]["superEvent"]["url"]
    assert edition_url.startswith("https://archive.example.org/films/festivals/")
    assert ld["@type"] == "Movie" and ld["subjectOf"] == [
        {"@type": "ScreeningEvent", "name": "From Russia with Rock at MIFF 1989",
         "startDate": start, "location": {"@type": "Place", "name": venue},
         "workPresented": {"@type": "Movie", "name": "From Russia with Rock"},
         "superEvent": {"@type": "Festival", "name": "MIFF 1989", "url": edition_url}}
        for start, venue in (("1989-06-12T21:00", "Forum Theatre"), ("1989-06-10", "Capitol"))]
    script_page = next((site / f"films/{programme.script_id}").glob("*/index.html"))
    [event] = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                   script_page.read_text("utf-8"), re.S)[1])["subjectOf"]
    assert "startDate" not in event and "location" not in event  # no showings: as before
    assert "film-showings" not in script_page.read_text("utf-8")
    # the edition's page: an event for each showing, in order, and one for a film without
    edition_page = next(site.glob("festivals/*/index.html"))
    events = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                  edition_page.read_text("utf-8"), re.S)[1])["subEvent"]
    assert [(e["name"], e.get("startDate"), e.get("location", {}).get("name"))
            for e in events if e["name"] == "From Russia with Rock"] == [
        ("From Russia with Rock", "1989-06-10", "Capitol"),
        ("From Russia with Rock", "1989-06-12T21:00", "Forum Theatre")]
    assert any("startDate" not in e for e in events)


def test_a_new_process_after_a_showing_changes_writes_it_into_the_downloads(
        programme: Demo, tmp_path: Path):
    catalog, site = programme.catalog, tmp_path / "site"
    export_site(catalog, site)  # leaves its state for the next process
    moved = _show(programme, OTHER, ShowingData(date(1989, 6, 11), "22:15", "Kino Rodina"))
    try:
        result = export_site(catalog, site, session=quick.ExportSession())
        assert result.quick, result.full_because
        assert _showings(site, OTHER) == [("1989-06-11", "22:15", "Kino Rodina")]
        assert _json_showings(site, OTHER) == [
            {"date": "1989-06-11", "time": "22:15", "venue": "Kino Rodina"}]
        # a change only its own page shows: its parts of the downloads spliced in place
        still = catalog.films.get(FILM).stills[0]
        captioned = catalog.stills.update(still.id, still.version, caption="Encore, 1987")
        try:
            result = export_site(catalog, site, session=quick.ExportSession())
            assert "only on its own pages" in result.quick_because
            assert len(_showings(site, FILM)) == 2
            fresh = tmp_path / "full"
            export_site(catalog, fresh, still_files=programme.still_files)
            ours, full = site_files(site), site_files(fresh)
            ours.pop(MANIFEST), full.pop(MANIFEST)
            assert [p for p in ours.keys() | full.keys() if ours.get(p) != full.get(p)] == []
        finally:
            catalog.undo(captioned)
    finally:
        catalog.undo(moved)


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
