"""Benchmark of the site's faceted search at 100,000 films: what a visitor's browser
transfers for a query plus two facets, measured in Chromium.

    PYTHONPATH=src python benchmarks/bench_search_facets.py [--films N]

Writes the search page and its index for the made-up catalogue of the export benchmarks
(benchmarks/film_data.py: a festival edition and section each, countries, years, a
director), serves it on 127.0.0.1 and, in headless Chromium, types a query, chooses two
facets and sums the bytes of every response (the browser's own count). The peer in the
same run: the same query with no facets. Target: at most 300 kB.

The index is laid out so that a query reads the word shards of its words, the files of
the values chosen, and titles for the page of results shown (search_index's docstring).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from figures import report
from film_data import published_films

from curator.catalog.records import CreditRecord, FilmRecord, ScreeningRecord
from curator.publish.pages import Links
from curator.publish.render import Renderer
from curator.publish.search_index import SearchIndex
from curator.publish.selection import ALL
from curator.publish.serve import SiteServer
from curator.publish.site import Site

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TARGET = 300_000


def catalogue(films: int) -> dict[int, FilmRecord]:
    rng = random.Random(1989)
    now = datetime.now(UTC)
    people: dict[str, int] = {}
    out = {}
    for n, data in enumerate(published_films(rng, films), start=1):
        year = rng.randint(1952, 2024)
        credits = tuple(CreditRecord(n * 3 + k, people.setdefault(name, len(people) + 1), name,
                                     role, "", k) for k, (name, role) in enumerate(data.credits))
        sections = ("Documentaries", "Animation", "Features")
        section = rng.choice(sections)
        out[n] = FilmRecord(
            id=n, slug=f"film-{n}", title=data.title, original_title="", sort_title=data.title,
            year=data.year, runtime=data.runtime, format=data.format, colour="",
            kind=rng.choice(("feature", "documentary", "short", "animation")),
            synopsis=data.synopsis, notes="", state="published", version=1, created_at=now,
            updated_at=now, countries=data.countries, languages=data.languages,
            credits=credits,
            screenings=(ScreeningRecord(
                n, year - 1951, year, 1, "Melbourne International Film Festival", "MIFF",
                (year - 1951) * 3 + sections.index(section), section, ""),))
    return out


def write_site(folder: Path, films: dict[int, FilmRecord]) -> None:
    site = Site(name="Bench", base_url="", selection=ALL, films=films, published=films,
                people={}, festivals=[])
    links = Links(site, films={i: f"films/{i}/{f.slug}/" for i, f in films.items()})
    for path, data in SearchIndex(site, links).files():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    renderer = Renderer()
    for path, source in renderer.assets():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(source.read_bytes())
    chrome = {"name": "Bench", "directors": False, "years": False, "countries": False,
              "festivals": False, "language": "en", "logo": "", "feed": False}
    from curator.publish.pages import Page
    page = Page("search/", "search.html", {"site": chrome, "title": "Search",
                                           "description": "", "canonical": None,
                                           "jsonld": "{}", "nav": "search", "film_count": 0})
    (folder / "search").mkdir(exist_ok=True)
    (folder / "search" / "index.html").write_bytes(renderer.render(page))


def measure(browser, url: str, query: str, facets: dict[str, str]) -> tuple[int, int, str]:  # noqa: ANN001
    """Bytes and responses transferred from opening the search page to the last result."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[int] = []

    def done(response) -> None:  # noqa: ANN001
        try:
            sizes.append(len(response.body()))
        except Exception:  # noqa: BLE001 - a response without a body counts nothing
            pass
    page.on("response", done)
    page.goto(url + "search/")
    page.wait_for_selector("#search-facets select[name=country]")
    page.fill("#q", query)
    page.wait_for_function("document.getElementById('search-status').textContent"
                           ".includes('match')")
    for name, value in facets.items():
        page.locator(f"select[name={name}]").select_option(value)
        page.wait_for_function(
            "v => document.getElementById('search-status').textContent.includes(v)",
            arg=facets and page.locator(f"select[name={name}] option:checked").inner_text()
            .rsplit(" (", 1)[0])
    page.wait_for_load_state("networkidle")
    status = page.locator("#search-status").inner_text()
    context.close()
    return sum(sizes), len(sizes), status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--query", default="dreamson")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "site"
        started = time.perf_counter()
        films = catalogue(args.films)
        write_site(folder, films)
        sizes = [p.stat().st_size for p in (folder / "search").rglob("*.json")]
        print(f"search index of {args.films:,} films: {len(sizes):,} files, "
              f"{sum(sizes) / 1e6:.1f} MB, the largest {max(sizes) / 1000:.0f} kB; made and "
              f"written in {time.perf_counter() - started:.1f} s")
        with SiteServer(folder) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            plain, n_plain, status_plain = measure(browser, server.url, args.query, {})
            faceted, n_faceted, status = measure(browser, server.url, args.query,
                                                 {"country": "c-finland", "decade": "d1980"})
            browser.close()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"query \u201c{args.query}\u201d alone (peer): {plain / 1000:7.1f} kB in {n_plain} "
          f"responses ({status_plain})")
    print(f"query + two facets:     {faceted / 1000:7.1f} kB in {n_faceted} responses "
          f"({status})")
    print(f"ratio to the peer {faceted / plain:.2f}; target {TARGET // 1000} kB: "
          f"{'met' if faceted <= TARGET else 'NOT met'}; load average {load}")
    report(f"the site's search page, {args.films:,} films: a query plus two facets, "
           "transferred in Chromium (bench_search_facets)",
           f"{faceted / 1000:.0f} kB in {n_faceted} responses",
           peer=f"the query alone {plain / 1000:.0f} kB: {faceted / plain:.2f}×",
           target=f"≤ {TARGET // 1000} kB", met=faceted <= TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
