"""Faceted search on the static site, in Chromium: facets with no words typed ("all Soviet
films of the 1980s"), counts that follow the words, and what a facet choice loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromium import chromium
from publish_demo import Demo

from curator.model.enums import PublicationState
from curator.publish import export_site
from curator.publish.search_encoding import decode_ids
from curator.publish.serve import SiteServer


@pytest.fixture(scope="module")
def site(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("facets") / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    return out


def _status(page, text: str) -> str:  # noqa: ANN001 - a Playwright page
    page.wait_for_function(
        "t => document.getElementById('search-status').textContent.includes(t)", arg=text)
    return page.locator("#search-status").inner_text()


def test_facets_narrow_the_films_with_and_without_words(site: Path, demo: Demo,
                                                        tmp_path: Path):
    published = demo.catalog.films.records_in_state(PublicationState.PUBLISHED)
    soviet_80s = sorted(f.title for f in published
                        if "USSR" in f.countries and f.year and 1980 <= f.year < 1990)
    assert len(soviet_80s) >= 3
    with chromium() as browser, SiteServer(site, prefix="/films/") as server:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server.url + "search/")
        page.wait_for_selector("#search-facets select[name=country]")
        # no words: the whole archive's counts, then two facets
        country = page.locator("select[name=country]")
        assert "USSR (" in country.inner_text()
        country.select_option(label=next(o for o in country.locator("option").all_inner_texts()
                                         if o.startswith("USSR (")))
        page.locator("select[name=decade]").select_option("d1980")
        status = _status(page, "match")
        assert status == f"{len(soviet_80s)} films match USSR, 1980s."
        titles = page.locator("#search-results .film-title a").all_inner_texts()
        assert sorted(titles) == soviet_80s
        # the films of one facet value were read, no word shard
        assert any("/search/facet/c-ussr.json" in u for u in requests)
        assert not any("/search/terms/" in u for u in requests)
        assert "f=c-ussr+d1980" in page.url or "f=c-ussr%20d1980" in page.url
        page.screenshot(path=str(tmp_path / "facets.png"), full_page=True)

        # words narrow the counts: only the films the words found are counted
        page.fill("#q", "mykkanen")
        status = _status(page, "mykkanen")
        directed = [f for f in published if "Marjaana Mykkanen" in f.directors
                    and "USSR" in f.countries and f.year and 1980 <= f.year < 1990]
        assert status.startswith(f"{len(directed)} film")
        director = page.locator("select[name=director]")
        assert director.is_visible()
        assert f"Marjaana Mykkanen ({len(directed)})" in director.inner_text()
        decade = page.locator("select[name=decade]").inner_text()
        assert "1950s" not in decade  # no film of the 1950s has those words and facets
        page.locator("select[name=country]").select_option("")
        page.locator("select[name=decade]").select_option("")
        status = _status(page, "\u201cmykkanen\u201d.")
        assert "USSR" not in status
        page.close()


def test_the_facet_files(site: Path, demo: Demo):
    head = json.loads((site / "search" / "facets.json").read_text("utf-8"))
    names = [f["name"] for f in head["facets"]]
    assert names == ["edition", "section", "decade", "country", "language", "kind",
                     "director", "award"]
    countries = {v[1]: v for f in head["facets"] if f["name"] == "country" for v in f["values"]}
    key, _label, count = countries["USSR"]
    entry = json.loads((site / "search" / "facet" / f"{key}.json").read_text("utf-8"))
    ids = decode_ids(entry[0])
    assert len(ids) == count and demo.film_id in ids and demo.draft_id not in ids
