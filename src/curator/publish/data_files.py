"""The site's machine-readable files: the catalogue as JSON and as CSV (films, credits,
screenings and their showings), each film's JSON beside its permanent address, sitemap.xml
and robots.txt.

The CSV columns are documented in the README ("Data downloads"); change both together.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from curator.catalog.records import FilmRecord, ScreeningRecord
from curator.publish.pages import Links
from curator.publish.site import Site
from curator.publish.text import xml_escape

# one encoder for every film's file: json.dumps with options makes a new one at each call
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


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
        "screenings": [_screening_json(s, site) for s in f.screenings],
        "awards": [{"name": a.name, "edition": a.edition_label, "result": a.result,
                    "person": a.person_name} for a in f.awards],
        "external_ids": {e.scheme: e.value for e in f.external_ids},
    })


def _screening_json(s: ScreeningRecord, site: Site) -> dict[str, Any]:
    entry = {"festival": s.festival_name, "edition": s.edition_year,
             "edition_id": s.edition_id if s.edition_id in site.editions else None,
             "section": s.section_name, "premiere": s.premiere}
    if s.showings:  # left out when none, so a film without showings reads as it always did
        entry["showings"] = [{"date": w.day.isoformat(), "time": w.time or None,
                              "venue": w.venue} for w in s.showings]
    return entry


@dataclass
class FilmParts:
    """A file of the site made of a part for each film, in filing order, between a head
    and a tail: a re-export after a few films changed writes it again from the last one
    with their parts changed (see `spliced`), without the other films."""

    head: str
    parts: list[str]
    tail: str
    sep: str = ""

    def data(self) -> bytes:
        return (self.head + self.sep.join(self.parts) + self.tail).encode("utf-8")

    def layout(self) -> tuple[int, int, int, list[int]]:
        """The bytes of the head, between two parts, of the tail, and of each part."""
        return (_size(self.head), _size(self.sep), _size(self.tail),
                [len(p) if p.isascii() else _size(p) for p in self.parts])


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def spliced(old: bytes, layout: tuple[int, int, int, list[int]], new: dict[int, str]
            ) -> tuple[bytes, list[int], dict[int, bytes]]:
    """`old`, laid out as `FilmParts.layout` says, with the parts at these positions
    replaced; the parts' sizes now, and the parts replaced. ValueError if `old` is not
    laid out so."""
    start, sep, tail, sizes = layout
    if start + sum(sizes) + sep * max(len(sizes) - 1, 0) + tail != len(old):
        raise ValueError("a data file is not the length of its parts")
    out, sizes, replaced = [old[:start]], list(sizes), {}
    at = done = start
    for n, size in enumerate(sizes):
        if n in new:
            out.append(old[done:at])
            replaced[n] = old[at:at + size]
            text = new[n].encode("utf-8")
            out.append(text)
            sizes[n] = len(text)
            done = at + size
        at += size + sep
    out.append(old[done:])
    return b"".join(out), sizes, replaced


def catalogue_json(site: Site, links: Links, films: dict[int, str] | None = None) -> bytes:
    """Everything the site shows, as data; internal notes and unpublished records never.
    `films` may hold the films' `film_json` made earlier (a re-export keeps them)."""
    return catalogue_json_parts(site, links, films).data()


def catalogue_json_parts(site: Site, links: Links, films: dict[int, str] | None = None
                         ) -> FilmParts:
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
    return FilmParts(f'{{"archive":{_json(site.name)},"films":[', film_parts,
                     f'],"people":{_json(people)},"festival_editions":{_json(editions)},'
                     f'"lists":{_json(lists)}}}', ",")


FILM_COLUMNS = ("id", "url", "title", "original_title", "alternative_titles", "year",
                "countries", "languages", "runtime_minutes", "format", "colour", "kind",
                "genres", "directors", "synopsis", "external_ids")
CREDIT_COLUMNS = ("film_id", "film_title", "position", "role", "person_id", "name",
                  "character")
SCREENING_COLUMNS = ("film_id", "film_title", "festival", "edition_year", "edition_id",
                     "section", "premiere")
# one row a showing, so a spreadsheet sorts and filters the programme by day
SHOWING_COLUMNS = ("film_id", "film_title", "festival", "edition_year", "edition_id",
                   "section", "date", "time", "venue")
CSV_FILES = ("data/films.csv", "data/credits.csv", "data/screenings.csv",
             "data/showings.csv")
# within a cell, several values (countries, titles, ids)
JOIN = " | "
Cached = Callable[[FilmRecord, str, Callable[[FilmRecord], Any]], Any]


def film_json_path(film_id: int) -> str:
    """Where a film's JSON is: beside its permanent address, so it never moves."""
    return f"films/{film_id}/film.json"


def _csv_text(rows: Iterable[Iterable[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def film_csv(f: FilmRecord, site: Site, links: Links) -> tuple[str, str, str, str]:
    """A film's rows of the four CSV files, as text."""
    film = [f.id, links.films[f.id], f.title, f.original_title,
            JOIN.join(a.title for a in f.alt_titles), f.year or "", JOIN.join(f.countries),
            JOIN.join(f.languages), f.runtime or "", f.format, f.colour, f.kind,
            JOIN.join(f.genres), JOIN.join(f.directors), f.synopsis,
            JOIN.join(f"{e.scheme}:{e.value}" for e in f.external_ids)]
    credits = [[f.id, f.title, n, c.role, c.person_id if c.person_id in site.people else "",
                c.person_name, c.character] for n, c in enumerate(f.credits, start=1)]
    screenings = [[f.id, f.title, s.festival_name, s.edition_year,
                   s.edition_id if s.edition_id in site.editions else "", s.section_name,
                   s.premiere or ""] for s in f.screenings]
    showings = [[f.id, f.title, s.festival_name, s.edition_year,
                 s.edition_id if s.edition_id in site.editions else "", s.section_name,
                 w.day.isoformat(), w.time, w.venue] for s in f.screenings for w in s.showings]
    return _csv_text([film]), _csv_text(credits), _csv_text(screenings), _csv_text(showings)


def catalogue_csv(site: Site, links: Links, cached: Cached) -> list[tuple[str, FilmParts]]:
    """The four CSV files (UTF-8, a header row, RFC 4180 quoting). `cached(film, name,
    make)` keeps a film's rows from one export to the next while its record is the same."""
    parts = [cached(f, "csv", lambda film: film_csv(film, site, links))
             for f in site.films.values()]
    return [(path, FilmParts(_csv_text([columns]), [p[n] for p in parts], ""))
            for n, (path, columns) in enumerate(zip(CSV_FILES, (
                FILM_COLUMNS, CREDIT_COLUMNS, SCREENING_COLUMNS, SHOWING_COLUMNS),
                strict=True))]


def sitemap_xml(site: Site, paths: Iterable[str]) -> bytes:
    base = site.base_url.rstrip("/") + "/"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{xml_escape(base + path)}</loc></url>"
              for path in paths if path.endswith("/") or path == ""]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots_txt(site: Site) -> bytes:
    text = "User-agent: *\nAllow: /\n"
    if site.base_url:
        text += f"Sitemap: {site.base_url.rstrip('/')}/sitemap.xml\n"
    return text.encode("utf-8")
