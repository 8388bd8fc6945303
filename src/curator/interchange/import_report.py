"""The import report: one line per row or page of the file, saying what became of it.

`curator import --report FILE.csv` and the import dialog's Save Report… both write it,
after an import or a dry run, through the one spreadsheet writer (`files.write_csv`).
"""

from __future__ import annotations

import os

from curator.catalog import ImportResult
from curator.interchange.files import write_csv

HEADER = ["Row", "Outcome", "Film id", "Reason"]
# the archivist's words for each outcome
OUTCOMES = {"new": "new", "updated": "updated", "unchanged": "skipped (already in the archive)",
            "repeat": "skipped as a repeat", "error": "error", "untitled": "new, untitled"}


def report_rows(result: ImportResult) -> list[list[object]]:
    """Every row or page the import read, in the file's order."""
    return [[o.source, OUTCOMES.get(o.outcome, o.outcome),
             "" if o.film_id is None else o.film_id, o.reason] for o in result.outcomes]


def write_report(result: ImportResult, path: str | os.PathLike[str]) -> int:
    """Write the report as a spreadsheet; returns the number of rows written."""
    return write_csv(path, HEADER, report_rows(result))
