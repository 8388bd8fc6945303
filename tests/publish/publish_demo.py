"""The demo archive catalogued and published as the site tests need it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from curator.catalog import Catalog
from curator.catalog.records import CreditData, QuoteData, ScreeningData
from curator.model.enums import PublicationState
from curator.publish import StillFiles
from curator.publish.media import archive_derivatives
from curator.stills import import_stills

FILM = 7  # From Russia with Rock in the demo archive
SECRET = "Secret Unreleased Cut"
SCRIPT_SYNOPSIS = 'A film about <script>alert("owned")</script> and "quotes" & ampersands.'


@dataclass
class Demo:
    catalog: Catalog
    film_id: int
    draft_id: int
    script_id: int
    list_id: int
    person_id: int
    still_files: StillFiles


def enrich(catalog: Catalog, sample: Path) -> Demo:
    """Give the demo's film what the reference page shows and more: credits, details,
    awards, stills; a list; a draft that must never leak; a synopsis with <script>."""
    film = catalog.films.get(FILM)
    edition = film.screenings[0].edition_id
    festival = catalog.festivals.all()[0]
    documentaries = next(s.id for s in festival.editions[0].sections
                         if s.name == "Documentaries")
    director = film.credits[0].person_id
    cinematographer = catalog.people.create("Pekka Aine", country="Finland").created_id
    singer = catalog.people.create("Vyacheslav Butusov", variants=["Вячеслав Бутусов"]
                                   ).created_id
    catalog.films.update(
        FILM, None, runtime=57, format="16mm", colour="colour", languages=["Russian", "Finnish"],
        countries=["USSR"],
        credits=[CreditData(director, "director"), CreditData(cinematographer, "cinematographer"),
                 CreditData(singer, "cast", "Himself")],
        screenings=[ScreeningData(edition, documentaries)],
    )
    catalog.awards.create(edition, "Best Documentary", film_id=FILM, result="won")
    for fid, year in ((2, 1988), (3, 1988), (5, 1956)):
        catalog.films.update(fid, None, year=year, countries=["USSR"],
                            credits=[CreditData(director, "director")] if fid == 3 else [])
    # real imports through the image store, with its real derivatives
    import_stills(catalog, [sample / "stills" / "LadyBird.jpg"], film_id=FILM, web_sizes=True,
                  fields={"caption": "Nautilus Pompilius on stage in Moscow", "credit": "YLE",
                          "alt_text": "A rock band playing under stage lights"})
    import_stills(catalog, [sample / "stills" / "Garden.jpg"], film_id=FILM, web_sizes=True)
    stage = next(s for s in catalog.stills.of(film_id=FILM) if s.original_name == "LadyBird.jpg")
    catalog.stills.set_primary(stage.id)

    draft_id = catalog.films.create(SECRET, year=1990, countries=["USSR"],
                                   synopsis="Never to be seen.",
                                   credits=[CreditData(director, "director")],
                                   screenings=[ScreeningData(edition, documentaries)]
                                   ).created_id
    script_id = catalog.films.create(
        "Script </title> Test", year=1989, synopsis=SCRIPT_SYNOPSIS,
        state=PublicationState.PUBLISHED,
        original_title="Сценарий", countries=["USSR"], credits=[CreditData(singer, "director")],
        quotes=[QuoteData("<b>Bold</b> claim", "A <i>critic</i>")],
        screenings=[ScreeningData(edition)]).created_id
    list_id = catalog.lists.create(
        "Soviet rock on film, 1986-91", [FILM, draft_id, script_id], curator="The programmer",
        introduction="Rock in the last years of the USSR.\n\nIn the order they were made.",
        state=PublicationState.PUBLISHED).created_id
    catalog.lists.annotate(list_id, FILM, "The first overview of the Soviet rock scene.")
    catalog.settings.set("site_base_url", "https://archive.example.org/films/")
    return Demo(catalog, FILM, draft_id, script_id, list_id, director,
                archive_derivatives(catalog.archive))


def site_files(folder: Path) -> dict[str, str]:
    """Every file of a site with the hash of its content."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
