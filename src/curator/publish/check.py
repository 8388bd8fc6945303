"""What would make a poor page, listed before an export so the archivist can fix it first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from curator.catalog import Catalog
from curator.model.enums import PublicationState

Kind = Literal["film", "person", "still", "list"]


@dataclass(frozen=True)
class Problem:
    kind: Kind  # the record with the problem
    id: int
    title: str
    message: str
    owner: tuple[str, int] | None = None  # what to open to fix it, when not the record itself

    @property
    def record(self) -> tuple[str, int]:
        """(kind, id) of the record to open to fix this: a still's film or person."""
        return self.owner or (self.kind, self.id)

    def __str__(self) -> str:
        return f"{self.kind} {self.id} \u201c{self.title}\u201d: {self.message}"


def check_archive(catalog: Catalog, film_ids: Collection[int] | None = None) -> list[Problem]:
    """Problems of the published films (only those in `film_ids` if given), their stills,
    the people credited on them, and the published lists."""
    ids = catalog.films.with_state(PublicationState.PUBLISHED)
    if film_ids is not None:
        wanted = set(film_ids)
        ids = [i for i in ids if i in wanted]
    films = catalog.films.get_many(ids)
    problems: list[Problem] = []
    for f in films:
        if not f.directors:
            problems.append(Problem("film", f.id, f.title, "no director"))
        if not f.year:
            problems.append(Problem("film", f.id, f.title, "no year"))
        for s in f.stills:
            name = f"{f.title}, still {s.position + 1}"
            if not s.alt_text.strip():
                problems.append(Problem("still", s.id, name, "no alt text", ("film", f.id)))
            if not s.credit.strip():
                problems.append(Problem("still", s.id, name, "no credit", ("film", f.id)))
    people = catalog.people.get_many({c.person_id for f in films for c in f.credits})
    for p in people.values():
        if p.state != PublicationState.PUBLISHED:
            continue
        for s in p.portraits:
            name = f"{p.name}, portrait {s.position + 1}"
            if not s.alt_text.strip():
                problems.append(Problem("still", s.id, name, "no alt text", ("person", p.id)))
            if not s.credit.strip():
                problems.append(Problem("still", s.id, name, "no credit", ("person", p.id)))
    problems += _duplicate_slugs("film", [(f.id, f.title, f.slug) for f in films])
    problems += _duplicate_slugs("person", [(p.id, p.name, p.slug) for p in people.values()
                                            if p.state == PublicationState.PUBLISHED])
    lists = [c for c in catalog.lists.all() if c.state == PublicationState.PUBLISHED]
    problems += _duplicate_slugs("list", [(c.id, c.title, c.slug) for c in lists])
    for c in lists:
        hidden = [i for i in c.items if i.state != PublicationState.PUBLISHED]
        if hidden and (film_ids is None or any(i.film_id in set(film_ids) for i in c.items)):
            names = ", ".join(f"\u201c{i.title}\u201d" for i in hidden[:3])
            more = f" and {len(hidden) - 3} more" if len(hidden) > 3 else ""
            problems.append(Problem("list", c.id, c.title,
                                    f"contains unpublished films: {names}{more}"))
    return problems


def _duplicate_slugs(kind: Kind, rows: list[tuple[int, str, str]]) -> list[Problem]:
    by_slug: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for rid, title, slug in rows:
        by_slug[slug].append((rid, title))
    out = []
    for slug, owners in sorted(by_slug.items()):
        if len(owners) > 1:
            for rid, title in owners:
                others = ", ".join(str(o) for o, _ in owners if o != rid)
                out.append(Problem(kind, rid, title,
                                   f"duplicate slug \u201c{slug}\u201d (also {kind} {others})"))
    return out
