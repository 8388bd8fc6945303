"""The desk on a 100,000-film archive: start-up, search, sort, scroll, memory.

Targets (issue 3): first painted list <= 1.0 s from process start; a keystroke to the
updated list <= 60 ms; sorting by any column <= 200 ms; no pause over 50 ms while
scrolling from top to bottom; resident memory <= 300 MB.

    PYTHONPATH=src python benchmarks/bench_main_window.py [--films 100000]

Offscreen unless told otherwise; as a user sees it, on a display:
`DISPLAY=:1 QT_QPA_PLATFORM=xcb`. The first key is typed as the list first paints, while
the desk is still opening; each figure prints the CPU time beside it (every thread of the
process), and the load average, since other work on the machine stretches wall time.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from figures import report

from curator.model.enums import PublicationState

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["USSR", "Finland", "France", "West Germany", "Yugoslavia", "Australia", "Japan",
             "Poland", "Italy", "United Kingdom", "Hungary", "Czechoslovakia"]


def build_archive(path: Path, films: int) -> None:
    """MovieLens titles repeated up to `films`, with countries and directors, in one bulk add."""
    from curator.catalog import Catalog, FilmData
    from curator.interchange.demo import demo_file, read_movielens

    base, _ = read_movielens(demo_file("movielens_titles.csv"))
    rng = random.Random(1989)
    directors = [f"Director {n:05d}" for n in range(films // 20)]
    rows = []
    for n in range(films):
        f = base[n % len(base)]
        rows.append(FilmData(
            title=f.title if n < len(base) else f"{f.title} ({n // len(base) + 1})",
            year=f.year, genres=f.genres,
            state=rng.choice([PublicationState.DRAFT, PublicationState.PUBLISHED]),
            countries=(rng.choice(COUNTRIES),),
            credits=((rng.choice(directors), "director"),)))
    catalog = Catalog.create(path)
    try:
        catalog.imports.bulk_add(rows, label="Benchmark titles")
    finally:
        catalog.close()


def process_age() -> float:
    """Seconds since this process started, from /proc (clock-tick resolution)."""
    ticks = os.sysconf("SC_CLK_TCK")
    start = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / ticks
    return float(Path("/proc/uptime").read_text().split()[0]) - start


def measure(archive: Path, films: int) -> None:
    """Runs in a fresh process, so start-up is measured from the process's start."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # in the order `curator open` imports them: the desk (which loads the core first), then Qt
    from curator.gui.app import application  # isort: skip
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer

    settings = Path(tempfile.mkdtemp(prefix="curator-bench-settings-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings))
    from curator import collector
    from curator.catalog import Catalog
    from curator.gui.main_window import MainWindow

    app = application()
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(process_age())
            return False

    window = MainWindow(Catalog.open(archive), owns_catalog=True)
    window.started.connect(collector.freeze_startup)  # as the desk does
    view = window.list_pane.films_view
    watcher = FirstPaint()
    view.viewport().installEventFilter(watcher)
    window.resize(1440, 900)
    window.show()
    while not painted:
        app.processEvents()
    started_cpu = time.process_time()  # this process's CPU, every thread of it
    print(f"load average:              {os.getloadavg()[0]:7.2f} on {os.cpu_count()} cores, "
          f"Qt platform {app.platformName()}")
    print(f"first painted list:        {painted[0]:7.3f} s, {started_cpu:.3f} s CPU   "
          "(target 1.0 s)")

    pane = window.list_pane

    def timed(action) -> float:  # noqa: ANN001
        started = time.perf_counter()
        action()
        view.viewport().repaint()
        return (time.perf_counter() - started) * 1000

    def settle() -> None:
        """An archivist pauses between actions: the list reads its ids in the background,
        and whatever that sets off is done before the next action is timed."""
        pane.films.wait_for_ids()
        until = time.perf_counter() + 0.3
        while time.perf_counter() < until:
            idle(until)

    def idle(until: float) -> None:
        """Handle events as the desk's own loop does: asleep until one comes (spinning
        would take a core from the desk's threads and count as CPU time)."""
        wake = QTimer(singleShot=True)
        wake.start(max(1, int((until - time.perf_counter()) * 1000)))
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        wake.stop()

    # A keystroke as a person types it: a key event on the search field, then the desk's
    # own search delay, the query and the list painted again with the result.
    from PySide6.QtTest import QTest

    from curator.gui.panes.list_pane import SEARCH_DELAY_MS

    repainted: list[float] = []
    reset = []
    model = view.model()
    model.modelReset.connect(lambda: reset.append(True))
    model.layoutChanged.connect(lambda: reset.append(True))

    class ResultPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and reset and not repainted:
                repainted.append(time.perf_counter())
            return False

    result_paint = ResultPaint()
    view.viewport().installEventFilter(result_paint)
    pane.empty.installEventFilter(result_paint)  # what shows when nothing matches
    pane.search.setFocus()

    cpu: list[float] = []  # each keystroke's CPU time, the threads it sets off included

    def keystroke(key: str) -> float:
        reset.clear(), repainted.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        if key == "clear":
            QTest.keyClick(pane.search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClick(pane.search, Qt.Key.Key_Backspace)
        else:
            QTest.keyClicks(pane.search, key)
        deadline = started + 5
        while not repainted and time.perf_counter() < deadline:
            idle(deadline)
        cpu.append((time.process_time() - started_cpu) * 1000)
        return (repainted[0] - started) * 1000 if repainted else float("inf")

    typed = ["f", "r", "i", "e", "n", "d", "s", "clear", "r", "o", "c", "k", "clear",
             "mykkanen", "clear", "ussr", "clear"]
    keystrokes = []
    for key in typed:
        keystrokes.append(keystroke(key) - SEARCH_DELAY_MS)
        settle()
    print(f"keystroke to painted list: {max(keystrokes):7.1f} ms worst, "
          f"{sorted(keystrokes)[len(keystrokes) // 2]:.1f} ms median after the "
          f"{SEARCH_DELAY_MS} ms search delay, from the key event   (target 60 ms)")
    print("    " + ", ".join(f"{t}: {ms:.0f}" for t, ms in zip(typed, keystrokes, strict=True)))
    print("    CPU ms: " + ", ".join(f"{t}: {ms:.0f}" for t, ms in zip(typed, cpu, strict=True))
          + f"   (the first key is typed as the list first paints; load now "
          f"{os.getloadavg()[0]:.2f})")
    view.viewport().removeEventFilter(result_paint)
    pane.empty.removeEventFilter(result_paint)

    sorts = {}
    for column, spec in enumerate(pane.films.columns):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            ms = timed(lambda c=column, o=order: view.sortByColumn(c, o))
            sorts[spec.title] = max(ms, sorts.get(spec.title, 0.0))
            settle()
    worst = max(sorts, key=sorts.get)
    print(f"sorting by any column:     {sorts[worst]:7.1f} ms worst ({worst})   (target 200 ms)")
    for title, ms in sorts.items():
        print(f"    {title:<22} {ms:7.1f} ms")

    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    settle()
    bar = view.verticalScrollBar()
    pauses = []
    value = 0
    while value < bar.maximum():
        value = min(value + bar.pageStep(), bar.maximum())
        pauses.append(timed(lambda v=value: bar.setValue(v)))
    slow = sum(1 for p in pauses if p > 50)
    print(f"scrolling top to bottom:   {max(pauses):7.1f} ms longest pause over "
          f"{len(pauses):,} pages, {slow} over 50 ms, median "
          f"{sorted(pauses)[len(pauses) // 2]:.1f} ms   (target 50 ms)")

    rss = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text()
               .splitlines() if line.startswith("VmRSS:")) / 1024
    print(f"resident memory:           {rss:7.0f} MB   (target 300 MB)")
    median_key = sorted(keystrokes)[len(keystrokes) // 2]
    report(f"desk on {films:,} films, {app.platformName()}, from the key event (bench_main_window)",
           f"first paint {painted[0]:.2f} s (CPU {started_cpu:.2f} s); keystroke "
           f"{max(keystrokes):.0f} ms worst, {median_key:.0f} ms median, the first (typed as "
           f"the list paints) {keystrokes[0]:.0f} ms",
           target="≤ 1.0 s; ≤ 60 ms", met=painted[0] <= 1.0 and max(keystrokes) <= 60)
    report(f"desk on {films:,} films: sorting, scrolling, memory (bench_main_window)",
           f"sort {sorts[worst]:.0f} ms worst ({worst}); scroll {max(pauses):.0f} ms longest "
           f"pause; {rss:.0f} MB resident",
           target="≤ 200 ms; ≤ 50 ms; ≤ 300 MB",
           met=sorts[worst] <= 200 and max(pauses) <= 50 and rss <= 300)
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--films", type=int, default=100_000)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.films)
        return 0
    archive = Path(tempfile.gettempdir()) / f"curator-bench-{args.films}.curator"
    if not archive.exists():
        started = time.perf_counter()
        build_archive(archive, args.films)
        print(f"built {args.films:,} films in {time.perf_counter() - started:.1f} s: {archive}")
    else:  # kept from an earlier run: brought up to this Curator's schema before the desk
        from curator.catalog import Catalog  # opens it, so the figure is not a migration's

        Catalog.open(archive).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.call([sys.executable, __file__, "--measure", str(archive),
                            "--films", str(args.films)], env=env)


if __name__ == "__main__":
    sys.exit(main())
