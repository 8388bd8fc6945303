"""Re-exporting from where the last export left off: only what shows the changed films.

An export leaves its state behind in the export session of whoever exported (an
`ExportSession`: the desk's export controller holds one for as long as it runs).
The state (an `ExportState`) holds the records it exported, the See-also lists,
the search index, the data download's films, the stills each film shows, the list
of pages, and the stamps of the catalogue it read (see `curator.catalog.export_stamps`).
The next export of the
whole archive into the same folder compares the stamps. When only a few films'
own rows changed (an edit, a new film, one unpublished) it reads just those films
and lays out again only the pages that show them: their own, the See-also lists
they are on or now belong on, their people, editions, sections, lists, years and
countries, the home and index pages, the directors' pages if their directors
changed; their search shards and the data downloads (where nothing else in them
changes, with only the changed films' entries spliced into the files the last export
wrote: `site_files.splice_films`). Every other file is kept as the manifest records it,
and the manifest itself, while its file is the one the last export wrote, is not read
again (`writer.ManifestMark`).

Anything else (a person, a festival, a list or a setting changed; a template; a
selection; someone else's export into the folder; many films) takes the full way,
whose writing is incremental too; the planner says which of these it was
(`ExportResult.full_because`, shown by `curator export --verbose`). A new process
starts with a new session, and so from the state the last export saved (see
`curator.publish.export_state`); after a short export from it (`curator.publish.retouch`)
the session keeps that saved state and its manifest's mark for the next export.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from curator.catalog import Catalog
from curator.catalog.export_stamps import FILM_TABLES, CatalogueStamps, changed_films
from curator.catalog.records import FilmRecord, PersonRecord, StillRecord
from curator.publish import data_files, urls
from curator.publish.browse_pages import (
    country_pages,
    home_page,
    not_found_page,
    search_page,
    year_pages,
)
from curator.publish.export_state import SavedState
from curator.publish.media import ImageFile, StillFiles, media_path
from curator.publish.pages import Page, PageMaker
from curator.publish.record_pages import RecordPages, directors_pages
from curator.publish.render import Renderer, design_of
from curator.publish.search_index import SearchIndex
from curator.publish.selection import Selection
from curator.publish.site import (
    PUBLISHED,
    Site,
    credited_people,
    filing_key,
    filing_order,
    lists_of,
    sections_of,
    sound_stills,
    source_lines,
)
from curator.publish.site_files import (
    Layouts,
    NotAsWritten,
    WrittenFiles,
    splice_films,
    write_changed_pages,
    write_site_files,
)
from curator.publish.site_pages import Footprint, page_paths
from curator.publish.writer import ManifestMark, SiteWriter

# Beyond this many changed films the full way is as quick, and simpler to trust.
QUICK_LIMIT = 100

StateKey = tuple[str, str, str]

# What changed, in the catalogue's words, when more than films' own rows did.
_BEYOND_FILMS = {
    "person": "a person", "name_variant": "a person", "festival": "a festival",
    "edition": "a festival edition", "section": "a festival section",
    "collection": "a list", "collection_item": "a list", "setting": "a setting",
    "still": "a portrait", "award": "a person's award",
}


@dataclass
class MediaUse:
    """Which exported records show which image files of the site."""

    files: dict[str, tuple[str, ImageFile]]  # site path -> (sha256, file)
    of: dict[tuple[str, int], tuple[str, ...]]  # ("film" or "person", id) -> its files
    users: Counter[str]
    lacking: set[int]  # films with a still that had no derivatives yet: asked again next time

    @classmethod
    def of_site(cls, maker: PageMaker) -> MediaUse:
        use = cls({}, {}, Counter(), set())
        for film in maker.site.films.values():
            use.add_film(film, maker)
        for person in maker.site.people.values():
            use.add_person(person, maker)
        return use

    def _add(self, key: tuple[str, int], stills: Iterable[StillRecord], maker: PageMaker
             ) -> bool:
        paths: list[str] = []
        complete = True
        for still in stills:
            files = maker.files_of(still)
            complete &= bool(files)
            paths += (media_path(still, f) for f in files)
        self.of[key] = tuple(paths)
        self.users.update(paths)
        self.files.update((p, maker.media[p]) for p in paths)
        return complete

    def add_film(self, film: FilmRecord, maker: PageMaker) -> None:
        if not self._add(("film", film.id), film.stills, maker):
            self.lacking.add(film.id)
        line = maker.site.sources.get(film.id)
        if line is not None and line.scan is not None:  # the scan its source line links to
            path = line.scan_path
            self.of[("film", film.id)] += (path,)
            self.users[path] += 1
            self.files[path] = (line.scan_sha256, line.scan)

    def add_person(self, person: PersonRecord, maker: PageMaker) -> None:
        self._add(("person", person.id), person.portraits, maker)

    def drop(self, kind: str, record_id: int) -> None:
        self.users.subtract(self.of.pop((kind, record_id), ()))
        if kind == "film":
            self.lacking.discard(record_id)

    def live(self) -> dict[str, tuple[str, ImageFile]]:
        return {p: self.files[p] for p, n in self.users.items() if n > 0}

    def follow(self, site: Site, maker: PageMaker, changed: set[int],
               people_before: Iterable[int]) -> None:
        """Take in the changed films, and the people who gained or lost a page."""
        for film_id in changed:
            self.drop("film", film_id)
            if film_id in site.films:
                self.add_film(site.films[film_id], maker)
        for person_id in set(site.people).symmetric_difference(people_before):
            self.drop("person", person_id)
            if person_id in site.people:
                self.add_person(site.people[person_id], maker)


@dataclass
class ExportState:
    """What an export leaves for the next one into the same folder."""

    stamps: CatalogueStamps
    site: Site
    renderer: Renderer
    maker: PageMaker
    neighbours: dict[int, tuple[int, ...]]  # film -> the films its See also lists
    search: SearchIndex
    film_json: dict[int, str]
    media: MediaUse
    page_paths: list[str]
    chrome: dict
    credited: set[int]  # everyone credited on an exported film, published or not
    key: StateKey = ("", "", "")
    still_files: StillFiles | None = None  # the caller's own, if it gave one
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # the manifest written
    manifest: ManifestMark | None = None  # its file, as the next export knows it again
    layouts: Layouts = field(default_factory=dict)  # where each film is in the data files
    saved: SavedState | None = None  # what the last save of this state holds (export_state)
    since: SavedBefore | None = None  # the state saved before a quick export, and its changes


@dataclass(frozen=True)
class SavedBefore:
    """The saved state a quick export started from, and what changed since: saving the new
    state encodes again only the films whose entries may differ (see resume.saved_state)."""

    saved: SavedState
    neighbours: dict[int, tuple[int, ...]]  # every film's See also then
    changed: frozenset[int]


def state_key(catalog: Catalog, outdir: Path, selection: Selection) -> StateKey:
    return (str(catalog.archive.folder.resolve()), os.path.abspath(outdir), selection.spec)


class ExportSession:
    """What one exporter keeps from its last export for its next: the desk's export
    controller holds one while it runs; a command line export makes a new one.

    It holds one state at a time (a state holds a whole archive's records), and an
    export takes it, so one that fails leaves none behind and the next goes the full way.
    After an export that read only a few films (`curator.publish.retouch`) it holds the
    state that export saved instead, with the mark of the manifest it wrote: the next
    export starts from them without reading either file again.
    """

    def __init__(self) -> None:
        self._state: ExportState | None = None
        self._saved: tuple[StateKey, SavedState, ManifestMark] | None = None

    def take(self, key: StateKey, still_files: StillFiles | None
             ) -> tuple[ExportState | None, str]:
        """The last export's state if the next export can start from it, else why not."""
        state, self._state = self._state, None
        if state is None:
            return None, "no earlier export in this session"
        archive, outdir, spec = key
        if state.key[0] != archive:
            return None, "the last export was of another archive"
        if state.key[1] != outdir:
            return None, "the last export went into another folder"
        if state.key[2] != spec:
            return None, f"the last export was of another selection ({state.key[2]})"
        if state.still_files is not still_files:
            return None, "the stills come from elsewhere this time"
        return state, ""

    def take_saved(self, key: StateKey) -> tuple[SavedState, ManifestMark] | None:
        """The state the last export saved and the mark of its manifest, while that
        manifest is still in the site (else the state file on disk is the one to trust)."""
        kept, self._saved = self._saved, None
        if kept is None or kept[0] != key or not kept[2].holds(Path(key[1])):
            return None
        return kept[1], kept[2]

    def keep(self, state: ExportState) -> None:
        self._state, self._saved = state, None

    def keep_saved(self, key: StateKey, saved: SavedState, mark: ManifestMark | None
                   ) -> None:
        self._state = None
        self._saved = (key, saved, mark) if mark is not None else None

    def forget(self) -> None:
        self._state = self._saved = None


def films_word(count: int) -> str:
    return f"{count:,} film{'' if count == 1 else 's'}"


def beyond_films(before: CatalogueStamps, now: CatalogueStamps) -> str:
    tables = [t for t, s in now.tables.items()
              if t not in FILM_TABLES and before.tables.get(t) != s]
    words = dict.fromkeys(_BEYOND_FILMS.get(t, t.replace("_", " ")) for t in tables)
    return ", ".join(words) or "a portrait or a person's award"


def quick_export(catalog: Catalog, state: ExportState, writer: SiteWriter,
                 step: Callable[[int, int, str], None]) -> tuple[ExportState | None, str]:
    """Write the site again from `state`, if only a few films changed since. Without it
    (having written nothing), None and why the full way is needed."""
    old = state.site
    if old.selection.kind != "all":
        return None, f"only a whole-archive export starts from the last ({old.selection.spec})"
    if writer.old is not state.files and writer.old != state.files:
        return None, "the site's manifest is not the one the last export wrote"
    if design_of(state.renderer.resources) != state.renderer.design:
        return None, "the site's templates or assets changed"
    stamps, changed = changed_films(catalog, state.stamps)
    if changed is None:
        return None, f"more than films changed: {beyond_films(state.stamps, stamps)}"
    if len(changed) > QUICK_LIMIT:
        return None, f"{films_word(len(changed))} changed (the quick way takes up to {QUICK_LIMIT})"
    earlier = state.maker
    # stills that had no derivatives last time may have them now
    for film_id in state.media.lacking - changed:
        film = old.films.get(film_id)
        if film and any(not earlier.derivatives.get(s.id) and earlier.still_files(s)
                        for s in film.stills):
            changed.add(film_id)
    if len(changed) > QUICK_LIMIT:
        return None, (f"{films_word(len(changed))} changed or have new web sizes (the quick "
                      f"way takes up to {QUICK_LIMIT})")
    step(0, 0, f"Reading {len(changed):,} changed films")
    warnings = {k: w for k, w in old.warnings.items() if k[0] != "film" or k[1] not in changed}
    fresh = sound_stills({f.id: f for f in catalog.films.get_many(sorted(changed))
                          if f.state == PUBLISHED}, warnings)
    site, credited = _site_with(catalog, old, state.credited, changed, fresh, warnings)
    site.addresses = catalog.addresses.past()  # a film's address change is a film's change
    for film_id in changed:
        for film in (old.films.get(film_id), fresh.get(film_id)):
            for still in film.stills if film else ():
                earlier.derivatives.pop(still.id, None)
        earlier.see_also.replace(old.published.get(film_id), fresh.get(film_id))
    maker = PageMaker(site, earlier.still_files, earlier=earlier)
    if maker.chrome != state.chrome:  # every page shows it
        return None, ("the site's header or menus change (a first or last director, year, "
                      "country or festival, or a setting they show)")
    records = RecordPages(maker)
    paths = page_paths(maker)
    before = {i: Footprint.of(old.films[i]) for i in changed if i in old.films}
    pages, neighbours = pages_to_lay_out(
        Before(before, set(old.people), {f.year for f in old.films.values() if f.year},
               state.neighbours), site, maker, records, changed)
    laid_out, written = {p.path for p in pages}, writer.old
    if any(p not in laid_out and urls.file_of(p) not in written for p in paths):
        return None, "a page the last export did not write would be missing"

    step(0, len(pages), f"Writing {len(pages):,} pages")
    renderer = state.renderer
    write_changed_pages(writer, renderer, maker, site, pages, paths, changed)

    media = state.media
    media.follow(site, maker, changed, old.people)
    for path, (sha256, image) in sorted(media.live().items()):
        if not writer.carry(path):
            writer.put_file(path, image.source, f"{sha256}:{image.source.name}")

    step(1, 1, "Writing the search index and data download")
    written = set()
    for path, data in state.search.replace(old, site, maker.links, changed):
        writer.put(path, data)
        written.add(path)
    for path in state.search.paths() - written:
        if not writer.carry(path):
            for again, data in state.search.files():
                writer.put(again, data)
            break
    for film_id in changed:
        state.film_json.pop(film_id, None)
        if film_id in site.films:
            state.film_json[film_id] = data_files.film_json(site.films[film_id], site,
                                                            maker.links)
    spliced, whole_because = splice_data_files(writer, state.layouts, old, site, maker,
                                               changed)
    layouts = write_site_files(writer, site, maker, renderer, state.film_json, paths,
                               changed=changed, previous_paths=state.page_paths,
                               spliced=spliced)
    done = films_word(len(changed)) + " changed"
    if whole_because:
        done += f"; the data downloads were made whole: {whole_because}"
    since = (SavedBefore(state.saved, state.neighbours, frozenset(changed))
             if state.saved is not None else None)
    return replace(state, stamps=stamps, site=site, maker=maker, neighbours=neighbours,
                   page_paths=paths, credited=credited, layouts=layouts, saved=None,
                   since=since), done


def splice_data_files(writer: SiteWriter, layouts: Layouts, old: Site, site: Site,
                      maker: PageMaker, changed: set[int]
                      ) -> tuple[tuple[list[tuple[str, bytes]], Layouts] | None, str]:
    """The files made of films' parts (see `site_files.splice_films`) with the changed
    films' parts replaced, when nothing but those parts changes in them: the same films in
    the same order (the files' parts), the same people with a page and sections with one
    (what the catalogue's head and tail, and the other films' parts, show of them). Else
    None (they are made whole), and why if the files were not as the last export left them."""
    films = site.films
    if (not layouts or not changed <= films.keys() or list(films) != list(old.films)
            or site.people.keys() != old.people.keys()
            or site.sections.keys() != old.sections.keys()):
        return None, ""
    position = {film_id: n for n, film_id in enumerate(films)}
    try:
        return splice_films(WrittenFiles(writer).raw, layouts, position,
                            {i: films[i] for i in sorted(changed)}, site, maker.links), ""
    except NotAsWritten as exc:
        return None, str(exc)


def path_of(file: str) -> str:
    return file[: -len("index.html")] if file.endswith("index.html") else file


def _site_with(catalog: Catalog, old: Site, credited_before: set[int], changed: set[int],
               fresh: dict[int, FilmRecord], warnings: dict[tuple[str, int], str]
               ) -> tuple[Site, set[int]]:
    """The site of the last export with the changed films as they are now."""
    published = {i: f for i, f in old.published.items() if i not in changed}
    published.update(fresh)
    if any(i not in old.published for i in fresh):
        published = dict(sorted(published.items()))
    if all(i in old.films and i in fresh and filing_key(old.films[i]) == filing_key(fresh[i])
           for i in changed if i in old.films or i in fresh):
        films = {i: fresh.get(i, f) for i, f in old.films.items()}
    else:
        films = filing_order(published.values())
    credited = credited_people(films.values())
    people = {i: p for i, p in old.people.items() if i in credited}
    newcomers = credited - credited_before
    if newcomers:
        people.update(sound_stills({i: p for i, p in catalog.people.get_many(newcomers).items()
                                    if p.state == PUBLISHED}, warnings))
        people = dict(sorted(people.items()))
    sources = {i: line for i, line in old.sources.items() if i not in changed}
    sources.update(source_lines(catalog, [i for i in changed if i in films]))
    return replace(old, films=films, published=published, people=people, sources=sources,
                   sections=sections_of(old.editions, films),
                   lists=lists_of(old.collections, films),
                   warnings={k: w for k, w in warnings.items()
                             if k[1] in (films if k[0] == "film" else people)}), credited


@dataclass
class Before:
    """What the last export showed, as far as the pages to lay out again depend on it."""

    films: dict[int, Footprint]  # the changed films it exported
    people: set[int]  # everyone with a page
    years: set[int]  # every year with a page
    neighbours: dict[int, tuple[int, ...]]  # every film's See also


def pages_to_lay_out(before: Before, site: Site, maker: PageMaker, records: RecordPages,
                     changed: set[int]) -> tuple[list[Page], dict[int, tuple[int, ...]]]:
    """The pages that show a changed film, before or now; and every film's See also."""
    films = site.films
    film_ids: set[int] = set()
    people: set[int] = set()
    editions = {e.id for e in site.editions.values() if e.opening_film_id in changed}
    sections: set[int] = set()
    lists: set[int] = set()
    years: set[int | None] = set()
    countries: set[str] = set()
    directors_changed = False
    for film_id in changed:
        then = before.films.get(film_id)
        now = Footprint.of(films[film_id]) if film_id in films else None
        directors_changed |= (then.directors if then else ()) != (now.directors if now else ())
        for footprint in (then, now):
            if footprint is None:
                continue
            film_ids.add(film_id)
            people.update(footprint.people)
            editions.update(footprint.editions)
            sections.update(footprint.sections)
            years.add(footprint.year)
            countries.update(footprint.countries)
        lists.update(c.id for c in site.lists.values()
                     if any(i.film_id == film_id for i in site.collections[c.id].items))
    # a person who got or lost a page: awards elsewhere link to them, or no more
    gained_or_lost = set(site.people).symmetric_difference(before.people)
    if gained_or_lost:
        film_ids.update(f.id for f in films.values()
                        if any(a.person_id in gained_or_lost for a in f.awards))

    neighbours = {i: n for i, n in before.neighbours.items() if i in films}
    referrers = {i for i, n in before.neighbours.items() if changed.intersection(n)}
    candidates: set[int] = set(changed)
    for film_id in changed:
        if film_id in site.published:
            candidates |= maker.see_also.candidates(site.published[film_id])
    for film_id in (referrers | candidates) & films.keys():
        now_listed = tuple(f.id for f in records.see_also(films[film_id]))
        if (film_id in referrers or now_listed != neighbours.get(film_id)
                or changed.intersection(now_listed)):
            film_ids.add(film_id)
        neighbours[film_id] = now_listed

    pages = [home_page(maker)]
    pages += [records.film_page(films[i]) for i in sorted(film_ids) if i in films]
    pages += [records.person_page(site.people[i]) for i in sorted(people) if i in site.people]
    pages += [records.edition(site.editions[i]) for i in sorted(editions) if i in site.editions]
    pages += [records.programme(e) for e in records.programme_editions() if e.id in editions]
    pages += [records.section(site.sections[i]) for i in sorted(sections) if i in site.sections]
    pages += [records.collection(site.lists[i]) for i in sorted(lists)]
    if directors_changed:
        pages += directors_pages(maker)
    pages += year_pages(maker, None if before.years != set(maker.years) else years)
    pages += country_pages(maker, countries)
    pages += [search_page(maker), not_found_page(maker)]
    return pages, neighbours
