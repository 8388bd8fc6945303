"""The records one export writes, loaded in bulk and cut down to what is published and selected."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from curator.catalog import Catalog
from curator.catalog.addresses import PastAddress
from curator.catalog.errors import NotFound
from curator.catalog.records import (
    CollectionRecord,
    EditionRecord,
    FestivalRecord,
    FilmRecord,
    PersonRecord,
    SectionRecord,
)
from curator.catalog.settings import (
    PUBLISH_SOURCES,
    SITE_BASE_URL,
    SITE_SETTINGS,
    site_address_problem,
    site_setting_problem,
    sources_published,
)
from curator.catalog.sources import SourceRecord, published_line
from curator.model.enums import PublicationState
from curator.paths import is_sha256
from curator.publish.media import ImageFile, scan_file
from curator.publish.selection import ALL, Selection, SelectionError

PUBLISHED = PublicationState.PUBLISHED


@dataclass
class Site:
    """Everything the pages are made from. Only what is in here gets a page."""

    name: str
    base_url: str
    selection: Selection
    films: dict[int, FilmRecord]  # exported films, in filing order (sort title, year, id)
    published: dict[int, FilmRecord]  # every published film: the See-also candidates
    people: dict[int, PersonRecord]
    festivals: list[FestivalRecord]  # only their exported editions, newest first
    editions: dict[int, EditionRecord] = field(default_factory=dict)
    sections: dict[int, SectionRecord] = field(default_factory=dict)
    lists: dict[int, CollectionRecord] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # what the selection named but cannot go
    collections: dict[int, CollectionRecord] = field(default_factory=dict)  # lists, all items
    # ("film" or "person", id) -> why some of its stills were left out (see `sound_stills`)
    warnings: dict[tuple[str, int], str] = field(default_factory=dict)
    # film id -> its "Source: MIFF 1989 catalogue, p. 42", when the archive publishes sources
    sources: dict[int, SourceLine] = field(default_factory=dict)
    # the addresses films had before (a whole-archive export only): see publish.addresses
    addresses: list[PastAddress] = field(default_factory=list)
    # the site settings (catalog.settings.SITE_SETTINGS), each with its default if unset
    options: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_OPTIONS))


@dataclass(frozen=True)
class SourceLine:
    """What a film's page says of its source, and the page's scan when its source may
    be published."""

    text: str
    scan: ImageFile | None = None
    scan_sha256: str = ""
    file_page: int = 0

    @property
    def scan_path(self) -> str:
        return f"media/scans/{self.scan_sha256[:16]}-{self.file_page + 1}.jpg"


def filing_key(film: FilmRecord) -> tuple:
    return (film.sort_title.casefold(), film.year or 0, film.id)


def load_site(catalog: Catalog, selection: Selection = ALL) -> Site:
    warnings: dict[tuple[str, int], str] = {}
    published = sound_stills(
        {f.id: f for f in catalog.films.records_in_state(PUBLISHED)},
        warnings)
    festivals = catalog.festivals.all()
    all_editions = {e.id: e for f in festivals for e in f.editions if e.state == PUBLISHED}
    skipped: list[str] = []
    edition_ids: set[int] = set()
    list_ids: set[int] = set()
    person_only: int | None = None
    collections = {c.id: c for c in catalog.lists.all() if c.state == PUBLISHED}

    if selection.kind == "all":
        film_ids = set(published)
        edition_ids = set(all_editions)
        list_ids = set(collections)
    elif selection.kind == "film":
        film_ids = set()
        for fid in selection.film_ids:
            if fid in published:
                film_ids.add(fid)
            else:
                try:
                    title = catalog.films.get(fid).title
                except NotFound:
                    raise SelectionError(f"There is no film with id {fid}.") from None
                skipped.append(f"film {fid} \u201c{title}\u201d is not published")
    elif selection.kind == "edition":
        edition = catalog.editions.by_slug(selection.edition_slug)
        if edition is None:
            raise SelectionError(f"There is no edition \u201c{selection.edition_slug}\u201d.")
        if edition.id not in all_editions:
            raise SelectionError(f"The edition {edition.label} is not published.")
        edition_ids = {edition.id}
        film_ids = {f.id for f in published.values()
                    if any(s.edition_id == edition.id for s in f.screenings)}
    elif selection.kind == "list":
        c = collections.get(selection.list_id or 0)
        if c is None:
            title = catalog.lists.get(selection.list_id or 0).title  # NotFound if absent
            raise SelectionError(f"The list \u201c{title}\u201d is not published.")
        list_ids = {c.id}
        film_ids = {i.film_id for i in c.items if i.film_id in published}
    else:
        person = catalog.people.get(selection.person_id or 0)  # NotFound if absent
        if person.state != PUBLISHED:
            raise SelectionError(f"{person.name} is not published.")
        person_only = person.id
        film_ids = {f.id for f in published.values()
                    if any(c.person_id == person.id for c in f.credits)}

    films = filing_order(published[i] for i in film_ids)
    credited = credited_people(films.values())
    if person_only is not None:
        credited.add(person_only)
    people = sound_stills({pid: p for pid, p in sorted(catalog.people.get_many(credited).items())
                           if p.state == PUBLISHED}, warnings)

    kept_festivals = []
    editions: dict[int, EditionRecord] = {}
    for festival in festivals:
        kept = tuple(e for e in festival.editions if e.id in edition_ids)
        if kept:
            kept_festivals.append(replace(festival, editions=kept))
        editions.update((e.id, e) for e in kept)
    lists = {cid: collections[cid] for cid in sorted(
        list_ids, key=lambda i: collections[i].title.casefold())}
    return Site(
        name=catalog.settings.get("site_name") or catalog.settings.get("archive_name")
        or _festival_name(festivals) or "Film Archive",
        base_url=_site_address(catalog),
        selection=selection, films=films, published=published, people=people,
        festivals=kept_festivals, editions=editions, sections=sections_of(editions, films),
        lists=lists_of(lists, films), collections=lists, skipped=skipped,
        warnings={k: w for k, w in warnings.items() if k[1] in (films if k[0] == "film"
                                                                 else people)},
        sources=source_lines(catalog, list(films)),
        addresses=catalog.addresses.past() if selection.kind == "all" else [],
        options=site_options(catalog),
    )


def site_of_films(catalog: Catalog, films: dict[int, FilmRecord], people: set[int],
                  warnings: dict[tuple[str, int], str]) -> Site:
    """The whole archive's site as far as these published films go (with their sources),
    and of these people (those with a page), for laying out pages that show no other
    film: the festivals, lists and settings are the whole archive's, as `load_site` has
    them."""
    festivals = catalog.festivals.all()
    editions: dict[int, EditionRecord] = {}
    kept_festivals = []
    for festival in festivals:
        kept = tuple(e for e in festival.editions if e.state == PUBLISHED)
        if kept:
            kept_festivals.append(replace(festival, editions=kept))
        editions.update((e.id, e) for e in kept)
    collections = {c.id: c for c in catalog.lists.all() if c.state == PUBLISHED}
    lists = {cid: collections[cid] for cid in sorted(
        collections, key=lambda i: collections[i].title.casefold())}
    persons = sound_stills({pid: p for pid, p in sorted(catalog.people.get_many(people).items())
                            if p.state == PUBLISHED}, warnings)
    return Site(
        name=catalog.settings.get("site_name") or catalog.settings.get("archive_name")
        or _festival_name(festivals) or "Film Archive",
        base_url=_site_address(catalog), selection=ALL, films=films, published=films,
        people=persons, festivals=kept_festivals, editions=editions,
        sections=sections_of(editions, films), lists=lists_of(lists, films),
        collections=lists, warnings=warnings, sources=source_lines(catalog, list(films)),
        addresses=catalog.addresses.past(), options=site_options(catalog))


def source_lines(catalog: Catalog, film_ids: list[int]) -> dict[int, SourceLine]:
    """"Source: MIFF 1989 catalogue, p. 42" for each film citing a source, when the
    archive's setting publishes sources (it does not unless turned on); with the page's
    scan only when its source is marked publishable."""
    if not sources_published(catalog.settings.get(PUBLISH_SOURCES)):
        return {}
    sources: dict[int, SourceRecord] = {}
    lines = {}
    for film_id, citation in catalog.sources.citations_of_films(film_ids).items():
        text = published_line(citation)
        if citation.source_id not in sources:
            sources[citation.source_id] = catalog.sources.get(citation.source_id)
        source = sources[citation.source_id]
        scan = None
        if source.publishable:
            page = source.page(citation.page)
            scan = scan_file(catalog.archive, page)
            if scan is not None:
                lines[film_id] = SourceLine(text, scan, page.sha256, page.file_page)
                continue
        lines[film_id] = SourceLine(text)
    return lines


Record = TypeVar("Record", FilmRecord, PersonRecord)


def sound_stills(records: dict[int, Record], warnings: dict[tuple[str, int], str]
                 ) -> dict[int, Record]:
    """The records without the stills whose hash is not a SHA-256, each record that had one
    named in `warnings`. Such a hash (written by hand or by an older Curator) names no
    image of the archive, and a file elsewhere must never be read for it."""
    out: dict[int, Record] = {}
    for key, record in records.items():
        kind, field_name, name = (("film", "stills", record.title)
                                  if isinstance(record, FilmRecord)
                                  else ("person", "portraits", record.name))
        stills = getattr(record, field_name)
        bad = [s.sha256 for s in stills if not is_sha256(s.sha256)]
        if bad:
            warnings[(kind, key)] = (
                f"{kind.capitalize()} {key} \u201c{name}\u201d: {len(bad)} still"
                f"{'s' if len(bad) > 1 else ''} left out, the hash {bad[0]!r} is not a SHA-256 "
                "(\u201ccurator stills check\u201d lists every bad record)")
            record = replace(record, **{field_name: tuple(
                s for s in stills if is_sha256(s.sha256))})
        out[key] = record
    return out


def filing_order(films: Iterable[FilmRecord]) -> dict[int, FilmRecord]:
    return {f.id: f for f in sorted(films, key=filing_key)}


def credited_people(films: Iterable[FilmRecord]) -> set[int]:
    return {c.person_id for f in films for c in f.credits}


def sections_of(editions: dict[int, EditionRecord], films: dict[int, FilmRecord]
                ) -> dict[int, SectionRecord]:
    """The sections that get a page: a section with nothing exported in it and nothing
    to say gets none."""
    shown_in = {s.section_id for f in films.values() for s in f.screenings if s.section_id}
    return {s.id: s for e in editions.values() for s in e.sections
            if s.id in shown_in or s.description.strip()}


def lists_of(collections: dict[int, CollectionRecord], films: dict[int, FilmRecord]
             ) -> dict[int, CollectionRecord]:
    """The exported lists, holding only the exported films."""
    return {cid: replace(c, items=tuple(i for i in c.items if i.film_id in films))
            for cid, c in collections.items()}


DEFAULT_OPTIONS = {s.key: s.default for s in SITE_SETTINGS}


def site_options(catalog: Catalog) -> dict[str, str]:
    """The site settings, each with its default where unset or unusable (a value stored
    by hand that the settings' rules refuse is left out, not written into pages)."""
    options = dict(DEFAULT_OPTIONS)
    for s in SITE_SETTINGS:
        value = catalog.settings.get(s.key).strip()
        if value and site_setting_problem(s, value, files=False) is None:
            options[s.key] = value
    return options


def _festival_name(festivals: list[FestivalRecord]) -> str:
    if len(festivals) == 1:
        return f"{festivals[0].name} Archive"
    return ""


def _site_address(catalog: Catalog) -> str:
    """The site's address; one stored before addresses were checked, and not http(s), is
    left out rather than written into every page."""
    value = catalog.settings.get(SITE_BASE_URL).strip()
    return "" if site_address_problem(value) else value
