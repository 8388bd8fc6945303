"""Catalogue conventions for single values: years, runtimes, lists of names, ids.

    "1988", "c. 1988", "1988-89"        -> 1988 (the last two noted as given)
    "90", "90 min", "1h 30m", "1:30"    -> 90 minutes
    "USSR; Finland", "Drama|Comedy"     -> several values
Each parser raises ValueError with a message naming the value it could not read.
"""

from __future__ import annotations

import re
from functools import lru_cache

_YEAR = re.compile(
    r"^(?P<approx>(?:c|ca|circa)\.?\s*)?(?P<year>\d{4})"
    r"(?:\s*(?:-|\u2013|\u2014|/)\s*(?P<end>\d{2}|\d{4}))?\s*(?P<doubt>\?)?$",
    re.IGNORECASE,
)
_MINUTES = re.compile(r"^(?P<m>\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minutes?|'|\u2032)?\.?$",
                      re.IGNORECASE)
_HOURS = re.compile(
    r"^(?P<h>\d+)\s*(?:h|hr|hrs|hours?|:)\s*(?:(?P<m>\d{1,2})\s*(?:m|min|mins|minutes?|'|\u2032)?\.?)?$",
    re.IGNORECASE,
)
_PLAIN_YEAR = re.compile(r"\d{4}(?:\.0+)?")  # 1988, or 1988.0 from a spreadsheet
_NOT_DIGIT = re.compile(r"\D")
_SPLIT = re.compile(r"\s*[;|]\s*")
_COUNTRY_SPLIT = re.compile(r"\s*(?:[;|]|\s/\s)\s*")
_SPACES = re.compile(r"\s+")
_IMDB = re.compile(r"(tt\d{5,10}|nm\d{5,10})", re.IGNORECASE)
_WIKIDATA = re.compile(r"\b(Q\d+)\b", re.IGNORECASE)


def shown(text: str, limit: int = 40) -> str:
    """A value as a message quotes it: on one line (a cell may hold line breaks), cut short."""
    text = _SPACES.sub(" ", text)
    if len(text) > limit:
        text = text[:limit] + "\u2026"
    return f"\u201c{text}\u201d"


# A column holds few distinct years and runtimes: each is read once per import, not per row
# (a value it cannot read raises again each time, and is not kept).
@lru_cache(maxsize=4096)
def parse_year(text: str) -> tuple[int | None, str]:
    """A production year and, when the catalogue gave more than a year, how it gave it."""
    text = text.strip()
    if not text:
        return None, ""
    if _PLAIN_YEAR.fullmatch(text):
        return int(text[:4]), ""
    m = _YEAR.match(text)
    if not m:
        raise ValueError(f"{shown(text)} is not a year")
    year = int(m.group("year"))
    if m.group("end"):
        end = m.group("end")
        last = int(str(year)[:2] + end) if len(end) == 2 else int(end)
        if last < year:
            raise ValueError(f"{shown(text)} is not a range of years")
    note = f"Year given as \u201c{text}\u201d." if m.group("approx") or m.group("end") or \
        m.group("doubt") else ""
    return year, note


@lru_cache(maxsize=4096)
def parse_runtime(text: str) -> int | None:
    """Minutes from `90`, `90 min`, `90'`, `1h 30m`, `1 h 30`, `1:30` or `2h`."""
    text = text.strip()
    if not text:
        return None
    if len(_NOT_DIGIT.sub("", text)) > 6:  # no film runs a million minutes: not a runtime
        raise ValueError(f"{shown(text)} is not a running time")
    m = _MINUTES.match(text)
    if m:
        minutes = round(float(m.group("m").replace(",", ".")))
        return minutes
    m = _HOURS.match(text)
    if m and (":" not in text or m.group("m")):
        return int(m.group("h")) * 60 + int(m.group("m") or 0)
    raise ValueError(f"{shown(text)} is not a running time")


def split_values(text: str) -> list[str]:
    """Several values in one cell, separated by `;` or `|`."""
    return [v for v in _SPLIT.split(text.strip()) if v] if text.strip() else []


def split_countries(text: str) -> list[str]:
    """Countries, separated by `;`, `|` or ` / ` (`USSR / Finland`)."""
    return [v for v in _COUNTRY_SPLIT.split(text.strip()) if v] if text.strip() else []


def imdb_id(text: str) -> str:
    """`tt0094012` from an id, a number or an IMDb address."""
    text = text.strip()
    if not text:
        return ""
    m = _IMDB.search(text)
    if m:
        return m.group(1).lower()
    if text.isdigit():
        return "tt" + text.zfill(7)
    raise ValueError(f"{shown(text)} is not an IMDb id")


def wikidata_id(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    m = _WIKIDATA.search(text)
    if not m:
        raise ValueError(f"{shown(text)} is not a Wikidata id")
    return m.group(1).upper()
