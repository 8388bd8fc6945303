"""Operations on sources (the printed catalogues of editions and festivals) and citations
(which source page a film's, a quote's or a person's text came from).

The files themselves are the business of `curator.sources`: these operations record
pages already stored. How a citation reads ("MIFF 1989 catalogue, p. 42") is
`source_reference`, for the desk and the site alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from curator.catalog.changes import Changes
from curator.catalog.core import Operations, check_version, describe, get_row, set_fields
from curator.catalog.errors import NotFound, ValidationError
from curator.catalog.settings import PUBLISH_SOURCES, Settings, sources_published
from curator.catalog.wording import edition_name
from curator.model import Citation, Edition, Festival, Film, Person, Quote, Source, SourcePage
from curator.model.entities import utcnow
from curator.paths import is_sha256

SOURCE_COLUMNS = {"title", "date", "note", "language", "publishable"}
PAGE_COLUMNS = {"number", "sha256", "format", "file_page", "width", "height", "original_name"}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
Region = tuple[float, float, float, float]  # x, y, width, height as fractions of the page


@dataclass(frozen=True)
class SourcePageRecord:
    id: int
    number: int
    sha256: str
    format: str
    file_page: int
    width: int
    height: int
    original_name: str


@dataclass(frozen=True)
class SourceRecord:
    id: int
    title: str
    date: str
    note: str
    language: str
    publishable: bool
    festival_id: int | None
    edition_id: int | None
    held_by: str  # "MIFF 1989" or the festival's name
    version: int
    pages: tuple[SourcePageRecord, ...] = ()

    def page(self, number: int) -> SourcePageRecord:
        for page in self.pages:
            if page.number == number:
                return page
        raise NotFound(f"\u201c{self.title}\u201d has no page {number}; it has "
                       f"{len(self.pages)} page{'s' if len(self.pages) != 1 else ''}.")


@dataclass(frozen=True)
class CitationRecord:
    id: int
    source_id: int
    source_title: str
    page: int
    region: Region | None
    version: int

    @property
    def reference(self) -> str:
        return source_reference(self.source_title, self.page)


def source_reference(title: str, page: int) -> str:
    """`MIFF 1989 catalogue, p. 42`: a source page as the desk and the site cite it."""
    return f"{title}, p. {page}"


def published_line(citation: CitationRecord) -> str:
    """`Source: MIFF 1989 catalogue, p. 42`: the line a film's page (and its preview in
    the desk) shows when the archive publishes sources."""
    return f"Source: {citation.reference}"


def region_text(region: Region | None) -> str:
    return "" if region is None else ",".join(f"{v:.4f}" for v in region)


def parse_region(text: str) -> Region | None:
    if not text:
        return None
    try:
        x, y, w, h = (float(v) for v in text.split(","))
    except ValueError:
        return None
    return (x, y, w, h)


def region_problem(region: Region | None) -> str | None:
    if region is None:
        return None
    x, y, w, h = region
    if not (0 <= x < 1 and 0 <= y < 1 and 0 < w <= 1 and 0 < h <= 1
            and x + w <= 1.0001 and y + h <= 1.0001):
        return "A region must lie inside its page."
    return None


def _source_problems(values: dict[str, Any]) -> dict[str, str]:
    problems = {}
    if "title" in values and not str(values["title"]).strip():
        problems["title"] = "A source needs a title, such as \u201cMIFF 1989 catalogue\u201d."
    date = str(values.get("date", "")).strip()
    if date and not _DATE.fullmatch(date):
        problems["date"] = (f"\u201c{date}\u201d is not a date: write 1989, 1989-07 or "
                            "1989-07-14.")
    return problems


def source_record(source: Source) -> SourceRecord:
    if source.edition_id is not None:
        edition = source.edition
        held_by = edition_name(edition.festival.short_name, edition.festival.name, edition.year)
    else:
        held_by = source.festival.name if source.festival else ""
    return SourceRecord(
        id=source.id, title=source.title, date=source.date, note=source.note,
        language=source.language, publishable=source.publishable,
        festival_id=source.festival_id, edition_id=source.edition_id, held_by=held_by,
        version=source.version,
        pages=tuple(SourcePageRecord(**{c: getattr(p, c) for c in PAGE_COLUMNS}, id=p.id)
                    for p in source.pages))


class Sources(Operations):
    # -- sources ---------------------------------------------------------------------------
    def all(self, *, edition_id: int | None = None, festival_id: int | None = None
                ) -> list[SourceRecord]:
        """Every source (or those of one edition or festival), by title."""
        with self.core.read() as session:
            q = select(Source).options(selectinload(Source.pages)).order_by(Source.title,
                                                                            Source.id)
            if edition_id is not None:
                q = q.where(Source.edition_id == edition_id)
            if festival_id is not None:
                q = q.where(Source.festival_id == festival_id)
            return [source_record(s) for s in session.scalars(q)]

    def get(self, source_id: int) -> SourceRecord:
        with self.core.read() as session:
            return source_record(get_row(session, Source, source_id, "source"))

    def add(self, title: str, pages: list[dict[str, Any]], *,
                   edition_id: int | None = None, festival_id: int | None = None,
                   **fields: Any) -> Changes:
        """Record a source of already-stored pages on an edition or a festival."""
        if (edition_id is None) == (festival_id is None):
            raise ValidationError({"edition_id": "A source belongs to one edition or one "
                                                 "festival."})
        values = {"title": title, **fields}
        if (problems := _source_problems(values)):
            raise ValidationError(problems)
        if not pages:
            raise ValidationError({"pages": "A source needs at least one page."})
        for page in pages:
            if not is_sha256(page.get("sha256")):
                raise ValidationError({"sha256": f"A page of \u201c{title}\u201d has no "
                                                 "SHA-256; nothing was recorded."})
        with self.core.write(f"Add source {title.strip()}") as uow:
            if edition_id is not None:
                get_row(uow.session, Edition, edition_id, "festival edition")
            else:
                get_row(uow.session, Festival, festival_id, "festival")
            source = Source(edition_id=edition_id, festival_id=festival_id)
            set_fields(source, values, SOURCE_COLUMNS)
            source.title = title.strip()
            for page in pages:
                row = SourcePage()
                set_fields(row, page, PAGE_COLUMNS)
                source.pages.append(row)
            uow.session.add(source)
            uow.session.flush()
            uow.created_id = source.id
        return uow.changes

    def update(self, source_id: int, version: int | None, **fields: Any) -> Changes:
        if (problems := _source_problems(fields)):
            raise ValidationError(problems)
        with self.core.write("Edit source") as uow:
            source = get_row(uow.session, Source, source_id, "source")
            check_version(source, version, source.title)
            changed = set_fields(source, fields, SOURCE_COLUMNS)
            uow.label = describe(changed, source.title, "source")
        return uow.changes

    def delete(self, source_id: int) -> Changes:
        """Delete a source and the citations of it; its files stay in sources/, so undo
        brings the source back whole."""
        with self.core.write("Delete source") as uow:
            source = get_row(uow.session, Source, source_id, "source")
            uow.label = f"Delete source {source.title}"
            for citation in uow.session.scalars(
                    select(Citation).where(Citation.source_id == source_id)):
                uow.session.delete(citation)  # recorded, so undo brings them back
            uow.session.delete(source)
        return uow.changes

    def file_hashes(self) -> set[str]:
        """The hashes of every file some source's page refers to."""
        with self.core.read() as session:
            return set(session.scalars(select(SourcePage.sha256).distinct()))

    # -- citations -------------------------------------------------------------------------
    def citation_of(self, *, film_id: int | None = None, quote_id: int | None = None,
                    person_id: int | None = None) -> CitationRecord | None:
        with self.core.read() as session:
            citation = self._citation(session, film_id, quote_id, person_id)
            return None if citation is None else _citation_record(session, citation)

    def citations_of_films(self, film_ids: list[int]) -> dict[int, CitationRecord]:
        """The citation of each of these films that has one (the export reads thousands)."""
        out: dict[int, CitationRecord] = {}
        with self.core.read() as session:
            titles: dict[int, str] = {}
            for start in range(0, len(film_ids), 500):
                for c in session.scalars(select(Citation).where(
                        Citation.film_id.in_(film_ids[start:start + 500]))):
                    if c.source_id not in titles:
                        titles[c.source_id] = session.get(Source, c.source_id).title
                    out[c.film_id] = CitationRecord(c.id, c.source_id, titles[c.source_id],
                                                    c.page, parse_region(c.region), c.version)
        return out

    def published_line(self, film_id: int) -> str:
        """The film's published source line, or "" (sources unpublished, none cited)."""
        if not sources_published(Settings(self.core).get(PUBLISH_SOURCES)):
            return ""
        citation = self.citation_of(film_id=film_id)
        return published_line(citation) if citation else ""

    def cite(self, source_id: int, page: int, region: Region | None = None, *,
             film_id: int | None = None, quote_id: int | None = None,
             person_id: int | None = None) -> Changes:
        """Record that a record's text came from `page` of a source (and that region of it)."""
        if sum(x is not None for x in (film_id, quote_id, person_id)) != 1:
            raise ValidationError({"record": "A citation belongs to one film, quote or "
                                             "person."})
        if (problem := region_problem(region)):
            raise ValidationError({"region": problem})
        with self.core.write("Cite source") as uow:
            source = get_row(uow.session, Source, source_id, "source")
            if not any(p.number == page for p in source.pages):
                raise ValidationError({"page": f"\u201c{source.title}\u201d has no page "
                                               f"{page}."})
            owner = (get_row(uow.session, Film, film_id, "film") if film_id is not None
                     else get_row(uow.session, Quote, quote_id, "quote")
                     if quote_id is not None
                     else get_row(uow.session, Person, person_id, "person"))
            citation = self._citation(uow.session, film_id, quote_id, person_id)
            if citation is None:
                citation = Citation(film_id=film_id, quote_id=quote_id, person_id=person_id)
                uow.session.add(citation)
            for name, value in (("source_id", source_id), ("page", page),
                                ("region", region_text(region))):
                if getattr(citation, name) != value:
                    setattr(citation, name, value)
            name = getattr(owner, "title", None) or getattr(owner, "name", None) or "quote"
            uow.label = f"Cite {source_reference(source.title, page)} for {name}"
            if isinstance(owner, Film | Person):
                owner.updated_at = utcnow()  # its page changes when sources are published
        return uow.changes

    def remove_citation(self, *, film_id: int | None = None, quote_id: int | None = None,
                        person_id: int | None = None) -> Changes:
        with self.core.write("Remove source") as uow:
            citation = self._citation(uow.session, film_id, quote_id, person_id)
            if citation is not None:
                uow.session.delete(citation)
        return uow.changes

    @staticmethod
    def _citation(session: Session, film_id: int | None, quote_id: int | None,
                  person_id: int | None) -> Citation | None:
        if film_id is not None:
            q = select(Citation).where(Citation.film_id == film_id)
        elif quote_id is not None:
            q = select(Citation).where(Citation.quote_id == quote_id)
        else:
            q = select(Citation).where(Citation.person_id == person_id)
        return session.scalars(q.order_by(Citation.id)).first()


def _citation_record(session: Session, c: Citation) -> CitationRecord:
    source = session.get(Source, c.source_id)
    return CitationRecord(c.id, c.source_id, source.title if source else "", c.page,
                          parse_region(c.region), c.version)


def forget_citations(session: Session, *, film_id: int | None = None,
                     person_id: int | None = None) -> None:
    """Delete a record's citation through the session, so the step records it (the
    database's own cascade would go unrecorded and undo could not bring it back)."""
    column = Citation.film_id if film_id is not None else Citation.person_id
    for row in session.scalars(select(Citation).where(column == (film_id or person_id))):
        session.delete(row)


def forget_sources(session: Session, *, edition_id: int | None = None,
                   festival_id: int | None = None) -> None:
    """Delete an edition's or a festival's sources, their pages and citations, recorded."""
    column = Source.edition_id if edition_id is not None else Source.festival_id
    for source in session.scalars(select(Source).where(column == (edition_id or festival_id))):
        for row in session.scalars(select(Citation).where(Citation.source_id == source.id)):
            session.delete(row)
        session.delete(source)
