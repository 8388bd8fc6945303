"""What an edit of a film says, typed, and the one table of a film's parts.

`FilmEdit` names every field a film's form, the command line or an import may
set; a field left out is left alone. A field the film does not have is a
TypeError when the edit is made, before anything is written.

`FILM_PARTS` says, for each part of a film (countries, credits, screenings...),
which rows hold it and how a row reads as a value, how a value is tidied and
compared, how it becomes a row again, how it reads in a FilmRecord and how a
catalogue file names it. Creating, updating and reading a film, the export's bulk
reads and catalogue files all go through it: adding a part is one entry here (and
a field of FilmEdit, which a test keeps in step).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields, replace
from datetime import date
from typing import Any

from curator.catalog.countries import country_key
from curator.catalog.errors import ValidationError
from curator.catalog.records import (
    AltTitleData,
    CreditData,
    CreditRecord,
    ExternalIdData,
    FieldValueData,
    QuoteData,
    QuoteSource,
    RelatedData,
    RelatedRecord,
    ScreeningData,
    ScreeningRecord,
    ShowingData,
)
from curator.catalog.sources import parse_region, region_problem, region_text
from curator.model import (
    AltTitle,
    Citation,
    Credit,
    Edition,
    ExternalId,
    Film,
    FilmCountry,
    FilmField,
    FilmFieldValue,
    FilmGenre,
    FilmLanguage,
    Person,
    Quote,
    RelatedFilm,
    Screening,
    Section,
    Showing,
    Source,
)

# get(entity, id, what): the row, or NotFound naming `what`
Getter = Callable[[Any, int, str], Any]


class _Unset:
    """A field the edit leaves as it is."""

    _instance: _Unset | None = None

    def __new__(cls) -> _Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()


@dataclass(frozen=True, kw_only=True)
class FilmEdit:
    """The fields an edit sets; every one left UNSET stays as the film has it."""

    title: str = UNSET
    original_title: str = UNSET
    sort_title: str = UNSET
    slug: str = UNSET
    year: int | None = UNSET
    runtime: int | None = UNSET
    format: str = UNSET
    colour: str = UNSET
    kind: str = UNSET
    synopsis: str = UNSET
    notes: str = UNSET
    state: str = UNSET
    countries: Sequence[str] = UNSET
    languages: Sequence[str] = UNSET
    genres: Sequence[str] = UNSET
    alt_titles: Sequence[AltTitleData | str] = UNSET
    credits: Sequence[CreditData] = UNSET
    quotes: Sequence[QuoteData] = UNSET
    screenings: Sequence[ScreeningData] = UNSET
    external_ids: Sequence[ExternalIdData | tuple[str, str]] = UNSET
    related: Sequence[RelatedData | int] = UNSET
    # the archive's own fields (catalog/film_fields.py); a field left out holds nothing
    field_values: Sequence[FieldValueData | tuple[int, str]] = UNSET

    def values(self) -> dict[str, Any]:
        """The fields this edit sets, by name, in the order FilmEdit declares them."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not UNSET}

    def columns(self) -> dict[str, Any]:
        """The film's own columns this edit sets (title, year...)."""
        return {k: v for k, v in self.values().items() if k not in FILM_PARTS}

    def parts(self) -> dict[str, Any]:
        """The parts this edit replaces (countries, credits...)."""
        return {k: v for k, v in self.values().items() if k in FILM_PARTS}


@dataclass(frozen=True)
class FilmPart:
    """How one part of a film reads, compares and is written: in the catalogue, in the
    export's bulk reads and in a catalogue file."""

    entity: Any  # the model of the part's rows (FilmCountry, Credit...)
    columns: tuple[str, ...]  # the row's columns that hold a value, in the value's order
    value: Callable[..., Any]  # those columns' values as the value an edit gives
    make: Callable[[Any, int], Any]  # a value at a position as a new row
    tidy: Callable[[Any], Any] = lambda v: v  # a value as given, in its one spelling
    record: Callable[[Any], Any] | None = None  # a row as a FilmRecord shows it (else read)
    order: Callable[[Any], Any] | None = None  # how a FilmRecord orders them (else as stored)
    settle: Callable[[list[Any]], list[Any]] = list  # the tidied values as they are kept
    # refuses values that name what is not there: check(get, film, values), where
    # get(entity, id, what) reads a row or raises NotFound
    check: Callable[[Getter, Any, list[Any]], None] | None = None
    stored: tuple[str, ...] = ("position", "id")  # the columns the rows are kept in order by
    in_file: tuple[str, ...] = ()  # a catalogue file's names of the columns (none: plain text)
    also: tuple[tuple[str, Any], ...] = ()  # other columns a film's row of this part sets
    # a row as the value an edit gives, when that needs more than its columns (a quote's
    # citation); else value(*columns)
    reads: Callable[[Any], Any] | None = None

    @property
    def table(self) -> str:
        return self.entity.__tablename__

    @property
    def positioned(self) -> bool:
        """True when the rows keep the order they were given in (a position column)."""
        return "position" in self.stored

    def read(self, row: Any) -> Any:
        """A row as the value an edit gives (what is compared)."""
        if self.reads is not None:
            return self.reads(row)
        return self.value(*(getattr(row, c) for c in self.columns))

    def records(self, rows: Iterable[Any]) -> tuple[Any, ...]:
        """The part as a FilmRecord shows it."""
        shown = [(self.record or self.read)(r) for r in rows]
        return tuple(sorted(shown, key=self.order) if self.order else shown)

    def to_file(self, row: Mapping[str, Any]) -> Any:
        """A row (by column) as a catalogue file gives it."""
        if not self.in_file:
            return row[self.columns[0]]
        return {name: row[c] for name, c in zip(self.in_file, self.columns, strict=True)}

    def from_file(self, given: Any, film_id: int, position: int) -> dict[str, Any]:
        """What a catalogue file gives as a row of the film (a missing optional field
        takes the value's default; a missing required one is a KeyError)."""
        row: dict[str, Any] = {"film_id": film_id, **dict(self.also)}
        if not self.in_file:
            row[self.columns[0]] = given
        else:
            # the value's fields are in the order of the columns; one with a default may
            # be left out of the file
            for name, c, f in zip(self.in_file, self.columns,
                                  fields(self.value)[:len(self.columns)], strict=True):
                row[c] = given[name] if f.default is MISSING else given.get(name, f.default)
        if self.positioned:
            row["position"] = position
        return row


def screening_record(s: Any) -> ScreeningRecord:
    e = s.edition
    return ScreeningRecord(
        id=s.id,
        edition_id=e.id,
        edition_year=e.year,
        festival_id=e.festival.id,
        festival_name=e.festival.name,
        festival_short_name=e.festival.short_name,
        section_id=s.section_id,
        section_name=s.section.name if s.section else "",
        premiere=s.premiere,
        showings=_showings_of(s),
    )


_TIME = re.compile(r"(\d{1,2}):(\d{2})")


def showing_day(given: Any) -> date:
    """A showing's day as a date: a date, or its ISO spelling ("1989-07-14")."""
    if isinstance(given, date):
        return given
    try:
        return date.fromisoformat(str(given).strip())
    except ValueError:
        raise ValidationError({"screenings": f"A showing's date \u201c{given}\u201d is not a "
                                             "date (year-month-day, e.g. 1989-07-14)."}) from None


def showing_time(given: Any) -> str:
    """A showing's time as "HH:MM" ("" when not known); "9:30" reads as "09:30"."""
    text = str(given or "").strip()
    if not text:
        return ""
    m = _TIME.fullmatch(text)
    if m is None or int(m[1]) > 23 or int(m[2]) > 59:
        raise ValidationError({"screenings": f"A showing's time \u201c{text}\u201d is not a "
                                             "time of day (hours:minutes, e.g. 19:30)."})
    return f"{int(m[1]):02d}:{m[2]}"


def _tidy_showing(v: Any) -> ShowingData:
    if isinstance(v, Mapping):
        v = ShowingData(v.get("day"), v.get("time", ""), v.get("venue", ""))
    return ShowingData(showing_day(v.day), showing_time(v.time), str(v.venue or "").strip())


def _tidy_screening(v: ScreeningData) -> ScreeningData:
    return replace(v, showings=tuple(_tidy_showing(s) for s in v.showings))


def _showings_of(row: Any) -> tuple[ShowingData, ...]:
    return tuple(ShowingData(s.day, s.time, s.venue) for s in row.showings)


def _screening_row(v: ScreeningData, position: int) -> Screening:
    return Screening(edition_id=v.edition_id, section_id=v.section_id, premiere=v.premiere,
                     showings=[Showing(day=s.day, time=s.time, venue=s.venue, position=n)
                               for n, s in enumerate(v.showings)])


def _one_per_country(values: list[str]) -> list[str]:
    """"France" and "FRANCE" are one country (countries.py): the first spelling stays."""
    first: dict[str, str] = {}
    for v in values:
        first.setdefault(country_key(v), v)
    return list(first.values())


def _check_credits(get: Getter, film: Any, values: list[CreditData]) -> None:
    for c in values:
        get(Person, c.person_id, "person")


def _check_screenings(get: Getter, film: Any, values: list[ScreeningData]) -> None:
    for s in values:
        get(Edition, s.edition_id, "festival edition")
        if s.section_id is not None:
            section = get(Section, s.section_id, "section")
            if section.edition_id != s.edition_id:
                raise ValidationError({"screenings": f"The section \u201c{section.name}\u201d "
                                                     "belongs to another edition."})


def _check_related(get: Getter, film: Any, values: list[RelatedData]) -> None:
    for r in values:
        if r.film_id == film.id:
            raise ValidationError({"related": "A film cannot be related to itself."})
        get(Film, r.film_id, "film")


def _quote_value(row: Any) -> QuoteData:
    c = row.citation
    cited = None if c is None else QuoteSource(c.source_id, c.page, parse_region(c.region))
    return QuoteData(row.text, row.attribution, row.source, cited)


def _quote_row(v: QuoteData, position: int) -> Quote:
    quote = Quote(text=v.text.strip(), attribution=v.attribution.strip(),
                  source=v.source.strip(), position=position)
    if v.cited is not None:
        quote.citation = Citation(source_id=v.cited.source_id, page=v.cited.page,
                                  region=region_text(v.cited.region))
    return quote


def _check_quote_sources(get: Getter, film: Any, values: list[QuoteData]) -> None:
    for q in values:
        if q.cited is None:
            continue
        source = get(Source, q.cited.source_id, "source")
        if not any(p.number == q.cited.page for p in source.pages):
            raise ValidationError({"quotes": f"\u201c{source.title}\u201d has no page "
                                             f"{q.cited.page}."})
        if (problem := region_problem(q.cited.region)):
            raise ValidationError({"quotes": problem})


def _tidy_field_value(v: Any) -> FieldValueData:
    given = FieldValueData(*v) if isinstance(v, tuple) and not isinstance(
        v, FieldValueData) else v
    value = given.value if isinstance(given.value, str) else str(given.value)
    return FieldValueData(given.field_id, value.strip())


def _one_per_field(values: list[FieldValueData]) -> list[FieldValueData]:
    """An empty value is no value; a field given twice keeps its last value; kept in the
    order of the fields' ids (as the rows are read back)."""
    last = {v.field_id: v for v in values if v.value}
    return [last[k] for k in sorted(last)]


def _check_field_values(get: Getter, film: Any, values: list[FieldValueData]) -> None:
    from curator.catalog.field_kinds import spelled

    for i, v in enumerate(values):
        field = get(FilmField, v.field_id, "field")
        try:
            values[i] = FieldValueData(v.field_id, spelled(field.kind, v.value))
        except ValueError as exc:
            raise ValidationError({"field_values": f"{field.name}: {exc}"}) from None


def _name(row: Any) -> str:
    return row.name


def _tidy_alt_title(v: Any) -> AltTitleData:
    return AltTitleData(v.strip()) if isinstance(v, str) else v


def _tidy_external_id(v: Any) -> ExternalIdData:
    return ExternalIdData(*v) if isinstance(v, tuple) and not isinstance(v, ExternalIdData) else v


def _tidy_related(v: Any) -> RelatedData:
    return RelatedData(v) if isinstance(v, int) else v


def _strip(v: Any) -> str:
    return str(v).strip()


def _text(name: str) -> str:
    return name


FILM_PARTS: dict[str, FilmPart] = {
    "countries": FilmPart(FilmCountry, ("name",), _text,
                          lambda v, p: FilmCountry(name=v, position=p), _strip,
                          settle=_one_per_country),
    "languages": FilmPart(FilmLanguage, ("name",), _text,
                          lambda v, p: FilmLanguage(name=v, position=p), _strip),
    "genres": FilmPart(FilmGenre, ("name",), _text,
                       lambda v, p: FilmGenre(name=v, position=p), _strip),
    "alt_titles": FilmPart(
        AltTitle, ("title", "note"), AltTitleData,
        lambda v, p: AltTitle(title=v.title.strip(), note=v.note, position=p),
        _tidy_alt_title, in_file=("title", "note")),
    "credits": FilmPart(
        Credit, ("person_id", "role", "character"), CreditData,
        lambda v, p: Credit(person_id=v.person_id, role=v.role, character=v.character.strip(),
                            position=p),
        record=lambda r: CreditRecord(r.id, r.person_id, r.person.name, r.role, r.character,
                                      r.position),
        check=_check_credits, in_file=("person", "role", "character")),
    "quotes": FilmPart(
        Quote, ("text", "attribution", "source"), QuoteData, _quote_row,
        check=_check_quote_sources, in_file=("text", "attribution", "source"),
        reads=_quote_value),
    "external_ids": FilmPart(
        ExternalId, ("scheme", "value"), ExternalIdData,
        lambda v, p: ExternalId(scheme=v.scheme.strip(), value=v.value.strip()),
        _tidy_external_id, stored=("id",), in_file=("scheme", "value"),
        also=(("person_id", None),)),
    "screenings": FilmPart(
        Screening, ("edition_id", "section_id", "premiere"), ScreeningData, _screening_row,
        _tidy_screening,
        record=screening_record,
        order=lambda s: (s.edition_year, s.festival_name, s.section_name),
        check=_check_screenings, stored=("edition_id", "section_id", "id"),
        in_file=("edition", "section", "premiere"),
        reads=lambda r: ScreeningData(r.edition_id, r.section_id, r.premiere,
                                      _showings_of(r))),
    "related": FilmPart(
        RelatedFilm, ("related_id", "note"), RelatedData,
        lambda v, p: RelatedFilm(related_id=v.film_id, note=v.note, position=p),
        _tidy_related,
        record=lambda r: RelatedRecord(r.related_id, r.related_film.title, r.note),
        check=_check_related, in_file=("film", "note")),
    "field_values": FilmPart(
        FilmFieldValue, ("field_id", "value"), FieldValueData,
        lambda v, p: FilmFieldValue(field_id=v.field_id, value=v.value),
        _tidy_field_value, settle=_one_per_field, check=_check_field_values,
        stored=("field_id", "id"), in_file=("field", "value")),
}

# The film's own columns an edit may set (FilmEdit's fields that are not parts).
FILM_COLUMNS = frozenset(f.name for f in fields(FilmEdit)) - set(FILM_PARTS)
# A film's own columns as its FilmRecord shows them.
RECORD_COLUMNS = ("id", *sorted(FILM_COLUMNS), "version", "created_at", "updated_at")
