"""A desk that dies leaves a crash log; the next start says so, once, without blocking."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from curator.gui import crash_log


def test_a_crash_is_logged_and_the_next_start_says_so(qtbot, demo_archive: Path,
                                                      tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    archive = tmp_path / "Demo.curator"
    shutil.copytree(demo_archive, archive)
    data, config = tmp_path / "data", tmp_path / "config"
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_CONFIG_HOME": str(config),
           "QT_QPA_PLATFORM": "offscreen", crash_log.CRASH_FOR_TEST: "1"}
    died = subprocess.run([sys.executable, "-m", "curator", "open", str(archive)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert died.returncode == -signal.SIGSEGV, died.stderr
    logs = list(data.rglob("running-*.log"))
    assert len(logs) == 1
    assert "Segmentation fault" in logs[0].read_text()

    # the next start, in this process: the same calls `curator open` makes
    from curator.gui.app import open_archive_window

    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    said = crash_log.begin()
    try:
        assert crash_log.folder() == logs[0].parent
        reports = list(crash_log.folder().glob("crash-*.log"))
        assert len(reports) == 1 and "Segmentation fault" in reports[0].read_text()
        window = open_archive_window(archive)  # closing deletes it
        box = window.findChild(QMessageBox, "crashNotice")
        assert box is not None and box.isVisible() and not box.isModal()
        assert str(reports[0]) in box.text() and "No saved edit was lost" in box.text()
        assert said is not None and window.statusBar().currentMessage() == said
        box.close()
        window.close()
    finally:
        crash_log.end()  # a clean exit
    assert list(crash_log.folder().glob("running-*.log")) == []
    assert crash_log.begin() is None  # a clean exit leaves nothing to tell
    crash_log.end()
