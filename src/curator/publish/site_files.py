"""What every export writes besides pages and media, said once for the full export, the
desk's quick re-export and a new process's resumed one: the addresses that lead to films,
the data downloads (JSON, CSV, each film's JSON), the feeds, the assets, the logo,
robots.txt and the sitemap.

`changed` is None for a full export (everything is written); otherwise the films changed
since the export the writer started from, and what did not change is carried over.
"""

from __future__ import annotations

from pathlib import Path

from curator.publish import data_files, urls
from curator.publish.addresses import address_pages, address_paths
from curator.publish.data_files import FilmParts
from curator.publish.feeds import feed_files
from curator.publish.pages import Page, PageMaker
from curator.publish.render import Renderer
from curator.publish.site import Site
from curator.publish.writer import SiteWriter

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
                     previous_paths: list[str] | None = None) -> Layouts:
    """Write them; where each film's part is in the files made of films' parts."""
    quick = changed is not None
    layouts: Layouts = {}

    def put_parts(path: str, data: bytes | FilmParts) -> None:
        if isinstance(data, FilmParts):
            layouts[path] = data.layout()
            data = data.data()
        writer.put(path, data)

    def fresh(path: str) -> bool:  # write it: a full export, or the last one left none
        return not quick or not writer.carry(path)

    put_parts("data/catalogue.json", data_files.catalogue_json_parts(site, maker.links,
                                                                    film_json))
    for path, parts in data_files.catalogue_csv(site, maker.links, maker.per_film.get):
        put_parts(path, parts)
    for film_id, text in film_json.items():
        path = data_files.film_json_path(film_id)
        if (changed is not None and film_id in changed) or fresh(path):
            writer.put(path, text.encode("utf-8"))
    for path, data in feed_files(site, maker.links, maker.per_film.get):
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
