"""Core speed: bulk-building a 100,000-film archive, searching it, and opening it.

Prints figures and ratios; run with `make bench` or `.venv/bin/python benchmarks/bench_core.py`.
Targets (issue 2): bulk build <= 3x raw sqlite3.executemany of the same rows; first 200
search results in a median <= 20 ms and worst <= 100 ms per query; open <= 0.3 s.
Issue 15: director: and person: searches a median <= 20 ms. Issue 19: the worst median of
the free-word searches, first 200 by relevance with their count as the desk asks, <= 20 ms.
`bench_core.py --queries ARCHIVE` times only the searches, on an archive built before.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from figures import report

from curator.catalog import Catalog, FilmData, FilmQuery
from curator.catalog.naming import slugify, sort_name, sort_title
from curator.model.enums import PublicationState
from curator.store import Archive

FILMS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
ROUNDS = 3
WORDS = ("rock moscow festival river night winter city song mother war sea island road "
         "journey letter garden factory station border dream silence light stranger "
         "painter sailor village shepherd concert band street revolution train harbour "
         "forest memory summer theatre portrait camera archive poet child").split()
FIRST = "Marjaana Iosif Sergei Larisa Kira Aki Agnes Chantal Andrei Tengiz Otar Lana".split()
LAST = ("Mykkanen Pasternak Paradjanov Shepitko Muratova Kaurismaki Varda Akerman Tarkovsky "
        "Abuladze Iosseliani Gogoberidze Nemeth Kovacs Novak Berg Lind").split()
COUNTRIES = ["USSR", "Finland", "France", "West Germany", "Yugoslavia", "Australia", "Japan"]


def generate(n: int) -> list[FilmData]:
    rng = random.Random(1989)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}" for i in range(n // 5)]
    films = []
    for _ in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
        words = [rng.choice(WORDS) for _ in range(60)]
        if rng.random() < 0.9:
            words.insert(rng.randint(0, 59), "film")  # a word found in most synopses
        director, *cast = rng.sample(people, 4)
        credits = [(director, "director")] + [(name, "cast") for name in cast]
        films.append(FilmData(
            title=title, year=rng.randint(1920, 2020), runtime=rng.randint(5, 200),
            synopsis=" ".join(words).capitalize() + ".",
            countries=(rng.choice(COUNTRIES),), credits=tuple(credits),
            state=PublicationState.PUBLISHED))
    return films


def raw_rows(films: list[FilmData]) -> dict[str, list[tuple]]:
    """The same rows the bulk path writes, as plain tuples."""
    now = datetime.now().isoformat(" ")
    rows: dict[str, list[tuple]] = {"film": [], "person": [], "credit": [], "film_country": [],
                                    "film_search": [], "film_title_search": []}
    people: dict[str, int] = {}
    cid = 0
    for fid, f in enumerate(films, start=1):
        rows["film"].append((fid, slugify(f.title), f.title, "", sort_title(f.title), f.year,
                             f.runtime, "", "", "", f.synopsis, "", f.state, 1, now, now))
        rows["film_country"].append((fid, fid, 0, f.countries[0], 1))
        rows["film_search"].append((fid, f.title, " ".join(n for n, _ in f.credits), f.synopsis,
                                    " ".join(f.countries)))
        rows["film_title_search"].append((fid, f.title))
        for pos, (name, role) in enumerate(f.credits):
            if name not in people:
                people[name] = len(people) + 1
                rows["person"].append((people[name], slugify(name), name, sort_name(name),
                                       None, None, "", "", "", "published", 1, now, now))
            cid += 1
            rows["credit"].append((cid, fid, people[name], role, "", pos, 1, now, now))
    return rows


RAW_SQL = {
    "person": "INSERT INTO person (id, slug, name, sort_name, birth_year, death_year, country,"
              " biography, notes, state, version, created_at, updated_at)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "film": "INSERT INTO film (id, slug, title, original_title, sort_title, year, runtime, format,"
            " colour, kind, synopsis, notes, state, version, created_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "film_country": "INSERT INTO film_country (id, film_id, position, name, version)"
                    " VALUES (?,?,?,?,?)",
    "film_search": "INSERT INTO film_search (rowid, titles, people, synopsis, countries)"
                   " VALUES (?,?,?,?,?)",
    "film_title_search": "INSERT INTO film_title_search (rowid, titles) VALUES (?,?)",
    "credit": "INSERT INTO credit (id, film_id, person_id, role, character, position, version,"
              " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
}


# director: and person: searches (issue 15): at most 20 ms median on 100,000 films, beside
# the same name as a free word (the full-text index's answer): the peer of the same run.
PERSON_QUERIES = (("director:kaurismaki", "kaurismaki"), ("director:tarkovsky-77", "tarkovsky 77"),
                  ("person:varda", "varda"), ("person:\"kira muratova\"", "kira muratova"),
                  ("director:mykkanen-1234", "mykkanen 1234"))
OTHER_QUERIES = ("year:1970..1979", "country:finland year:>1990", "rock -has:synopsis",
                 "runtime:<60 state:published", "person:varda film")
PERSON_TARGET_MS = 20.0


def _median_ms(catalog: Catalog, text: str, runs: int = 15) -> tuple[float, float, float, int]:
    """Median and worst wall time, median CPU time (ms), and the count, of the first 200
    results with their count, as the desk's list asks for them."""
    walls, cpus = [], []
    found = catalog.search.films(FilmQuery.parse(text), limit=200)
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        found = catalog.search.films(FilmQuery.parse(text), limit=200)
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), max(walls), statistics.median(cpus), found.total


def query_language(catalog: Catalog) -> bool:
    """Times the query language's fields; True when director: and person: meet the target."""
    print(f"\nthe query language, first 200 results with their count (ms): median / worst of "
          f"15 runs, median CPU; load average {os.getloadavg()[0]:.1f}")
    ok = True
    slowest = (0.0, "", 0.0, 0.0)
    for text, words in PERSON_QUERIES:
        med, worst, cpu, total = _median_ms(catalog, text)
        peer, _w, peer_cpu, _t = _median_ms(catalog, words)
        slowest = max(slowest, (med, text, cpu, peer))
        verdict = "OK" if med <= PERSON_TARGET_MS else "OVER"
        ok = ok and med <= PERSON_TARGET_MS
        print(f"  {text!r:32} {med:6.1f} / {worst:6.1f}  cpu {cpu:6.1f}   ({total:,} found)  "
              f"free words {words!r}: {peer:.1f} (cpu {peer_cpu:.1f}), ratio "
              f"{med / max(peer, 0.01):.2f}x  target <= {PERSON_TARGET_MS:.0f} ms {verdict}")
    for text in OTHER_QUERIES:
        med, worst, cpu, total = _median_ms(catalog, text)
        print(f"  {text!r:32} {med:6.1f} / {worst:6.1f}  cpu {cpu:6.1f}   ({total:,} found)")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    med, text, cpu, peer = slowest
    report("`director:` and `person:` searches, the worst median, first 200 with their count "
           "(bench_core)", f"{med:.1f} ms, “{text}” (CPU {cpu:.1f} ms)",
           peer=f"its words as free words {peer:.1f} ms: {med / max(peer, 0.01):.2f}×",
           target=f"≤ {PERSON_TARGET_MS:.0f} ms", met=ok)
    return ok


SEARCH_QUERIES = ("film", "f", "r", "rock", "moscow river", "mykkanen", "night winter city",
                  "film rock", "s", "paradjanov", "sailor island", "zzz")
SEARCH_TARGET_MS = 20.0  # issue 19: the worst median, by relevance, with the count


def _timed(catalog: Catalog, query: FilmQuery, count: bool, runs: int = 15
           ) -> tuple[float, float, float, int]:
    """Median and worst wall time and median CPU time (ms) of the first 200 films, and how
    many are shown."""
    walls, cpus = [], []
    found = catalog.search.films(query, limit=200, count=count)
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        found = catalog.search.films(query, limit=200, count=count)
        walls.append((time.perf_counter() - t) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), max(walls), statistics.median(cpus), len(found.ids)


def search_times(catalog: Catalog) -> bool:
    """Times free-word searches; True when the worst median meets the target.

    By relevance, the order a search gives unless asked otherwise, as the desk's list
    asks: the first 200 films with how many match in all; beside it the page alone
    (the command line's and the pickers' ask) and title order, for information (it
    sorts every hit of a common word).
    """
    print(f"\nsearch, first 200 results (ms): median / worst of 15 runs, median CPU; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"  {'':22} {'by relevance, with the count':>34}   {'the page alone':>26}   "
          f"{'title order':>15}")
    worst_median = worst_max = worst_page = worst_cpu = 0.0
    worst_text = ""
    for text in SEARCH_QUERIES:
        med, mx, cpu, shown = _timed(catalog, FilmQuery(text=text), count=True)
        page, _pmx, page_cpu, _s = _timed(catalog, FilmQuery(text=text), count=False)
        title, _tmx, _tcpu, _s = _timed(catalog, FilmQuery(text=text, order="title"),
                                        count=False, runs=5)
        if med >= worst_median:
            worst_text, worst_cpu = text, cpu
        worst_median, worst_max = max(worst_median, med), max(worst_max, mx)
        worst_page = max(worst_page, page)
        print(f"  {text!r:22} {med:6.1f} / {mx:6.1f}  cpu {cpu:5.1f}  ({shown:3} shown)   "
              f"{page:6.1f}  cpu {page_cpu:5.1f}   {title:15.1f}")
    ok = worst_median <= SEARCH_TARGET_MS
    print(f"by relevance with the count: worst median {worst_median:.1f} ms "
          f"(target <= {SEARCH_TARGET_MS:.0f}) {'OK' if ok else 'OVER'}, worst case "
          f"{worst_max:.1f} ms (target <= 100); the page alone: worst median "
          f"{worst_page:.1f} ms")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    films = catalog.search.films(FilmQuery(), limit=1).total
    report(f"search in the catalogue, {films:,} films: the worst median of bench_core's "
           "queries, first 200 by relevance with their count (bench_core)",
           f"{worst_median:.1f} ms, “{worst_text}” (CPU {worst_cpu:.1f} ms); worst case "
           f"{worst_max:.1f} ms", peer=f"the page alone, worst median {worst_page:.1f} ms",
           target=f"≤ {SEARCH_TARGET_MS:.0f} ms", met=ok)
    return ok


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--queries":
        # an archive built by Curator already (this script's build, or the demo)
        catalog = Catalog.open(sys.argv[2])
        try:
            search_times(catalog)
            query_language(catalog)
        finally:
            catalog.close()
        return
    print(f"Generating {FILMS:,} films with people, credits and synopses…")
    films = generate(FILMS)
    rows = raw_rows(films)
    total_rows = sum(len(r) for r in rows.values())
    with tempfile.TemporaryDirectory() as tmp:
        # Alternate the two builds and keep each one's best time: the machine is shared.
        raw_times, raw_tables, bulk_times = [], [], []
        for attempt in range(ROUNDS):
            raw_path = Path(tmp) / f"raw{attempt}.curator"
            Archive.create(raw_path).close()
            conn = sqlite3.connect(raw_path / "archive.sqlite")
            started = time.perf_counter()
            with conn:
                for table in ("person", "film", "film_country", "credit"):
                    conn.executemany(RAW_SQL[table], rows[table])
            raw_tables.append(time.perf_counter() - started)
            started = time.perf_counter()
            with conn:
                for table in ("film_search", "film_title_search"):
                    conn.executemany(RAW_SQL[table], rows[table])
            raw_times.append(raw_tables[-1] + time.perf_counter() - started)
            conn.close()

            path = Path(tmp) / f"bench{attempt}.curator"
            catalog = Catalog.create(path)
            started = time.perf_counter()
            result = catalog.imports.bulk_add(films)
            bulk_times.append(time.perf_counter() - started)
            assert len(result.film_ids) == FILMS
            catalog.close()
        raw, bulk = min(raw_times), min(bulk_times)
        print(f"raw sqlite3.executemany: {min(raw_tables):6.2f} s for the table rows, "
              f"{raw:.2f} s with the search-index rows: {total_rows:,} rows (best of {ROUNDS})")
        print(f"catalog bulk path:       {bulk:6.2f} s, search index and undo record included "
              f"(best of {ROUNDS})")
        print(f"ratio {bulk / raw:.2f}x against the same rows (target <= 3.00x)  "
              f"{'OK' if bulk / raw <= 3 else 'OVER'};  "
              f"{bulk / min(raw_tables):.2f}x against the table rows alone")
        report(f"building {FILMS:,} films through the catalogue's bulk path (bench_core)",
               f"{bulk:.1f} s (best of {ROUNDS})",
               peer=f"raw `sqlite3.executemany` of the same rows {raw:.1f} s: {bulk / raw:.2f}×",
               target="≤ 3×", met=bulk / raw <= 3)

        catalog = Catalog.open(path)
        search_times(catalog)
        query_language(catalog)
        t = time.perf_counter()
        total = catalog.search.films(FilmQuery(text="film"), limit=200).total
        print(f"counting all {total:,} hits of 'film': {(time.perf_counter() - t) * 1000:.1f} ms")
        catalog.close()

        times = []
        for _ in range(10):
            t = time.perf_counter()
            Archive.open(path).close()
            times.append(time.perf_counter() - t)
        print(f"\nopen archive with migration check: median {statistics.median(times):.3f} s, "
              f"worst {max(times):.3f} s (target <= 0.3)")


if __name__ == "__main__":
    main()
