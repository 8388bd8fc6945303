"""What each page shows, as plain data: the templates only lay it out.

A page is a path, a template and a context of plain values (str, int, lists,
dicts). The context is also the page's fingerprint: a page whose context and
templates did not change since the last export is not rendered again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from curator.catalog.records import FilmRecord, PersonRecord, StillRecord
from curator.catalog.see_also import SeeAlso
from curator.catalog.settings import switched_on
from curator.catalog.wording import country_year, paragraphs, synopsis_teaser
from curator.publish import jsonld, urls
from curator.publish.media import MIME, ImageFile, StillFiles, media_path
from curator.publish.site import Site
from curator.publish.text import initial


def logo_path(file: str) -> str:
    """Where the logo goes in the site ("" without one)."""
    if not file.strip() or not os.path.isfile(file):
        return ""
    suffix = file.rsplit(".", 1)[-1].casefold()
    return f"assets/logo.{'jpg' if suffix == 'jpeg' else suffix}"


def more_parts(label: str) -> list[str]:
    """The "More »" link's words and its closing marks ("More", "\u00a0\u00bb"): a reader
    of the screen hears "More about <title>" between them."""
    words = label.rstrip(" \u00bb\u203a>\u2192.\u2026")
    tail = label[len(words):].strip()
    return [words or label, "\u00a0" + tail if tail else ""]


@dataclass
class Page:
    path: str  # e.g. "films/7/from-russia-with-rock/"; "" is the home page
    template: str
    context: dict[str, Any]
    # A page can be laid out later: `key` then digests everything it is made from, and
    # `build` makes it, only if the key differs from the one the manifest recorded.
    key: str | None = None
    build: Callable[[], Page] | None = None

    @property
    def file(self) -> str:
        return urls.file_of(self.path)

    def built(self) -> Page:
        return self.build() if self.build is not None else self


@dataclass
class Links:
    """The paths of everything that has a page in this export; anything else is plain text."""

    site: Site
    films: dict[int, str] = field(default_factory=dict)
    people: dict[int, str] = field(default_factory=dict)
    editions: dict[int, str] = field(default_factory=dict)
    sections: dict[int, str] = field(default_factory=dict)
    lists: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site, earlier: Links | None = None) -> Links:
        """The links of `site`; those of records it shares with `earlier`'s site are
        taken from there."""
        def paths(records: dict[int, Any], path: Callable[[Any], str], kind: str
                  ) -> dict[int, str]:
            if earlier is None:
                return {i: path(r) for i, r in records.items()}
            before, known = getattr(earlier.site, kind), getattr(earlier, kind)
            return {i: known[i] if before.get(i) is r else path(r) for i, r in records.items()}

        return cls(
            site,
            films=paths(site.films, urls.film_path, "films"),
            people=paths(site.people, urls.person_path, "people"),
            editions=paths(site.editions, urls.edition_path, "editions"),
            sections=paths(site.sections, urls.section_path, "sections"),
            lists=paths(site.lists, urls.list_path, "lists"),
        )

    def absolute(self, path: str | None) -> str | None:
        """The canonical URL of a path, when the archive has a base URL."""
        if path is None or not self.site.base_url:
            return None
        return self.site.base_url.rstrip("/") + "/" + path


class PerFilm:
    """Values made from a film's record, kept as long as the record is the same."""

    def __init__(self, films: dict[int, FilmRecord], earlier: PerFilm | None = None) -> None:
        self._values: dict[int, tuple[FilmRecord, dict[str, Any]]] = (
            {i: v for i, v in earlier._values.items() if films.get(i) is v[0]}
            if earlier else {})

    def forget(self, *names: str) -> None:
        """Drop these values of every film: kept between exports, they cost memory."""
        for _film, values in self._values.values():
            for name in names:
                values.pop(name, None)

    def get(self, film: FilmRecord, name: str, make: Callable[[FilmRecord], Any]) -> Any:
        known = self._values.get(film.id)
        if known is None or known[0] is not film:
            known = self._values[film.id] = (film, {})
        values = known[1]
        if name not in values:
            values[name] = make(film)
        return values[name]


class PageMaker:
    """Shared pieces of every page: the site chrome, film entries, images."""

    def __init__(self, site: Site, still_files: StillFiles, *, earlier: PageMaker | None = None
                 ) -> None:
        """A maker for an earlier export of the same catalogue (`earlier`, its See-also
        index and derivatives brought up to date) lends its indexes, and the links and
        film entries of the records the two sites share."""
        self.site = site
        self.links = Links.of(site, earlier.links if earlier else None)
        self.per_film = PerFilm(site.published, earlier.per_film if earlier else None)
        self.still_files = still_files
        self.media: dict[str, tuple[str, ImageFile]] = {}  # site path -> (sha256, file)
        self.derivatives: dict[int, list[ImageFile]] = earlier.derivatives if earlier else {}
        # a still's files depend only on its image: stills of one image (a festival photo
        # on many films) are looked up once an export, with their paths in the site
        self._of_image: dict[tuple[str, int, int], tuple[list[ImageFile], list[str]]] = {}
        self.see_also = earlier.see_also if earlier else SeeAlso(site.published.values())
        self.directors = self._directors()
        self.years = sorted({f.year for f in site.films.values() if f.year})
        self.countries = sorted({c for f in site.films.values() for c in f.countries},
                                key=str.casefold)
        options = site.options
        self.chrome = {
            "name": site.name,
            "directors": bool(self.directors),
            "years": bool(self.years),
            "countries": bool(self.countries),
            "festivals": bool(site.editions),
            "language": options["site_language"],
            "see_also": options["see_also_heading"],
            "more": more_parts(options["more_label"]),
            "sources": switched_on(options["show_sources"]),
            "citations": switched_on(options["show_citations"]),
            "programme": switched_on(options["show_programme"]),
            "logo": logo_path(options["site_logo"]),
            "feed": bool(site.base_url),  # feeds need the site's address (publish.feeds)
        }

    def _directors(self) -> dict[int, PersonRecord]:
        ids = {c.person_id for f in self.site.films.values() for c in f.credits
               if c.role == "director" and c.person_id in self.site.people}
        people = sorted((self.site.people[i] for i in ids),
                        key=lambda p: (p.sort_name.casefold(), p.id))
        return {p.id: p for p in people}

    def director_letters(self) -> dict[str, list[PersonRecord]]:
        letters: dict[str, list[PersonRecord]] = {}
        for p in self.directors.values():
            letters.setdefault(initial(p.sort_name or p.name), []).append(p)
        return letters

    def page(self, path: str, template: str, title: str, data: dict[str, Any],
             ld: dict[str, Any], *, description: str = "", section: str = "",
             kind: str = "website", image: dict[str, Any] | None = None) -> Page:
        """A page; `kind` and `image` (a still as `image` makes it) are what a link shared
        elsewhere shows of it (Open Graph and Twitter card)."""
        card: dict[str, Any] = {"type": kind, "image": None}
        url = self.links.absolute(image["src"]) if image else None
        if url:  # a card's image needs its full address
            card["image"] = {"url": url, "width": image["width"], "height": image["height"],
                             "alt": image["alt"]}
        context = {
            "og": card,
            "site": self.chrome,
            "title": title,
            "description": description,
            "canonical": self.links.absolute(path),
            "jsonld": jsonld.script_text(ld),
            "nav": section,
            **data,
        }
        return Page(path, template, context)

    # -- pieces ----------------------------------------------------------------------
    def film_entry(self, film: FilmRecord, note: str = "") -> dict[str, Any]:
        """A film as lists show it: title (linked if exported), `Country, Year`, directors."""
        entry = dict(self.per_film.get(film, "entry", lambda f: {
            "title": f.title,
            "url": self.links.films.get(f.id),
            "meta": country_year(f.countries, f.year),
            "directors": ", ".join(f.directors),
            "note": [],
            "roles": "",
        }))
        if note:
            entry["note"] = paragraphs(note)
        return entry

    def teaser(self, film: FilmRecord) -> str:
        """The start of the film's synopsis, as lists of films show it."""
        return self.per_film.get(film, "teaser",
                                 lambda f: synopsis_teaser(f.synopsis))

    def digest(self, film: FilmRecord) -> str:
        """A digest of the film's record: it changes whenever anything about the film does."""
        return self.per_film.get(film, "digest",
                                 lambda f: hashlib.sha256(repr(f).encode()).hexdigest())

    def person_ref(self, person_id: int | None, name: str) -> dict[str, Any]:
        return {"name": name, "url": self.links.people.get(person_id or 0)}

    def files_of(self, still: StillRecord) -> list[ImageFile]:
        """The still's derivatives, registered to be copied into the site."""
        image = (still.sha256, still.width, still.height)
        known = self._of_image.get(image)
        files = self.derivatives.get(still.id)
        if files is None:
            files = known[0] if known else sorted(self.still_files(still),
                                                  key=lambda f: (f.width, f.format))
            self.derivatives[still.id] = files
        if known is None or known[0] is not files:
            known = self._of_image[image] = (files, [media_path(still, f) for f in files])
        media, sha256 = self.media, still.sha256
        for f, path in zip(files, known[1], strict=True):
            media[path] = (sha256, f)
        return files

    def image(self, still: StillRecord, sizes: str) -> dict[str, Any] | None:
        """A still's <picture> sources, copying its derivatives into the site; None without."""
        files = self.files_of(still)
        if not files:
            return None
        sources: dict[str, list[dict[str, Any]]] = {}
        for f in files:
            sources.setdefault(f.format, []).append({"url": media_path(still, f), "w": f.width})
        fallback_format = "jpeg" if "jpeg" in sources else next(iter(sources))
        fallback = [f for f in files if f.format == fallback_format]
        default = min(fallback, key=lambda f: abs(f.width - 960))
        return {
            "sources": [{"type": MIME.get(fmt, ""), "set": entries}
                        for fmt, entries in sources.items() if fmt != fallback_format],
            "set": sources[fallback_format],
            "src": media_path(still, default),
            "width": default.width,
            "height": default.height,
            "sizes": sizes,
            "alt": still.alt_text or still.caption,
            "caption": still.caption,
            "credit": still.credit,
        }

    def still_ld(self, image: dict[str, Any]) -> dict[str, Any]:
        return jsonld.image_object(self.links.absolute(image["src"]), image["width"],
                                   image["height"], image["caption"], image["credit"])
