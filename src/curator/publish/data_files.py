"""The site's machine-readable files: the catalogue as JSON, sitemap.xml and robots.txt."""

from __future__ import annotations

import json
from collections.abc import Iterable
from xml.sax.saxutils import escape

from curator.catalog.records import FilmRecord
from curator.publish.pages import Links
from curator.publish.site import Site


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def film_json(f: FilmRecord, site: Site, links: Links) -> str:
    """One film of the data download."""
    return _json({
        "id": f.id, "url": links.films[f.id], "title": f.title,
        "original_title": f.original_title, "alternative_titles": [a.title for a in
                                                                   f.alt_titles],
        "year": f.year, "countries": list(f.countries), "languages": list(f.languages),
        "runtime_minutes": f.runtime, "format": f.format, "colour": f.colour,
        "kind": f.kind, "genres": list(f.genres), "synopsis": f.synopsis,
        "credits": [{"person_id": c.person_id if c.person_id in site.people else None,
                     "name": c.person_name, "role": c.role, "character": c.character}
                    for c in f.credits],
        "quotes": [{"text": q.text, "attribution": q.attribution, "source": q.source}
                   for q in f.quotes],
        "screenings": [{"festival": s.festival_name, "edition": s.edition_year,
                        "edition_id": s.edition_id if s.edition_id in site.editions
                        else None, "section": s.section_name, "premiere": s.premiere}
                       for s in f.screenings],
        "awards": [{"name": a.name, "edition": a.edition_label, "result": a.result,
                    "person": a.person_name} for a in f.awards],
        "external_ids": {e.scheme: e.value for e in f.external_ids},
    })


def catalogue_json(site: Site, links: Links, films: dict[int, str] | None = None) -> bytes:
    """Everything the site shows, as data; internal notes and unpublished records never.
    `films` may hold the films' `film_json` made earlier (a re-export keeps them)."""
    known = films or {}
    film_parts = [known.get(i) or film_json(f, site, links) for i, f in site.films.items()]
    people = [
        {"id": p.id, "url": links.people[p.id], "name": p.name, "name_variants": list(p.variants),
         "birth_year": p.birth_year, "death_year": p.death_year, "country": p.country,
         "biography": p.biography}
        for p in site.people.values()
    ]
    editions = [
        {"id": e.id, "url": links.editions[e.id], "festival": e.festival_name, "year": e.year,
         "number": e.number, "starts_on": e.starts_on.isoformat() if e.starts_on else None,
         "ends_on": e.ends_on.isoformat() if e.ends_on else None, "intro": e.intro,
         "sections": [{"id": s.id, "name": s.name, "url": links.sections[s.id]}
                      for s in e.sections if s.id in site.sections]}
        for e in site.editions.values()
    ]
    lists = [
        {"id": c.id, "url": links.lists[c.id], "title": c.title, "curator": c.curator,
         "introduction": c.introduction,
         "films": [{"film_id": i.film_id, "note": i.note} for i in c.items]}
        for c in site.lists.values()
    ]
    # laid out as json.dumps lays out the whole, so a film's text can be reused
    text = (f'{{"archive":{_json(site.name)},"films":[{",".join(film_parts)}],'
            f'"people":{_json(people)},"festival_editions":{_json(editions)},'
            f'"lists":{_json(lists)}}}')
    return text.encode("utf-8")


def sitemap_xml(site: Site, paths: Iterable[str]) -> bytes:
    base = site.base_url.rstrip("/") + "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(base + path)}</loc></url>"
              for path in paths if path.endswith("/") or path == ""]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots_txt(site: Site) -> bytes:
    text = "User-agent: *\nAllow: /\n"
    if site.base_url:
        text += f"Sitemap: {site.base_url.rstrip('/')}/sitemap.xml\n"
    return text.encode("utf-8")
