"""Linked data: a film's and a person's ids elsewhere as schema.org sameAs and on the page;
Open Graph and Twitter card tags with the primary still."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from publish_demo import Demo

from curator.catalog.records import ExternalIdData
from curator.publish import export_site


@pytest.fixture(scope="module")
def site(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    catalog = demo.catalog
    catalog.films.update(demo.film_id, None, external_ids=[
        ExternalIdData("imdb", "tt0096167"), ExternalIdData("wikidata", "Q4474712"),
        ExternalIdData("archive-film", "20447")])
    out = tmp_path_factory.mktemp("linked") / "site"
    export_site(catalog, out, still_files=demo.still_files)
    return out


def _ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html,
                                re.S)[1])


def _meta(html: str) -> dict[str, str]:
    return {m[0]: unescape(m[1]) for m in re.findall(
        r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">', html)}


def test_external_ids_are_same_as_and_shown(site: Path):
    html = (site / "films/7/from-russia-with-rock/index.html").read_text("utf-8")
    assert _ld(html)["sameAs"] == ["https://www.imdb.com/title/tt0096167/",
                                   "https://www.wikidata.org/wiki/Q4474712"]
    section = html[html.index('class="elsewhere"'):]
    assert ('IMDb: <a class="external" rel="external noopener" '
            'href="https://www.imdb.com/title/tt0096167/">tt0096167</a>') in section
    assert "The festival&#39;s earlier archive: 20447" in section  # no address: text only


def test_a_shared_link_shows_a_card_with_the_primary_still(site: Path):
    html = (site / "films/7/from-russia-with-rock/index.html").read_text("utf-8")
    meta = _meta(html)
    assert meta["og:type"] == "video.movie" and meta["og:title"] == "From Russia with Rock"
    assert meta["og:url"] == "https://archive.example.org/films/films/7/from-russia-with-rock/"
    assert meta["og:image"].startswith("https://archive.example.org/films/media/")
    assert (site / meta["og:image"].removeprefix("https://archive.example.org/films/")).is_file()
    assert meta["og:image:alt"] == "A rock band playing under stage lights"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:description"].startswith("From Russia with Rock is the first overview")
    home = _meta((site / "index.html").read_text("utf-8"))
    assert home["og:type"] == "website" and home["twitter:card"] == "summary"
