"""Pages that keep every link to a film working: its permanent address `films/<id>/`,
which leads to its page; each address it had before (an older title's slug), which
leads there too; and, for a film that left the archive, a "no longer in the archive"
page at every address it had, with a link home.

The addresses come from the catalogue (see `curator.catalog.addresses`), so an export
into a new folder leaves the same pages as a re-export.
"""

from __future__ import annotations

from collections.abc import Container, Iterator

from curator.publish import jsonld
from curator.publish.pages import Links, Page, PageMaker
from curator.publish.site import Site


def permanent_path(film_id: int) -> str:
    return f"films/{film_id}/"


def address_paths(site: Site, links: Links) -> Iterator[str]:
    """The paths of every page `address_pages` makes, without making them."""
    for film_id in links.films:
        yield permanent_path(film_id)
    if site.selection.kind != "all":
        return
    gone = set()
    for a in site.addresses:
        path = f"films/{a.film_id}/{a.slug}/"
        current = links.films.get(a.film_id)
        if current is None:
            gone.add(a.film_id)
            yield path
        elif current != path:
            yield path
    yield from (permanent_path(i) for i in sorted(gone))


def address_pages(maker: PageMaker, only: Container[int] | None = None) -> Iterator[Page]:
    """Every film's permanent address, its earlier addresses, and the addresses of films
    that left the archive (those of the films in `only`, if given)."""
    site, links = maker.site, maker.links
    for film_id, path in links.films.items():
        if only is None or film_id in only:
            yield _moved(maker, permanent_path(film_id), path, site.films[film_id].title)
    if site.selection.kind != "all":
        return  # a selection leaves the rest of the archive as it is
    gone: dict[int, str] = {}
    for a in site.addresses:
        if only is not None and a.film_id not in only:
            continue
        path = f"films/{a.film_id}/{a.slug}/"
        current = links.films.get(a.film_id)
        if current is None:
            gone[a.film_id] = gone.get(a.film_id) or a.title
            yield _gone(maker, path, a.title)
        elif current != path:
            yield _moved(maker, path, current, site.films[a.film_id].title)
    for film_id, title in gone.items():
        yield _gone(maker, permanent_path(film_id), title)


def _moved(maker: PageMaker, path: str, target: str, title: str) -> Page:
    page = maker.page(path, "moved.html", title, {"target": target},
                      {"@context": jsonld.CONTEXT, "@type": "WebPage", "name": title,
                       "url": maker.links.absolute(target)})
    page.context["canonical"] = maker.links.absolute(target)
    return page


def _gone(maker: PageMaker, path: str, title: str) -> Page:
    ld = {"@context": jsonld.CONTEXT, "@type": "WebPage", "name": "No longer in the archive"}
    page = maker.page(path, "gone.html", title or "No longer in the archive",
                      {"gone_title": title}, ld)
    page.context["canonical"] = None
    return page
