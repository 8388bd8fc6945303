"""Catalogue title conventions: inverted articles and titles in brackets.

    "Misérables, Les"                       -> title "Les Misérables", sorts as "Misérables"
    "Postman, The (Postino, Il)"            -> "The Postman", original title "Il Postino"
    "Seven (a.k.a. Se7en)"                  -> "Seven", alternative title "Se7en"
    "Letter(s) from Home", "Yes (or No)"     -> kept whole: a bracket glued to a word, or
                                               one that reads as part of the title
    "Hamlet (Act One)"                      -> kept whole, said so (`ParsedTitle.doubt`)

A bracket is read as another title only where the convention is clear; where in
doubt the printed title stays whole, since a title cut short is lost for good.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from curator.catalog.naming import sort_title as default_sort

INVERTIBLE = (
    "The", "A", "An", "Les", "Le", "La", "L'", "Il", "I", "Gli", "Lo", "Der", "Die", "Das",
    "Den", "Det", "De", "Het", "El", "Los", "Las", "Un", "Une", "Ein", "Eine", "O", "Os", "As",
)  # fmt: skip
_INVERTED = re.compile(r"^(?P<rest>.+?),\s*(?P<article>" + "|".join(
    re.escape(a) for a in INVERTIBLE) + r")$", re.IGNORECASE)
_AKA = re.compile(r"^(?:a\.?k\.?a\.?|also known as)\s+", re.IGNORECASE)
# Words that make a bracket part of the printed title: "(Act One)", "(Part 2)", "(Redux)".
_PART_WORDS = frozenset("""
    part parts act acts vol vol. volume episode ep chapter book reel cut version edition
    redux remastered restored uncut extended remake sequel season series one two three four
    five six seven eight nine ten first second third final director's
""".split())
_ROMAN = re.compile(r"^[IVXLC]+$")


@dataclass
class ParsedTitle:
    title: str
    sort_title: str
    original_title: str = ""
    alt_titles: list[str] = field(default_factory=list)
    doubt: str = ""  # why a bracket was kept as part of the title, for the import's report


def uninvert(text: str) -> tuple[str, str]:
    """`Misérables, Les` -> (`Les Misérables`, `Misérables`); other text is left alone."""
    text = text.strip()
    m = _INVERTED.match(text)
    if not m:
        return text, ""
    article, rest = m.group("article"), m.group("rest").strip()
    joined = f"{article}{rest}" if article.endswith("'") else f"{article} {rest}"
    return joined, rest


def _bracket_groups(text: str) -> tuple[str, list[str]]:
    """Split trailing balanced bracket groups off a title."""
    groups: list[str] = []
    text = text.strip()
    while text.endswith(")"):
        depth = 0
        for i in range(len(text) - 1, -1, -1):
            if text[i] == ")":
                depth += 1
            elif text[i] == "(":
                depth -= 1
                if depth == 0:
                    break
        else:
            break
        if depth != 0 or i == 0:
            break
        groups.insert(0, text[i + 1 : -1].strip())
        text = text[:i].rstrip()
    return text, groups


def whole_title(raw: str, doubt: str = "") -> ParsedTitle:
    """The printed title as it is, brackets and all (an inverted article still turned)."""
    title, sort = uninvert(" ".join(raw.split()))
    return ParsedTitle(title=title, sort_title=sort or default_sort(title), doubt=doubt)


def _reads_as_part_of_title(group: str) -> bool:
    """`Act One`, `or No`, `2`, `II`: a bracket that belongs to the title, not another title."""
    if not group or _AKA.match(group):
        return False
    if not group[0].isupper() and not group[0].isdigit():
        return True  # "(or No)", "(s)": a title in its own right starts with a capital
    words = group.casefold().split()
    if all(w.isdigit() or _ROMAN.match(w.upper()) for w in words):
        return True
    return any(w in _PART_WORDS for w in words)


def parse_title(raw: str) -> ParsedTitle:
    """Apply the catalogue conventions to one title as a spreadsheet gives it."""
    if "," not in raw and not raw.rstrip().endswith(")"):
        plain = raw.strip()  # most titles: nothing inverted, nothing in brackets
        return ParsedTitle(title=plain, sort_title=default_sort(plain))
    main, groups = _bracket_groups(raw)
    if groups:
        cut = raw.strip()[len(main):]
        if not main or not cut[:1].isspace():
            return whole_title(raw)  # "Letter(s) from Home": the bracket is glued to a word
        if any(_reads_as_part_of_title(g) for g in groups):
            return whole_title(raw, "the bracket reads as part of the title, kept whole")
    title, sort = uninvert(main)
    parsed = ParsedTitle(title=title, sort_title=sort or default_sort(title))
    for group in groups:
        if not group:
            continue
        aka = _AKA.match(group)
        name, _ = uninvert(group[aka.end():] if aka else group)
        if not aka and not parsed.original_title:
            parsed.original_title = name
        elif name not in parsed.alt_titles and name != parsed.title:
            parsed.alt_titles.append(name)
    return parsed


# Title case by the catalogue's rules, for a title a page prints in capitals.
_SMALL_WORDS = frozenset("""
    a an the and but or nor for so yet as at by in of on to up via per off out
    from into with onto over upon near than till
    de del della di da du des la le les el los las von van der den und et y e
""".split())
_ACRONYMS = frozenset("""
    USSR USA UK BBC TV DDR GDR FRG CIA FBI KGB NATO UN UFO DJ NYC EU GI MGM SOS DNA AIDS
    HIV RAF IRA ABC CBS NBC MTV JFK USS LSD OK MIFF ID VHS HBO NYPD LAPD SS WWII
""".split())
_ROMAN_NUMERAL = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*", re.UNICODE)


def in_capitals(title: str) -> bool:
    """`KINGS OF THE ROAD`: a title printed in capitals (a lone acronym such as `JFK` is not)."""
    letters = [ch for ch in title if ch.isalpha()]
    if len(letters) < 4 or any(ch.islower() for ch in letters):
        return False
    words = _WORD.findall(title)
    return any(w.upper() not in _ACRONYMS and not _ROMAN_NUMERAL.match(w) for w in words) \
        and (len(words) > 1 or len(letters) > 5)


def title_case(title: str) -> str:
    """`KINGS OF THE ROAD` -> `Kings of the Road`; acronyms and roman numerals kept
    (`BACK IN THE USSR`, `ROCKY II`); articles, conjunctions and short prepositions in
    lower case except as the first word, or the first after a colon or a dash."""
    out: list[str] = []
    first = True
    pos = 0
    for m in _WORD.finditer(title):
        between = title[pos:m.start()]
        out.append(between)
        if any(ch in ":\u2013\u2014!?" for ch in between):
            first = True
        out.append(_cased(m.group(), first))
        first = False
        pos = m.end()
    out.append(title[pos:])
    return "".join(out)


def _cased(word: str, first: bool) -> str:
    bare = word.strip(".'\u2019")
    if bare.upper() in _ACRONYMS or (bare and _ROMAN_NUMERAL.match(bare)):
        return word
    if "." in bare and all(len(p) <= 1 for p in bare.split(".")):
        return word  # initials: "J.F.K."
    lower = word.lower()
    if not first and lower in _SMALL_WORDS:
        return lower
    if not any(ch in "aeiouyàáâäåæèéêëìíîïòóôöøùúûüÿ" for ch in lower) and len(word) > 1 \
            and "-" not in word and "'" not in word:
        return word  # no vowel: an acronym ("KGB", "NYPD")
    return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))
