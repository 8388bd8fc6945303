"""The soak in CI: two fixed seeds of a person's steps, in a real X session (Xvfb, xcb)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "soak_desk.py"


def test_the_desk_survives_a_soak_in_a_real_x_session() -> None:
    if shutil.which("xvfb-run") is None or shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (scripts/setup.sh installs it)")
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, str(SCRIPT),
         "--seed", "1", "--seed", "2", "--steps", "1800"],
        capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "2 runs, 1800 steps: the desk survived them all" in done.stdout
