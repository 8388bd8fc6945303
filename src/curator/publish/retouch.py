"""Re-exporting in a new process after a few films changed only in what their own pages
and the search index show (a still, its caption, an award, a synopsis, a quote): from the
state the last export saved, read only those films and the films their pages and their
See-also neighbours' pages show, never the whole catalogue.

Each saved film carries a digest of all that other pages show of it (`site_pages.listing`):
while a changed film's digest is what it was, the site keeps its pages, its lists and its
See also, and only these files change: the film's page and its JSON, the pages of the
films whose See also lists it, its stills, its parts of the data downloads and the feeds
(the last export's files with its parts replaced), and where its words changed, the
search index's shards of its old and new words (`curator.publish.search_patch`, from the
words the state saved of it). The files read back from the site are checked against the
manifest's SHA-256 first. Anything else (a film whose lists, title or credits changed,
one published or withdrawn, a file not as the manifest says) goes to the resumed export
(`curator.publish.resume`), which reads the whole catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from curator.catalog import Catalog
from curator.catalog.export_stamps import changed_films
from curator.publish import data_files, feeds, urls
from curator.publish.export_state import SavedFilm, SavedState
from curator.publish.media import archive_derivatives
from curator.publish.pages import PageMaker
from curator.publish.quick import MediaUse, beyond_films, films_word
from curator.publish.record_pages import RecordPages
from curator.publish.render import Renderer
from curator.publish.search_index import held_of, index_digest
from curator.publish.search_patch import NotPatchable, Rewording, patch_index
from curator.publish.site import PUBLISHED, site_of_films, sound_stills
from curator.publish.site_files import (
    NotAsWritten,
    WrittenFiles,
    splice_films,
    write_address_pages,
)
from curator.publish.site_pages import listing
from curator.publish.writer import SiteWriter

# Beyond this many changed films, reading the whole catalogue costs less than the films.
RETOUCH_LIMIT = 20


class _NotAsSaved(Exception):
    """What the retouch needs is not as the state or the manifest says: why, in words."""


def retouch_export(catalog: Catalog, saved: SavedState, writer: SiteWriter,
                   step: Callable[[int, int, str], None]) -> tuple[SavedState | None, str]:
    """Write the site again from `saved` if only what the changed films' own pages show
    changed; the state to save then, and what was done. Without it (having written
    nothing), None and why not."""
    try:
        return _retouch(catalog, saved, writer, step)
    except (_NotAsSaved, NotAsWritten) as exc:
        return None, str(exc)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        return None, f"the saved export state is damaged ({exc})"


def _retouch(catalog: Catalog, saved: SavedState, writer: SiteWriter,
             step: Callable[[int, int, str], None]) -> tuple[SavedState, str]:
    renderer = Renderer()
    if renderer.design != saved.design:
        raise _NotAsSaved("the site's templates or assets changed")
    stamps, changed = changed_films(catalog, saved.stamps)
    if changed is None:
        raise _NotAsSaved(f"more than films changed: {beyond_films(saved.stamps, stamps)}")
    changed |= saved.lacking  # stills that had no web sizes may have them now
    if len(changed) > RETOUCH_LIMIT:
        raise _NotAsSaved(f"{films_word(len(changed))} changed")
    step(0, 0, f"Reading the catalogue ({films_word(len(changed))} changed)")
    warnings = {k: w for k, w in saved.warnings.items() if k[0] != "film" or k[1] not in changed}
    fresh = {f.id: f for f in catalog.films.get_many(sorted(changed)) if f.state == PUBLISHED}
    for film_id in changed:  # a draft changed is no change to the site
        if (film_id in fresh) != (film_id in saved.films):
            if film_id in fresh and urls.file_of(urls.film_path(fresh[film_id])) in writer.old:
                raise _NotAsSaved("the saved export state does not list the films the site "
                                  "holds")
            raise _NotAsSaved("a film was published, withdrawn, added or deleted")
    changed = set(fresh)
    before = {i: saved.films[i] for i in changed}
    # the films whose pages show a changed film, and the films those pages show
    referrers = {r for i in changed for r in before[i].referrers} - changed
    shown = {i: saved.films[i] for i in referrers}
    for film_id, film in before.items():  # the See-also graph as the rule has it
        if (any(film_id not in saved.films[r].neighbours for r in film.referrers)
                or any(film_id not in saved.films[n].referrers for n in film.neighbours)
                or tuple(f.id for f in catalog.films.see_also(film_id, published_only=True))
                != film.neighbours):
            raise _NotAsSaved(f"the saved export state's See also of film {film_id} is not "
                              "the rule's")
    needed = changed | referrers | {n for f in (*before.values(), *shown.values())
                                    for n in f.neighbours}
    feed = set(saved.feed) if saved.feed else set()
    others = {f.id: f for f in catalog.films.get_many(sorted((needed | feed) - changed))
              if f.state == PUBLISHED}
    if (needed | feed) - changed - others.keys():
        raise _NotAsSaved("a film the saved export state names is not published")
    films = sound_stills({**others, **fresh}, warnings)
    people = {c.person_id for i in needed for c in films[i].credits}
    people |= {a.person_id for i in needed for a in films[i].awards if a.person_id}
    site = site_of_films(catalog, films, people & saved.people, warnings)
    maker = PageMaker(site, archive_derivatives(catalog.archive))
    maker.chrome.update({k: saved.chrome.get(k) for k in ("directors", "years", "countries")})
    if maker.chrome != saved.chrome:  # every page shows it
        raise _NotAsSaved("the site's header or menus change (the date, or a setting they "
                          "show)")
    addresses: dict[int, list[str]] = {}
    for a in site.addresses:
        addresses.setdefault(a.film_id, []).append(a.slug)
    for film_id in changed:
        film = site.films[film_id]
        if listing(film, maker.links.films[film_id], addresses.get(film_id, ())) != (
                before[film_id].listed):
            raise _NotAsSaved("a film changed in what other pages show of it")

    # read and change the data downloads and the search index before writing anything
    read = WrittenFiles(writer)
    order = {film_id: n for n, film_id in enumerate(saved.films)}
    files, parts = splice_films(read.raw, saved.parts, order,
                                {i: site.films[i] for i in changed}, site, maker.links)
    feed_ids: tuple[int, ...] = ()
    if site.base_url:
        path, data, feed_ids = _feed(saved, site, maker, changed)
        files.append((path, data))
    held = {i: held_of(site.films[i], site, maker.links) for i in changed}
    digests = {i: index_digest(*held[i]) for i in changed}
    # films whose words changed (a synopsis, a quote): their old words out of the index's
    # files and the new ones in, from the files as the last export wrote them
    reworded = [Rewording(i, before[i].search, frozenset(before[i].words.split()),
                          frozenset(before[i].titled.split()), frozenset(held[i][0]),
                          frozenset(held[i][1]), *held[i][2:])
                for i in sorted(changed) if digests[i] != before[i].search]
    dropped: set[str] = set()
    if reworded:
        try:
            index_files, dropped = patch_index(read.raw, reworded)
        except NotPatchable as exc:
            raise _NotAsSaved(str(exc)) from None
        files += index_files

    records = RecordPages(maker)
    for film_id in changed | referrers:  # See also as the last export found it
        saved_film = before.get(film_id) or shown[film_id]
        records._neighbours[film_id] = [site.films[n] for n in saved_film.neighbours]
    step(0, 0, f"Writing {len(changed | referrers):,} film pages")
    for film_id in sorted(changed | referrers):
        renderer.write_page(writer, records.film_page(site.films[film_id]))
    write_address_pages(writer, renderer, maker, site, changed, carry=False)
    for film_id in changed:
        writer.put(data_files.film_json_path(film_id),
                   data_files.film_json(site.films[film_id], site, maker.links).encode())
    for path, data in files:
        writer.put(path, data)

    media = MediaUse(dict(saved.media), {("film", i): before[i].media for i in changed},
                     saved.users.copy(), set(saved.lacking) - changed)
    media.follow(site, maker, changed, site.people)
    for film_id in changed:
        for path in media.of[("film", film_id)]:
            if not writer.carry(path):
                sha256, image = media.files[path]
                writer.put_file(path, image.source, f"{sha256}:{image.source.name}")
    dead = {p for p, n in media.users.items() if n <= 0}
    for path in writer.old.keys() - writer.files.keys() - dead - dropped:
        writer.carry(path)

    state = SavedState(
        stamps=stamps, design=saved.design, chrome=saved.chrome,
        films=saved.films.with_changes({i: SavedFilm(
            before[i].footprint, before[i].neighbours, before[i].referrers, before[i].listed,
            digests[i], media.of[("film", i)], SavedFilm.word_list(held[i][0]),
            SavedFilm.word_list(held[i][1]))
            for i in changed}),
        people=saved.people, media=media.files, users=media.users,
        portraits=saved.portraits, lacking=media.lacking,
        warnings=warnings,
        feed=feed_ids,
        parts=parts, pages=saved.pages, stamp_texts=saved.stamp_texts)
    if not changed:
        return state, "no film changed (from the state the last export saved)"
    its = "its" if len(changed) == 1 else "their"
    if reworded:
        return state, (f"{films_word(len(changed))} changed, on {its} own pages and in the "
                       f"search index's files of {its} words (from the state the last export "
                       "saved)")
    return state, (f"{films_word(len(changed))} changed, only on {its} own pages (from the "
                   "state the last export saved)")


def _feed(saved: SavedState, site: Any, maker: PageMaker, changed: set[int]
          ) -> tuple[str, bytes, tuple[int, ...]]:
    """The feed: the films changed last, found among those it showed and the changed
    ones, when these are enough to be sure no other film belongs in it."""
    kept = [site.films[i] for i in saved.feed if i not in changed]
    films = feeds.feed_films([*kept, *(site.films[i] for i in changed)])
    if len(saved.feed) >= feeds.FEED_ENTRIES:
        # every film the last feed left out is older than the oldest it showed
        if not kept or len(films) < feeds.FEED_ENTRIES or (
                (films[-1].updated_at, films[-1].id) < min((f.updated_at, f.id) for f in kept)):
            raise _NotAsSaved("the feed may show a film it did not show")
    partial = type(site)(**{**site.__dict__, "films": {f.id: f for f in films}})
    return feeds.FEED_PATH, feeds.atom_feed(partial, maker.links), tuple(f.id for f in films)
