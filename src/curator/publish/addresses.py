"""Pages that keep every link to a film working: its permanent address `films/<id>/`,
which leads to its page; each address it had before (an older title's slug), which
leads there too; for a film merged into another, its addresses (the permanent one too),
which lead to the film it was merged into; and, for a film that left the archive, a
"no longer in the archive" page at every address it had, with a link home.

The addresses come from the catalogue (see `curator.catalog.addresses`), so an export
into a new folder leaves the same pages as a re-export.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from typing import NamedTuple

from curator.publish import jsonld
from curator.publish.pages import Links, Page, PageMaker
from curator.publish.site import Site


class Address(NamedTuple):
    """A page at `path` leading to the film page `target` (None: the film is gone)."""

    path: str
    target: str | None
    film_id: int  # the film the address leads to (or had it, when gone)
    title: str  # the title the page names: the film's now, or the gone film's last


def permanent_path(film_id: int) -> str:
    return f"films/{film_id}/"


def addresses(site: Site, links: Links, only: Container[int] | None = None
              ) -> Iterator[Address]:
    """Every address that leads to a film: its permanent one, and (a whole-archive export
    only) those films had before. `only`: those of these films (by either id)."""
    for film_id, path in links.films.items():
        if only is None or film_id in only:
            yield Address(permanent_path(film_id), path, film_id, site.films[film_id].title)
    if site.selection.kind != "all":
        return  # a selection leaves the rest of the archive as it is
    left: dict[int, tuple[int, str]] = {}  # a film no longer under its id -> where, title
    for a in site.addresses:
        now = a.merged_into if a.merged_into is not None else a.film_id
        if only is not None and a.film_id not in only and now not in only:
            continue
        path = f"films/{a.film_id}/{a.slug}/"
        current = links.films.get(now)
        if now != a.film_id or current is None:
            left.setdefault(a.film_id, (now, a.title))
        if current is None:
            yield Address(path, None, a.film_id, a.title)
        elif current != path:
            yield Address(path, current, now, site.films[now].title)
    for film_id, (now, title) in left.items():
        current = links.films.get(now)
        yield Address(permanent_path(film_id), current, now,
                      site.films[now].title if current else title)


def address_paths(site: Site, links: Links) -> Iterator[str]:
    """The paths of every page `address_pages` makes, without making them."""
    for address in addresses(site, links):
        yield address.path


def address_pages(maker: PageMaker, only: Container[int] | None = None) -> Iterator[Page]:
    """Every film's permanent address, its earlier addresses, and the addresses of films
    that left the archive or were merged (those of the films in `only`, if given)."""
    for address in addresses(maker.site, maker.links, only):
        if address.target is None:
            yield _gone(maker, address.path, address.title)
        else:
            yield _moved(maker, address.path, address.target, address.title)


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
