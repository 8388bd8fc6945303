"""Curator: a desktop catalogue for film-festival archives."""

from importlib import metadata as _metadata
from pathlib import Path

try:
    __version__ = _metadata.version("curator")
except _metadata.PackageNotFoundError:  # running from a checkout that is not installed
    __version__ = "0.0.0"


class CuratorError(Exception):
    """An error the user can act on; its message is one plain sentence."""


def resources_dir() -> Path:
    """The folder of icons, templates, site assets and demo data."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    raise CuratorError("Curator's resources folder is missing; reinstall Curator.")
