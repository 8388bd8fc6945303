"""A catalogue file into an archive that already holds records: its films, matched and merged.

Films keep their parts, credits (by name), screenings (by festival, year and
section), quotes, ids in other databases and See-also links, and are matched
like a spreadsheet's rows. The file's own ids, its awards, lists and stills, its
past addresses, merged films' ids and pairs said not to be one, and people's other
details are restored only into an empty archive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curator.catalog import Catalog, FilmData, FilmImport, ImportResult, ScreeningRef
from curator.interchange.catalogue_file import catalogue_tables, list_of, load_catalogue
from curator.model.enums import PublicationState


def catalogue_imports(document: dict[str, Any]) -> list[FilmImport]:
    """A catalogue file's films as imports (see the module docstring)."""
    catalogue_tables(document)  # every reference checked first
    names = {p["id"]: p["name"] for p in list_of(document, "people")}
    editions: dict[int, tuple[str, int]] = {}
    sections: dict[int, str] = {}
    for f in list_of(document, "festivals"):
        for e in list_of(f, "editions"):
            editions[e["id"]] = (f.get("short_name") or f["name"], e["year"])
            for s in list_of(e, "sections"):
                sections[s["id"]] = s["name"]
    films = list_of(document, "films")
    index = {f["id"]: n for n, f in enumerate(films)}
    items = []
    for n, f in enumerate(films):
        quotes = list_of(f, "quotes")
        items.append(FilmImport(FilmData(
            title=f["title"], original_title=f.get("original_title", ""),
            sort_title=f.get("sort_title") or None, year=f.get("year"),
            runtime=f.get("runtime"), kind=f.get("kind", ""), format=f.get("format", ""),
            colour=f.get("colour", ""), synopsis=f.get("synopsis", ""),
            notes=f.get("notes", ""), state=f.get("state", PublicationState.DRAFT),
            countries=tuple(list_of(f, "countries")), languages=tuple(list_of(f, "languages")),
            genres=tuple(list_of(f, "genres")),
            alt_titles=tuple(a["title"] for a in list_of(f, "alt_titles")),
            credits=tuple((names[c["person"]], c["role"]) for c in list_of(f, "credits")),
            quotes=tuple((q["text"], q.get("attribution", "")) for q in quotes),
            external_ids=tuple((e["scheme"], e["value"]) for e in list_of(f, "external_ids")),
        ), f"films[{n}] (id {f['id']})",
            screenings=tuple(ScreeningRef(*editions[s["edition"]],
                                          sections.get(s.get("section"), ""),
                                          s.get("premiere", ""))
                             for s in list_of(f, "screenings")),
            related=tuple(index[r["film"]] for r in list_of(f, "related")),
            quote_sources=tuple(q.get("source", "") for q in quotes)))
    return items


def merge_catalogue(catalog: Catalog, path: Path | str, *, existing: str = "skip",
                    dry_run: bool = False) -> ImportResult:
    """Import a catalogue file's films into an archive that already holds records."""
    document, _tables = load_catalogue(path)
    items = catalogue_imports(document)
    return catalog.imports.run(items, existing=existing, dry_run=dry_run,
                                label=f"Import {Path(path).name}")
