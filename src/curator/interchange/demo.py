"""The demo archive: a real MIFF archive page fully catalogued, and 9,066 MovieLens titles.

Built from files in resources/demo/: the rendered text of the festival's page for
*From Russia with Rock* (its synopsis, the director's statement, its "See also"
films with the text the page gives) and the MovieLens title list with its mess
("Misérables, Les", titles in brackets). Nothing is invented: a "See also" film
whose title the page does not show is kept as an untitled draft that needs attention.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from curator import CuratorError, resources_dir
from curator.catalog import Catalog, FilmData
from curator.catalog.records import CreditData, QuoteData, RelatedData, ScreeningData
from curator.interchange.titles import parse_title
from curator.model.enums import PublicationState

Report = Callable[[str], None]


@dataclass
class DemoSummary:
    films: int
    movielens_skipped: list[tuple[int, str]]


def demo_file(name: str) -> Path:
    return resources_dir() / "demo" / name


def read_archive_page() -> dict:
    """The parts of the reference page the demo needs, read from its rendered text."""
    text = demo_file("archive-page-from-russia-with-rock.txt").read_text(encoding="utf-8")
    body, _, see_also = text.partition("See also...")
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    # paragraphs: "Skip to main content", "USSR, 1988 (MIFF 1989)", "Director: ...", synopsis...
    synopsis = paragraphs[3:5]
    statement = "\n\n".join(paragraphs[5:]).strip()  # its paragraph breaks kept
    statement, _, attribution = statement.rpartition("\u2014")
    entries = []
    pending_title = ""
    for block in (b.strip() for b in see_also.split("\n\n")):
        if not block:
            continue
        if block.startswith("Select a festival"):
            break
        flat = " ".join(block.split())
        if flat.endswith("More \u00bb"):
            # the teaser as the page cuts it, its trailing "..." kept as an ellipsis
            teaser = flat.removesuffix("More \u00bb").strip()
            if teaser.endswith("..."):
                base = teaser[:-3].rstrip()
                teaser = base + (" \u2026" if base.endswith(".") else "\u2026")
            entries.append((pending_title, teaser))
            pending_title = ""
        else:
            pending_title = flat
    return {
        "synopsis": "\n\n".join(synopsis),
        "statement": statement.strip().rstrip("'").strip(),
        "attribution": attribution.strip(),
        "see_also": entries,
    }


def build_demo(catalog: Catalog, report: Report = lambda _msg: None) -> DemoSummary:
    page = read_archive_page()
    report("Cataloguing Melbourne International Film Festival 1989")
    festival = catalog.festivals.create(
        "Melbourne International Film Festival", short_name="MIFF", city="Melbourne",
        country="Australia",
    ).created_id
    edition = catalog.editions.create(festival, 1989).created_id
    documentaries = catalog.sections.create(edition, "Documentaries").created_id
    animation = catalog.sections.create(edition, "Animation").created_id

    director = catalog.people.create(
        "Marjaana Mykkanen", variants=["Marjaana Mykkänen"], country="Finland"
    ).created_id

    # The "See also" films, with the text the page gives.
    related = []
    for n, (title, teaser) in enumerate(page["see_also"], start=1):
        fields: dict = {"synopsis": teaser, "state": PublicationState.PUBLISHED}
        if not title and "Black Square" in teaser:
            title = "Black Square"
        if not title:
            title = f"Untitled see-also film {n}"
            fields["state"] = PublicationState.DRAFT
            fields["notes"] = ("The archive page gives no title for this film, only the "
                               "teaser kept as its synopsis; find it in the MIFF 1989 catalogue.")
        screening = ScreeningData(edition)
        if "puppet-animated" in teaser:
            screening = ScreeningData(edition, animation)
            fields["kind"] = "animation"
        elif title in ("Black Square", "Off the Coast of the Antarctic"):
            screening = ScreeningData(edition, documentaries)
            fields["kind"] = "documentary"
        fields["screenings"] = [screening]
        related.append(catalog.films.create(title, **fields).created_id)

    film = catalog.films.create(
        "From Russia with Rock",
        year=1988,
        countries=["USSR"],
        kind="documentary",
        synopsis=page["synopsis"],
        credits=[CreditData(director, "director")],
        quotes=[QuoteData(page["statement"], page["attribution"], "Director's statement")],
        screenings=[ScreeningData(edition)],
        related=[RelatedData(r) for r in related],
        state=PublicationState.PUBLISHED,
    ).created_id
    # the desk opens on this film, the one its pages were catalogued from
    catalog.settings.set("desk_opens_on", f"film:{film}")
    catalog.editions.update(edition, None, opening_film_id=None,
                           intro="The 1989 festival, as its archive pages record it.")
    report(f"Catalogued From Russia with Rock (film {film}) and {len(related)} See-also films")

    report("Importing 9,066 MovieLens titles")
    films, skipped = read_movielens(demo_file("movielens_titles.csv"))
    result = catalog.imports.bulk_add(films, label="Import MovieLens titles")
    skipped += [(line, msg) for line, msg in result.errors]
    report(f"Imported {len(result.film_ids):,} MovieLens titles"
           + (f"; skipped {len(skipped)} rows without a title" if skipped else ""))
    attach_demo_stills(catalog, report)
    from curator.interchange.demo_list import build_demo_list

    build_demo_list(catalog)
    report("Assembled the retrospective list \u201cPerestroika on film\u201d")
    return DemoSummary(films=catalog.counts()["films"], movielens_skipped=skipped)


# Real photographs (resources/demo/stills, GPL-2+) on the MIFF 1989 films: what each
# shows, in its caption and alt text; the credit and licence come from its COPYRIGHT.
DEMO_STILLS = [
    ("From Russia with Rock", "Storm.jpg", "Storm clouds over a motorway",
     "Dark storm clouds over flat country; a motorway's guard rails blur past below."),
    ("From Russia with Rock", "Aqua.jpg", "A drop rebounding from water",
     "A crown of water rising where a drop has fallen into a still, grey-blue surface."),
    ("From Russia with Rock", "GreenMeadow.jpg", "Young grass",
     "Dense young blades of grass, sharp in the middle and soft towards the edges."),
    ("Black Square", "YellowFlower.jpg", "A yellow flower",
     "Yellow petals against a dark background, the flower's centre at the lower right."),
    ("Defence Councel Sedov", "Garden.jpg", "A red marigold",
     "A red and yellow marigold in focus, orange flowers blurred behind it."),
    ("Off the Coast of the Antarctic", "FreshFlower.jpg", "An orange flower",
     "Orange petals filling the frame, seen from very close."),
    ("puppet-animated", "LadyBird.jpg", "A ladybird on a grass stem",
     "A red ladybird on a slanting grass stem among small blue forget-me-nots."),
]


def attach_demo_stills(catalog: Catalog, report: Report = lambda _msg: None) -> int:
    """Import the demo photographs onto their films; returns how many were attached."""
    from curator.stills import import_stills

    folder = demo_file("stills")
    credits = read_copyright(folder / "COPYRIGHT")
    attached, films = 0, set()
    for film_key, name, caption, alt_text in DEMO_STILLS:
        film_id = _demo_film(catalog, film_key)
        holders, licence = credits.get(name, ("", ""))
        result = import_stills(catalog, [folder / name], film_id=film_id, fields={
            "caption": caption, "alt_text": alt_text,
            "credit": f"Photo \u00a9 {holders}" if holders else "", "rights": licence})
        if result.refused:
            raise CuratorError(str(result.refused[0]))
        attached += len(result.added_hashes)
        films.add(film_id)
    report(f"Attached {attached} photographs to {len(films)} films, with their credits")
    return attached


def _demo_film(catalog: Catalog, key: str) -> int:
    """The demo film with this title (or, for an untitled one, a word of its synopsis)."""
    for row in catalog.films.rows(catalog.search.films(key, limit=20).ids):
        if row.title == key or key not in DEMO_TITLES:
            return row.id
    raise CuratorError(f"The demo has no film \u201c{key}\u201d to attach stills to.")


DEMO_TITLES = {film for film, *_ in DEMO_STILLS if film != "puppet-animated"}


def read_copyright(path: Path) -> dict[str, tuple[str, str]]:
    """File name -> (holders with years, licence) from a Debian-format COPYRIGHT file."""
    found: dict[str, tuple[str, str]] = {}
    for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        last = ""
        for line in paragraph.splitlines():
            if line[:1].isspace() and last:
                fields[last].append(line.strip())
            elif ":" in line:
                last, _, value = line.partition(":")
                fields[last] = [value.strip()] if value.strip() else []
        holders = []
        for entry in fields.get("Copyright", []):
            entry = re.sub(r"<[^>]*>|[\u00b4`]", "", entry).strip()
            year, _, who = entry.partition(",")
            who = who.strip().strip('"')
            holders.append(f"{year.strip()} {who}" if who else year.strip())
        licence = " ".join(fields.get("License", []))
        for name in " ".join(fields.get("Files", [])).split():
            found[name.rsplit("/", 1)[-1]] = ("; ".join(holders), licence)
    return found


def read_movielens(path: Path) -> tuple[list[FilmData], list[tuple[int, str]]]:
    """MovieLens rows as films; rows without a title are reported by line number."""
    films: list[FilmData] = []
    skipped: list[tuple[int, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            raw = (row.get("title") or "").strip()
            if not raw:
                skipped.append((line, f"line {line}: no title (MovieLens id {row.get('movieId')})"))
                continue
            parsed = parse_title(raw)
            genres = tuple(g for g in (row.get("genres") or "").split("|")
                           if g and g != "(no genres listed)")
            kind = ("animation" if "Animation" in genres
                    else "documentary" if "Documentary" in genres else "")
            year = (row.get("year") or "").strip()
            films.append(FilmData(
                title=parsed.title, sort_title=parsed.sort_title,
                original_title=parsed.original_title, alt_titles=tuple(parsed.alt_titles),
                year=int(year) if year.isdigit() else None, genres=genres, kind=kind,
                external_ids=(("movielens", row["movieId"]),), state=PublicationState.DRAFT,
            ))
    return films, skipped
