"""Starting the desk: the demo archive built on first run, then the last archive reopened."""

from __future__ import annotations

from pathlib import Path

from curator.cli import build_parser
from curator.gui import app


def test_first_run_builds_the_demo_then_remembers_it(tmp_path: Path, monkeypatch,  # noqa: ANN001
                                                     qtbot) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert app.last_archive() is None
    runner = app.TaskRunner()
    dialog = app.build_demo_then_open(app.demo_path(), runner)
    qtbot.waitUntil(lambda: bool(app._windows), timeout=30_000)
    window = app._windows[-1]
    try:
        assert window.catalog.counts()["films"] == 9068
        assert window.list_pane.films.total == 9068
        assert app.last_archive() == app.demo_path().resolve()
        assert app.recent_archives() == [app.demo_path().resolve()]
    finally:
        window.close()
        dialog.close()
        runner.wait()


def test_curator_with_an_archive_or_nothing_means_open() -> None:
    parser = build_parser()
    args = parser.parse_args(["open", "Demo.curator"])
    assert args.archive == Path("Demo.curator") and args.handler.__name__ == "cmd_open"
    assert parser.parse_args(["open"]).archive is None


def test_curator_archive_opens_the_window(demo_catalog, tmp_path: Path) -> None:  # noqa: ANN001
    from PySide6.QtGui import QImage

    from curator.cli import main

    picture = tmp_path / "desk.png"
    folder = demo_catalog.archive.folder
    assert main([str(folder), "--screenshot", str(picture)]) == 0  # no verb: `open`
    image = QImage(str(picture))
    assert (image.width(), image.height()) == (1440, 900)
    assert app.last_archive() == folder.resolve()


def test_the_desk_loads_the_core_before_qt():
    """PySide6 reads the source of every module imported after it: the desk's start loads
    SQLAlchemy, the models and the catalogue first (gui/__init__.py)."""
    import subprocess
    import sys

    listing = subprocess.run(
        [sys.executable, "-c", "import sys, curator.gui.app; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, timeout=120, check=True).stdout.split()
    first_qt = listing.index("PySide6")
    for core in ("sqlalchemy", "curator.model.entities", "curator.catalog.facade",
                 "curator.stills.importing", "PIL"):
        assert listing.index(core) < first_qt, core
