"""What the programme by day costs a full export, as users run it: `curator export` as a new
process, on films built through Curator (stills in its image store) and shown at festival
editions, each film twice.

    .venv/bin/python benchmarks/bench_programme.py [--films N]

The peer is the same export of the same archive with the site setting `show_programme`
off (the default), measured in the same run, alternating with the export with it on.
Prints the median wall-clock seconds of each, their ratio, the Programme pages written and
the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from statistics import median

from bench_export_vs_hugo import build_archive
from figures import report

RUNS = 3
EDITIONS = 10  # ten years of one festival, the films spread over them


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def show_films(archive: Path) -> None:
    """Every film at one of the festival's editions, shown on two of its days."""
    from curator.catalog import Catalog, FilmEdit
    from curator.catalog.records import ScreeningData, ShowingData

    catalog = Catalog.open(archive)
    festival = catalog.festivals.create("Melbourne International Film Festival",
                                        short_name="MIFF").created_id
    editions = [catalog.editions.create(festival, 1980 + n).created_id for n in range(EDITIONS)]
    venues = ("Forum Theatre", "State Theatre", "Capitol", "Kino")
    for n, film_id in enumerate(catalog.search.films("", limit=1_000_000).ids):
        year = 1980 + n % EDITIONS
        first = date(year, 6, 9) + timedelta(days=n % 17)
        catalog.films.update(film_id, None, FilmEdit(screenings=[ScreeningData(
            editions[n % EDITIONS], showings=(
                ShowingData(first, f"{10 + n % 12}:{15 * (n % 4):02d}", venues[n % 4]),
                ShowingData(first + timedelta(days=3), "", venues[(n + 1) % 4])))]))
    catalog.close()


def set_programme(archive: Path, value: str) -> None:
    subprocess.run([sys.executable, "-m", "curator", "settings", str(archive),
                    "show_programme", value], check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=2000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="curator-bench-programme-"))
    try:
        archive = build_archive(tmp, args.films)
        show_films(archive)
        times: dict[str, list[float]] = {"no": [], "yes": []}
        pages = 0
        for run in range(RUNS):
            for value in ("no", "yes"):
                set_programme(archive, value)
                site = tmp / f"site-{value}-{run}"
                times[value].append(timed([sys.executable, "-m", "curator", "export",
                                           str(archive), str(site)]))
                if value == "yes":
                    pages = len(list(site.glob("festivals/*/programme/index.html")))
                shutil.rmtree(site)
        off, on = median(times["no"]), median(times["yes"])
        print(f"{args.films} films, each shown twice at one of {EDITIONS} editions")
        print(f"full export, programme by day on:  {on:.2f} s median of {RUNS} "
              f"({pages} Programme pages)")
        print(f"full export, programme off (peer): {off:.2f} s median of {RUNS}")
        print(f"ratio on/off: {on / off:.3f}; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        report(f"full `curator export` of {args.films:,} films with the programme by day "
               "(bench_programme)", f"{on:.2f} s ({pages} Programme pages)",
               peer=f"programme off {off:.2f} s: {on / off:.2f}×")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
