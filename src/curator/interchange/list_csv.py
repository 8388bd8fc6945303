"""A retrospective list as a spreadsheet, for colleagues who live in spreadsheets."""

from __future__ import annotations

import os

from curator.catalog import Catalog
from curator.interchange.files import write_csv

COLUMNS = ["Position", "Film id", "Title", "Original title", "Year", "Countries", "Directors",
           "Runtime (min)", "Note"]


def list_rows(catalog: Catalog, collection_id: int) -> list[list[str]]:
    collection = catalog.lists.get(collection_id)
    films = {f.id: f for f in catalog.films.get_many([i.film_id for i in collection.items])}
    rows = []
    for n, item in enumerate(collection.items, start=1):
        film = films[item.film_id]
        rows.append([str(n), str(film.id), film.title, film.original_title,
                     str(film.year or ""), " / ".join(film.countries), ", ".join(film.directors),
                     str(film.runtime or ""), item.note])
    return rows


def write_list_csv(catalog: Catalog, collection_id: int, path: str | os.PathLike[str]) -> int:
    """Write the list to path as a spreadsheet (see interchange/files.py: whole or not at
    all, no cell a spreadsheet program would run). Returns the number of films written."""
    return write_csv(path, COLUMNS, list_rows(catalog, collection_id))
