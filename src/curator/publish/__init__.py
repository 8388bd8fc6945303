"""The web-archive exporter: the catalogue's published records as a static site.

`export_site(catalog, outdir, selection)` writes it (incrementally, atomically);
`check_archive(catalog)` lists what would make a poor page. No Qt here.
"""

from curator.publish.check import Problem, check_archive
from curator.publish.export import ExportResult, export_site
from curator.publish.media import ImageFile, StillFiles, archive_derivatives, no_derivatives
from curator.publish.selection import Selection, SelectionError, parse_selection
from curator.publish.writer import ExportError

__all__ = [
    "ExportError", "ExportResult", "ImageFile", "Problem", "Selection", "SelectionError",
    "StillFiles", "archive_derivatives", "check_archive", "export_site", "no_derivatives",
    "parse_selection",
]  # fmt: skip
