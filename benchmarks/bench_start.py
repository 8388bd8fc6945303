"""Start-up as users meet it: `curator --help`, `curator info` and `curator search` on
100,000 films, each run as its own process, next to a bare `python -c pass`.

Targets (issue 19): --help <= 0.15 s, info <= 0.4 s, search <= 0.4 s.
`.venv/bin/python benchmarks/bench_start.py [ARCHIVE]`: without an archive, one of
100,000 films is built first through the catalogue's bulk path (bench_core's films).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
CURATOR = [sys.executable, "-m", "curator"]


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def build(path: Path) -> None:
    sys.argv[1:] = []  # bench_core reads a film count from its arguments
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_core import generate

    from curator.catalog import Catalog

    print("Building an archive of 100,000 films…", flush=True)
    catalog = Catalog.create(path)
    catalog.bulk_add_films(generate(100_000))
    catalog.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp) / "start.curator"
        if not archive.exists():
            build(archive)
        floor = median_seconds([sys.executable, "-c", "pass"])
        print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
              f"median of {RUNS} runs, each a new process")
        print(f"  {'python -c pass (floor)':34} {floor:6.3f} s")
        for label, args, target in (
                ("curator --help", ["--help"], 0.15),
                ("curator info", ["info", str(archive)], 0.4),
                ("curator search 'night winter city'",
                 ["search", str(archive), "night winter city"], 0.4),
                ("curator search mykkanen", ["search", str(archive), "mykkanen"], 0.4)):
            seconds = median_seconds(CURATOR + args)
            print(f"  {label:34} {seconds:6.3f} s  {seconds / floor:5.1f}x the floor  "
                  f"(target <= {target:.2f} s) {'OK' if seconds <= target else 'OVER'}")


if __name__ == "__main__":
    main()
