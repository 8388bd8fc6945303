"""Builds the one-folder desktop bundle with PyInstaller, then starts it to check it.

    .venv/bin/python scripts/build_bundle.py          (make bundle does this)

Writes dist/Curator/ (dist/Curator.app on macOS), prints the build time and the
bundle's size, then runs the bundle's own smoke test offscreen: it builds the demo
archive from the data inside the bundle, searches it and draws with Qt, and quits.
Works on Linux, Windows and macOS; see docs/packaging.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"


def bundle_program() -> Path:
    """The bundle's command-line program, which runs the smoke test."""
    if sys.platform == "darwin":
        return DIST / "Curator.app" / "Contents" / "MacOS" / "curator-cli"
    if sys.platform == "win32":
        return DIST / "Curator" / "curator-cli.exe"
    return DIST / "Curator" / "curator"


def folder_size(folder: Path) -> tuple[int, int]:
    files = [f for f in folder.rglob("*") if f.is_file() and not f.is_symlink()]
    return sum(f.stat().st_size for f in files), len(files)


def main() -> int:
    started = time.perf_counter()
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(WORK),
         str(ROOT / "packaging" / "curator.spec")],
        cwd=ROOT)
    if build.returncode != 0:
        print("The bundle was not built; PyInstaller's messages above say why.", file=sys.stderr)
        return build.returncode
    built = time.perf_counter() - started
    folder = DIST / ("Curator.app" if sys.platform == "darwin" else "Curator")
    size, count = folder_size(folder)
    print(f"Built {folder} in {built:.0f} s: {size / 1e6:.1f} MB in {count:,} files")

    env = {**os.environ, "CURATOR_SMOKE_TEST": "1", "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)  # the bundle must stand on its own
    smoke = subprocess.run([str(bundle_program())], env=env, cwd=DIST, timeout=300)
    if smoke.returncode != 0:
        print("The bundle does not start properly; see its messages above.", file=sys.stderr)
        return 1
    # The window itself: open the demo archive offscreen, draw it, quit by itself.
    env.pop("CURATOR_SMOKE_TEST")
    with tempfile.TemporaryDirectory() as tmp:
        archive, picture = Path(tmp) / "Demo.curator", Path(tmp) / "window.png"
        for args in (["demo", str(archive)], ["open", str(archive), "--screenshot", str(picture)]):
            step = subprocess.run([str(bundle_program()), *args], env=env, cwd=DIST, timeout=300,
                                  capture_output=True, text=True)
            if step.returncode != 0:
                print(step.stdout, step.stderr, sep="\n", file=sys.stderr)
                print(f"The bundle failed at `{' '.join(args[:1])}`.", file=sys.stderr)
                return 1
        if not picture.is_file() or picture.stat().st_size < 10_000:
            print("The bundle's window drew nothing.", file=sys.stderr)
            return 1
    print(f"The bundle opened the demo archive in its window and quit by itself ({picture.name}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
