"""What it costs to make every saved edit survive a power cut: synchronous FULL against NORMAL.

With WAL, NORMAL syncs only at checkpoints, so a power cut can lose the last commits
the desk already called saved; FULL syncs the log at every commit. This times what the
desk does for one edit (`catalog.films.update`, one transaction: the row, the search
index, the sort keys) on the same archive under each setting, in alternating rounds,
and prints the medians, their ratio and the machine's load average (the disk is shared).

Run: `.venv/bin/python benchmarks/bench_durability.py [EDITS]` (default 200 per round);
pass a folder with CURATOR_BENCH_DIR to measure a particular disk (default: the system's
temporary folder, which may be memory, where FULL costs little).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from figures import report

from curator.catalog import Catalog, FilmData
from curator.store import archive as store_archive

EDITS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
ROUNDS = 3


def time_edits(folder: Path, synchronous: str, film_ids: list[int], start: int) -> list[float]:
    store_archive.SYNCHRONOUS = synchronous  # read by each new connection
    catalog = Catalog.open(folder)
    try:
        with catalog.archive.engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        assert mode == {"NORMAL": 1, "FULL": 2}[synchronous], mode
        times = []
        for n, fid in enumerate(film_ids[:EDITS]):
            film = catalog.films.get(fid)
            started = time.perf_counter()
            changes = catalog.films.update(fid, version=film.version,
                                          runtime=1 + (start + n) % 9000)  # always a change
            times.append(time.perf_counter() - started)
            assert changes.rows, "the edit was written"
        return times
    finally:
        catalog.close()


def main() -> None:
    base = Path(os.environ.get("CURATOR_BENCH_DIR") or tempfile.gettempdir())
    with tempfile.TemporaryDirectory(dir=base) as tmp:
        folder = Path(tmp) / "Durability.curator"
        catalog = Catalog.create(folder)
        result = catalog.imports.bulk_add(
            FilmData(title=f"Film {n}", year=1950 + n % 70, synopsis="A film. " * 40,
                     credits=((f"Director {n % 300}", "director"),), countries=("USSR",))
            for n in range(5000))
        catalog.close()
        ids = result.film_ids
        samples: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
        for n in range(ROUNDS):
            for m, mode in enumerate(("NORMAL", "FULL")):
                samples[mode] += time_edits(folder, mode, ids, (2 * n + m) * EDITS)
    store_archive.SYNCHRONOUS = "FULL"
    normal = statistics.median(samples["NORMAL"]) * 1000
    full = statistics.median(samples["FULL"]) * 1000
    p95 = {m: sorted(s)[int(len(s) * 0.95)] * 1000 for m, s in samples.items()}
    print(f"one saved edit on a 5,000-film archive in {base} "
          f"({EDITS} edits x {ROUNDS} rounds each):")
    for mode, median in (("NORMAL", normal), ("FULL", full)):
        print(f"  synchronous={mode:<6}  median {median:6.2f} ms   "
              f"95th percentile {p95[mode]:6.2f} ms")
    print(f"  FULL / NORMAL = {full / normal:.2f}x; Curator uses FULL "
          "(target: an edit saved well under 50 ms)")
    print("  load average: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    report("one saved edit, 5,000-film archive, synchronous=FULL (bench_durability)",
           f"median {full:.2f} ms, 95th percentile {p95['FULL']:.2f} ms",
           peer=f"synchronous=NORMAL {normal:.2f} ms: {full / normal:.2f}×",
           target="well under 50 ms", met=p95["FULL"] < 50)


if __name__ == "__main__":
    main()
