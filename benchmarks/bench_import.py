"""How fast a spreadsheet import is: 100,000 films with directors and countries.

    PYTHONPATH=src python benchmarks/bench_import.py [--films N]

Generates the CSV in a temporary folder, times Python's own csv parse of it
(the floor: no import can read the file faster), then the whole import into a
new archive (reading, decoding, mapping, matching, writing, search index), and
a second import of the same file (everything matches; nothing is added).
Target: the whole import of 100,000 films in 10 s or less.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

from curator import collector
from curator.catalog import Catalog
from curator.interchange.sheet_import import import_spreadsheet

COUNTRIES = ["USSR", "Finland", "France", "West Germany", "Yugoslavia", "Australia", "Japan",
             "Brazil", "Iran", "Senegal", "Canada", "India", "Poland", "Czechoslovakia"]
WORDS = ("night river silence winter city road mother letter garden stranger rock "
         "season island song border factory harbour dream").split()
GENRES = ["Drama", "Comedy", "Documentary", "Animation", "War", "Romance", "Music"]


def write_csv(path: Path, films: int, seed: int = 1989) -> None:
    rnd = random.Random(seed)
    directors = [f"{rnd.choice(['Marjaana', 'Juris', 'Kira', 'Otar', 'Agnès', 'Mike'])} "
                 f"{rnd.choice(['Mykkänen', 'Podnieks', 'Muratova', 'Iosseliani', 'Leigh'])}"
                 f"-{n}" for n in range(films // 5)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Title", "Year", "Director", "Country", "Runtime", "Genres"])
        for n in range(films):
            title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 4))).title()
            if n % 7 == 0:
                title = f"{title}, The"
            writer.writerow([
                f"{title} {n}", str(rnd.randint(1920, 2020)),
                "; ".join(rnd.sample(directors, rnd.choice((1, 1, 1, 2)))),
                " / ".join(rnd.sample(COUNTRIES, rnd.choice((1, 1, 2)))),
                rnd.choice(("90", "90 min", "1h 30m", "104", "")),
                "|".join(rnd.sample(GENRES, 2)),
            ])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "films.csv"
        write_csv(path, args.films)
        size = path.stat().st_size / 1e6

        started = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as fh:
            rows = sum(1 for _ in csv.reader(fh)) - 1
        floor = time.perf_counter() - started

        catalog = Catalog.create(Path(tmp) / "Bench.curator")
        started, cpu_started = time.perf_counter(), time.process_time()
        result = import_spreadsheet(catalog, path)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started

        started = time.perf_counter()
        again = import_spreadsheet(catalog, path)
        elapsed_again = time.perf_counter() - started
        counts = catalog.counts()
        catalog.close()

    print(f"file: {rows:,} rows, {size:.1f} MB")
    print(f"python csv parse (floor): {floor:6.2f} s  {rows / floor:>10,.0f} rows/s")
    print(f"curator import:           {elapsed:6.2f} s  {rows / elapsed:>10,.0f} rows/s"
          f"  ({result.summary()}; {result.people_created:,} people)")
    print(f"  of which CPU time:      {cpu:6.2f} s  (wall minus CPU: waiting for the disk "
          "or for other processes)")
    print(f"same file again:          {elapsed_again:6.2f} s  "
          f"{rows / elapsed_again:>10,.0f} rows/s  ({again.summary()})")
    print(f"archive: {counts['films']:,} films, {counts['people']:,} people, "
          f"{counts['credits']:,} credits")
    target = 10.0 * args.films / 100_000
    verdict = "within" if elapsed <= target else "OVER"
    print(f"target {target:.1f} s: {verdict}")
    return 0 if elapsed <= target else 1


if __name__ == "__main__":
    with collector.paused():  # the command line's policy for long work
        sys.exit(main())
