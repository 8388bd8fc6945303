"""schema.org JSON-LD for the pages.

Movie, Person, Festival and ScreeningEvent, ItemList, ImageObject.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from curator.catalog.records import EditionRecord, FilmRecord, PersonRecord, ShowingData

Absolute = Callable[[str | None], str | None]
CONTEXT = "https://schema.org"


def _clean(data: Any) -> Any:
    """Leave out empty values, so no field is an empty string, list or object."""
    kind = type(data)
    if kind is dict:
        out = {}
        for key, value in data.items():
            if value is None or value == "":
                continue
            inner = type(value)
            if inner is dict or inner is list:
                value = _clean(value)
                if not value:
                    continue
            elif isinstance(value, (dict, list)):
                value = _clean(dict(value) if isinstance(value, dict) else list(value))
                if not value:
                    continue
            out[key] = value
        return out
    if kind is list:
        return [value for value in map(_clean, data)
                if value is not None and value != "" and value != [] and value != {}]
    if isinstance(data, dict):
        return _clean(dict(data))
    if isinstance(data, list):
        return _clean(list(data))
    return data


# one encoder for every page: `json.dumps` with options makes a new one at each call
_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=False).encode


def script_text(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no `</script>` or `<!--` can close or open anything."""
    text = _ENCODE(_clean(data))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def image_object(url: str | None, width: int, height: int, caption: str, credit: str
                 ) -> dict[str, Any]:
    return {"@type": "ImageObject", "contentUrl": url, "width": width, "height": height,
            "caption": caption, "creditText": credit}


def edition_event(edition: EditionRecord, url: str | None) -> dict[str, Any]:
    return {
        "@type": "Festival",
        "name": edition.label,
        "url": url,
        "startDate": edition.starts_on.isoformat() if edition.starts_on else str(edition.year),
        "endDate": edition.ends_on.isoformat() if edition.ends_on else None,
        "organizer": {"@type": "Organization", "name": edition.festival_name},
    }


def showing_start(showing: ShowingData) -> str:
    """When a showing starts, in ISO 8601: its day, with its time when the programme says it
    ("1989-06-12T21:00"; no zone: the programme gives the festival's local time)."""
    day = showing.day.isoformat()
    return f"{day}T{showing.time}" if showing.time else day


def screening_event(film: FilmRecord, edition: str, edition_url: str | None,
                    showing: ShowingData | None = None) -> dict[str, Any]:
    """The film's appearance at a festival edition (`edition`, as the page names it), or one
    showing of it: when it started and where, the film shown and the edition it was part of."""
    return {"@type": "ScreeningEvent", "name": f"{film.title} at {edition}",
            "startDate": showing_start(showing) if showing else None,
            "location": ({"@type": "Place", "name": showing.venue}
                         if showing and showing.venue else None),
            "workPresented": {"@type": "Movie", "name": film.title},
            "superEvent": {"@type": "Festival", "name": edition, "url": edition_url}}


def movie(film: FilmRecord, url: str | None, directors: list[dict[str, Any]],
          images: list[dict[str, Any]], screenings: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "Movie",
        "@id": url,
        "url": url,
        "name": film.title,
        "alternateName": [t for t in (film.original_title, *(a.title for a in film.alt_titles))
                          if t and t != film.title],
        "dateCreated": str(film.year) if film.year else None,
        "countryOfOrigin": [{"@type": "Country", "name": c} for c in film.countries],
        "inLanguage": list(film.languages),
        "duration": f"PT{film.runtime}M" if film.runtime else None,
        "genre": list(film.genres),
        "director": directors,
        "description": " ".join(film.synopsis.split())[:500],
        "image": images,
        "subjectOf": screenings,
    }


def person(record: PersonRecord, url: str | None, films: list[dict[str, Any]]
           ) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "Person",
        "@id": url,
        "url": url,
        "name": record.name,
        "alternateName": list(record.variants),
        "birthDate": str(record.birth_year) if record.birth_year else None,
        "deathDate": str(record.death_year) if record.death_year else None,
        "nationality": record.country or None,
        "description": " ".join(record.biography.split())[:500],
        "subjectOf": films,
    }


def item_list(name: str, url: str | None, items: list[tuple[str, str | None]]) -> dict[str, Any]:
    """An ItemList of (name, absolute url) in order."""
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": name,
        "url": url,
        "numberOfItems": len(items),
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": title, "url": link}
            for n, (title, link) in enumerate(items, start=1)
        ],
    }
