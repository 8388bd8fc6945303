"""Rewrites the README's table of figures from one `make bench` run.

    .venv/bin/python scripts/bench_table.py build/bench.log [README.md]

Reads the `FIGURE {json}` lines the benchmarks printed (benchmarks/figures.py) and puts
them, in the order they ran, between the README's `<!-- figures -->` and
`<!-- /figures -->` marks, with the run's date and the machine's cores. A log without
figures leaves the README as it was and says so.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

MARK = "FIGURE "
BEGIN, END = "<!-- figures -->", "<!-- /figures -->"


def rows(log: str) -> list[dict]:
    found = []
    for line in log.splitlines():
        if line.startswith(MARK):
            try:
                found.append(json.loads(line[len(MARK):]))
            except json.JSONDecodeError:
                continue
    return found


def cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(figures: list[dict], day: date, cores: int) -> str:
    lines = [
        f"Figures from one `make bench` run on {day:%-d %B %Y}, on {cores} cores; the load "
        "average is given beside each figure, as it was when the figure was taken.",
        "",
        "| what (benchmark) | figure | peer or floor, same run | target | load |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        target = cell(f.get("target", "—"))
        if f.get("met") is True:
            target += " ✓"
        elif f.get("met") is False:
            target += " — missed"
        lines.append(f"| {cell(f['what'])} | {cell(f['figure'])} | {cell(f.get('peer', '—'))} "
                     f"| {target} | {f.get('load', '—')} |")
    return "\n".join(lines)


def refresh(readme: str, block: str) -> str:
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    return readme[:start] + "\n" + block + "\n" + readme[end:]


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    log_path = Path(argv[0])
    readme_path = Path(argv[1]) if len(argv) > 1 else Path(__file__).parents[1] / "README.md"
    figures = rows(log_path.read_text(encoding="utf-8", errors="replace"))
    if not figures:
        print(f"{log_path}: no figures in it; {readme_path.name} left as it was", file=sys.stderr)
        return 1
    readme = readme_path.read_text(encoding="utf-8")
    if BEGIN not in readme or END not in readme:
        print(f"{readme_path}: the marks {BEGIN} and {END} are missing", file=sys.stderr)
        return 1
    updated = refresh(readme, table(figures, date.today(), os.cpu_count() or 1))
    readme_path.write_text(updated, encoding="utf-8")
    print(f"{readme_path.name}: the table of figures now holds {len(figures)} rows from {log_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
