"""What an export writes: `all`, `film:ID[,ID...]`, `edition:SLUG`, `list:ID` or `person:ID`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from curator import CuratorError
from curator.limits import LARGEST_INTEGER

Kind = Literal["all", "film", "edition", "list", "person"]
SPEC_HELP = "all | film:ID[,ID...] | edition:SLUG | list:ID | person:ID"


class SelectionError(CuratorError):
    pass


@dataclass(frozen=True)
class Selection:
    kind: Kind = "all"
    film_ids: tuple[int, ...] = ()
    edition_slug: str = ""
    list_id: int | None = None
    person_id: int | None = None

    @property
    def spec(self) -> str:
        if self.kind == "film":
            return "film:" + ",".join(str(i) for i in self.film_ids)
        if self.kind == "edition":
            return f"edition:{self.edition_slug}"
        if self.kind == "list":
            return f"list:{self.list_id}"
        if self.kind == "person":
            return f"person:{self.person_id}"
        return "all"

    @classmethod
    def films(cls, film_ids: list[int]) -> Selection:
        return cls("film", film_ids=tuple(dict.fromkeys(film_ids)))


ALL = Selection()


def _id(text: str, spec: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise SelectionError(f"\u201c{spec}\u201d needs a numeric id, not \u201c{text}\u201d.") \
            from None
    if not 1 <= value <= LARGEST_INTEGER:
        raise SelectionError(f"\u201c{spec}\u201d needs an id from 1 to {LARGEST_INTEGER:,}.")
    return value


def parse_selection(spec: str) -> Selection:
    """A selection from its command-line spelling; a clear error for anything else."""
    text = spec.strip()
    if text in ("", "all"):
        return Selection()
    kind, sep, rest = text.partition(":")
    if not sep or not rest.strip():
        raise SelectionError(f"Unknown selection \u201c{spec}\u201d; use {SPEC_HELP}.")
    if kind == "film":
        return Selection.films([_id(part, spec) for part in rest.split(",") if part.strip()])
    if kind == "edition":
        return Selection("edition", edition_slug=rest.strip())
    if kind == "list":
        return Selection("list", list_id=_id(rest, spec))
    if kind == "person":
        return Selection("person", person_id=_id(rest, spec))
    raise SelectionError(f"Unknown selection \u201c{spec}\u201d; use {SPEC_HELP}.")
