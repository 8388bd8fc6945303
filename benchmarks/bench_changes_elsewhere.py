"""How soon a desk sees another desk's change: on a server (woken by LISTEN/NOTIFY), beside
a folder (its once-a-second look) measured in the same run.

    .venv/bin/python benchmarks/bench_changes_elsewhere.py [CHANGES]

A colleague's Curator, a process of its own, saves CHANGES films one at a time (at
uneven moments, so the folder's look is not in step with them); this process runs the
desk's `ChangesElsewhere` and times each change from its commit to its arrival. The
issue's target: within two seconds. A private server is started (Debian's postgresql, as
the tests do) and removed at the end.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from figures import report  # noqa: E402
from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

from curator.catalog import Catalog  # noqa: E402
from curator.gui.elsewhere import ChangesElsewhere  # noqa: E402
from curator.store.server_setup import init_catalogue  # noqa: E402

CHANGES = int(sys.argv[1]) if len(sys.argv) > 1 else 12
SRC = Path(__file__).resolve().parents[1] / "src"
COLLEAGUE = textwrap.dedent("""
    import random, sys, time
    from curator.catalog import Catalog
    catalog = Catalog.open(sys.argv[1])
    random.seed(14)
    for n in range(int(sys.argv[2])):
        time.sleep(0.6 + random.random() * 0.9)
        catalog.films.create(f"Film {n}", year=1988)
        print(time.time(), flush=True)   # committed
    catalog.close()
""")


def load() -> str:
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"


def delays(app: QCoreApplication, where: str | Path) -> list[float]:
    """Seconds from each of the colleague's commits to its arrival at this desk."""
    catalog = Catalog.open(where)
    elsewhere = ChangesElsewhere(catalog)
    if catalog.archive.kind == "server":
        deadline = time.monotonic() + 10
        while not elsewhere.listening and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
    arrived: list[float] = []
    # one check may bring several films: each arrived then
    elsewhere.arrived.connect(lambda changes: arrived.extend(
        [time.time()] * max(1, len(changes.inserted("film")))))
    colleague = subprocess.Popen([sys.executable, "-c", COLLEAGUE, str(where), str(CHANGES)],
                                 stdout=subprocess.PIPE, text=True,
                                 env={**os.environ, "PYTHONPATH": str(SRC)})
    done = QTimer(interval=20)
    done.timeout.connect(lambda: app.quit() if colleague.poll() is not None and
                         len(arrived) >= CHANGES else None)
    done.start()
    QTimer.singleShot(CHANGES * 3_000 + 10_000, app.quit)
    app.exec()
    committed = [float(line) for line in colleague.stdout.read().split()]
    colleague.wait()
    woken = list(elsewhere.woken_by)
    elsewhere.stop()
    catalog.close()
    print(f"    woken by: {', '.join(sorted(set(woken)))}; {len(arrived)} of "
          f"{len(committed)} changes arrived")
    return [a - c for a, c in zip(arrived, committed, strict=False)]


def main() -> None:
    from tests.postgres import PostgresServer

    app = QCoreApplication.instance() or QCoreApplication([])
    server = PostgresServer().start()
    tmp = Path(tempfile.mkdtemp(prefix="bench-elsewhere-"))
    try:
        url = server.url(server.new_database())
        init_catalogue(url)
        Catalog.create(tmp / "Folder.curator").close()
        print(f"{CHANGES} changes by another process, commit to arrival at this desk:")
        print("  on the server (LISTEN/NOTIFY):")
        on_server = delays(app, url)
        print(f"    median {statistics.median(on_server) * 1000:.0f} ms, worst "
              f"{max(on_server) * 1000:.0f} ms; {load()}")
        print("  in a folder (a look once a second), the peer:")
        in_folder = delays(app, tmp / "Folder.curator")
        print(f"    median {statistics.median(in_folder) * 1000:.0f} ms, worst "
              f"{max(in_folder) * 1000:.0f} ms; {load()}")
        ratio = statistics.median(on_server) / statistics.median(in_folder)
        worst = max(on_server + in_folder)
        print(f"server / folder (median): {ratio:.3f}x; target within 2 s: "
              f"{'OK' if worst <= 2 else 'OVER'}; {load()}")
        report("a change seen by another desk (bench_changes_elsewhere)",
               f"server, woken by NOTIFY: median {statistics.median(on_server) * 1000:.0f} ms, "
               f"worst {max(on_server) * 1000:.0f} ms",
               peer=f"folder, looking once a second: median "
                    f"{statistics.median(in_folder) * 1000:.0f} ms, worst "
                    f"{max(in_folder) * 1000:.0f} ms: {ratio:.3f}×",
               target="≤ 2 s", met=worst <= 2)
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
