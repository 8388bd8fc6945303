"""Feeds for harvesters: an Atom feed of the films most recently published or changed
(`feed.xml`), and the whole published catalogue as one static OAI-PMH ListRecords response
in Dublin Core (`oai/ListRecords.xml`) for aggregators that harvest collections.

Both need the site's base address (their identifiers and links are absolute), so a site
without one has neither, as it has no sitemap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from curator.catalog.records import FilmRecord
from curator.publish.data_files import FilmParts
from curator.publish.pages import Links
from curator.publish.site import Site
from curator.publish.text import xml_attribute, xml_escape

FEED_PATH = "feed.xml"
OAI_PATH = "oai/ListRecords.xml"
FEED_ENTRIES = 50
Cached = Callable[[FilmRecord, str, Callable[[FilmRecord], Any]], Any]


def _stamp(moment: datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def response_date(newest: datetime) -> str:
    """The OAI-PMH response's date: its newest record's change (a fixed width, so a re-export
    may put a later one in its place)."""
    return _stamp(newest)


RESPONSE_DATE = re.compile(rb"<responseDate>([^<]*)</responseDate>")


def _permanent(site: Site, film_id: int) -> str:
    return f"{site.base_url.rstrip('/')}/films/{film_id}/"


def atom_feed(site: Site, links: Links) -> bytes:
    """The FEED_ENTRIES films changed last, newest first."""
    base = site.base_url.rstrip("/") + "/"
    films = feed_films(site.films.values())
    updated = _stamp(films[0].updated_at) if films else _stamp(datetime(2000, 1, 1))
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <title>{xml_escape(site.name)}: recently published films</title>",
             f"  <id>{xml_escape(base)}</id>",
             f"  <updated>{updated}</updated>",
             f"  <link rel=\"self\" href={xml_attribute(base + FEED_PATH)}/>",
             f"  <link rel=\"alternate\" type=\"text/html\" href={xml_attribute(base)}/>",
             f"  <author><name>{xml_escape(site.name)}</name></author>"]
    for f in films:
        summary = " ".join(f.synopsis.split())[:500]
        lines += ["  <entry>",
                  f"    <title>{xml_escape(f.title)}</title>",
                  f"    <id>{xml_escape(_permanent(site, f.id))}</id>",
                  f"    <link rel=\"alternate\" type=\"text/html\" "
                  f"href={xml_attribute(base + links.films[f.id])}/>",
                  f"    <published>{_stamp(f.created_at)}</published>",
                  f"    <updated>{_stamp(f.updated_at)}</updated>"]
        for name in f.directors:
            lines.append(f"    <author><name>{xml_escape(name)}</name></author>")
        if summary:
            lines.append(f"    <summary>{xml_escape(summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def dc_record(f: FilmRecord, site: Site, links: Links) -> str:
    base = site.base_url.rstrip("/") + "/"
    identifier = _permanent(site, f.id)
    dc = [("title", f.title)]
    if f.original_title and f.original_title != f.title:
        dc.append(("title", f.original_title))
    dc += [("creator", name) for name in f.directors]
    dc += [("date", str(f.year))] if f.year else []
    dc += [("type", "MovingImage")]
    dc += [("type", f.kind)] if f.kind else []
    dc += [("coverage", c) for c in f.countries]
    dc += [("language", lang) for lang in f.languages]
    dc += [("subject", g) for g in f.genres]
    dc += [("description", " ".join(f.synopsis.split()))] if f.synopsis.strip() else []
    dc += [("format", f"{f.runtime} min")] if f.runtime else []
    dc += [("identifier", base + links.films[f.id]), ("publisher", site.name)]
    fields = "".join(f"\n          <dc:{name}>{xml_escape(value)}</dc:{name}>"
                     for name, value in dc)
    return (f"""    <record>
      <header>
        <identifier>{xml_escape(identifier)}</identifier>
        <datestamp>{_stamp(f.updated_at)}</datestamp>
      </header>
      <metadata>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" \
xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ \
http://www.openarchives.org/OAI/2.0/oai_dc.xsd">{fields}
        </oai_dc:dc>
      </metadata>
    </record>
""")


def oai_list_records(site: Site, links: Links, cached: Cached) -> FilmParts:
    """Every exported film as an OAI-PMH ListRecords response in Dublin Core (oai_dc)."""
    base = site.base_url.rstrip("/") + "/"
    records = [cached(f, "oai", lambda film: dc_record(film, site, links))
               for f in site.films.values()]
    # the time of the newest change in it, not of the export: the file changes only with
    # its records
    newest = max((f.updated_at for f in site.films.values()), default=datetime(2000, 1, 1))
    return FilmParts(f"""<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ \
http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
  <responseDate>{response_date(newest)}</responseDate>
  <request verb="ListRecords" metadataPrefix="oai_dc">{xml_escape(base + OAI_PATH)}</request>
  <ListRecords>
""", records, """  </ListRecords>
</OAI-PMH>
""")


def feed_files(site: Site, links: Links, cached: Cached
               ) -> list[tuple[str, bytes | FilmParts]]:
    """(path, content) of the feeds: none without the site's base address."""
    if not site.base_url:
        return []
    return [(FEED_PATH, atom_feed(site, links)),
            (OAI_PATH, oai_list_records(site, links, cached))]


def feed_films(films: Iterable[FilmRecord]) -> list[FilmRecord]:
    """The films the feed shows, newest first."""
    return sorted(films, key=lambda f: (f.updated_at, f.id), reverse=True)[:FEED_ENTRIES]
