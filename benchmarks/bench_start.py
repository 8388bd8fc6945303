"""Start-up as users meet it: `curator --help`, `curator info` and `curator search` on
100,000 films, each run as its own process, next to a bare `python -c pass`.

Targets (issue 19): --help <= 0.15 s, info <= 0.4 s, search <= 0.4 s.
`.venv/bin/python benchmarks/bench_start.py [ARCHIVE]`: without an archive, one of
100,000 films is built first through the catalogue's bulk path (bench_core's films).
"""

from __future__ import annotations

import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import report

RUNS = 7
CURATOR = [sys.executable, "-m", "curator"]


def median_seconds(command: list[str]) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of the command, each run a new process."""
    times, cpu = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu)


def build(path: Path) -> None:
    sys.argv[1:] = []  # bench_core reads a film count from its arguments
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_core import generate

    from curator.catalog import Catalog

    print("Building an archive of 100,000 films…", flush=True)
    catalog = Catalog.create(path)
    catalog.imports.bulk_add(generate(100_000))
    catalog.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp) / "start.curator"
        if not archive.exists():
            build(archive)
        # An installed Curator has its bytecode compiled (pip does it); a checkout run with
        # PYTHONDONTWRITEBYTECODE would otherwise compile fifty modules at every start.
        compileall.compile_dir(Path(__file__).parents[1] / "src" / "curator", quiet=1)
        floor, floor_cpu = median_seconds([sys.executable, "-c", "pass"])
        print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
              f"median of {RUNS} runs, each a new process (CPU seconds in brackets)")
        print(f"  {'python -c pass (floor)':34} {floor:6.3f} s ({floor_cpu:.3f})")
        for label, args, target in (
                ("curator --help", ["--help"], 0.15),
                ("curator info", ["info", str(archive)], 0.4),
                ("curator search 'night winter city'",
                 ["search", str(archive), "night winter city"], 0.4),
                ("curator search mykkanen", ["search", str(archive), "mykkanen"], 0.4)):
            seconds, cpu = median_seconds(CURATOR + args)
            print(f"  {label:34} {seconds:6.3f} s ({cpu:.3f})  {seconds / floor:5.1f}x the floor  "
                  f"(target <= {target:.2f} s) {'OK' if seconds <= target else 'OVER'}")
            report(f"`{label}`, 100,000 films, a new process (bench_start)",
                   f"{seconds:.3f} s (CPU {cpu:.3f} s)",
                   peer=f"`python -c pass` {floor:.3f} s: {seconds / floor:.1f}×",
                   target=f"≤ {target:.2f} s", met=seconds <= target)


if __name__ == "__main__":
    main()
