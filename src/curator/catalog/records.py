"""Plain, immutable records the catalog hands out: no live session, no lazy loading.

The *Data classes are what callers pass in to create or replace a record's parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from curator.catalog.wording import appearance, edition_name


@dataclass(frozen=True)
class CreditData:
    person_id: int
    role: str
    character: str = ""


@dataclass(frozen=True)
class QuoteSource:
    """The printed source a quote was typed from: a source's page, and the region of it
    (x, y, width, height as fractions of the page) when its text was read from a box."""

    source_id: int
    page: int
    region: tuple[float, float, float, float] | None = None


@dataclass(frozen=True)
class QuoteData:
    text: str
    attribution: str = ""
    source: str = ""  # as printed: "Director's statement", "Variety, 12 May 1988"
    cited: QuoteSource | None = None  # the page of a printed source it was typed from


@dataclass(frozen=True)
class ShowingData:
    """A showing of an appearance: the day, and the time ("HH:MM") and venue if known."""

    day: date
    time: str = ""
    venue: str = ""


@dataclass(frozen=True)
class ScreeningData:
    edition_id: int
    section_id: int | None = None
    premiere: str = ""
    showings: tuple[ShowingData, ...] = ()  # in the order the programme lists them


@dataclass(frozen=True)
class AltTitleData:
    title: str
    note: str = ""


@dataclass(frozen=True)
class ExternalIdData:
    scheme: str
    value: str


@dataclass(frozen=True)
class RelatedData:
    film_id: int
    note: str = ""


@dataclass(frozen=True)
class FieldValueData:
    """What a film holds in one of the archive's own fields (catalog/film_fields.py)."""

    field_id: int
    value: str


@dataclass(frozen=True)
class CreditRecord:
    id: int
    person_id: int
    person_name: str
    role: str
    character: str
    position: int


@dataclass(frozen=True)
class ScreeningRecord:
    id: int
    edition_id: int
    edition_year: int
    festival_id: int
    festival_name: str
    festival_short_name: str
    section_id: int | None
    section_name: str
    premiere: str
    showings: tuple[ShowingData, ...] = ()

    @property
    def label(self) -> str:
        """`MIFF 1989, Animation`: how the web archive names an appearance."""
        return appearance(edition_name(self.festival_short_name, self.festival_name,
                                       self.edition_year), self.section_name)


@dataclass(frozen=True)
class AwardRecord:
    id: int
    edition_id: int
    edition_label: str
    name: str
    film_id: int | None
    film_title: str
    person_id: int | None
    person_name: str
    result: str
    version: int


@dataclass(frozen=True)
class RelatedRecord:
    film_id: int
    title: str
    note: str


@dataclass(frozen=True)
class StillRecord:
    id: int
    film_id: int | None
    person_id: int | None
    sha256: str
    width: int
    height: int
    format: str
    original_name: str
    caption: str
    credit: str
    alt_text: str
    rights: str
    position: int
    is_primary: bool
    focal_x: float
    focal_y: float
    version: int


@dataclass(frozen=True)
class FilmRecord:
    id: int
    slug: str
    title: str
    original_title: str
    sort_title: str
    year: int | None
    runtime: int | None
    format: str
    colour: str
    kind: str
    synopsis: str
    notes: str
    state: str
    version: int
    created_at: datetime
    updated_at: datetime
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    alt_titles: tuple[AltTitleData, ...] = ()
    credits: tuple[CreditRecord, ...] = ()
    quotes: tuple[QuoteData, ...] = ()
    screenings: tuple[ScreeningRecord, ...] = ()
    awards: tuple[AwardRecord, ...] = ()
    external_ids: tuple[ExternalIdData, ...] = ()
    related: tuple[RelatedRecord, ...] = ()
    field_values: tuple[FieldValueData, ...] = ()
    stills: tuple[StillRecord, ...] = ()
    lists: tuple[tuple[int, str], ...] = ()  # (collection id, title) of the lists it is on

    @property
    def directors(self) -> tuple[str, ...]:
        return tuple(c.person_name for c in self.credits if c.role == "director")

    @property
    def synopsis_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.synopsis.split("\n\n") if p.strip()]

    @property
    def primary_still(self) -> StillRecord | None:
        for s in self.stills:
            if s.is_primary:
                return s
        return self.stills[0] if self.stills else None


@dataclass(frozen=True)
class PersonRecord:
    id: int
    slug: str
    name: str
    sort_name: str
    birth_year: int | None
    death_year: int | None
    country: str
    biography: str
    notes: str
    state: str
    version: int
    variants: tuple[str, ...] = ()
    external_ids: tuple[ExternalIdData, ...] = ()
    filmography: tuple[tuple[int, str, int | None, str], ...] = ()  # film id, title, year, role
    portraits: tuple[StillRecord, ...] = ()
    updated_at: datetime | None = None  # the record's last change


@dataclass(frozen=True)
class SectionRecord:
    id: int
    edition_id: int
    slug: str
    name: str
    description: str
    position: int
    version: int
    film_count: int = 0


@dataclass(frozen=True)
class EditionRecord:
    id: int
    festival_id: int
    festival_name: str
    festival_short_name: str
    slug: str
    year: int
    number: int | None
    starts_on: date | None
    ends_on: date | None
    intro: str
    opening_film_id: int | None
    state: str
    version: int
    sections: tuple[SectionRecord, ...] = ()
    film_count: int = 0

    @property
    def label(self) -> str:
        return edition_name(self.festival_short_name, self.festival_name, self.year)


@dataclass(frozen=True)
class FestivalRecord:
    id: int
    slug: str
    name: str
    short_name: str
    city: str
    country: str
    description: str
    version: int
    editions: tuple[EditionRecord, ...] = ()


@dataclass(frozen=True)
class CollectionItemRecord:
    film_id: int
    title: str
    year: int | None
    runtime: int | None
    state: str
    note: str
    position: int


@dataclass(frozen=True)
class CollectionRecord:
    id: int
    slug: str
    title: str
    curator: str
    introduction: str
    state: str
    version: int
    items: tuple[CollectionItemRecord, ...] = ()
    updated_at: datetime | None = None  # the list's last change, its entries' too

    @property
    def total_runtime(self) -> int:
        return sum(i.runtime or 0 for i in self.items)


@dataclass(frozen=True)
class FilmRow:
    """One line of the film list: what an archivist scans."""

    id: int
    title: str
    original_title: str
    sort_title: str
    year: int | None
    countries: str
    directors: str
    appearances: str
    stills: int
    state: str
    primary_still: str = ""  # the SHA-256 of the still that represents the film


@dataclass(frozen=True)
class SearchResult:
    total: int
    ids: list[int] = field(default_factory=list)
