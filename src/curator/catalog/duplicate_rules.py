"""When two films, or two people, are probably one: the keys they are compared by, and
the rules that score a pair and say why.

Nothing here reads the database: catalog/duplicates.py feeds it rows. Pairs are found by
blocking, never by comparing all pairs: films meet when they share a title key, or when
their keys are one letter apart (found through the keys with one letter taken out, as a
spelling corrector finds its candidates), and their years are within one; people meet
when they share a name key, a surname, or a forename's initial and a surname's first or
last letters. A pair's closeness is difflib's ratio (the standard library's: the wheel
and the bundle carry nothing more, and blocking leaves it few pairs to measure;
benchmarks/bench_duplicates.py times the whole on 100,000 films).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from anyascii import anyascii

from curator.catalog.matching import fold, name_as_written
from curator.catalog.naming import sort_title

# A title shared by this many films says little on its own ("Untitled", "Home"):
# such films pair only with a year within one and a director or a screening in common.
COMMON_TITLE = 4
CLOSE_TITLE = 0.88  # difflib ratio below which keys one letter apart are still two titles
SHORTEST = 5  # a title key shorter than this meets only its exact equals ("sea", "se")
MOST_ALIKE = 50  # keys more alike than this (one letter from many others) say nothing
CLOSE_NAME = 0.88


@dataclass(frozen=True)
class FilmFacts:
    """What the finder compares of a film."""

    id: int
    title: str
    original_title: str
    year: int | None
    directors: frozenset[str]  # the directors' name keys (one person typed twice still meets)
    director_names: tuple[str, ...]
    editions: frozenset[int]
    edition_names: dict[int, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PersonFacts:
    id: int
    name: str
    variants: tuple[str, ...]
    films: frozenset[int]  # the films crediting them
    birth_year: int | None = None


@dataclass(frozen=True)
class Pair:
    """Two records that are probably one: the lower id first, the reasons, a score (0-100)."""

    kind: str  # "film" or "person"
    first_id: int
    second_id: int
    first: str  # how each reads in a list: "Assa (1987)", "Aki Kaurismaki"
    second: str
    score: int
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def title_key(title: str) -> str:
    """A title with its leading article, accents, punctuation and case set aside."""
    return fold(sort_title(title)) if title.strip() else ""


def name_key(name: str) -> str:
    """A name in any script, order and case, accents aside: `Mykkänen, Marjaana`,
    `MARJAANA MYKKANEN` and `Марьяана Мюккянен` come near (the last by its Latin letters)."""
    written = name_as_written(name)
    latin = written if written.isascii() else anyascii(written)
    return " ".join(sorted(fold(latin).split()))


_NUMBERS = re.compile(r"\b(?:\d+|i{1,3}|iv|vi{0,3}|ix|x)\b")


def numbers(key: str) -> list[str]:
    """The numbers in a title key ("part 2", "ii"): sequels differ in them and little else."""
    return _NUMBERS.findall(key)


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def close_keys(keys: Iterable[str]) -> set[tuple[str, str]]:
    """Pairs of different keys one letter apart (as "cranes are flying" and "cranes are
    flyng"), of the same numbers (a sequel is another film), none shorter than SHORTEST."""
    forms: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if len(k) >= SHORTEST:
            for form in {k, *(k[:i] + k[i + 1:] for i in range(len(k)))}:
                forms[form].append(k)
    pairs = set()
    for ks in forms.values():
        if 1 < len(ks) <= MOST_ALIKE:
            for n, x in enumerate(ks):
                for y in ks[n + 1:]:
                    if x != y and numbers(x) == numbers(y):
                        pairs.add((min(x, y), max(x, y)))
    return pairs


def _film_label(f: FilmFacts) -> str:
    return f"{f.title} ({f.year})" if f.year is not None else f.title


def film_pairs(films: Iterable[FilmFacts], refused: set[tuple[int, int]]) -> list[Pair]:
    """Pairs of films that are probably one, best first; `refused` pairs are left out."""
    by_id = {f.id: f for f in films}
    keys: dict[int, set[str]] = {}
    by_key: dict[str, list[int]] = defaultdict(list)
    for f in by_id.values():
        ks = {k for k in (title_key(f.title), title_key(f.original_title)) if k}
        keys[f.id] = ks
        for k in ks:
            by_key[k].append(f.id)
    # the pair -> its titles' closeness, and the keys that came close
    candidates: dict[tuple[int, int], tuple[float, str, str]] = {}
    for ids in by_key.values():
        ids.sort(key=lambda i: (by_id[i].year is None, by_id[i].year or 0))
        for n, a in enumerate(ids):
            for b in ids[n + 1:]:
                ya, yb = by_id[a].year, by_id[b].year
                if ya is not None and yb is not None and yb - ya > 1:
                    break  # sorted by year: the rest are further apart still
                key = next(iter(keys[a] & keys[b]))
                candidates[(min(a, b), max(a, b))] = (1.0, key, key)
    # Close titles: two keys one letter apart (dropped, added or mistyped) are the same
    # once a letter is taken out of each, so keys meet through those forms, never all
    # against all; their films meet when their years are within one.
    years: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for fid, ks in keys.items():
        if by_id[fid].year is not None:  # a yearless film is matched on its exact title only
            for k in ks:
                years[k][by_id[fid].year].append(fid)
    for x, y in close_keys(years):
        closeness = _ratio(x, y)
        if closeness < CLOSE_TITLE:
            continue  # one letter of five ("Brave", "Brake"): too little to go by
        for year, ids in years[x].items():
            for other_year in (year - 1, year, year + 1):
                for a in ids:
                    for b in years[y].get(other_year, ()):
                        pair = (min(a, b), max(a, b))
                        if a == b or pair in candidates:
                            continue
                        candidates[pair] = (closeness, x, y) if a < b else (closeness, y, x)
    found = []
    for (a, b), (closeness, ka, kb) in candidates.items():
        if (a, b) in refused:
            continue
        common = max(len(by_key[k]) for k in keys[a] & keys[b]) if closeness == 1.0 else 0
        pair = _film_pair(by_id[a], by_id[b], closeness, common, _titles_said(
            by_id[a], by_id[b], closeness, ka, kb))
        if pair is not None:
            found.append(pair)
    found.sort(key=lambda p: (-p.score, p.first.casefold(), p.first_id, p.second_id))
    return found


def _titles_said(a: FilmFacts, b: FilmFacts, closeness: float, ka: str, kb: str) -> str:
    """Why the titles meet: "same title", or the two titles that came close."""
    def text(f: FilmFacts, key: str) -> str:
        return f.title if title_key(f.title) == key else f.original_title

    ta, tb = text(a, ka), text(b, kb)
    if closeness == 1.0:
        return "same title" if (ta, tb) == (a.title, b.title) else f"same title: {ta} / {tb}"
    return f"similar title ({closeness:.0%}): {ta} / {tb}"


def _film_pair(a: FilmFacts, b: FilmFacts, closeness: float, common: int,
               titles: str) -> Pair | None:
    reasons = [titles]
    score = 55 if closeness == 1.0 else round(55 * closeness) - 8
    if a.year is not None and b.year is not None:
        if abs(a.year - b.year) > 1:
            return None
        if a.year == b.year:
            score += 20
            reasons.append(f"same year ({a.year})")
        else:
            score += 10
            reasons.append(f"years {min(a.year, b.year)} and {max(a.year, b.year)}")
    shared = a.directors & b.directors
    if shared:
        names = sorted({n for n in (*a.director_names, *b.director_names)
                        if name_key(n) in shared}, key=str.casefold)
        score += 25
        reasons.append(f"same director ({', '.join(names[:2])})")
    elif a.directors and b.directors:
        return None  # each film names its directors, and none is the other's
    editions = a.editions & b.editions
    if editions:
        score += 10
        named = sorted(a.edition_names.get(e) or b.edition_names.get(e, "") for e in editions)
        reasons.append(f"both at {named[0]}" if named and named[0] else "same festival edition")
    vouched = bool(shared or editions)
    if (a.year is None or b.year is None) and not vouched and (common >= COMMON_TITLE
                                                                or closeness < 1.0):
        return None  # a common title without a year or anything else in common
    if common >= COMMON_TITLE and not vouched:
        return None  # "Home" and "Home" of one year, and nothing else to go by
    return Pair("film", a.id, b.id, _film_label(a), _film_label(b), min(score, 100),
                tuple(reasons))


def _initials_match(a: list[str], b: list[str]) -> bool:
    """`a kaurismaki` and `aki kaurismaki`: the same surname, and each forename of the
    shorter name an initial, or the whole, of the other's in turn."""
    if a[-1] != b[-1] or len(a) != len(b) or len(a) < 2:
        return False
    initials = False
    for x, y in zip(a[:-1], b[:-1], strict=True):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            initials = True
            continue
        return False
    return initials


def _ordinals(words: list[str]) -> list[str]:
    """The numbers in a name ("II", "3"); a single letter is an initial, not a numeral."""
    return [w for w in words if w.isdigit() or w in ("ii", "iii", "iv")]


def _words(name: str) -> list[str]:
    """The name's words in written order (forenames, then surname), folded."""
    written = name_as_written(name)
    latin = written if written.isascii() else anyascii(written)
    return fold(latin.replace(".", ". ")).split()


def person_pairs(people: Iterable[PersonFacts], refused: set[tuple[int, int]]) -> list[Pair]:
    """Pairs of people who are probably one, best first; `refused` pairs are left out."""
    by_id = {p.id: p for p in people}
    names: dict[int, list[str]] = {p.id: [p.name, *p.variants] for p in by_id.values()}
    by_key: dict[str, set[int]] = defaultdict(set)
    by_surname: dict[str, set[int]] = defaultdict(set)  # for initials
    # for misspellings: the forename's initial with the surname's first or last letters
    by_letters: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for pid, spellings in names.items():
        for n in spellings:
            if k := name_key(n):
                by_key[k].add(pid)
            words = _words(n)
            if len(words) >= 2:
                by_surname[words[-1]].add(pid)
                by_letters[("head", words[0][0], words[-1][:3])].add(pid)
                by_letters[("tail", words[0][0], words[-1][-3:])].add(pid)
    candidates: dict[tuple[int, int], tuple[int, str]] = {}

    def offer(a: int, b: int, score: int, why: str) -> None:
        pair = (min(a, b), max(a, b))
        if a != b and pair not in refused and score > candidates.get(pair, (0, ""))[0]:
            candidates[pair] = (score, why)

    for ids in by_key.values():
        ordered = sorted(ids)
        for n, a in enumerate(ordered):
            for b in ordered[n + 1:]:
                offer(a, b, 85, _same_name_reason(names[a], names[b]))
    for block, close in ((by_surname, False), (by_letters, True)):
        for ids in block.values():
            if len(ids) > 200:
                continue  # a name hundreds share ("Smith"): only exact names meet there
            ordered = sorted(ids)
            for n, a in enumerate(ordered):
                for b in ordered[n + 1:]:
                    if (min(a, b), max(a, b)) not in candidates:
                        _compare_names(a, b, names, close, offer)
    found = []
    for (a, b), (score, why) in candidates.items():
        pa, pb = by_id[a], by_id[b]
        if pa.birth_year and pb.birth_year and pa.birth_year != pb.birth_year:
            continue  # born in different years: two people of one name
        reasons = [why]
        shared = pa.films & pb.films
        if shared:
            score += 10
            reasons.append(f"credited on the same film{'s' if len(shared) > 1 else ''} "
                           f"({len(shared)})")
        found.append(Pair("person", a, b, pa.name, pb.name, min(score, 100), tuple(reasons)))
    found.sort(key=lambda p: (-p.score, p.first.casefold(), p.first_id, p.second_id))
    return found


def _compare_names(a: int, b: int, names: dict[int, list[str]], close: bool,
                   offer: Callable[[int, int, int, str], None]) -> None:
    """Offer two people by initials (`close` False) or by a close spelling of their
    names whose forenames start alike (`close`: Mika is not Aki)."""
    for x in names[a]:
        for y in names[b]:
            wx, wy = _words(x), _words(y)
            if len(wx) < 2 or len(wy) < 2 or _ordinals(wx) != _ordinals(wy):
                continue  # a single word says too little; "II" and "III" are two people
            if not close:
                if _initials_match(wx, wy):
                    offer(a, b, 70, f"initials: {x} / {y}")
                continue
            if wx[0][0] != wy[0][0]:
                continue
            closeness = _ratio(" ".join(wx), " ".join(wy))
            if closeness >= CLOSE_NAME:
                offer(a, b, round(80 * closeness) - 10,
                      f"similar spelling ({closeness:.0%}): {x} / {y}")


def _same_name_reason(a: list[str], b: list[str]) -> str:
    for x in a:
        if x in b:
            return f"same name ({x})"
    for x in a:
        for y in b:
            if name_key(x) != name_key(y):
                continue
            if x == y:
                return f"same name ({x})"
            if not (fold(x).isascii() and fold(y).isascii()):
                return f"same name in another script: {x} / {y}"
            if fold(x) == fold(y):
                return f"same name but for accents or case: {x} / {y}"
            return f"same name written another way: {x} / {y}"
    return "same name"
