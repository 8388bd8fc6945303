"""Film pages into the catalogue: the page's film, its See-also films, linked, one undo step.

A page that needed attention (no title shown, a missing line, a cut-off text)
imports as a draft with an internal note saying what was missing, so it shows
among the films needing attention; a complete page imports as published, as
it was on the site. See-also films known only from the list come in as drafts,
in the page's order, those without a title too; their synopsis is the list's
teaser, and their note says so. A page whose title could not be found comes in
as "Untitled (archive film 20447)", with the archive's id kept as an external id
(scheme `archive-film`), counted apart in the summary.
"""

from __future__ import annotations

from pathlib import Path

from curator.catalog import Catalog, FilmData, FilmImport, ImportResult, ScreeningRef
from curator.interchange.pages import FilmPage, SeeAlso, read_page
from curator.interchange.values import parse_runtime
from curator.model import Colour
from curator.model.enums import PublicationState

COLOURS = set(Colour)
ARCHIVE_ID_SCHEME = "archive-film"  # the old web archive's own number of a film
TEASER_NOTE = "Synopsis from a See also teaser, cut short"


def split_names(text: str) -> list[str]:
    return [n.strip() for n in text.split(",") if n.strip()]


def page_imports(page: FilmPage) -> list[FilmImport]:
    """The page's film (first) and its See-also films, linked in the page's order."""
    notes = list(page.problems)
    untitled = len(page.untitled_see_also)
    if untitled:
        notes.append(f"The See also list names {untitled} film{'s' * (untitled != 1)} "
                     "without their titles; they are imported as untitled drafts.")
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
        alt_titles=tuple(dict.fromkeys(
            [*page.alt_titles, *([page.printed_title] if page.printed_title else [])])),
        external_ids=((ARCHIVE_ID_SCHEME, page.archive_id),) if page.archive_id else (),
        countries=tuple(page.countries), runtime=runtime,
        format=details.get("format", ""), colour=colour if colour in COLOURS else "",
        languages=tuple(split_names(details.get("languages", ""))),
        genres=tuple(split_names(details.get("genres", ""))),
        synopsis="\n\n".join(page.synopsis), quotes=tuple(page.quotes),
        credits=tuple((d, "director") for d in page.directors) + tuple(page.credits),
        notes=("Imported from the archive page " + page.source + ". " + " ".join(notes)).strip()
        if notes else "",
        state=(PublicationState.DRAFT if page.needs_attention or page.untitled_see_also
               else PublicationState.PUBLISHED),
    ), page.source, screenings=screenings, quote_sources=tuple(page.quote_sources),
       untitled=page.untitled)
    related = [_see_also_import(page, n, entry)
               for n, entry in enumerate(page.see_also, start=1)]
    main.related = tuple(range(1, len(related) + 1))
    return [main, *related]


def _see_also_import(page: FilmPage, n: int, entry: SeeAlso) -> FilmImport:
    of = f"archive film {page.archive_id}" if page.untitled and page.archive_id \
        else page.title
    title = entry.title or f"Untitled (See also {n} of {of})"
    notes = [f"Known only from the See also list of {page.title} ({page.source})."]
    if entry.teaser:
        notes.append(f"{TEASER_NOTE}.")
    if not entry.title:
        notes.append("The page gives no title for this film; find it and name it.")
    where = f"\u201c{entry.title}\u201d" if entry.title else f"{n} (no title)"
    return FilmImport(FilmData(
        title=title, year=entry.year, countries=tuple(entry.countries),
        alt_titles=(entry.printed_title,) if entry.printed_title else (),
        synopsis=entry.teaser, state=PublicationState.DRAFT, notes=" ".join(notes),
    ), f"{page.source}, See also {where}", existing="skip", untitled=not entry.title)


def import_pages(catalog: Catalog, paths: list[Path], *, existing: str = "skip",
                 dry_run: bool = False) -> tuple[ImportResult, list[FilmPage]]:
    """Import film pages, each with everything it holds (an untitled film is counted apart)."""
    items: list[FilmImport] = []
    pages: list[FilmPage] = []
    for path in paths:
        page = read_page(path)
        pages.append(page)
        found = page_imports(page)
        offset = len(items)
        found[0].related = tuple(offset + i for i in found[0].related)
        items.extend(found)
    label = f"Import {paths[0].name}" if len(paths) == 1 else f"Import {len(paths)} pages"
    result = catalog.imports.run(items, existing=existing, dry_run=dry_run, label=label)
    return result, pages
