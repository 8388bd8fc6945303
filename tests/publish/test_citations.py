""""Cite this page" on film, person and list pages, read and downloaded in Chromium."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from chromium import chromium
from publish_demo import Demo

from curator.publish import export_site
from curator.publish.citations import quote
from curator.publish.serve import SiteServer

BASE = "https://archive.example.org/films/"


@pytest.fixture(scope="module")
def site(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cite") / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    return out


def test_a_film_page_cites_its_permanent_address_and_downloads(site: Path, demo: Demo,
                                                               tmp_path: Path):
    day = demo.catalog.films.get(7).updated_at.date()
    changed = f"{day:%B} {day.day}, {day.year}"
    with chromium() as browser, SiteServer(site, prefix="/films/") as server:
        page = browser.new_page(accept_downloads=True)
        page.goto(server.url + "films/7/from-russia-with-rock/")
        assert page.locator(".cite h2").inner_text().casefold() == "cite this page"
        assert page.locator(".citation").inner_text() == (
            "\u201cFrom Russia with Rock.\u201d USSR, 1988. Directed by Marjaana Mykkanen. "
            f"Melbourne International Film Festival Archive. Record last changed {changed}. "
            f"{BASE}films/7/.")
        page.wait_for_function("document.querySelector('.lead-still img').complete")
        page.screenshot(path=str(tmp_path / "film-page.png"), full_page=True)
        with page.expect_download() as info:
            page.click("text=CSL-JSON")
        assert info.value.suggested_filename == "from-russia-with-rock.json"
        info.value.save_as(tmp_path / "cite.json")
        [csl] = json.loads((tmp_path / "cite.json").read_text("utf-8"))
        assert csl["type"] == "motion_picture" and csl["title"] == "From Russia with Rock"
        assert csl["URL"] == BASE + "films/7/"
        assert csl["director"] == [{"literal": "Marjaana Mykkanen"}]
        assert csl["issued"] == {"date-parts": [[1988]]}
        assert csl["note"] == f"Record last changed {day.isoformat()}"
        assert "accessed" not in csl  # the reader's day, not the export's
        with page.expect_download() as info:
            page.click("text=BibTeX")
        info.value.save_as(tmp_path / "cite.bib")
        bib = (tmp_path / "cite.bib").read_text("utf-8")
        assert bib.startswith("@misc{film-7,\n  title = {From Russia with Rock},\n")
        assert f"  howpublished = {{\\url{{{BASE}films/7/}}}},\n" in bib
        assert f"Record last changed {day.isoformat()}" in bib

        page.goto(server.url + f"people/{demo.person_id}/marjaana-mykkanen/")
        assert page.locator(".citation").inner_text().startswith(
            "\u201cMarjaana Mykkanen.\u201d Melbourne International Film Festival Archive.")
        [listing] = (site / "lists" / str(demo.list_id)).iterdir()
        page.goto(server.url + f"lists/{demo.list_id}/{listing.name}/")
        assert page.locator(".citation").inner_text().startswith(
            "The programmer. \u201cSoviet rock on film, 1986-91.\u201d Melbourne International")
        page.close()


def test_citations_can_be_left_out(demo: Demo, tmp_path: Path):
    demo.catalog.settings.set("show_citations", "no")
    try:
        export_site(demo.catalog, tmp_path / "site", still_files=demo.still_files)
    finally:
        demo.catalog.settings.set("show_citations", "")
    html = (tmp_path / "site/films/7/from-russia-with-rock/index.html").read_text("utf-8")
    assert "Cite this page" not in html


class _ThreeDaysLater(datetime):
    @classmethod
    def now(cls, tz=None):  # noqa: ANN001, ANN206 - datetime's own signature
        return datetime.now(tz) + timedelta(days=3)

    @classmethod
    def today(cls):  # noqa: ANN206
        return datetime.today() + timedelta(days=3)


class _ThreeDaysOn(date):
    @classmethod
    def today(cls):  # noqa: ANN206
        return date.today() + timedelta(days=3)


def test_an_export_days_later_with_no_change_writes_no_page(demo: Demo, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    page = out / "films/7/from-russia-with-rock/index.html"
    before = page.read_bytes()
    # every clock Curator reads says three days later
    for name, module in list(sys.modules.items()):
        if name.startswith("curator"):
            if getattr(module, "datetime", None) is datetime:
                monkeypatch.setattr(module, "datetime", _ThreeDaysLater)
            if getattr(module, "date", None) is date:
                monkeypatch.setattr(module, "date", _ThreeDaysOn)
    later = export_site(demo.catalog, out, still_files=demo.still_files)
    assert later.written == 0, later.summary
    assert page.read_bytes() == before
@pytest.mark.parametrize("text", ["", "From Russia with Rock", "a b/c?d=é&x#y",
                                  "Наутилус Помпилиус \\ {x} ~_.-%",
                                  "".join(map(chr, range(1, 700)))])
def test_the_downloads_are_quoted_as_the_standard_library_quotes(text: str):
    from urllib.parse import quote as standard

    assert quote(text) == standard(text)
