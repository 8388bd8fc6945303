"""The desk's preview and the exported page say the same thing in the same words.

Every film of the demo archive is published and exported; for each, the parts both
show (title, the `Country, Year (MIFF 1989, Section)` lines, directors, synopsis,
statements, credits, technical details and the "See also" entries with their
`Country, Year` and teasers) must read the same in the preview and on the page.
"""

from __future__ import annotations

import shutil
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from publish_demo import enrich
from tests.conftest import SAMPLE_DATA

from curator.catalog import Catalog
from curator.publish import export_site

pytest.importorskip("PySide6")
from curator.gui.panes.detail_html import film_html  # noqa: E402


class Parts(HTMLParser):
    """Text of the elements whose class (or tag) names a part, gathered by part."""

    BLOCKS = {"p", "li", "dt", "dd", "td", "h1", "h3", "br"}

    def __init__(self, parts: dict[str, str]) -> None:
        super().__init__()
        self.parts = parts  # class or tag -> part name
        self.stack: list[list[str]] = []  # the parts open at each element
        self.found: dict[str, list[str]] = {}
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "img", "meta", "link", "input"):
            self._break()
            return
        names = (dict(attrs).get("class") or "").split() + [tag]
        opened = [self.parts[n] for n in names if n in self.parts]
        inherited = self.stack[-1] if self.stack else []
        self.stack.append(inherited + opened)
        if "visually-hidden" in names or "more" in names:
            self.skip += 1
        if tag in self.BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "meta", "link", "input") or not self.stack:
            return
        names = self.stack.pop()
        if tag in self.BLOCKS:
            self._break()
        if self.skip and tag == "span" or tag == "a" and self.skip:
            self.skip = max(0, self.skip - 1)
        del names

    def _break(self) -> None:
        for part in (self.stack[-1] if self.stack else []):
            items = self.found.setdefault(part, [""])
            if items[-1]:
                items.append("")

    def handle_data(self, data: str) -> None:
        if self.skip or not self.stack:
            return
        for part in self.stack[-1]:
            items = self.found.setdefault(part, [""])
            items[-1] += data

    def result(self) -> dict[str, list[str]]:
        return {k: [" ".join(t.split()) for t in v if " ".join(t.split())]
                for k, v in self.found.items()}


def parts_of(html: str, mapping: dict[str, str]) -> dict[str, list[str]]:
    parser = Parts(mapping)
    parser.feed(html)
    return parser.result()


SITE = {"h1": "title", "appearances": "lines", "directors": "directors",
        "synopsis": "synopsis", "quotes": "quotes", "credits": "credits",
        "details": "details", "see-also": "see_also"}
PREVIEW = {"h1": "title", "line": "lines", "directors": "directors", "synopsis": "synopsis",
           "quote": "quotes", "facts": "facts", "see-also": "see_also"}


def site_parts(html: str) -> dict[str, list[str]]:
    found = parts_of(html, SITE)
    found.pop("credits", None), found.pop("details", None)
    found["quotes"] = [q for q in found.get("quotes", []) if not q.startswith("\u2014")]
    facts = parts_of(html, {"dt": "dt", "dd": "dd", "credits": "c", "details": "d"})
    pairs = zip(facts.get("dt", []), facts.get("dd", []), strict=True)
    found["facts"] = [f"{k} {v}" for k, v in pairs]
    headings = {"Credits", "Technical details", "See also\u2026"}
    return {k: [t for t in v if t not in headings] for k, v in found.items() if v}


def preview_parts(html: str) -> dict[str, list[str]]:
    found = parts_of(html, PREVIEW)
    found["quotes"] = [q for q in found.get("quotes", []) if not q.startswith("\u2014")]
    rows = parts_of(html, {"td": "td"}).get("td", [])
    # only what the page shows too: credits and technical details, not kind, awards, stills
    shown = {"Kind", "Award", "Stills"}
    pairs = zip(rows[::2], rows[1::2], strict=True)
    found["facts"] = [f"{k} {v}" for k, v in pairs if k not in shown]
    return {k: v for k, v in found.items() if v}


@pytest.fixture(scope="module")
def everything_published(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("preview")
    copy = folder / "Demo.curator"
    shutil.copytree(demo_archive, copy)
    catalog = Catalog.open(copy)
    demo = enrich(catalog, SAMPLE_DATA)
    catalog.close()
    with sqlite3.connect(copy / "archive.sqlite") as conn:  # set up: every film published
        conn.execute("UPDATE film SET state = 'published', version = version + 1")
    catalog = Catalog.open(copy)
    site = folder / "site"
    export_site(catalog, site, still_files=demo.still_files)
    yield catalog, site
    catalog.close()


def test_every_film_reads_the_same_in_the_preview_and_on_its_page(everything_published):
    catalog, site = everything_published
    ids = catalog.search.films("", limit=100_000).ids
    assert len(ids) > 9000
    pages = {int(p.parts[-3]): p for p in (site / "films").glob("*/*/index.html")}
    assert set(pages) == set(ids)
    checked = 0
    for film in catalog.films.get_many(ids):
        # See also depends only on the film's own links, directors and screenings
        linked = film.related or film.screenings or any(
            c.role == "director" for c in film.credits)
        suggested = catalog.films.see_also(film.id, published_only=True) if linked else []
        preview = preview_parts(film_html(film, suggested))
        page = site_parts(pages[film.id].read_text(encoding="utf-8"))
        assert preview == page, film.title
        checked += bool(linked)
    assert checked >= 5  # the festival's films, with their See also, were among them


def test_the_reference_film_shows_every_part(everything_published):
    catalog, site = everything_published
    film = catalog.films.get(7)
    preview = preview_parts(film_html(film, catalog.films.see_also(7, published_only=True)))
    assert preview["title"] == ["From Russia with Rock"]
    assert preview["lines"][0].startswith("USSR, 1988 (MIFF 1989")
    assert preview["directors"] == ["Director: Marjaana Mykkanen"]
    assert len(preview["synopsis"]) >= 2 and preview["quotes"]
    assert "Runtime 57 min" in preview["facts"]
    assert "Cinematography Pekka Aine" in preview["facts"]
    assert len(preview["see_also"]) >= 6  # titles, Country, Year lines and teasers
