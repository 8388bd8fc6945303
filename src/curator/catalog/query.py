"""The query language of the desk's search field, `curator search`, `edit --where` and saved
searches: free words plus `field:value` conditions, parsed here once.

    director:wenders year:1970..1979 country:germany edition:"miff 1989"
    section:animation state:draft kind:documentary runtime:<60 has:still -has:synopsis

A leading `-` negates a condition; a value with spaces goes in quotes; a word in quotes
is a word to look for, never a field. A bad field or value is one QueryError naming it
("year:19888 is not a year"). This module knows no database: catalog/query_sql.py turns
the conditions into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curator import CuratorError
from curator.model.enums import FilmKind, PublicationState


class QueryError(CuratorError):
    """A search that cannot be understood; the message names the part at fault."""


@dataclass(frozen=True)
class Condition:
    """One `field:value` of a query. Ranges are inclusive; None leaves a side open."""

    field: str
    text: str = ""  # the value as typed (names, words), for the text fields
    low: int | None = None  # year and runtime
    high: int | None = None
    negated: bool = False

    def __str__(self) -> str:
        return f"{'-' if self.negated else ''}{self.field}:{quoted(self.raw_value)}"

    @property
    def raw_value(self) -> str:
        if self.field not in NUMBER_FIELDS:
            return self.text
        if self.low == self.high:
            return str(self.low)
        return f"{'' if self.low is None else self.low}..{'' if self.high is None else self.high}"


# field -> what it looks for, as the help and the errors say it
FIELDS: dict[str, str] = {
    "director": "films directed by a person of that name (any spelling)",
    "person": "films crediting a person of that name, in any role",
    "title": "words of the title, original or other titles",
    "year": "a year, or a range: 1970..1979, >1980, <=1990",
    "runtime": "minutes: 90, <60, 60..120",
    "country": "a country of production: germany finds West Germany too",
    "language": "a language spoken",
    "genre": "a genre or tag",
    "kind": "feature, short, documentary, animation, experimental, series, other",
    "format": "35mm, 16mm, video, DCP...",
    "colour": "colour, black-and-white or mixed",
    "state": "draft, published or withdrawn",
    "edition": "a festival edition: \"miff 1989\", miff, 1989",
    "section": "a section's name: animation",
    "list": "a retrospective list's title",
    "has": "still, synopsis, director, quote, screening, notes, year, runtime, country",
    "field": "one of the archive's own fields: \"print source=finnish\" (words of a text, "
             "a number, yes or no), or \"shelf mark\" for any value",
}
NUMBER_FIELDS = frozenset({"year", "runtime"})
# has:WHAT -> the parts a film may lack
HAS = ("still", "synopsis", "director", "quote", "screening", "notes", "year", "runtime",
       "country", "credits", "title")
# The spellings people type for a field, and the field they mean
ALIASES = {"directed": "director", "by": "director", "with": "person", "people": "person",
           "countries": "country", "lang": "language", "tag": "genre", "color": "colour",
           "status": "state", "festival": "edition", "collection": "list", "minutes": "runtime"}
STATES = tuple(s.value for s in PublicationState)
KINDS = tuple(k.value for k in FilmKind)

_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z]+):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+))')
_RANGE = re.compile(r"(\d*)\s*\.\.\s*(\d*)")
_COMPARE = re.compile(r"(<=|>=|<|>|=)?\s*(\d+)")
LOWEST_YEAR, HIGHEST_YEAR = 1870, 2200  # a film year beyond these is a typing slip


@dataclass(frozen=True)
class ParsedQuery:
    """The free words (one string, for the full-text index) and the conditions."""

    words: str = ""
    conditions: tuple[Condition, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words.strip() or self.conditions)


def quoted(value: str) -> str:
    return f'"{value}"' if not value or any(c.isspace() for c in value) else value


def field_name(name: str) -> str | None:
    """The field a typed name means (case-insensitive, with its aliases), or None."""
    low = name.lower()
    return low if low in FIELDS else ALIASES.get(low)


def parse_query(text: str) -> ParsedQuery:
    """Read a query; raises QueryError naming the first part that cannot be understood."""
    words: list[str] = []
    conditions: list[Condition] = []
    position = 0
    while position < len(text):
        m = _TOKEN.match(text, position)
        if m is None or m.end() == position:
            break
        position = m.end()
        minus, name, quoted_value, bare_value, phrase, word = m.groups()
        if phrase is not None:
            words.append(f"{minus}{phrase}" if minus else phrase)
            continue
        if word is not None:
            words.append(f"{minus}{word}")
            continue
        value = quoted_value if quoted_value is not None else bare_value or ""
        field = field_name(name)
        if field is None:
            if not value and quoted_value is None:
                words.append(f"{minus}{name}:")  # "Mission: Impossible": a title, not a field
                continue
            raise QueryError(
                f"\u201c{name}:\u201d is not a field to search by; the fields are "
                f"{', '.join(FIELDS)} (put words in quotes to look for them as they are).")
        conditions.append(_condition(field, value.strip(), bool(minus), f"{minus}{name}:"))
    return ParsedQuery(" ".join(w for w in words if w.strip()), tuple(conditions))


def _condition(field: str, value: str, negated: bool, typed: str) -> Condition:
    shown = f"{typed}{quoted(value)}" if value else typed
    if not value:
        raise QueryError(f"{shown} needs a value: {FIELDS[field]}.")
    if field in NUMBER_FIELDS:
        low, high = _number_range(field, value, shown)
        return Condition(field, low=low, high=high, negated=negated)
    folded = value.casefold()
    if field == "state":
        if folded not in STATES:
            raise QueryError(f"{shown} is not a publication state: draft, published or "
                             "withdrawn.")
        value = folded
    elif field == "kind":
        if folded not in KINDS:
            raise QueryError(f"{shown} is not a kind of film: {', '.join(KINDS)}.")
        value = folded
    elif field == "field":
        name, _equals, wanted = value.partition("=")
        if not name.strip():
            raise QueryError(f"{shown} names no field; write field:\"print source=KAVI\".")
        value = f"{name.strip()}={wanted.strip()}" if _equals else name.strip()
    elif field == "has":
        if folded not in HAS:
            raise QueryError(f"{shown}: a film can be searched for has:{', has:'.join(HAS)}.")
        value = folded
    return Condition(field, text=value, negated=negated)


def _number_range(field: str, value: str, shown: str) -> tuple[int | None, int | None]:
    what = "a year" if field == "year" else "a number of minutes"
    if (m := _RANGE.fullmatch(value)) is not None:
        if not (m.group(1) or m.group(2)):
            raise QueryError(f"{shown} is not {what} or a range of them.")
        low = _number(field, m.group(1), shown) if m.group(1) else None
        high = _number(field, m.group(2), shown) if m.group(2) else None
        if low is not None and high is not None and low > high:
            raise QueryError(f"{shown} runs backwards; write the lower end first.")
        return low, high
    if (m := _COMPARE.fullmatch(value)) is None:
        raise QueryError(f"{shown} is not {what}.")
    op, n = m.group(1) or "=", _number(field, m.group(2), shown)
    return {"=": (n, n), "<": (None, n - 1), "<=": (None, n), ">": (n + 1, None),
            ">=": (n, None)}[op]


def _number(field: str, digits: str, shown: str) -> int:
    n = int(digits)
    if field == "year" and not LOWEST_YEAR <= n <= HIGHEST_YEAR:
        raise QueryError(f"{shown} is not a year.")
    if field == "runtime" and n > 10_000:
        raise QueryError(f"{shown} is not a number of minutes.")
    return n
