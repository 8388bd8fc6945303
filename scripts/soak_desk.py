"""Soak the desk: thousands of a person's steps on the demo archive, in a real X session.

    python scripts/soak_desk.py --steps 50000          # random seeds, runs of --chunk steps
    python scripts/soak_desk.py --seed 7 --steps 2000  # one seed again, as a failure named it

Each run starts the desk on a fresh copy of the demo archive, under the xcb platform
(in an Xvfb of its own when no display is set), and lets scripts/soak_person.py drive
it with key and mouse events. A run passes when the process ends by itself with status
0 (no signal, no hang), printed no Python exception and no Qt warning about a deleted
or foreign object, and left an archive that passes `PRAGMA integrity_check`. The seed
of every failing run is printed with the command that plays it again; the exit status
is 1 if any run failed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECONDS_PER_STEP = 0.6  # far above what a step takes: past it, the desk is taken as hung


def scratch_folder() -> Path:
    # Memory-backed where there is one: the soak is about the desk, not the disk's fsyncs.
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    return Path(tempfile.mkdtemp(prefix="curator-soak-", dir=base))


def build_demo(folder: Path) -> Path:
    demo = folder / "Demo.curator"
    subprocess.run([sys.executable, "-m", "curator", "demo", str(demo)], check=True,
                   stdout=subprocess.DEVNULL)
    return demo


def integrity(archive: Path) -> str:
    with sqlite3.connect(archive / "archive.sqlite") as db:
        return ", ".join(row[0] for row in db.execute("PRAGMA integrity_check"))


def soak(demo: Path, folder: Path, seed: int, steps: int) -> tuple[bool, str, Path]:
    """One run; (passed, what happened, its log)."""
    run = folder / f"seed-{seed}"
    shutil.rmtree(run, ignore_errors=True)
    archive = run / "Demo.curator"
    shutil.copytree(demo, archive)
    log = run / "desk.log"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "XDG_DATA_HOME": str(run / "data"),
           "XDG_CONFIG_HOME": str(run / "config")}
    command = [sys.executable, str(HERE / "soak_person.py"), str(archive), "--seed",
               str(seed), "--steps", str(steps), "--settings", str(run / "settings")]
    with log.open("w") as out:
        try:
            done = subprocess.run(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=30 + steps * SECONDS_PER_STEP)
        except subprocess.TimeoutExpired:
            return False, "hung: no end in sight (a dialog left open?)", log
    text = log.read_text(errors="replace")
    if done.returncode < 0:
        return False, f"died of {signal.Signals(-done.returncode).name}", log
    if "SOAK-FAIL" in text or done.returncode != 0:
        first = text[text.find("SOAK-FAIL"):].splitlines()[:3] if "SOAK-FAIL" in text else []
        return False, f"exit status {done.returncode}: " + " / ".join(first), log
    if "SOAK-DONE" not in text:
        return False, "ended without finishing its steps", log
    checked = integrity(archive)
    if checked != "ok":
        return False, f"archive damaged: {checked}", log
    return True, "ok", log


def main() -> int:
    parser = argparse.ArgumentParser(description="Soak the desk in a real X session.")
    parser.add_argument("--steps", type=int, default=2000, help="steps in all")
    parser.add_argument("--seed", type=int, action="append",
                        help="play these seeds (the steps shared among them)")
    parser.add_argument("--chunk", type=int, default=2000,
                        help="steps of one run with a random seed")
    parser.add_argument("--keep", action="store_true", help="keep the runs' folders")
    args = parser.parse_args()

    if not os.environ.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            print("soak_desk: no DISPLAY and no xvfb-run: install xvfb "
                  "(scripts/setup.sh does).", file=sys.stderr)
            return 2
        return subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
                               sys.executable, *sys.argv]).returncode

    if args.seed:
        share = -(-args.steps // len(args.seed))
        plan = [(seed, share) for seed in args.seed]
    else:
        plan, left = [], args.steps
        while left > 0:
            plan.append((random.randrange(1, 10**9), min(args.chunk, left)))
            left -= plan[-1][1]
    folder = scratch_folder()
    failed: list[tuple[int, int]] = []
    try:
        demo = build_demo(folder)
        for seed, steps in plan:
            started = time.monotonic()
            passed, what, log = soak(demo, folder, seed, steps)
            print(f"seed {seed}: {steps} steps, {what} ({time.monotonic() - started:.0f} s)",
                  flush=True)
            if not passed:
                failed.append((seed, steps))
                kept = Path(tempfile.gettempdir()) / f"curator-soak-{seed}.log"
                shutil.copy(log, kept)
                print(f"  its log: {kept}\n  again: python scripts/soak_desk.py --seed {seed} "
                      f"--steps {steps}", flush=True)
                print("  " + "\n  ".join(log.read_text(errors="replace").splitlines()[-25:]))
    finally:
        if args.keep:
            print(f"runs kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    total = sum(steps for _seed, steps in plan)
    if failed:
        print(f"{len(failed)} of {len(plan)} runs failed: seeds "
              + ", ".join(str(s) for s, _ in failed))
        return 1
    print(f"{len(plan)} runs, {total} steps: the desk survived them all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
