"""How the web archive words things: teasers, `Country / Country, Year`, folding for search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

TEASER_LENGTH = 200
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+")

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
    singular, plural = ROLE_LABELS.get(role, (role.capitalize(), role.capitalize()))
    return singular if count == 1 else plural


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each with its inner line breaks folded to spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def teaser(text: str, limit: int = TEASER_LENGTH) -> str:
    """About `limit` characters of `text`, cut at a word and ended with an ellipsis."""
    flat = _SPACE.sub(" ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else flat[:limit]
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


def country_year(countries: Iterable[str], year: int | None) -> str:
    """`USSR / Finland, 1988`; either part may be missing, never leaving `, ` behind."""
    parts = [" / ".join(c for c in countries if c), str(year) if year else ""]
    return ", ".join(p for p in parts if p)


def life_years(birth: int | None, death: int | None) -> str:
    if birth and death:
        return f"{birth}\u2013{death}"
    if birth:
        return f"born {birth}"
    if death:
        return f"died {death}"
    return ""


def fold(text: str) -> str:
    """Lower case without accents: `Mykkänen` and `MYKKANEN` both give `mykkanen`."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def initial(sort_key: str) -> str:
    """The A-Z letter a name files under; anything else files under `other`."""
    folded = fold(sort_key.strip())[:1]
    return folded if "a" <= folded <= "z" else "other"
