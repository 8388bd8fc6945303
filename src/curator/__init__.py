"""Curator: a desktop catalogue for film-festival archives."""

import re
from pathlib import Path

# `name = "..."` and `version = "..."` in pyproject.toml's [project] table, as Curator's
# own pyproject writes them: read without a TOML parser, which costs every command's start
_PROJECT = re.compile(r"^\[project\]\s*$(.*?)(?=^\[|\Z)", re.M | re.S)
_KEY = re.compile(r'^(name|version)\s*=\s*"([^"\\]*)"\s*$', re.M)


def _version() -> str:
    """The one version number, written in pyproject.toml.

    A checkout reads it there, so a changed number shows at once even when an older
    install of the package sits in the environment; an installed wheel or the desktop
    bundle reads it from the package metadata that the build wrote from the same file.
    """
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        table = _PROJECT.search(pyproject.read_text(encoding="utf-8"))
        project = dict(_KEY.findall(table.group(1))) if table else {}
        if project.get("name") == "curator" and project.get("version"):
            return project["version"]
    except (OSError, UnicodeDecodeError):
        pass
    from importlib import metadata  # only an installed copy needs it (and it is slow to load)

    try:
        return metadata.version("curator")
    except metadata.PackageNotFoundError:
        return "0+unknown"


__version__ = _version()


class CuratorError(Exception):
    """An error the user can act on; its message is one plain sentence."""


def resources_dir() -> Path:
    """The folder of icons, templates, site assets and demo data."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    raise CuratorError("Curator's resources folder is missing; reinstall Curator.")
