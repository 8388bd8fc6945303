"""The "See also..." rule of a film page, written once for the detail pane and the export.

Manual links come first, in the order the archivist gave them; then films by the
same director; then films shown in the same edition and section; then films shown
at the same edition from the same country. At most `limit` films, never the film
itself, never one twice, in a deterministic order (year, sort title, id within a step).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from curator.catalog.base import CatalogBase
from curator.model import Credit, Film, FilmCountry, RelatedFilm, Screening

Reason = Literal["related", "director", "section", "country"]


@dataclass(frozen=True)
class SeeAlsoFilm:
    """One suggested film, with what a "See also" entry shows and why it was chosen."""

    id: int
    slug: str
    title: str
    year: int | None
    countries: tuple[str, ...]
    synopsis: str
    state: str
    reason: Reason
    note: str = ""  # the archivist's note on a manual link


def see_also(catalog: CatalogBase, film_id: int, limit: int = 5, *,
             published_only: bool = False) -> list[SeeAlsoFilm]:
    """The films a page of `film_id` suggests; `published_only` for the public export."""
    if limit <= 0:
        return []
    with catalog._read() as session:
        picked: dict[int, tuple[Reason, str]] = {}

        def take(stmt: Select, reason: Reason) -> None:
            if published_only:
                stmt = stmt.where(Film.state == "published")
            wanted = limit - len(picked)
            if wanted <= 0:
                return
            # ask for enough rows to survive the films already picked
            for row in session.execute(stmt.limit(wanted + len(picked) + 1)):
                fid, note = row[0], (row[1] if len(row) > 1 else "")
                if fid != film_id and fid not in picked and len(picked) < limit:
                    picked[fid] = (reason, note or "")

        take(select(Film.id, RelatedFilm.note)
             .join(RelatedFilm, RelatedFilm.related_id == Film.id)
             .where(RelatedFilm.film_id == film_id)
             .order_by(RelatedFilm.position, RelatedFilm.id), "related")

        def candidates(ids: Select) -> Select:
            # Read the (few) candidate ids first, then order just those: an IN over a
            # subquery lets SQLite walk the whole film table in year order instead.
            found = list(session.scalars(ids))
            return _ordered(select(Film.id).where(Film.id.in_(found)), film_id)

        directors = select(Credit.person_id).where(
            Credit.film_id == film_id, Credit.role == "director")
        take(candidates(select(Credit.film_id).where(
            Credit.role == "director", Credit.person_id.in_(directors))), "director")

        sections = select(Screening.section_id).where(
            Screening.film_id == film_id, Screening.section_id.is_not(None))
        take(candidates(select(Screening.film_id).where(Screening.section_id.in_(sections))),
             "section")

        editions = select(Screening.edition_id).where(Screening.film_id == film_id)
        countries = select(FilmCountry.name).where(FilmCountry.film_id == film_id)
        same_edition = list(session.scalars(
            select(Screening.film_id).where(Screening.edition_id.in_(editions))))
        take(candidates(select(FilmCountry.film_id).where(
            FilmCountry.film_id.in_(same_edition), FilmCountry.name.in_(countries))),
            "country")

        return _records(session, picked)


def _ordered(stmt: Select, film_id: int) -> Select:
    return stmt.where(Film.id != film_id).order_by(Film.year, Film.sort_title, Film.id)


def _records(session: Session, picked: dict[int, tuple[Reason, str]]) -> list[SeeAlsoFilm]:
    ids = list(picked)
    if not ids:
        return []
    films = {f.id: f for f in session.scalars(select(Film).where(Film.id.in_(ids)))}
    countries: dict[int, list[str]] = {}
    for fid, name in session.execute(
        select(FilmCountry.film_id, FilmCountry.name)
        .where(FilmCountry.film_id.in_(ids)).order_by(FilmCountry.position)
    ):
        countries.setdefault(fid, []).append(name)
    return [
        SeeAlsoFilm(id=f.id, slug=f.slug, title=f.title, year=f.year,
                    countries=tuple(countries.get(f.id, ())), synopsis=f.synopsis,
                    state=f.state, reason=picked[f.id][0], note=picked[f.id][1])
        for f in (films[i] for i in ids)
    ]
