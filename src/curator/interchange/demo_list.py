"""The demo's retrospective list: a programmer's selection from the MIFF 1989 films."""

from __future__ import annotations

from curator.catalog import Catalog, FilmQuery
from curator.model.enums import PublicationState

TITLE = "Perestroika on film"
INTRODUCTION = (
    "In 1989 the festival's documentaries showed what perestroika was already changing: "
    "bands that could not be named two years earlier on an official stage, avant-garde "
    "painting back in view, and the archives of 1937 opened. This list follows them in "
    "the order a single evening's programme would."
)
NOTES = {
    "From Russia with Rock": "Open with the noise: Moscow's 1987 rock festival, and "
    "Nautilus Pompilius on their way from Sverdlovsk to the whole country.",
    "Black Square": "The avant-garde that was hidden for decades, looked at with the "
    "same new freedom.",
    "Defence Councel Sedov": "A knock at the door in 1937: the past that perestroika "
    "allowed films to name.",
}


def build_demo_list(catalog: Catalog) -> int:
    """Create the demo's published list from the films the demo catalogued; returns its id."""
    film_ids = []
    for title in NOTES:
        found = catalog.search.films(FilmQuery(text=title, state=PublicationState.PUBLISHED,
                                         order="title"), limit=5)
        match = next((f for f in catalog.films.get_many(found.ids) if f.title == title), None)
        if match is not None:
            film_ids.append(match.id)
    list_id = catalog.lists.create(TITLE, film_ids, curator="MIFF programming team",
                                        introduction=INTRODUCTION,
                                        state=PublicationState.PUBLISHED).created_id
    titles = {f.id: f.title for f in catalog.films.get_many(film_ids)}
    for film_id in film_ids:
        catalog.lists.annotate(list_id, film_id, NOTES[titles[film_id]])
    return list_id
