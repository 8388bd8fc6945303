"""The duplicates finder as users run it: `curator duplicates ARCHIVE` (and `--people`)
on 9,000 and on 100,000 films, against `curator info` on the same archive (opening it and
counting every table: the floor any command on it pays), with the load beside each.

    .venv/bin/python benchmarks/bench_duplicates.py [FILMS]

The catalogue is bench_core's made-up one (titles of one to four words from a small
vocabulary, so thousands of films share a title: the finder's worst case) with 1 in 200
films typed a second time: a letter dropped or the case changed, the same year and
director. Target: the films' pairs on 100,000 films in at most 10 s, and every planted
twin found.
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_core import generate
from figures import report

from curator.catalog import Catalog

SIZES = [int(sys.argv[1])] if len(sys.argv) > 1 else [9_000, 100_000]
TARGET = 10.0
CURATOR = [sys.executable, "-m", "curator"]


def twins(films: list) -> list:
    """Every 200th film typed again from another catalogue."""
    rng = random.Random(15)
    out = []
    for film in films[::200]:
        title = film.title
        if len(title) > 6 and rng.random() < 0.5:
            cut = rng.randrange(1, len(title) - 1)
            title = title[:cut] + title[cut + 1:]  # a letter dropped
        else:
            title = title.upper()
        out.append(replace(film, title=title))
    return out


def run(args: list[str]) -> tuple[float, float, bytes]:
    """The command's wall time, its CPU time (on a shared machine the wall time also holds
    the waits for a turn on a core), and what it printed."""
    started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([*CURATOR, *args], capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return time.perf_counter() - started, cpu, done.stdout


def main() -> int:
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    missed = False
    for size in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.curator"
            films = generate(size)
            planted = twins(films)
            catalog = Catalog.create(path)
            catalog.imports.bulk_add(films + planted)
            catalog.close()
            total = len(films) + len(planted)
            floor, floor_cpu, _ = run(["info", str(path)])
            for what, extra in (("films", []), ("people", ["--people"])):
                seconds, cpu, out = run(["duplicates", str(path), "--json", *extra])
                pairs = json.loads(out)
                line = (f"{total:,} films: curator duplicates {' '.join(extra) or '(films)':9} "
                        f"{seconds:6.2f} s ({cpu:5.2f} s CPU), {len(pairs):,} pairs; floor "
                        f"curator info {floor:5.2f} s ({floor_cpu:4.2f} s CPU); ratio "
                        f"{seconds / floor:5.1f}; "
                        f"load {os.getloadavg()[0]:.1f}")
                if what == "films":
                    first = len(films) + 1  # the twins' ids follow the films'
                    found = {p["second_id"] for p in pairs if p["second_id"] >= first}
                    line += f"; planted twins found {len(found)}/{len(planted)}"
                    if size >= 100_000 and seconds > TARGET or len(found) < len(planted):
                        missed = True
                        line += "  OVER" if seconds > TARGET else "  MISSED TWINS"
                print(line, flush=True)
                if size == max(SIZES):
                    report(f"`curator duplicates{(' ' + ' '.join(extra)) if extra else ''}`, "
                           f"{total:,} films, a process (bench_duplicates)",
                           f"{seconds:.1f} s (CPU {cpu:.1f} s), {len(pairs):,} pairs",
                           peer=f"`curator info` {floor:.2f} s: {seconds / floor:.1f}×",
                           target=f"≤ {TARGET:.0f} s" if what == "films" else "—",
                           met=seconds <= TARGET if what == "films" else None)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
