"""The feeds for harvesters, read as XML: the Atom feed of recently published films and the
static OAI-PMH ListRecords file in Dublin Core."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from publish_demo import SECRET, Demo

from curator.model.enums import PublicationState
from curator.publish import export_site

ATOM = "{http://www.w3.org/2005/Atom}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}"
BASE = "https://archive.example.org/films/"


@pytest.fixture(scope="module")
def site(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("feeds") / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    return out


def test_the_atom_feed_lists_the_films_changed_last(site: Path, demo: Demo):
    published = demo.catalog.films.records_in_state(PublicationState.PUBLISHED)
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    # what RFC 4287 requires of a feed and of each entry
    for name in ("id", "title", "updated", "author"):
        assert feed.find(ATOM + name) is not None, name
    entries = feed.findall(f"{ATOM}entry")
    newest = sorted(published, key=lambda f: (f.updated_at, f.id), reverse=True)[:50]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [f.title for f in newest]
    for entry, film in zip(entries, newest, strict=True):
        assert entry.findtext(f"{ATOM}id") == f"{BASE}films/{film.id}/"
        assert entry.findtext(f"{ATOM}updated").endswith("Z")
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert (site / href.removeprefix(BASE) / "index.html").is_file()
    assert SECRET not in (site / "feed.xml").read_text("utf-8")
    page = (site / "index.html").read_text("utf-8")
    assert 'rel="alternate" type="application/atom+xml"' in page


def test_the_oai_pmh_file_has_every_exported_film_in_dublin_core(site: Path, demo: Demo):
    root = ET.parse(site / "oai" / "ListRecords.xml").getroot()
    assert root.tag == f"{OAI}OAI-PMH"
    assert root.find(f"{OAI}request").get("verb") == "ListRecords"
    assert root.find(f"{OAI}request").get("metadataPrefix") == "oai_dc"
    records = root.findall(f"{OAI}ListRecords/{OAI}record")
    published = {f.id: f for f in demo.catalog.films.records_in_state(PublicationState.PUBLISHED)}
    ids = [r.findtext(f"{OAI}header/{OAI}identifier") for r in records]
    assert sorted(ids) == sorted(f"{BASE}films/{i}/" for i in published)
    record = records[ids.index(f"{BASE}films/{demo.film_id}/")]
    dc = record.find(f"{OAI}metadata/{OAI_DC}dc")
    assert dc.findtext(f"{DC}title") == "From Russia with Rock"
    assert dc.findtext(f"{DC}creator") == "Marjaana Mykkanen"
    assert dc.findtext(f"{DC}date") == "1988"
    assert [e.text for e in dc.findall(f"{DC}language")] == ["Russian", "Finnish"]


def test_no_feeds_without_the_sites_address(demo: Demo, tmp_path: Path):
    before = demo.catalog.settings.get("site_base_url")
    demo.catalog.settings.set("site_base_url", "")
    try:
        export_site(demo.catalog, tmp_path / "site", still_files=demo.still_files)
    finally:
        demo.catalog.settings.set("site_base_url", before)
    assert not (tmp_path / "site" / "feed.xml").exists()
    assert "atom+xml" not in (tmp_path / "site" / "index.html").read_text("utf-8")
