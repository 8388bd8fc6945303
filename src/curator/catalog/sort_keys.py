"""The film list's derived sort keys: first country, first director, appearances, stills.

Derived data, not an edit: refreshed after every write that touches a film's parts,
without bumping its version. Portable SQL, run for the films a change touched.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, func, or_, select, update

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


# Which keys a change of each table can move (a film's own row: all of them).
KEYS_OF_TABLE = {"film_country": ("sort_countries",), "credit": ("sort_directors",),
                 "person": ("sort_directors",), "screening": ("appearance_count",),
                 "still": ("still_count",)}


def refresh_sort_keys(conn: Connection, film_ids: Iterable[int],
                      keys: Iterable[str] = SORT_KEY_COLUMNS) -> None:
    """Work the `keys` out again for these films. A row is written only when one of them
    moves: adding a country to 50,000 films whose first country stays first rewrites none."""
    ids = sorted(set(film_ids))
    names = [k for k in SORT_KEY_COLUMNS if k in set(keys)]
    if not ids or not names:
        return
    moved = or_(*(Film.__table__.c[k].is_distinct_from(_KEYS[k]) for k in names))
    values = {k: _KEYS[k] for k in [*names, "updated_at"]}
    for start in range(0, len(ids), 500):
        conn.execute(update(Film.__table__).where(Film.id.in_(ids[start:start + 500]), moved)
                     .values(**values))


def keys_moved_by(tables: Iterable[str]) -> set[str]:
    """The sort keys that changes of these tables may move."""
    return {k for t in tables for k in KEYS_OF_TABLE.get(t, SORT_KEY_COLUMNS)}


def refresh_sort_key_range(conn: Connection, first_id: int, last_id: int,
                           keys: Iterable[str] = SORT_KEY_COLUMNS) -> None:
    """Work the `keys` out for the new films with ids in [first_id, last_id]. A new film's
    keys start at their defaults (no country, no director, nothing shown): only the `keys`
    its parts can move are worked out, and only a film whose key moves is written (an import
    without countries, directors or festivals writes no film twice)."""
    names = [k for k in SORT_KEY_COLUMNS if k in set(keys)]
    if not names:
        return
    moved = or_(*(Film.__table__.c[k].is_distinct_from(_KEYS[k]) for k in names))
    conn.execute(update(Film.__table__).where(Film.id.between(first_id, last_id), moved)
                 .values(**{k: _KEYS[k] for k in [*names, "updated_at"]}))


def refresh_all_sort_keys(conn: Connection) -> None:
    conn.execute(update(Film.__table__).values(**_KEYS))
