"""Slugs for URLs and sort keys for titles and names."""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

# Leading articles that file a title under its next word. Ambiguous ones
# ("Die", "I", "O") are left out: "Die Hard" files under D.
ARTICLES = (
    "the", "a", "an", "les", "le", "la", "l'", "der", "das", "den", "el", "los", "las",
    "il", "gli", "lo", "un", "une", "ein", "eine", "het", "de",
)  # fmt: skip
_WORDS = "|".join(re.escape(a) for a in ARTICLES if a != "l'")
_ARTICLE = re.compile(r"^(?:(" + _WORDS + r")\s+|l['\u2019])", re.IGNORECASE)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# The accents NFD sets apart from Latin letters, which anyascii drops (U+0363 to U+036F,
# small letters written above another, it spells out: they are not among these).
_ACCENTS = re.compile("[\u0300-\u0362]")


def sort_title(title: str) -> str:
    """The title as it files: without a leading article (`Les Misérables` -> `Misérables`)."""
    stripped = title.strip()
    article = _ARTICLE.match(stripped)  # most titles have none: no new string is made
    if article:
        stripped = stripped[article.end():].strip()
    stripped = stripped.lstrip("'\"\u2018\u2019\u201c\u201d\u00ab([.-\u2026 ") or title.strip()
    first = stripped[:1]
    capital = first.upper()
    return stripped if capital == first else capital + stripped[1:]


def sort_name(name: str) -> str:
    """A person's name as it files: surname first (`Mykkänen, Marjaana`)."""
    parts = name.strip().split()
    if len(parts) < 2 or "," in name:
        return name.strip()
    particles = {"von", "van", "de", "der", "da", "di", "du", "la", "le"}
    i = len(parts) - 1
    while i > 1 and parts[i - 1].casefold() in particles:
        i -= 1
    return " ".join(parts[i:]) + ", " + " ".join(parts[:i])


def slugify(text: str, fallback: str = "item") -> str:
    """A lower-case ASCII slug: `From Russia with Rock` -> `from-russia-with-rock`.

    Other scripts are transliterated (`Наутилус` -> `nautilus`, `中国` -> `zhongguo`) by
    anyascii, a maintained table of every Unicode character, not one of our own.
    """
    if text.isascii():
        ascii_text = text
    else:
        # Most other titles are Latin letters with accents (`Été`): the letters without
        # them are what anyascii spells, found at C speed rather than a character at a
        # time (the tests compare the two ways for every character).
        bare = _ACCENTS.sub("", unicodedata.normalize("NFD", text))
        ascii_text = bare if bare.isascii() else anyascii(unicodedata.normalize("NFC", text))
    slug = _NOT_SLUG.sub("-", ascii_text.casefold()).strip("-")
    return slug[:80].rstrip("-") or fallback
