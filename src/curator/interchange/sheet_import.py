"""Spreadsheet rows as films to import, and the spreadsheet import as one operation.

Each row goes through the catalogue conventions (inverted articles, titles in
brackets, several values per cell, approximate years, runtimes in any notation);
a row whose values cannot be read is reported with its row number and the
reason, and the other rows import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


_ROLE_FIELDS = frozenset(ROLES)


class RowError(ValueError):
    pass


def _one(values: dict[str, list[str]], name: str) -> str:
    """A field's one value: its cell, or its cells joined where two columns feed it."""
    cells = values.get(name)
    if not cells:
        return ""
    if len(cells) == 1:
        return cells[0].strip()
    return " ".join(v.strip() for v in cells if v.strip())


def _many(values: dict[str, list[str]], name: str,
          split: Callable[[str], list[str]] = split_values) -> list[str]:
    """A field's several values, from each of its cells."""
    cells = values.get(name)
    if not cells:
        return []
    if len(cells) == 1:
        return split(cells[0])
    return [x for v in cells for x in split(v)]


def film_from_row(values: dict[str, list[str]], source: str,
                  title: ParsedTitle | None = None) -> FilmImport:
    """One row's values by field (a list per field: two columns may feed one) as a film.

    `title` overrides how the row's title is read (the whole printed title, say).
    Only the fields the sheet has are looked at: a row is read 100,000 times over."""
    raw_title = _one(values, "title")
    if not raw_title:
        raise RowError("it has no title")
    parsed = title or parse_title(raw_title)
    has = values.keys()
    original = _one(values, "original_title") if "original_title" in has else ""
    alt_titles = parsed.alt_titles
    if original and parsed.original_title and parsed.original_title != original:
        alt_titles = [parsed.original_title, *alt_titles]
    if "alt_titles" in has:
        alt_titles = [*alt_titles, *_many(values, "alt_titles")]
    try:
        year, year_note = parse_year(_one(values, "year")) if "year" in has else (None, "")
        runtime = parse_runtime(_one(values, "runtime")) if "runtime" in has else None
        ids = [("imdb", imdb_id(v)) for v in _many(values, "imdb_id")] \
            if "imdb_id" in has else []
        if "wikidata_id" in has:
            ids += [("wikidata", wikidata_id(v)) for v in _many(values, "wikidata_id")]
    except ValueError as exc:
        raise RowError(str(exc)) from None
    if "movielens_id" in has:
        ids += [("movielens", v) for v in _many(values, "movielens_id")]
    notes = "\n\n".join(n for n in (_one(values, "notes"), year_note) if n) \
        if "notes" in has else year_note
    kind = state = ""
    if "kind" in has:
        kind = _one(values, "kind").casefold()
        kind = KINDS.get(kind, kind)
    if "state" in has:
        state = _one(values, "state").casefold()
        state = STATES.get(state, state)
    credits = tuple((name, role) for field, role in ROLES.items() if field in has
                    for name in _many(values, field)) if not has.isdisjoint(_ROLE_FIELDS) \
        else ()
    genres = _many(values, "genres")
    # a genre of letters alone is never "(no genres listed)", "n/a" or "-"
    if genres and not all(map(str.isalpha, genres)) and \
            any(g.casefold() in _NO_GENRE for g in genres):
        genres = [g for g in genres if g.casefold() not in _NO_GENRE]
    # by position, in FilmData's order: keywords cost a tenth of this function's time
    film = FilmData(
        parsed.title, original or parsed.original_title, parsed.sort_title, year, runtime,
        kind, _one(values, "format") if "format" in has else "",
        _one(values, "colour") if "colour" in has else "",
        "\n\n".join(p for v in values["synopsis"] if (p := v.strip()))
        if "synopsis" in has else "",
        notes, state or PublicationState.DRAFT,
        tuple(_many(values, "countries", split_countries)) if "countries" in has else (),
        tuple(_many(values, "languages")) if "languages" in has else (),
        tuple(genres), tuple(alt_titles), credits, (),
        tuple((s, v) for s, v in ids if v) if ids else ())
    screenings = _screenings(values, source) if "festival" in has or "section" in has else ()
    return FilmImport(film, source, screenings, printed_title=raw_title,
                      remark=parsed.doubt, sets_state=bool(state))


def _screenings(values: dict[str, list[str]], source: str) -> tuple[ScreeningRef, ...]:
    festival, section = _one(values, "festival"), _one(values, "section")
    if not festival:
        if section:
            raise RowError(f"the section \u201c{section}\u201d is given without its festival")
        return ()
    year_text = _one(values, "festival_year")
    m = _FESTIVAL_YEAR.match(festival)
    if m and not year_text:
        festival, year_text = m.group("name").strip(), m.group("year")
    if not year_text:
        raise RowError(f"the festival \u201c{festival}\u201d is given without its year")
    if not year_text.isdigit():
        raise RowError(f"\u201c{year_text}\u201d is not a festival year")
    return (ScreeningRef(festival, int(year_text), section,
                         _one(values, "premiere").casefold()),)


def films_from_sheet(sheet: Spreadsheet, mapping: list[str]
                     ) -> tuple[list[FilmImport], list[tuple[str, str]]]:
    """The sheet's rows as films, and the rows that could not be read as films."""
    items: list[FilmImport] = []
    errors: list[tuple[str, str]] = []
    read: list[dict[str, list[str]]] = []
    columns = [(i, name) for i, name in enumerate(mapping) if name]
    for number, row in sheet.rows:
        values: dict[str, list[str]] = {}
        for i, name in columns:
            if name in MULTI_VALUED:
                values.setdefault(name, []).append(row[i])
            else:
                values[name] = [row[i]]
        source = f"row {number}"
        try:
            items.append(film_from_row(values, source))
            read.append(values)
        except RowError as exc:
            errors.append((source, str(exc)))
    _keep_apart(items, read)
    return items, errors


def _keep_apart(items: list[FilmImport], read: list[dict[str, list[str]]]) -> None:
    """Two rows whose printed titles differ never become one film by a bracket read as
    another title ("Hamlet (Act One)", "Hamlet (Act Two)"): such rows keep their titles whole."""
    by_key: dict[tuple[str, int | None], list[int]] = {}
    for n, item in enumerate(items):
        film = item.film
        item.match_keys = keys = title_keys(film.title, film.original_title)
        for key in keys:  # the import matches on the title and the original title alike
            by_key.setdefault((key, film.year), []).append(n)
    for group in by_key.values():
        if len(group) < 2 or len({fold(items[n].printed_title) for n in group}) < 2:
            continue
        for n in group:
            item = items[n]
            if item.printed_title == item.film.title or \
                    fold(item.printed_title) == fold(item.film.title):
                continue
            others = ", ".join(items[m].source for m in group if m != n)
            items[n] = film_from_row(read[n], item.source, whole_title(
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
