"""The film list's derived sort keys: first country, first director, appearances, stills.

Derived data, not an edit: refreshed after every write that touches a film's parts,
without bumping its version. Portable SQL, run for the films a change touched.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, func, select, update

from curator.model import Credit, Film, FilmCountry, Person, Screening, Still

_KEYS = {
    "sort_countries": select(func.coalesce(func.min(FilmCountry.name), ""))
    .where(FilmCountry.film_id == Film.id).scalar_subquery(),
    "sort_directors": select(func.coalesce(func.min(Person.sort_name), ""))
    .join(Credit, Credit.person_id == Person.id)
    .where(Credit.film_id == Film.id, Credit.role == "director").scalar_subquery(),
    "appearance_count": select(func.count()).where(Screening.film_id == Film.id)
    .scalar_subquery(),
    "still_count": select(func.count()).where(Still.film_id == Film.id).scalar_subquery(),
}
SORT_KEY_COLUMNS = tuple(_KEYS)
# updated_at set to itself: a Core UPDATE would otherwise stamp it (its onupdate), and
# a refreshed sort key is not an edit of the film.
_KEYS["updated_at"] = Film.updated_at


def refresh_sort_keys(conn: Connection, film_ids: Iterable[int]) -> None:
    ids = sorted(set(film_ids))
    for start in range(0, len(ids), 500):
        conn.execute(update(Film.__table__).where(Film.id.in_(ids[start:start + 500]))
                     .values(**_KEYS))


def refresh_sort_key_range(conn: Connection, first_id: int, last_id: int) -> None:
    conn.execute(update(Film.__table__).where(Film.id.between(first_id, last_id))
                 .values(**_KEYS))


def refresh_all_sort_keys(conn: Connection) -> None:
    conn.execute(update(Film.__table__).values(**_KEYS))
