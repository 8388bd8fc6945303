"""Spreadsheet rows as films to import, and the spreadsheet import as one operation.

Each row goes through the catalogue conventions (inverted articles, titles in
brackets, several values per cell, approximate years, runtimes in any notation);
a row whose values cannot be read is reported with its row number and the
reason, and the other rows import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from curator.catalog import Catalog, FilmData, FilmImport, ImportResult, ScreeningRef
from curator.catalog.importing import RowOutcome
from curator.catalog.matching import fold, title_keys
from curator.interchange.mapping import MULTI_VALUED, ROLES, apply_overrides, guess_mapping
from curator.interchange.spreadsheet import Spreadsheet, read_spreadsheet
from curator.interchange.titles import ParsedTitle, parse_title, whole_title
from curator.interchange.values import (
    imdb_id,
    parse_runtime,
    parse_year,
    split_countries,
    split_values,
    wikidata_id,
)
from curator.model import FilmKind
from curator.model.enums import PublicationState

_FESTIVAL_YEAR = re.compile(r"^(?P<name>.*?)[\s,]+(?P<year>\d{4})$")
_NO_GENRE = {"(no genres listed)", "n/a", "-"}
KINDS = {k.value: k.value for k in FilmKind} | {
    "feature film": "feature", "features": "feature", "short film": "short", "shorts": "short",
    "doc": "documentary", "documentaries": "documentary", "animated": "animation",
    "animated film": "animation", "tv series": "series",
}  # fmt: skip
STATES = {s.value: s.value for s in PublicationState} | {
    "public": PublicationState.PUBLISHED, "online": PublicationState.PUBLISHED}


class RowError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class _Layout:
    """Which cell of a row holds each field of a film (None: no column does).

    Made once per sheet from its mapping, so that each of its 100,000 rows is read by
    position, with no dict of cells per row and no look-up by field name."""

    title: int | None = None
    original_title: int | None = None
    alt_titles: int | None = None
    year: int | None = None
    runtime: int | None = None
    synopsis: int | None = None
    genres: int | None = None
    languages: int | None = None
    countries: int | None = None
    kind: int | None = None
    format: int | None = None
    colour: int | None = None
    notes: int | None = None
    state: int | None = None
    imdb_id: int | None = None
    wikidata_id: int | None = None
    movielens_id: int | None = None
    festival: int | None = None
    festival_year: int | None = None
    section: int | None = None
    premiere: int | None = None
    directors: int | None = None
    cast: int | None = None
    producers: int | None = None
    screenwriters: int | None = None
    cinematographers: int | None = None
    editors: int | None = None
    composers: int | None = None
    credits: tuple[tuple[int, str], ...] = ()  # (cell, role), in the order of ROLES
    screened: bool = False  # a festival or a section column: the row may name a screening


RowCells = Callable[[list[str]], list[str]]


def _layout(mapping: list[str]) -> tuple[_Layout, RowCells | None]:
    """Where each mapped field is in a row, and, where two columns feed one field, how a
    row is gathered first into one cell per field (None: every field has one column)."""
    columns: dict[str, list[int]] = {}
    for i, name in enumerate(mapping):
        if name in MULTI_VALUED:
            columns.setdefault(name, []).append(i)
        elif name:
            columns[name] = [i]  # a field of one value: the last of its columns gives it
    if all(len(found) == 1 for found in columns.values()):
        return _placed({name: found[0] for name, found in columns.items()}), None
    fields = list(columns.items())

    def gather(row: list[str]) -> list[str]:
        return [row[found[0]] if len(found) == 1 else _joined(name, [row[i] for i in found])
                for name, found in fields]
    return _placed({name: n for n, (name, _found) in enumerate(fields)}), gather


def _placed(at: dict[str, int]) -> _Layout:
    credits = tuple((at[name], role) for name, role in ROLES.items() if name in at)
    return _Layout(**at, credits=credits, screened="festival" in at or "section" in at)


def _joined(name: str, cells: list[str]) -> str:
    """The cells of two or more columns of one field, as one cell: notes joined by a space;
    a list's values by `;`, where split_values and split_countries split. Each cell is
    stripped first, so no `x / ` at the end of one cell reads as a ` / ` between two."""
    if name == "notes":
        return " ".join(text for cell in cells if (text := cell.strip()))
    return ";".join(cell.strip() for cell in cells)


def film_from_row(cells: list[str], at: _Layout, source: str,
                  title: ParsedTitle | None = None) -> FilmImport:
    """One row's cells (placed as `at` says) as a film.

    `title` overrides how the row's title is read (the whole printed title, say).
    Only the fields the sheet has are looked at: a row is read 100,000 times over."""
    raw_title = cells[at.title].strip() if at.title is not None else ""
    if not raw_title:
        raise RowError("it has no title")
    parsed = title or parse_title(raw_title)
    original = cells[at.original_title].strip() if at.original_title is not None else ""
    alt_titles = parsed.alt_titles
    if original and parsed.original_title and parsed.original_title != original:
        alt_titles = [parsed.original_title, *alt_titles]
    if at.alt_titles is not None:
        alt_titles = [*alt_titles, *split_values(cells[at.alt_titles])]
    try:  # parse_year and parse_runtime strip the text themselves
        year, year_note = parse_year(cells[at.year]) if at.year is not None else (None, "")
        runtime = parse_runtime(cells[at.runtime]) if at.runtime is not None else None
        ids = [("imdb", imdb_id(v)) for v in split_values(cells[at.imdb_id])] \
            if at.imdb_id is not None else []
        if at.wikidata_id is not None:
            ids += [("wikidata", wikidata_id(v)) for v in split_values(cells[at.wikidata_id])]
    except ValueError as exc:
        raise RowError(str(exc)) from None
    if at.movielens_id is not None:
        ids += [("movielens", v) for v in split_values(cells[at.movielens_id])]
    notes = year_note
    if at.notes is not None and (note := cells[at.notes].strip()):
        notes = f"{note}\n\n{year_note}" if year_note else note
    kind = state = ""
    if at.kind is not None:
        kind = cells[at.kind].strip().casefold()
        kind = KINDS.get(kind, kind)
    if at.state is not None:
        state = cells[at.state].strip().casefold()
        state = STATES.get(state, state)
    credits = tuple((name, role) for i, role in at.credits for name in split_values(cells[i])) \
        if at.credits else ()
    genres = split_values(cells[at.genres]) if at.genres is not None else []
    # a genre of letters alone is never "(no genres listed)", "n/a" or "-"
    if genres and not all(map(str.isalpha, genres)) and \
            any(g.casefold() in _NO_GENRE for g in genres):
        genres = [g for g in genres if g.casefold() not in _NO_GENRE]
    # by position, in FilmData's order: keywords cost a tenth of this function's time
    film = FilmData(
        parsed.title, original or parsed.original_title, parsed.sort_title, year, runtime,
        kind, cells[at.format].strip() if at.format is not None else "",
        cells[at.colour].strip() if at.colour is not None else "",
        cells[at.synopsis].strip() if at.synopsis is not None else "",
        notes, state or PublicationState.DRAFT,
        tuple(split_countries(cells[at.countries])) if at.countries is not None else (),
        tuple(split_values(cells[at.languages])) if at.languages is not None else (),
        tuple(genres), tuple(alt_titles), credits, (),
        tuple((s, v) for s, v in ids if v) if ids else ())
    screenings = _screenings(cells, at, source) if at.screened else ()
    return FilmImport(film, source, screenings, printed_title=raw_title,
                      remark=parsed.doubt, sets_state=bool(state))


def _cell(cells: list[str], i: int | None) -> str:
    return cells[i].strip() if i is not None else ""


def _screenings(cells: list[str], at: _Layout, source: str) -> tuple[ScreeningRef, ...]:
    festival, section = _cell(cells, at.festival), _cell(cells, at.section)
    if not festival:
        if section:
            raise RowError(f"the section \u201c{section}\u201d is given without its festival")
        return ()
    year_text = _cell(cells, at.festival_year)
    m = _FESTIVAL_YEAR.match(festival)
    if m and not year_text:
        festival, year_text = m.group("name").strip(), m.group("year")
    if not year_text:
        raise RowError(f"the festival \u201c{festival}\u201d is given without its year")
    if not year_text.isdigit():
        raise RowError(f"\u201c{year_text}\u201d is not a festival year")
    return (ScreeningRef(festival, int(year_text), section,
                         _cell(cells, at.premiere).casefold()),)


def films_from_sheet(sheet: Spreadsheet, mapping: list[str]
                     ) -> tuple[list[FilmImport], list[tuple[str, str]]]:
    """The sheet's rows as films, and the rows that could not be read as films."""
    items: list[FilmImport] = []
    errors: list[tuple[str, str]] = []
    read: list[list[str]] = []  # each film's cells, should its title be read again
    at, gather = _layout(mapping)
    for number, row in sheet.rows:
        cells = row if gather is None else gather(row)
        source = f"row {number}"
        try:
            items.append(film_from_row(cells, at, source))
            read.append(cells)
        except RowError as exc:
            errors.append((source, str(exc)))
    _keep_apart(items, read, at)
    return items, errors


def _keep_apart(items: list[FilmImport], read: list[list[str]], at: _Layout) -> None:
    """Two rows whose printed titles differ never become one film by a bracket read as
    another title ("Hamlet (Act One)", "Hamlet (Act Two)"): such rows keep their titles whole."""
    # Nearly every title and year is the sheet's only one: the first row of each is kept
    # in one dict, and a list is made only for the few that come again.
    first: dict[tuple[str, int | None], int] = {}
    again: dict[tuple[str, int | None], list[int]] = {}
    for n, item in enumerate(items):
        film = item.film
        item.match_keys = keys = title_keys(film.title, film.original_title)
        for key in keys:  # the import matches on the title and the original title alike
            titled = (key, film.year)
            m = first.setdefault(titled, n)
            if m != n:
                if titled in again:
                    again[titled].append(n)
                else:
                    again[titled] = [m, n]
    if not again:
        return
    # in the order of each title's first row, as the report has always listed them
    for group in [again[titled] for titled in first if titled in again]:
        if len({fold(items[n].printed_title) for n in group}) < 2:
            continue
        for n in group:
            item = items[n]
            if item.printed_title == item.film.title or \
                    fold(item.printed_title) == fold(item.film.title):
                continue
            others = ", ".join(items[m].source for m in group if m != n)
            items[n] = film_from_row(read[n], at, item.source, whole_title(
                item.printed_title,
                f"title kept whole: with its bracket read as another title it would "
                f"merge with {others}"))


def import_spreadsheet(
    catalog: Catalog,
    path: Path | str,
    *,
    overrides: list[str] = (),
    mapping: list[str] | None = None,
    existing: str = "skip",
    dry_run: bool = False,
    progress: Callable[[int, int], bool | None] | None = None,
    sheet: Spreadsheet | None = None,
) -> ImportResult:
    """Import a CSV or TSV file; errors of every kind are in the result, by row."""
    return _import_spreadsheet(catalog, path, overrides, mapping, existing, dry_run,
                               progress, sheet)


def _import_spreadsheet(catalog: Catalog, path: Path | str, overrides: list[str],
                        mapping: list[str] | None, existing: str, dry_run: bool,
                        progress: Callable[[int, int], bool | None] | None,
                        sheet: Spreadsheet | None) -> ImportResult:
    sheet = sheet or read_spreadsheet(path)
    if mapping is None:
        mapping = guess_mapping(sheet.header)
    mapping = apply_overrides(sheet.header, mapping, list(overrides))
    if "title" not in mapping:
        from curator import CuratorError

        raise CuratorError(
            f"No column of {sheet.name} holds the title; name it with "
            "--map \u201cColumn=title\u201d.")
    items, errors = films_from_sheet(sheet, mapping)
    result = catalog.imports.run(items, existing=existing, dry_run=dry_run,
                                  text_cleaned=sheet.cleaned,
                                  label=f"Import {sheet.name}", progress=progress)
    result.errors = sorted([*sheet.errors, *errors, *result.errors], key=_row_order)
    unread = [RowOutcome(source, "error", None, reason) for source, reason in
              [*sheet.errors, *errors]]
    if unread:  # the imported rows' outcomes are in the file's order already
        result.outcomes = sorted([*result.outcomes, *unread],
                                 key=lambda o: _row_order((o.source, o.outcome)))
    return result


def _row_order(error: tuple[str, str]) -> tuple[int, str]:
    source = error[0]
    if source.startswith("row ") and source[4:].isdecimal():  # nearly every one: no regex
        return int(source[4:]), source
    digits = re.search(r"\d+", source)
    return (int(digits.group()) if digits else 0, source)
