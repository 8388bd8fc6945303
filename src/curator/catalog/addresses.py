"""The addresses a published film's page had: kept so that a link to one never breaks.

A film's page lives at `films/<id>/<slug>/`. When its title changes, a slug made from
the title follows it; the slug it had is remembered here, as is the last slug of a film
deleted, taken out of the archive or merged into another film while published. The
export leaves a redirect to the film's page (or to the film it was merged into, or a "no
longer in the archive" page) at every remembered address.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from curator.catalog.core import Operations
from curator.catalog.naming import slugify
from curator.model import Film, FilmAddress, FilmAlias
from curator.model.enums import PublicationState


@dataclass(frozen=True)
class PastAddress:
    film_id: int
    slug: str
    title: str  # the film's title when it had this address
    merged_into: int | None = None  # the film it was merged into, which the address leads to


def follows_title(film: Film) -> bool:
    """Whether the film's slug is the one its title makes (so it follows a new title)."""
    return film.slug == slugify(film.title, "film")


def remember_address(session: Session, film_id: int, slug: str, title: str) -> None:
    """Keep `films/<film_id>/<slug>/` as an address the film had (once)."""
    known = session.scalar(select(FilmAddress.id).where(FilmAddress.film_id == film_id,
                                                          FilmAddress.slug == slug))
    if known is None:
        session.add(FilmAddress(film_id=film_id, slug=slug, title=title))


def remember_if_public(session: Session, film: Film, slug: str, title: str,
                       was_published: bool) -> None:
    """After an edit of `film` (which had `slug`, `title` and was or was not published):
    its old address is kept if the public could have known it and it is gone now."""
    if was_published and (film.slug != slug or film.state != PublicationState.PUBLISHED):
        remember_address(session, film.id, slug, title)


class Addresses(Operations):
    """The addresses films had before, which the site keeps leading somewhere."""

    def past(self) -> list[PastAddress]:
        """Every address a published film had, in the order of film and slug; a film's
        merged into another leads to that one."""
        with self.core.read() as session:
            merged = dict(session.execute(select(FilmAlias.id, FilmAlias.film_id)).all())
            rows = session.execute(select(FilmAddress.film_id, FilmAddress.slug,
                                          FilmAddress.title)
                                   .order_by(FilmAddress.film_id, FilmAddress.slug))
            return [PastAddress(*row, merged.get(row[0])) for row in rows]
