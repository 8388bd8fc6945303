"""The web-archive exporter: the catalogue's published records as a static site.

`export_site(catalog, outdir, selection)` writes it (incrementally, atomically);
`check_archive(catalog)` lists what would make a poor page. No Qt here.

The names below are loaded on first use, so that a light part of the package (the
selection's wording, which the command line's help shows) does not load Jinja2, the
catalogue and the image store with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Problem": "check", "check_archive": "check",
    "ExportResult": "export", "export_site": "export",
    "ImageFile": "media", "StillFiles": "media", "archive_derivatives": "media",
    "no_derivatives": "media",
    "Selection": "selection", "SelectionError": "selection", "parse_selection": "selection",
    "ExportError": "writer",
}  # fmt: skip

__all__ = [
    "ExportError", "ExportResult", "ImageFile", "Problem", "Selection", "SelectionError",
    "StillFiles", "archive_derivatives", "check_archive", "export_site", "no_derivatives",
    "parse_selection",
]  # fmt: skip

if TYPE_CHECKING:
    from curator.publish.check import Problem, check_archive
    from curator.publish.export import ExportResult, export_site
    from curator.publish.media import ImageFile, StillFiles, archive_derivatives, no_derivatives
    from curator.publish.selection import Selection, SelectionError, parse_selection
    from curator.publish.writer import ExportError


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'curator.publish' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"curator.publish.{home}"), name)
    globals()[name] = value
    return value
