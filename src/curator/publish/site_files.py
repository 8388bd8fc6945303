"""What every export writes besides pages and media, said once for the full export, the
desk's quick re-export and a new process's resumed one: the addresses that lead to films,
the data downloads (JSON, CSV, each film's JSON), the feeds, the assets, the logo,
robots.txt and the sitemap.

`changed` is None for a full export (everything is written); otherwise the films changed
since the export the writer started from, and what did not change is carried over.

The files made of a part for each film (the data downloads, the OAI-PMH records) are
written again after a few films changed, in what only those films' parts show, from the
files as the last export wrote them with those parts replaced (`splice_films`): the
desk's quick re-export and a new process's retouched one both do so.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from curator.catalog.records import FilmRecord
from curator.publish import data_files, feeds, urls
from curator.publish.addresses import address_pages, address_paths
from curator.publish.data_files import FilmParts
from curator.publish.feeds import feed_files
from curator.publish.pages import Links, Page, PageMaker
from curator.publish.render import Renderer
from curator.publish.site import Site
from curator.publish.writer import SiteWriter

CATALOGUE_JSON = "data/catalogue.json"
# a file of films' parts -> the bytes of its head, between two parts, of its tail, and of
# each film's part (see data_files.FilmParts)
Layouts = dict[str, tuple[int, int, int, list[int]]]


def write_changed_pages(writer: SiteWriter, renderer: Renderer, maker: PageMaker, site: Site,
                        pages: list[Page], paths: list[str], changed: set[int]) -> None:
    """A re-export's pages: those laid out again are written, every other page of the site
    (`paths`) is carried from the last export, and the addresses leading to the changed
    films are laid out again."""
    for page in pages:
        renderer.write_page(writer, page)
    laid_out = {p.file for p in pages}
    for path in paths:
        if urls.file_of(path) not in laid_out:
            writer.carry(urls.file_of(path))
    write_address_pages(writer, renderer, maker, site, changed)


def write_address_pages(writer: SiteWriter, renderer: Renderer, maker: PageMaker,
                        site: Site, changed: set[int], *, carry: bool = True) -> None:
    """The addresses that lead to the changed films, laid out again; the others carried
    (unless `carry` is False: the caller carries them)."""
    for page in address_pages(maker, changed):
        renderer.write_page(writer, page)
    if not carry:
        return
    for path in address_paths(site, maker.links):
        if urls.file_of(path) not in writer.files:
            writer.carry(urls.file_of(path))


def write_site_files(writer: SiteWriter, site: Site, maker: PageMaker, renderer: Renderer,
                     film_json: dict[int, str], paths: list[str], *,
                     changed: set[int] | None = None,
                     previous_paths: list[str] | None = None,
                     spliced: tuple[list[tuple[str, bytes]], Layouts] | None = None
                     ) -> Layouts:
    """Write them; where each film's part is in the files made of films' parts. `spliced`:
    those files already made again (see `splice_films`), and where their parts are."""
    quick = changed is not None
    layouts: Layouts = {}

    def put_parts(path: str, data: bytes | FilmParts) -> None:
        if isinstance(data, FilmParts):
            layouts[path] = data.layout()
            data = data.data()
        writer.put(path, data)

    def fresh(path: str) -> bool:  # write it: a full export, or the last one left none
        return not quick or not writer.carry(path)

    if spliced is not None:
        for path, data in spliced[0]:
            writer.put(path, data)
        layouts.update(spliced[1])
    else:
        put_parts(CATALOGUE_JSON, data_files.catalogue_json_parts(
            site, maker.links, film_json))
        for path, parts in data_files.catalogue_csv(site, maker.links, maker.per_film.get):
            put_parts(path, parts)
    for film_id, text in film_json.items():
        path = data_files.film_json_path(film_id)
        if (changed is not None and film_id in changed) or fresh(path):
            writer.put(path, text.encode("utf-8"))
    for path, data in feed_files(site, maker.links, maker.per_film.get):
        if path not in layouts:
            put_parts(path, data)
    for path, source in renderer.assets():
        if fresh(path):
            writer.put(path, source.read_bytes())
    logo = maker.chrome["logo"]
    if logo and fresh(logo):
        writer.put(logo, Path(site.options["site_logo"]).read_bytes())
    if fresh("robots.txt"):
        writer.put("robots.txt", data_files.robots_txt(site))
    if site.base_url and (not quick or paths != previous_paths
                          or not writer.carry("sitemap.xml")):
        writer.put("sitemap.xml", data_files.sitemap_xml(site, paths))
    return layouts


class NotAsWritten(Exception):
    """A file of the site is not as the last export wrote it, or not laid out as it said:
    why, in words."""


class WrittenFiles:
    """Files of the site as the last export wrote them, each checked against the SHA-256
    its manifest records."""

    def __init__(self, writer: SiteWriter) -> None:
        self.writer = writer
        self._read: dict[str, bytes] = {}

    def raw(self, path: str) -> bytes:
        if path not in self._read:
            self._read[path] = self._checked(path)
        return self._read[path]

    def _checked(self, path: str) -> bytes:
        entry = self.writer.old.get(path)
        if entry is None:
            raise NotAsWritten(f"the site's manifest does not list {path}")
        try:
            data = (self.writer.outdir / path).read_bytes()
        except OSError:
            raise NotAsWritten(f"{path} could not be read from the site") from None
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise NotAsWritten(f"{path} in the site is not as the last export wrote it")
        return data


def splice_films(read: Callable[[str], bytes], layouts: Layouts, position: Mapping[int, int],
                 films: Mapping[int, FilmRecord], site: Site, links: Links
                 ) -> tuple[list[tuple[str, bytes]], Layouts]:
    """The files made of films' parts, laid out as `layouts` says, with the parts of these
    films (each at its `position` in the files) as they are now: for a re-export after
    they changed in nothing but their own parts (what other films' parts and the files'
    heads and tails show of them is the same). `read(path)`: the file as the last export
    wrote it. NotAsWritten if a file is not laid out so."""
    files: list[tuple[str, bytes]] = []
    now: Layouts = {}
    for path, layout in layouts.items():
        if len(layout[3]) != len(position):
            raise NotAsWritten(f"{path} is not laid out as the last export wrote it")
        new = {position[i]: _film_part(path, film, site, links) for i, film in films.items()}
        try:
            data, sizes, old = data_files.spliced(read(path), layout, new)
        except ValueError:
            raise NotAsWritten(f"{path} is not laid out as the last export wrote it") from None
        if path == feeds.OAI_PATH:  # its date is its newest record's, which may be a changed one
            data = _newer_response_date(data, [f.updated_at for f in films.values()])
        for i in films:  # the part replaced is the film's own, or the layout is not
            part = old[position[i]]
            if part and _owner(path, part) != i:
                raise NotAsWritten(f"{path} is not laid out as the last export wrote it")
        files.append((path, data))
        now[path] = (*layout[:3], sizes)
    return files, now


def _film_part(path: str, film: FilmRecord, site: Site, links: Links) -> str:
    """The film's part of a file of films' parts."""
    if path == CATALOGUE_JSON:
        return data_files.film_json(film, site, links)
    if path in data_files.CSV_FILES:
        return data_files.film_csv(film, site, links)[data_files.CSV_FILES.index(path)]
    if path == feeds.OAI_PATH:
        return feeds.dc_record(film, site, links)
    raise NotAsWritten(f"the last export left a file of films that is not known ({path})")


_OWNERS = {CATALOGUE_JSON: re.compile(rb'\{"id":(\d+),'),
           feeds.OAI_PATH: re.compile(rb"\s*<record>\s*<header>\s*<identifier>[^<]*/films/(\d+)/<")}
_CSV_OWNER = re.compile(rb"(\d+),")


def _owner(path: str, part: bytes) -> int | None:
    """The film a part of a data file is of, as its first field says."""
    found = _OWNERS.get(path, _CSV_OWNER).match(part)
    return int(found.group(1)) if found else None


def _newer_response_date(data: bytes, changed: list[datetime]) -> bytes:
    """The OAI-PMH file with its response date moved on to the latest of the changed films'
    changes, if later (a film's change only ever moves on; the date's width is fixed)."""
    found = feeds.RESPONSE_DATE.search(data)
    if found is None:
        raise NotAsWritten(f"{feeds.OAI_PATH} has no response date")
    latest = max([found.group(1).decode(), *(feeds.response_date(m) for m in changed)])
    return data[:found.start(1)] + latest.encode() + data[found.end(1):]
