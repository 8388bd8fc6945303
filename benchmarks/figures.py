"""The figures a benchmark reports for the README's table of figures.

Each benchmark prints its own account for a reader, and besides calls `report` once per
figure the table shows: one line `FIGURE {json}` in its output. `make bench` keeps the
output of the whole run in build/bench.log, and `scripts/bench_table.py` rewrites the
README's table from that one run, so the table never mixes figures of different runs.
"""

from __future__ import annotations

import json
import os

MARK = "FIGURE "


def load() -> float:
    """The one-minute load average, given beside every figure."""
    return os.getloadavg()[0]


def report(what: str, figure: str, *, peer: str = "—", target: str = "—",
           met: bool | None = None) -> None:
    """One row of the table: what was measured (and by which benchmark), the figure, the
    floor or peer measured in the same run with the ratio, the target and whether the
    figure meets it (None where the benchmark has no target)."""
    row = {"what": what, "figure": figure, "peer": peer, "target": target, "met": met,
           "load": round(load(), 1)}
    print(MARK + json.dumps(row, ensure_ascii=False), flush=True)
