"""The duplicates finder: pairs of films, and of people, that are probably one record
typed twice, and the pairs an archivist said are not (catalog/duplicate_rules.py says
when two records are probably one)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from curator.catalog.changes import Changes
from curator.catalog.core import Operations
from curator.catalog.duplicate_rules import (
    FilmFacts,
    Pair,
    PersonFacts,
    film_pairs,
    name_key,
    person_pairs,
)
from curator.catalog.errors import Conflict, NotFound
from curator.catalog.wording import edition_name
from curator.model import Credit, Edition, Festival, Film, NameVariant, NotDuplicate, Person
from curator.model.entities import Screening

KINDS = {"film": (Film, "film"), "person": (Person, "person")}


class Duplicates(Operations):
    """Films and people that are probably one, and pairs said not to be."""

    def films(self) -> list[Pair]:
        """Pairs of films that are probably one film, best first."""
        with self.core.read() as session:
            names = {pid: name for pid, name in session.execute(
                select(Person.id, Person.name).join(Credit, Credit.person_id == Person.id)
                .where(Credit.role == "director").distinct())}
            directors: dict[int, set[int]] = defaultdict(set)
            for fid, pid in session.execute(select(Credit.film_id, Credit.person_id)
                                            .where(Credit.role == "director")):
                directors[fid].add(pid)
            editions: dict[int, set[int]] = defaultdict(set)
            for fid, eid in session.execute(select(Screening.film_id, Screening.edition_id)):
                editions[fid].add(eid)
            edition_names = {eid: edition_name(short, name, year) for eid, short, name, year
                             in session.execute(select(Edition.id, Festival.short_name,
                                                       Festival.name, Edition.year)
                                                .join(Festival))}
            rows = session.execute(select(Film.id, Film.title, Film.original_title, Film.year))
            facts = []
            for fid, title, original, year in rows:
                people = directors.get(fid, ())
                shown = tuple(names[p] for p in people)
                facts.append(FilmFacts(
                    fid, title, original, year, frozenset(name_key(n) for n in shown), shown,
                    frozenset(editions.get(fid, ())),
                    {e: edition_names[e] for e in editions.get(fid, ())}))
            refused = self._refused(session, "film")
        return film_pairs(facts, refused)

    def people(self) -> list[Pair]:
        """Pairs of people who are probably one person, best first."""
        with self.core.read() as session:
            variants: dict[int, list[str]] = defaultdict(list)
            for pid, name in session.execute(select(NameVariant.person_id, NameVariant.name)
                                             .order_by(NameVariant.id)):
                variants[pid].append(name)
            films: dict[int, set[int]] = defaultdict(set)
            for pid, fid in session.execute(select(Credit.person_id, Credit.film_id)):
                films[pid].add(fid)
            facts = [PersonFacts(pid, name, tuple(variants.get(pid, ())),
                                 frozenset(films.get(pid, ())), born)
                     for pid, name, born in session.execute(
                         select(Person.id, Person.name, Person.birth_year))]
            refused = self._refused(session, "person")
        return person_pairs(facts, refused)

    def of(self, kind: str) -> list[Pair]:
        """`films()` for "film", `people()` for "person"."""
        return self.films() if kind == "film" else self.people()

    def mark_not_duplicate(self, kind: str, first_id: int, second_id: int) -> Changes:
        """Say two films (or two people) are not one: the finder never lists them again.
        Undoing it lists them again."""
        entity, what = _kind(kind)
        if first_id == second_id:
            raise Conflict(f"Choose two different {'films' if kind == 'film' else 'people'}.")
        a, b = sorted((first_id, second_id))
        with self.core.write("Not a duplicate") as uow:
            s = uow.session
            rows = [s.get(entity, i) for i in (a, b)]
            for i, row in zip((a, b), rows, strict=True):
                if row is None:
                    raise NotFound(f"There is no {what} with id {i}.")
            shown = [r.title if kind == "film" else r.name for r in rows]
            uow.label = f"Not a duplicate: {shown[0]} and {shown[1]}"
            known = s.scalar(select(NotDuplicate.id).where(
                NotDuplicate.kind == kind, NotDuplicate.first_id == a,
                NotDuplicate.second_id == b))
            if known is None:
                s.add(NotDuplicate(kind=kind, first_id=a, second_id=b))
        return uow.changes

    @staticmethod
    def _refused(session, kind: str) -> set[tuple[int, int]]:  # noqa: ANN001
        return {(a, b) for a, b in session.execute(
            select(NotDuplicate.first_id, NotDuplicate.second_id)
            .where(NotDuplicate.kind == kind))}


def _kind(kind: str) -> tuple[type, str]:
    try:
        return KINDS[kind]
    except KeyError:
        raise Conflict(f"{kind!r} is neither a film nor a person.") from None
