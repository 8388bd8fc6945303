"""Is this film already in the archive? Films of the same title and year, asked before a
new title or year is saved, so the same film typed twice is noticed when it is typed."""

from __future__ import annotations

from sqlalchemy import select

from curator.catalog.core import Operations
from curator.catalog.matching import fold
from curator.model import Film


class SameFilms(Operations):
    def titled(self, title: str, year: int | None, *, besides: int | None = None
                     ) -> list[tuple[int, str]]:
        """(id, title) of the films whose title or original title reads as `title` once
        case, accents and punctuation are set aside, of the same year (or both of none)."""
        wanted = fold(title)
        if not wanted:
            return []
        with self.core.read() as session:
            stmt = select(Film.id, Film.title, Film.original_title).where(
                Film.year.is_(None) if year is None else Film.year == year)
            if besides is not None:
                stmt = stmt.where(Film.id != besides)
            return [(fid, name) for fid, name, original in session.execute(stmt.order_by(Film.id))
                    if wanted in (fold(name), fold(original))]
