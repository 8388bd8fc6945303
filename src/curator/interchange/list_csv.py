"""A retrospective list as a spreadsheet, for colleagues who live in spreadsheets."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from curator.catalog import Catalog

COLUMNS = ["Position", "Film id", "Title", "Original title", "Year", "Countries", "Directors",
           "Runtime (min)", "Note"]


def list_rows(catalog: Catalog, collection_id: int) -> list[list[str]]:
    collection = catalog.get_collection(collection_id)
    films = {f.id: f for f in catalog.get_films([i.film_id for i in collection.items])}
    rows = []
    for n, item in enumerate(collection.items, start=1):
        film = films[item.film_id]
        rows.append([str(n), str(film.id), film.title, film.original_title,
                     str(film.year or ""), " / ".join(film.countries), ", ".join(film.directors),
                     str(film.runtime or ""), item.note])
    return rows


def write_list_csv(catalog: Catalog, collection_id: int, path: str | os.PathLike[str]) -> int:
    """Write the list to path (UTF-8 with a BOM, so spreadsheets read the accents).

    Written to a temporary file first: a failure leaves any earlier file intact.
    Returns the number of films written.
    """
    rows = list_rows(catalog, collection_id)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".curator-", suffix=".csv", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows(rows)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(rows)
