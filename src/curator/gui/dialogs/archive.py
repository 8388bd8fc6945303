"""Choosing an archive folder to open, or a place for a new one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

SUFFIX = ".curator"


def default_folder() -> Path:
    return Path.home() / "Curator"


def choose_new_archive(parent: QWidget) -> Path | None:
    """Where to create a new archive; the folder gets the .curator ending."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "New Archive", str(default_folder() / f"Archive{SUFFIX}"),
        f"Curator archives (*{SUFFIX})")
    if not name:
        return None
    path = Path(name)
    return path if path.suffix == SUFFIX else path.with_name(path.name + SUFFIX)


def choose_archive(parent: QWidget) -> Path | None:
    """An existing archive folder."""
    name = QFileDialog.getExistingDirectory(parent, "Open Archive", str(default_folder()))
    return Path(name) if name else None


def choose_team_file(parent: QWidget) -> Path | None:
    """A team's connection file (NAME.curator-team: a server's address, no password)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open Team Catalogue", str(default_folder()),
        "Team catalogues (*.curator-team)")
    return Path(name) if name else None
