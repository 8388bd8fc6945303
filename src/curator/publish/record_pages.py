"""The pages of records: film, person, festival edition, section and retrospective list."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import groupby
from typing import Any

from curator.catalog.records import (
    CollectionRecord,
    EditionRecord,
    FilmRecord,
    PersonRecord,
    ScreeningRecord,
    SectionRecord,
    ShowingData,
)
from curator.catalog.wording import (
    country_year,
    credit_groups,
    edition_name,
    film_details,
    life_years,
    paragraphs,
    role_label,
    synopsis_teaser,
)
from curator.publish import jsonld, urls
from curator.publish.addresses import permanent_path
from curator.publish.citations import citation
from curator.publish.data_files import film_json_path
from curator.publish.elsewhere import elsewhere, same_as
from curator.publish.pages import Page, PageMaker


def programme_path(edition_path: str) -> str:
    """Where an edition's Programme page is: beside its page, below its address."""
    return f"{edition_path}programme/"


LEAD_SIZES = "(min-width: 60rem) 44rem, 100vw"
GALLERY_SIZES = "(min-width: 60rem) 14rem, 50vw"


def _dates(edition: EditionRecord) -> str:
    s, e = edition.starts_on, edition.ends_on
    if s and e:
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}\u2013{e.day} {e:%B %Y}"
        return f"{s.day} {s:%B} \u2013 {e.day} {e:%B %Y}"
    if s:
        return f"from {s.day} {s:%B %Y}"
    return ""


def _day(day: date) -> str:
    """A showing's day as the pages print it: `Monday 12 June 1989`."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _in_order(showings: Iterable[ShowingData]) -> list[ShowingData]:
    """Showings in the order they took place (an untimed one first on its day, as the
    Programme page lists them)."""
    return sorted(showings, key=lambda w: (w.day, w.time))


def _film_showings(showings: tuple[ShowingData, ...]) -> list[dict[str, str]]:
    """An appearance's showings as its film's page lists them."""
    return [{"date": _day(w.day), "iso": w.day.isoformat(), "time": w.time, "venue": w.venue}
            for w in _in_order(showings)]


class RecordPages:
    def __init__(self, maker: PageMaker) -> None:
        self.m = maker
        self.site = maker.site
        self.links = maker.links
        self._neighbours: dict[int, list[FilmRecord]] = {}
        self._programmes: dict[int, list[tuple[ShowingData, ScreeningRecord, FilmRecord]]] = {}
        # Indexes built once: asking every film per person or per edition is quadratic.
        credits: dict[int, list[tuple[FilmRecord, str, str]]] = defaultdict(list)
        shown: dict[tuple[int, int | None], list[FilmRecord]] = defaultdict(list)
        for film in self.site.films.values():
            for c in film.credits:
                credits[c.person_id].append((film, c.role, c.character))
            screenings = film.screenings
            if len(screenings) == 1:
                s = screenings[0]
                shown[(s.edition_id, -1)].append(film)
                shown[(s.edition_id, s.section_id)].append(film)
            elif screenings:
                for key in dict.fromkeys(k for s in screenings for k in (
                        (s.edition_id, -1), (s.edition_id, s.section_id))):
                    shown[key].append(film)
        self.credits, self.shown = credits, shown

    def all(self) -> Iterator[Page]:
        for film in self.site.films.values():
            yield self.film_page(film)
        for person in self.site.people.values():
            yield self.person_page(person)
        for edition in self.site.editions.values():
            yield self.edition(edition)
        for section in self.site.sections.values():
            yield self.section(section)
        for collection in self.site.lists.values():
            yield self.collection(collection)

    def film_page(self, film: FilmRecord) -> Page:
        """The film's page, laid out only if its key shows that something on it changed."""
        return Page(self.links.films[film.id], "film.html", {}, key=self.film_key(film),
                    build=lambda: self.film(film))

    def person_page(self, person: PersonRecord) -> Page:
        return Page(self.links.people[person.id], "person.html", {},
                    key=self.person_key(person), build=lambda: self.person(person))

    # -- film ----------------------------------------------------------------------------
    def see_also(self, film: FilmRecord) -> list[FilmRecord]:
        """The films the page of `film` lists under "See also..."."""
        if film.id not in self._neighbours:
            self._neighbours[film.id] = self.m.see_also.of(film)
        return self._neighbours[film.id]

    def film_key(self, film: FilmRecord) -> str:
        """A digest of everything the film's page shows, without laying the page out: the
        film, its See-also films, the paths of what it links to, its stills' files."""
        links = self.links
        people = sorted({c.person_id for c in film.credits}
                        | {a.person_id for a in film.awards if a.person_id})
        digest = self.m.digest
        parts = (
            self.m.chrome, self.site.base_url, digest(film), self.site.sources.get(film.id),
            [(digest(f), links.films.get(f.id)) for f in self.see_also(film)],
            [links.people.get(p) for p in people],
            [links.editions.get(s.edition_id) for s in film.screenings],
            [links.sections.get(s.section_id or 0) for s in film.screenings],
            [links.editions.get(a.edition_id) for a in film.awards],
            [links.lists.get(cid) for cid, _ in film.lists],
            [(f.width, f.height, f.format) for s in film.stills for f in self.m.files_of(s)],
        )
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def film(self, film: FilmRecord) -> Page:
        m, links = self.m, self.links
        path = links.films[film.id]
        prefix = country_year(film.countries, film.year)
        appearances = [
            {
                "prefix": prefix,
                "edition": {"text": edition_name(s.festival_short_name, s.festival_name,
                                                 s.edition_year),
                            "url": links.editions.get(s.edition_id)},
                "section": ({"text": s.section_name, "url": links.sections.get(s.section_id)}
                            if s.section_name else None),
                "showings": _film_showings(s.showings),
            }
            for s in film.screenings
        ]
        directors = [m.person_ref(c.person_id, c.person_name) for c in film.credits
                     if c.role == "director"]
        still = film.primary_still
        lead = m.image(still, LEAD_SIZES) if still else None
        gallery = [img for s in film.stills if s is not still
                   for img in [m.image(s, GALLERY_SIZES)] if img]
        images = [img for img in (lead, *gallery) if img]
        see_also = [
            m.per_film.get(other, "see_also_entry",
                           lambda f: {**m.film_entry(f), "teaser": m.teaser(f)})
            for other in self.see_also(film)
        ]
        data = {
            "film": {
                "title": film.title,
                "original_title": film.original_title
                if film.original_title and film.original_title != film.title else "",
                "alt_titles": [a.title for a in film.alt_titles
                               if a.title not in (film.title, film.original_title)],
                "line": prefix,
                "appearances": appearances,
                "directors": directors,
                "lead": lead,
                "synopsis": paragraphs(film.synopsis),
                "quotes": [{"text": paragraphs(q.text), "attribution": q.attribution,
                            "source": q.source} for q in film.quotes if q.text.strip()],
                "credits": self._credits(film),
                "details": film_details(film),
                "awards": [{"name": a.name, "result": a.result,
                            "person": m.person_ref(a.person_id, a.person_name)
                            if a.person_name else None,
                            "edition": {"text": a.edition_label,
                                        "url": links.editions.get(a.edition_id)}}
                           for a in film.awards],
                "gallery": gallery,
                "lists": [{"title": title, "url": links.lists[cid]}
                          for cid, title in film.lists if cid in links.lists],
                "see_also": see_also,
                "source": self._source(film),
                "json": film_json_path(film.id),
                "elsewhere": elsewhere(film.external_ids),
            },
        }
        url = links.absolute(path)
        ld = jsonld.movie(
            film, url,
            [{"@type": "Person", "name": d["name"], "url": links.absolute(d["url"])}
             for d in directors],
            [m.still_ld(img) for img in images],
            # an appearance with showings is an event for each of them, with its start
            # and venue
            [jsonld.screening_event(film, a["edition"]["text"],
                                    links.absolute(a["edition"]["url"]), w)
             for a, s in zip(appearances, film.screenings, strict=True)
             for w in (s.showings or (None,))],
        )
        data["cite"] = self._cite("film", film.id, film.title,
                                  links.absolute(permanent_path(film.id)), film.updated_at,
                                  makers=[d["name"] for d in directors], maker_role="director",
                                  year=film.year, place=" / ".join(film.countries))
        ld["sameAs"] = same_as(data["film"]["elsewhere"])
        description = synopsis_teaser(film.synopsis, 160)
        return m.page(path, "film.html", film.title, data, ld, description=description,
                      kind="video.movie", image=lead)

    def _cite(self, kind: str, record_id: int, title: str, url: str | None,
              changed: datetime | None, **details: Any) -> dict[str, Any] | None:
        """The "Cite this page" block, if the site shows citations, dated by the record's
        last change."""
        if not self.m.chrome["citations"]:
            return None
        return citation(kind, record_id, title, url, self.site.name,
                        changed.date() if changed else None, **details)

    def _source(self, film: FilmRecord) -> dict[str, Any] | None:
        """The film's source line, its scan copied into the site when it may be."""
        line = self.site.sources.get(film.id)
        if line is None:
            return None
        url = None
        if line.scan is not None:
            url = line.scan_path
            self.m.media[url] = (line.scan_sha256, line.scan)
        return {"text": line.text, "url": url}

    def _credits(self, film: FilmRecord) -> list[dict[str, Any]]:
        return [{"label": label,
                 "people": [{**self.m.person_ref(c.person_id, c.person_name),
                             "character": c.character} for c in credits]}
                for label, credits in credit_groups(film)]

    # -- person --------------------------------------------------------------------------
    def person_key(self, person: PersonRecord) -> str:
        """A digest of everything the person's page shows, without laying it out."""
        films = [(f.id, f.title, f.year, f.countries, f.directors, f.sort_title, role, character,
                  self.links.films[f.id]) for f, role, character in self.credits.get(person.id, ())]
        parts = (self.m.chrome, self.site.base_url, person, films,
                 [(f.width, f.height, f.format) for s in person.portraits
                  for f in self.m.files_of(s)])
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def person(self, person: PersonRecord) -> Page:
        m = self.m
        path = self.links.people[person.id]
        roles: dict[int, list[str]] = defaultdict(list)
        for film, role, character in self.credits.get(person.id, ()):
            label = role_label(role)
            roles[film.id].append(f"{label} ({character})" if character else label)
        by_year: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        films = sorted((self.site.films[i] for i in roles),
                       key=lambda f: (f.year or 0, f.sort_title.casefold(), f.id))
        for film in films:
            entry = m.film_entry(film)
            if film.directors == (person.name,):
                entry["directors"] = ""  # the page is theirs: the role says it
            by_year[film.year].append({**entry, "roles": ", ".join(roles[film.id])})
        portrait = next((img for s in person.portraits
                         for img in [m.image(s, "(min-width: 40rem) 16rem, 60vw")] if img), None)
        data = {
            "person": {
                "name": person.name,
                "years": life_years(person.birth_year, person.death_year),
                "country": person.country,
                "variants": [v for v in person.variants if v != person.name],
                "biography": paragraphs(person.biography),
                "portrait": portrait,
                "elsewhere": elsewhere(person.external_ids, "person"),
                "filmography": [{"year": year, "films": entries}
                                for year, entries in sorted(by_year.items(),
                                                            key=lambda kv: kv[0] or 0)],
            }
        }
        data["cite"] = self._cite("person", person.id, person.name, self.links.absolute(path),
                                  person.updated_at)
        ld = jsonld.person(person, self.links.absolute(path), [
            {"@type": "Movie", "name": f.title, "url": self.links.absolute(self.links.films[f.id])}
            for f in films])
        if portrait:
            ld["image"] = m.still_ld(portrait)
        ld["sameAs"] = same_as(data["person"]["elsewhere"])
        return m.page(path, "person.html", person.name, data, ld,
                      description=synopsis_teaser(person.biography, 160), kind="profile",
                      image=portrait)

    # -- festival edition and section ----------------------------------------------------
    def _screened(self, edition_id: int, section_id: int | None = -1) -> list[FilmRecord]:
        """Exported films shown at an edition (-1), in one of its sections, or in none (None);
        in filing order."""
        return self.shown.get((edition_id, section_id), [])

    def edition(self, edition: EditionRecord) -> Page:
        m, links = self.m, self.links
        path = links.editions[edition.id]
        sections = [
            {"name": s.name, "url": links.sections[s.id], "description": paragraphs(s.description),
             "films": [m.film_entry(f) for f in self._screened(edition.id, s.id)]}
            for s in edition.sections if s.id in links.sections
        ]
        unsectioned = [m.film_entry(f) for f in self._screened(edition.id, None)]
        opening = self.site.published.get(edition.opening_film_id or 0)
        all_films = self._screened(edition.id)
        data = {
            "edition": {
                "label": edition.label,
                "festival": edition.festival_name,
                "number": edition.number,
                "dates": _dates(edition),
                "intro": paragraphs(edition.intro),
                "opening": m.film_entry(opening) if opening else None,
                "sections": sections,
                "other_films": unsectioned,
                "film_count": len(all_films),
                "programme": (programme_path(path) if m.chrome["programme"]
                              and self._showings(edition.id) else None),
            }
        }
        url = links.absolute(path)
        # a film with showings here is an event for each of them, with its start and venue
        ld = {"@context": jsonld.CONTEXT, **jsonld.edition_event(edition, url), "subEvent": [
            {"@type": "ScreeningEvent", "name": f.title,
             "startDate": jsonld.showing_start(w) if w else None,
             "location": {"@type": "Place", "name": w.venue} if w and w.venue else None,
             "workPresented": {"@type": "Movie", "name": f.title,
                               "url": links.absolute(links.films[f.id])}}
            for f in all_films
            for w in (_in_order(w for s in f.screenings if s.edition_id == edition.id
                                for w in s.showings) or [None])]}
        return m.page(path, "edition.html", edition.label, data, ld, section="festivals",
                      description=synopsis_teaser(edition.intro, 160))

    # -- programme by day ----------------------------------------------------------------
    def programme_editions(self) -> list[EditionRecord]:
        """The exported editions with a Programme page: when the site shows programmes, those
        where an exported film has a showing."""
        if not self.m.chrome["programme"]:
            return []
        return [e for e in self.site.editions.values() if self._showings(e.id)]

    def _showings(self, edition_id: int) -> list[tuple[ShowingData, ScreeningRecord,
                                                        FilmRecord]]:
        """The showings of exported films at an edition, by day and time (an untimed one
        first on its day), then by title."""
        if edition_id not in self._programmes:  # asked by the edition's page and its own
            found = [(w, s, f) for f in self._screened(edition_id) for s in f.screenings
                     if s.edition_id == edition_id for w in s.showings]
            self._programmes[edition_id] = sorted(found, key=lambda t: (
                t[0].day, t[0].time, t[2].sort_title.casefold(), t[2].id))
        return self._programmes[edition_id]

    def programme(self, edition: EditionRecord) -> Page:
        m, links = self.m, self.links
        path = programme_path(links.editions[edition.id])
        days = []
        for day, showings in groupby(self._showings(edition.id), key=lambda t: t[0].day):
            days.append({
                "date": _day(day), "iso": day.isoformat(),
                "showings": [{"time": w.time, "venue": w.venue, "section": s.section_name,
                              "film": m.film_entry(f)} for w, s, f in showings]})
        data = {"programme": {"edition": {"text": edition.label,
                                          "url": links.editions[edition.id]},
                              "dates": _dates(edition), "days": days}}
        title = f"Programme — {edition.label}"
        showings = self._showings(edition.id)
        ld = jsonld.item_list(title, links.absolute(path), [
            (f.title, links.absolute(links.films[f.id]) if f.id in links.films else None)
            for _w, _s, f in showings])
        edition_url = links.absolute(links.editions[edition.id])
        for element, (w, _s, f) in zip(ld["itemListElement"], showings, strict=True):
            element["item"] = jsonld.screening_event(f, edition.label, edition_url, w)
        return m.page(path, "programme.html", title, data, ld, section="festivals")

    def section(self, section: SectionRecord) -> Page:
        m, links = self.m, self.links
        path = links.sections[section.id]
        edition = self.site.editions[section.edition_id]
        films = self._screened(edition.id, section.id)
        data = {
            "section": {
                "name": section.name,
                "edition": {"text": edition.label, "url": links.editions[edition.id]},
                "description": paragraphs(section.description),
                "films": [m.film_entry(f) for f in films],
            }
        }
        ld = jsonld.item_list(f"{section.name}, {edition.label}", links.absolute(path),
                              [(f.title, links.absolute(links.films[f.id])) for f in films])
        return m.page(path, "section.html", f"{section.name} \u2014 {edition.label}", data, ld,
                      section="festivals")

    def collection(self, collection: CollectionRecord) -> Page:
        m, links = self.m, self.links
        path = links.lists[collection.id]
        films = [(self.site.films[i.film_id], i.note) for i in
                 sorted(collection.items, key=lambda i: i.position)]
        runtime = sum(f.runtime or 0 for f, _ in films)
        data = {
            "collection": {
                "title": collection.title,
                "curator": collection.curator,
                "introduction": paragraphs(collection.introduction),
                "films": [m.film_entry(f, note) for f, note in films],
                "runtime": f"{runtime // 60} h {runtime % 60:02d} min" if runtime >= 60
                else (f"{runtime} min" if runtime else ""),
            }
        }
        data["cite"] = self._cite("list", collection.id, collection.title, links.absolute(path),
                                  collection.updated_at,
                                  makers=[collection.curator] if collection.curator else [])
        ld = jsonld.item_list(collection.title, links.absolute(path),
                              [(f.title, links.absolute(links.films[f.id])) for f, _ in films])
        return m.page(path, "list.html", collection.title, data, ld, section="lists",
                      description=synopsis_teaser(collection.introduction, 160))


def directors_pages(maker: PageMaker) -> Iterator[Page]:
    """Directors A to Z: an overview, then each letter in pages of DIRECTORS_PER_PAGE."""
    letters = maker.director_letters()
    counts: dict[int, int] = defaultdict(int)
    for film in maker.site.films.values():
        for pid in {c.person_id for c in film.credits if c.role == "director"}:
            counts[pid] += 1
    nav = [{"letter": letter, "url": urls.directors_path(letter) if letter in letters else None}
           for letter in [*"abcdefghijklmnopqrstuvwxyz", "other"]]
    yield maker.page("directors/", "directors.html", "Directors A\u2013Z", {
        "nav_letters": nav, "letter": None, "directors": [], "pages": [],
        "total": len(maker.directors)},
        jsonld.item_list("Directors A\u2013Z", maker.links.absolute("directors/"),
                         [(p.name, maker.links.absolute(maker.links.people[p.id]))
                          for p in maker.directors.values()]), section="directors")
    per = urls.DIRECTORS_PER_PAGE
    for letter, people in letters.items():
        chunks = [people[i : i + per] for i in range(0, len(people), per)]
        pages = [{"number": n, "url": urls.directors_path(letter, n)}
                 for n in range(1, len(chunks) + 1)]
        for n, chunk in enumerate(chunks, start=1):
            path = urls.directors_path(letter, n)
            entries = [{"name": p.name, "url": maker.links.people[p.id],
                        "count": counts[p.id], "years": life_years(p.birth_year, p.death_year)}
                       for p in chunk]
            label = "Other" if letter == "other" else letter.upper()
            title = f"Directors: {label}" + (f" (page {n})" if len(chunks) > 1 else "")
            yield maker.page(path, "directors.html", title, {
                "nav_letters": nav, "letter": label, "directors": entries, "pages": pages,
                "page_number": n, "total": len(maker.directors)},
                jsonld.item_list(title, maker.links.absolute(path),
                                 [(p.name, maker.links.absolute(maker.links.people[p.id]))
                                  for p in chunk]), section="directors")
