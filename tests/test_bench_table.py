"""`make bench` refreshes the README's table of figures from one run's output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).parents[1] / "scripts" / "bench_table.py"
README = """# Notes

Before the table.

<!-- figures -->
| what | figure |
|---|---|
| an old figure from another day | 9 s |
<!-- /figures -->

After the table.
"""


def run(log: Path, readme: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(log), str(readme)],
                          capture_output=True, text=True)


def test_the_table_holds_exactly_the_run_s_figures(tmp_path: Path) -> None:
    readme, log = tmp_path / "README.md", tmp_path / "bench.log"
    readme.write_text(README, encoding="utf-8")
    log.write_text(
        "== benchmarks/bench_start.py\nsome account for a reader\n"
        'FIGURE {"what": "`curator --help` (bench_start)", "figure": "0.05 s", '
        '"peer": "floor 0.02 s: 2.5×", "target": "≤ 0.15 s", "met": true, "load": 1.5}\n'
        "== benchmarks/bench_core.py\n"
        'FIGURE {"what": "search | worst median", "figure": "31 ms", "peer": "—", '
        '"target": "≤ 20 ms", "met": false, "load": 7.0}\n', encoding="utf-8")
    done = run(log, readme)
    assert done.returncode == 0, done.stderr
    text = readme.read_text(encoding="utf-8")
    assert "an old figure from another day" not in text
    assert text.startswith("# Notes\n\nBefore the table.\n\n<!-- figures -->\n")
    assert text.endswith("<!-- /figures -->\n\nAfter the table.\n")
    rows = [line for line in text.splitlines() if line.startswith("| ")][1:]
    assert rows == [
        "| `curator --help` (bench_start) | 0.05 s | floor 0.02 s: 2.5× | ≤ 0.15 s ✓ | 1.5 |",
        "| search \\| worst median | 31 ms | — | ≤ 20 ms — missed | 7.0 |",
    ]


def test_a_run_without_figures_leaves_the_readme_as_it_was(tmp_path: Path) -> None:
    readme, log = tmp_path / "README.md", tmp_path / "bench.log"
    readme.write_text(README, encoding="utf-8")
    log.write_text("== benchmarks/bench_start.py\nTraceback (most recent call last):\n",
                   encoding="utf-8")
    done = run(log, readme)
    assert done.returncode == 1
    assert "no figures" in done.stderr
    assert readme.read_text(encoding="utf-8") == README
