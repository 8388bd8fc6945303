"""The "See also..." rule over loaded records, so the export asks the database nothing per film.

Manual links first, in the archivist's order; then films by the same director;
then films shown in the same edition and section; then films shown at the same
edition from the same country. At most five, never the film itself or one film
twice; within a step, by year (unknown years first), sort title and id. This is
the rule of `curator.catalog.see_also`, computed over records in memory.
"""

from __future__ import annotations

import heapq
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Iterator

from curator.catalog.records import FilmRecord

SEE_ALSO_LIMIT = 5


def _order(film: FilmRecord) -> tuple:
    # SQL's ORDER BY year puts NULL first on SQLite; keep the same order.
    return (film.year is not None, film.year or 0, film.sort_title, film.id)


class SeeAlso:
    """Indexes of the candidate films (the published ones) by director, section and edition."""

    def __init__(self, candidates: Iterable[FilmRecord]) -> None:
        self.films: dict[int, FilmRecord] = {f.id: f for f in candidates}
        by_director: dict[int, list[FilmRecord]] = defaultdict(list)
        by_section: dict[int, list[FilmRecord]] = defaultdict(list)
        by_edition: dict[int, list[FilmRecord]] = defaultdict(list)
        for film in self.films.values():
            for person_id in {c.person_id for c in film.credits if c.role == "director"}:
                by_director[person_id].append(film)
            for section_id in {s.section_id for s in film.screenings if s.section_id}:
                by_section[section_id].append(film)
            for edition_id in {s.edition_id for s in film.screenings}:
                by_edition[edition_id].append(film)
        for index in (by_director, by_section, by_edition):
            for films in index.values():
                films.sort(key=_order)
        self.by_director, self.by_section, self.by_edition = by_director, by_section, by_edition

    @staticmethod
    def _keys(film: FilmRecord) -> Iterator[tuple[str, set[int]]]:
        yield "by_director", {c.person_id for c in film.credits if c.role == "director"}
        yield "by_section", {s.section_id for s in film.screenings if s.section_id}
        yield "by_edition", {s.edition_id for s in film.screenings}

    def replace(self, old: FilmRecord | None, new: FilmRecord | None) -> None:
        """Take a changed film's old record out of the indexes and put its new one in."""
        if old is not None:
            del self.films[old.id]
            for name, keys in self._keys(old):
                index = getattr(self, name)
                for key in keys:
                    index[key] = [f for f in index[key] if f.id != old.id]
        if new is not None:
            self.films[new.id] = new
            for name, keys in self._keys(new):
                index = getattr(self, name)
                for key in keys:
                    insort(index.setdefault(key, []), new, key=_order)

    def candidates(self, film: FilmRecord) -> set[int]:
        """The films whose See also may list `film`: those it shares a director, a section
        or an edition with, and those that link to it by hand."""
        out = {other.id for name, keys in self._keys(film) for key in keys
               for other in getattr(self, name).get(key, ())}
        out.update(self.linking_to(film.id))
        return out

    def linking_to(self, film_id: int) -> set[int]:
        return {f.id for f in self.films.values() if any(r.film_id == film_id for r in f.related)}

    def _merged(self, index: dict[int, list[FilmRecord]], keys: Iterable[int]
                ) -> Iterator[FilmRecord]:
        lists = [index[k] for k in set(keys) if k in index]
        return heapq.merge(*lists, key=_order) if len(lists) > 1 else iter(lists[0] if lists
                                                                             else ())

    def of(self, film: FilmRecord, limit: int = SEE_ALSO_LIMIT) -> list[FilmRecord]:
        picked: dict[int, FilmRecord] = {}

        def take(candidates: Iterable[FilmRecord]) -> None:
            for other in candidates:
                if len(picked) >= limit:
                    return
                if other.id != film.id and other.id not in picked:
                    picked[other.id] = other

        take(self.films[r.film_id] for r in film.related if r.film_id in self.films)
        take(self._merged(self.by_director,
                          (c.person_id for c in film.credits if c.role == "director")))
        take(self._merged(self.by_section, (s.section_id for s in film.screenings
                                            if s.section_id)))
        countries = set(film.countries)
        if countries:
            take(f for f in self._merged(self.by_edition,
                                         (s.edition_id for s in film.screenings))
                 if countries.intersection(f.countries))
        return list(picked.values())
