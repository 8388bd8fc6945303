"""What an edit of a film says, typed, and the one table of a film's parts.

`FilmEdit` names every field a film's form, the command line or an import may
set; a field left out is left alone. A field the film does not have is a
TypeError when the edit is made, before anything is written.

`FILM_PARTS` says, for each part of a film (countries, credits, screenings...),
how a row reads as a value, how a value is tidied and compared, how it becomes a
row again, and how it reads in a FilmRecord. Creating, updating and reading a
film all go through it: adding a part is one entry here (and a field of
FilmEdit, which a test keeps in step).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from curator.catalog.countries import country_key
from curator.catalog.errors import ValidationError
from curator.catalog.records import (
    AltTitleData,
    CreditData,
    CreditRecord,
    ExternalIdData,
    QuoteData,
    RelatedData,
    RelatedRecord,
    ScreeningData,
    ScreeningRecord,
)
from curator.model import (
    AltTitle,
    Credit,
    Edition,
    ExternalId,
    Film,
    FilmCountry,
    FilmGenre,
    FilmLanguage,
    Person,
    Quote,
    RelatedFilm,
    Screening,
    Section,
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
    """How one part of a film reads, compares and is written."""

    read: Callable[[Any], Any]  # a row as the value an edit gives (what is compared)
    make: Callable[[Any, int], Any]  # a value at a position as a new row
    tidy: Callable[[Any], Any] = lambda v: v  # a value as given, in its one spelling
    record: Callable[[Any], Any] | None = None  # a row as a FilmRecord shows it (else read)
    order: Callable[[Any], Any] | None = None  # how a FilmRecord orders them (else as stored)
    settle: Callable[[list[Any]], list[Any]] = list  # the tidied values as they are kept
    # refuses values that name what is not there: check(get, film, values), where
    # get(entity, id, what) reads a row or raises NotFound
    check: Callable[[Getter, Any, list[Any]], None] | None = None

    def records(self, rows: Iterable[Any]) -> tuple[Any, ...]:
        """The part as a FilmRecord shows it."""
        shown = [(self.record or self.read)(r) for r in rows]
        return tuple(sorted(shown, key=self.order) if self.order else shown)


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
    )


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


FILM_PARTS: dict[str, FilmPart] = {
    "countries": FilmPart(_name, lambda v, p: FilmCountry(name=v, position=p), _strip,
                          settle=_one_per_country),
    "languages": FilmPart(_name, lambda v, p: FilmLanguage(name=v, position=p), _strip),
    "genres": FilmPart(_name, lambda v, p: FilmGenre(name=v, position=p), _strip),
    "alt_titles": FilmPart(
        lambda r: AltTitleData(r.title, r.note),
        lambda v, p: AltTitle(title=v.title.strip(), note=v.note, position=p),
        _tidy_alt_title),
    "credits": FilmPart(
        lambda r: CreditData(r.person_id, r.role, r.character),
        lambda v, p: Credit(person_id=v.person_id, role=v.role, character=v.character.strip(),
                            position=p),
        record=lambda r: CreditRecord(r.id, r.person_id, r.person.name, r.role, r.character,
                                      r.position),
        check=_check_credits),
    "quotes": FilmPart(
        lambda r: QuoteData(r.text, r.attribution, r.source),
        lambda v, p: Quote(text=v.text.strip(), attribution=v.attribution.strip(),
                           source=v.source.strip(), position=p)),
    "screenings": FilmPart(
        lambda r: ScreeningData(r.edition_id, r.section_id, r.premiere),
        lambda v, p: Screening(edition_id=v.edition_id, section_id=v.section_id,
                               premiere=v.premiere),
        record=screening_record,
        order=lambda s: (s.edition_year, s.festival_name, s.section_name),
        check=_check_screenings),
    "external_ids": FilmPart(
        lambda r: ExternalIdData(r.scheme, r.value),
        lambda v, p: ExternalId(scheme=v.scheme.strip(), value=v.value.strip()),
        _tidy_external_id),
    "related": FilmPart(
        lambda r: RelatedData(r.related_id, r.note),
        lambda v, p: RelatedFilm(related_id=v.film_id, note=v.note, position=p),
        _tidy_related,
        record=lambda r: RelatedRecord(r.related_id, r.related_film.title, r.note),
        check=_check_related),
}

# The film's own columns an edit may set (FilmEdit's fields that are not parts).
FILM_COLUMNS = frozenset(f.name for f in fields(FilmEdit)) - set(FILM_PARTS)
