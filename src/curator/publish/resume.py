"""Re-exporting in a new process from the state the last export saved beside its manifest
(see `curator.publish.export_state`): only the pages that show the changed films.

The catalogue's stamps name the films changed since; if only a few films' own rows
changed, the site is read as it is now, and only the pages showing those films, before
(by the saved footprints and See-also lists) or now, are laid out and written; the
search index and the data download are made again and written where they changed.
Every other file is kept as the manifest records it. Anything else takes the full way.
"""

from __future__ import annotations

from collections.abc import Callable

from curator.catalog import Catalog
from curator.catalog.export_stamps import changed_films
from curator.catalog.records import FilmRecord
from curator.publish import data_files, urls
from curator.publish.export_state import SavedFilm, SavedFilms, SavedState
from curator.publish.feeds import feed_films
from curator.publish.media import archive_derivatives
from curator.publish.pages import PageMaker
from curator.publish.quick import (
    QUICK_LIMIT,
    Before,
    ExportState,
    MediaUse,
    SavedBefore,
    beyond_films,
    films_word,
    pages_to_lay_out,
    path_of,
)
from curator.publish.record_pages import RecordPages
from curator.publish.render import Renderer
from curator.publish.search_index import SearchIndex
from curator.publish.site import credited_people, load_site
from curator.publish.site_files import write_changed_pages, write_site_files
from curator.publish.site_pages import Footprint, listing, page_paths
from curator.publish.writer import SiteWriter


def resume_export(catalog: Catalog, saved: SavedState, writer: SiteWriter,
                  step: Callable[[int, int, str], None]) -> tuple[ExportState | None, str]:
    """Write the whole archive's site again from `saved`, if only a few films changed
    since. Without it (having written nothing), None and why the full way is needed."""
    renderer = Renderer()
    if renderer.design != saved.design:
        return None, "the site's templates or assets changed"
    stamps, changed = changed_films(catalog, saved.stamps)
    if changed is None:
        return None, f"more than films changed: {beyond_films(saved.stamps, stamps)}"
    if len(changed) > QUICK_LIMIT:
        return None, f"{films_word(len(changed))} changed (the quick way takes up to {QUICK_LIMIT})"
    step(0, 0, f"Reading the catalogue ({films_word(len(changed))} changed)")
    site = load_site(catalog)
    maker = PageMaker(site, archive_derivatives(catalog.archive))
    # stills that had no web sizes last time may have them now
    for film_id in saved.lacking - changed:
        film = site.films.get(film_id)
        if film and any(maker.still_files(s) for s in film.stills):
            changed.add(film_id)
    if len(changed) > QUICK_LIMIT:
        return None, (f"{films_word(len(changed))} changed or have new web sizes (the quick "
                      f"way takes up to {QUICK_LIMIT})")
    # every film the site held then and holds now is known, or the pages showing it are not
    try:
        footprints, neighbours_then = saved.footprints, saved.neighbours
    except ValueError as exc:
        return None, f"the saved export state is damaged ({exc})"
    if (footprints.keys() ^ site.films.keys()) - changed or any(
            i not in footprints and urls.file_of(maker.links.films[i]) in writer.old
            for i in changed if i in site.films):
        return None, "the saved export state does not list the films the site holds"
    if maker.chrome != saved.chrome:  # every page shows it
        return None, ("the site's header or menus change (a first or last director, year, "
                      "country or festival, or a setting they show)")
    records = RecordPages(maker)
    paths = page_paths(maker)
    before = Before({i: footprints[i] for i in changed if i in footprints},
                    saved.people, {f.year for f in footprints.values() if f.year},
                    neighbours_then)
    pages, neighbours = pages_to_lay_out(before, site, maker, records, changed)
    old_paths = {path_of(f) for f in writer.old}
    if set(paths) - {p.path for p in pages} - old_paths:
        return None, "a page the last export did not write would be missing"

    media = MediaUse(dict(saved.media), saved.media_of, saved.users.copy(),
                     set(saved.lacking))
    media.follow(site, maker, changed, saved.people)
    live = media.live()
    if any(p not in writer.old and p not in maker.media for p in live):
        return None, "a still's file the last export wrote is not in the site's manifest"

    step(0, len(pages), f"Writing {len(pages):,} pages")
    write_changed_pages(writer, renderer, maker, site, pages, paths, changed)
    for path, (sha256, image) in sorted(live.items()):
        if not writer.carry(path):
            writer.put_file(path, image.source, f"{sha256}:{image.source.name}")

    step(1, 1, "Writing the search index and data download")
    search = SearchIndex(site, maker.links)
    for path, data in search.files():
        writer.put(path, data)
    film_json = {i: data_files.film_json(f, site, maker.links) for i, f in site.films.items()}
    layouts = write_site_files(writer, site, maker, renderer, film_json, paths,
                               changed=changed)
    state = ExportState(
        stamps=stamps, site=site, renderer=renderer, maker=maker, neighbours=neighbours,
        search=search, film_json=film_json, media=media, page_paths=paths,
        chrome=maker.chrome, credited=credited_people(site.films.values()),
        layouts=layouts)
    return state, f"{films_word(len(changed))} changed (from the state the last export saved)"


def saved_state(state: ExportState) -> SavedState:
    """What of `state` a new process needs to start from it. After a quick export from a
    state that was saved (`state.since`), only the films whose entries may differ are
    encoded again: the changed ones and those whose See also, or whose place in others'
    See also, changed; the others' entries are the last save's text."""
    site, maker, media = state.site, state.maker, state.media
    links = maker.links
    addresses: dict[int, list[str]] = {}
    for a in site.addresses:
        addresses.setdefault(a.film_id, []).append(a.slug)

    def listed(film: FilmRecord) -> str:
        return listing(film, links.films[film.id], addresses.get(film.id, ()))

    per_film = maker.per_film
    search = state.search

    def entry(i: int, referrers: tuple[int, ...]) -> str:
        film = site.films[i]
        words, titled = search.words_of(i)
        return SavedFilm(
            per_film.get(film, "footprint", Footprint.of), state.neighbours.get(i, ()),
            referrers, per_film.get(film, "listed", listed),
            search.digests.get(i, ""), media.of.get(("film", i), ()),
            SavedFilm.word_list(words), SavedFilm.word_list(titled)).to_json()

    since = state.since
    if since is None:
        referrers: dict[int, list[int]] = {}
        for film_id, neighbours in state.neighbours.items():
            for other in neighbours:
                referrers.setdefault(other, []).append(film_id)
        films = SavedFilms({i: entry(i, tuple(sorted(referrers.get(i, ()))))
                            for i in site.films})
    else:
        films = _films_since(since, state, entry)
    return SavedState(
        stamps=state.stamps, design=state.renderer.design, chrome=state.chrome,
        films=films, people=set(site.people), media=media.live(),
        users=+media.users,
        portraits={i: paths for (kind, i), paths in media.of.items()
                   if kind == "person" and paths},
        lacking=set(media.lacking), warnings=dict(site.warnings),
        feed=tuple(f.id for f in feed_films(site.films.values())) if site.base_url else (),
        parts=dict(state.layouts), pages=len(state.page_paths),
        stamp_texts=since.saved.stamp_texts if since is not None else {})


def _films_since(since: SavedBefore, state: ExportState,
                 entry: Callable[[int, tuple[int, ...]], str]) -> SavedFilms:
    """The saved films of `state`, from those saved `since`: the entries of films whose
    rows, See also or referrers changed made again, the others' texts as they were."""
    old, now = since.neighbours, state.neighbours
    relinked = {i for i in old.keys() | now.keys() if old.get(i, ()) != now.get(i, ())}
    texts = since.saved.films.texts
    films = state.site.films
    dirty = since.changed | relinked | (films.keys() - texts.keys())
    dirty |= {n for i in relinked for n in (*old.get(i, ()), *now.get(i, ()))}
    fresh = {}
    for i in dirty & films.keys():
        referrers = set(since.saved.films[i].referrers) if i in texts else set()
        for j in relinked:
            if i in now.get(j, ()):
                referrers.add(j)
            else:
                referrers.discard(j)
        fresh[i] = entry(i, tuple(sorted(referrers)))
    return SavedFilms({i: fresh[i] if i in fresh else texts[i] for i in films})
