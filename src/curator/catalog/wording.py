"""How a record reads, wherever it is shown: the desk's preview, lists, programme notes
and the exported web archive all word a film with these functions, so they never disagree.

The festival archive's own conventions: `USSR / Finland, 1988`, `(MIFF 1989, Animation)`,
`Director: A, B` (`Directors:` for more than one), teasers of about 200 characters cut at a
word. Empty parts are left out, never shown as "(, )".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # records import this module for their labels
    from curator.catalog.records import CreditRecord, FilmRecord

TEASER_LENGTH = 200
_SPACE = re.compile(r"\s+")

ROLE_LABELS = {
    "director": ("Director", "Directors"),
    "screenwriter": ("Screenplay", "Screenplay"),
    "producer": ("Producer", "Producers"),
    "cinematographer": ("Cinematography", "Cinematography"),
    "editor": ("Editing", "Editing"),
    "composer": ("Music", "Music"),
    "sound": ("Sound", "Sound"),
    "production designer": ("Production design", "Production design"),
    "animator": ("Animation", "Animation"),
    "narrator": ("Narrator", "Narrators"),
    "cast": ("Cast", "Cast"),
    "other": ("Also credited", "Also credited"),
}
ROLE_ORDER = list(ROLE_LABELS)


def role_label(role: str, count: int = 1) -> str:
    """`Director` or `Directors`, `Cinematography`...: a credit group's heading."""
    singular, plural = ROLE_LABELS.get(role, (role.capitalize(), role.capitalize()))
    return singular if count == 1 else plural


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each with its inner line breaks folded to spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def teaser(text: str, limit: int = TEASER_LENGTH) -> str:
    """About `limit` characters of `text`, cut at a word and ended with an ellipsis.

    A word longer than half the limit is cut inside rather than leave a stub."""
    flat = _SPACE.sub(" ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else flat[:limit]
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


def synopsis_teaser(synopsis: str, limit: int = TEASER_LENGTH) -> str:
    """The start of a synopsis as "See also" entries and lists of films show it."""
    return teaser(" ".join(paragraphs(synopsis)), limit)


def country_year(countries: Iterable[str], year: int | None) -> str:
    """`USSR / Finland, 1988`; either part may be missing, never leaving `, ` behind."""
    parts = [" / ".join(c for c in countries if c and c.strip()), str(year) if year else ""]
    return ", ".join(p for p in parts if p)


def appearance_line(countries: Iterable[str], year: int | None, appearance: str) -> str:
    """`USSR, 1988 (MIFF 1989, Documentaries)`: the line under a film's title."""
    place = country_year(countries, year)
    if not appearance:
        return place
    return f"{place} ({appearance})" if place else f"({appearance})"


def edition_name(festival_short_name: str, festival_name: str, year: int) -> str:
    """`MIFF 1989`: an edition as the archive names it."""
    return f"{festival_short_name or festival_name} {year}"


def appearance(edition: str, section: str) -> str:
    """`MIFF 1989, Animation`: where a film was shown."""
    return f"{edition}, {section}" if section else edition


def people_line(role: str, names: list[str]) -> str:
    """`Director: A, B` / `Directors: A, B`, or nothing without names."""
    if not names:
        return ""
    return f"{role_label(role, len(names))}: {', '.join(names)}"


def life_years(birth: int | None, death: int | None) -> str:
    if birth and death:
        return f"{birth}\u2013{death}"
    if birth:
        return f"born {birth}"
    if death:
        return f"died {death}"
    return ""


def credit_groups(film: FilmRecord) -> list[tuple[str, list[CreditRecord]]]:
    """The film's credits but its directors, grouped by role under their headings, in the
    archive's order of roles (`Cinematography`, `Music`, ..., `Cast`)."""
    by_role: dict[str, list[CreditRecord]] = defaultdict(list)
    for c in film.credits:
        if c.role != "director":
            by_role[c.role].append(c)
    order = {r: n for n, r in enumerate(ROLE_ORDER)}
    return [(role_label(role, len(credits)), credits)
            for role, credits in sorted(by_role.items(),
                                        key=lambda kv: (order.get(kv[0], 99), kv[0]))]


def film_details(film: FilmRecord) -> list[tuple[str, str]]:
    """Runtime, format, colour, languages and genres as labelled lines; empty ones left out."""
    return [(label, value) for label, value in (
        ("Runtime", f"{film.runtime} min" if film.runtime else ""),
        ("Format", film.format),
        ("Colour", film.colour.replace("-", " ").capitalize() if film.colour else ""),
        ("Language" if len(film.languages) == 1 else "Languages", ", ".join(film.languages)),
        ("Genre" if len(film.genres) == 1 else "Genres", ", ".join(film.genres)),
    ) if value]
