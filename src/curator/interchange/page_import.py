"""Film pages into the catalogue: the page's film, its See-also films, linked, one undo step.

A page that needed attention (no title shown, a missing line, a cut-off text)
imports as a draft with an internal note saying what was missing, so it shows
among the films needing attention; a complete page imports as published, as
it was on the site. See-also films known only from the list come in as drafts.
"""

from __future__ import annotations

from pathlib import Path

from curator.catalog import Catalog, FilmData, FilmImport, ImportResult, ScreeningRef
from curator.interchange.pages import FilmPage, read_page
from curator.interchange.values import parse_runtime
from curator.model import Colour
from curator.model.enums import PublicationState

COLOURS = set(Colour)


def split_names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def page_imports(page: FilmPage) -> list[FilmImport]:
    """The page's film (first) and its See-also films, linked; empty if it has no title."""
    if not page.title:
        return []
    notes = list(page.problems)
    if page.untitled_see_also:
        notes.append("The See also list names films without their titles: " + " | ".join(
            f"\u201c{t}\u201d" for t in page.untitled_see_also))
    screenings = tuple(ScreeningRef(name, year, section)
                       for name, year, section in dict.fromkeys(page.appearances))
    details = page.details
    runtime = None
    if details.get("runtime"):
        try:
            runtime = parse_runtime(details["runtime"])
        except ValueError:
            notes.append(f"The runtime \u201c{details['runtime']}\u201d could not be read.")
    colour = details.get("colour", "").casefold().replace(" ", "-")
    main = FilmImport(FilmData(
        title=page.title, original_title=page.original_title, year=page.year,
        alt_titles=tuple(page.alt_titles), countries=tuple(page.countries), runtime=runtime,
        format=details.get("format", ""), colour=colour if colour in COLOURS else "",
        languages=tuple(split_names(details.get("languages", ""))),
        genres=tuple(split_names(details.get("genres", ""))),
        synopsis="\n\n".join(page.synopsis), quotes=tuple(page.quotes),
        credits=tuple((d, "director") for d in page.directors) + tuple(page.credits),
        notes=("Imported from the archive page " + page.source + ". " + " ".join(notes)).strip()
        if notes else "",
        state=(PublicationState.DRAFT if page.needs_attention or page.untitled_see_also
               else PublicationState.PUBLISHED),
    ), page.source, screenings=screenings, quote_sources=tuple(page.quote_sources))
    related = []
    for entry in page.see_also:
        related.append(FilmImport(FilmData(
            title=entry.title, year=entry.year, countries=tuple(entry.countries),
            synopsis=entry.teaser, state=PublicationState.DRAFT,
            notes=f"Known only from the See also list of {page.title} ({page.source}); its "
                  "synopsis is the list's teaser, cut short.",
        ), f"{page.source}, See also \u201c{entry.title}\u201d", existing="skip"))
    main.related = tuple(range(1, len(related) + 1))
    return [main, *related]


def import_pages(catalog: Catalog, paths: list[Path], *, existing: str = "skip",
                 dry_run: bool = False) -> tuple[ImportResult, list[FilmPage]]:
    """Import film pages; a page without any title is reported, the others import."""
    items: list[FilmImport] = []
    pages: list[FilmPage] = []
    errors: list[tuple[str, str]] = []
    for path in paths:
        page = read_page(path)
        pages.append(page)
        found = page_imports(page)
        if not found:
            errors.append((page.source, "the page shows no title, and none could be found"))
            continue
        offset = len(items)
        found[0].related = tuple(offset + i for i in found[0].related)
        items.extend(found)
    label = f"Import {paths[0].name}" if len(paths) == 1 else f"Import {len(paths)} pages"
    result = catalog.import_films(items, existing=existing, dry_run=dry_run, label=label)
    result.errors = errors + result.errors
    return result, pages
