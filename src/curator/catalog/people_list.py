"""The people list of the desk: one page of people at a time, filtered and sorted in SQL."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from curator.catalog.core import CatalogCore
from curator.catalog.wording import life_years
from curator.model import Credit, NameVariant, Person


@dataclass(frozen=True)
class PersonRow:
    """One line of the people list."""

    id: int
    name: str
    sort_name: str
    years: str  # "1941-2019", "b. 1960" or ""
    country: str
    films: int  # how many films credit them
    variants: str  # other spellings, comma-separated


@dataclass(frozen=True)
class PeoplePage:
    total: int
    rows: list[PersonRow] = field(default_factory=list)


def people_page(core: CatalogCore, text: str = "", limit: int = 200,
                offset: int = 0) -> PeoplePage:
    """People whose name or a name variant contains `text`, by sort name."""
    needle = text.strip()
    with core.read() as session:
        stmt = select(Person.id)
        if needle:
            pattern = f"%{needle}%"
            stmt = stmt.where(or_(
                Person.name.ilike(pattern),
                Person.id.in_(select(NameVariant.person_id)
                              .where(NameVariant.name.ilike(pattern)))))
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        ids = list(session.scalars(
            stmt.order_by(Person.sort_name, Person.id).limit(limit).offset(offset)))
        if not ids:
            return PeoplePage(total)
        people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}
        films = dict(session.execute(
            select(Credit.person_id, func.count(func.distinct(Credit.film_id)))
            .where(Credit.person_id.in_(ids)).group_by(Credit.person_id)).all())
        variants: dict[int, list[str]] = {}
        for pid, name in session.execute(
            select(NameVariant.person_id, NameVariant.name)
            .where(NameVariant.person_id.in_(ids)).order_by(NameVariant.id)
        ):
            variants.setdefault(pid, []).append(name)
        return PeoplePage(total, [
            PersonRow(id=p.id, name=p.name, sort_name=p.sort_name,
                      years=life_years(p.birth_year, p.death_year), country=p.country,
                      films=films.get(p.id, 0), variants=", ".join(variants.get(p.id, [])))
            for p in (people[i] for i in ids)
        ])
