"""What an import needs to know of the archive to match films and people, kept up to date.

A film matches on an external id first (IMDb, Wikidata, MovieLens...), then on
its title (or original title), year and director; a person on their name or a
name variant, then on the name without accents when only one person has it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set

from sqlalchemy import Connection, select

from curator.catalog.bulk import FilmData
from curator.catalog.unit import TABLES

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_LATIN_MARKS = re.compile("[\u0300-\u036f]")  # Combining Diacritical Marks
_FOLDED = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")  # words and single spaces: folded already


def fold(text: str) -> str:
    """Case-, accent- and punctuation-blind form of a title or a name, for matching."""
    if text.isascii():
        lower = text.lower()
        # most titles are words and spaces: checked without making a new string
        return lower if _FOLDED.fullmatch(lower) else _NON_WORD.sub(" ", lower).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = _LATIN_MARKS.sub("", decomposed)  # the accents of Latin letters, at C speed
    if not bare.isascii():  # other scripts: every combining mark, one by one
        bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", bare).strip()


def name_as_written(name: str) -> str:
    """`Mykkänen, Marjaana` (as catalogues file names) -> `Marjaana Mykkänen`."""
    clean = " ".join(name.split())
    surname, comma, forenames = clean.partition(", ")
    if comma and surname and forenames and "," not in forenames \
            and not any(ch.isdigit() for ch in clean) and len(forenames.split()) <= 3:
        return f"{forenames} {surname}"
    return clean


def title_keys(title: str, original: str) -> set[str]:
    """The folded forms a film is matched by: its title and its original title."""
    keys = {fold(title)}
    if original:
        keys.add(fold(original))
    keys.discard("")
    return keys


class ArchiveIndex:
    """What the import needs to know of the archive, loaded once and kept up to date."""

    def __init__(self, conn: Connection) -> None:
        t = TABLES
        self.by_external: dict[tuple[str, str], int] = {}
        self.external_of: dict[int, dict[str, set[str]]] = {}
        for scheme, value, fid in conn.execute(select(
                t["external_id"].c.scheme, t["external_id"].c.value, t["external_id"].c.film_id)
                .where(t["external_id"].c.film_id.is_not(None))):
            self.add_external(fid, scheme, value)
        self.by_title: dict[str, list[int]] = {}
        self.year: dict[int, int | None] = {}
        film = t["film"]
        for fid, title, original, year in conn.execute(
                select(film.c.id, film.c.title, film.c.original_title, film.c.year)
                .order_by(film.c.id)):
            self.add_film(fid, title, original, year)
        self.directors: dict[int, set[int]] = {}
        credit = t["credit"]
        for fid, pid in conn.execute(select(credit.c.film_id, credit.c.person_id)
                                     .where(credit.c.role == "director")):
            self.directors.setdefault(fid, set()).add(pid)
        self.people: dict[str, int] = {}
        self.people_folded: dict[str, int | None] = {}
        # Each name a sheet gives, as found (a director's on many rows, looked up twice a
        # row). A name found stays found: add_person never takes a name over, and a person
        # folding alike with one found is never added, since the name finds that one.
        self.found_people: dict[str, int] = {}
        variant, person = t["name_variant"], t["person"]
        for pid, name in [*conn.execute(select(variant.c.person_id, variant.c.name)),
                          *conn.execute(select(person.c.id, person.c.name))]:
            self.add_person(pid, name)
        self.festivals: dict[str, int] = {}
        self.festival_slugs: set[str] = set()
        for fid, name, short, slug in conn.execute(select(
                t["festival"].c.id, t["festival"].c.name, t["festival"].c.short_name,
                t["festival"].c.slug)):
            self.festival_slugs.add(slug)
            for n in (name, short):
                if n.strip():
                    self.festivals.setdefault(n.strip().casefold(), fid)
        edition = t["edition"]
        self.editions: dict[tuple[int, int], int] = {}
        self.edition_slugs: set[str] = set()
        for eid, fid, year, slug in conn.execute(select(edition.c.id, edition.c.festival_id,
                                                        edition.c.year, edition.c.slug)):
            self.editions[(fid, year)] = eid
            self.edition_slugs.add(slug)
        section = t["section"]
        self.sections: dict[tuple[int, str], int] = {}
        self.section_count: dict[int, int] = {}
        for sid, eid, name in conn.execute(select(section.c.id, section.c.edition_id,
                                                  section.c.name)):
            self.sections.setdefault((eid, name.strip().casefold()), sid)
            self.section_count[eid] = self.section_count.get(eid, 0) + 1
        self.festival_short: dict[int, str] = {
            fid: short or name for fid, name, short in conn.execute(
                select(t["festival"].c.id, t["festival"].c.name, t["festival"].c.short_name))}

    def add_film(self, fid: int, title: str, original: str, year: int | None,
                 keys: set[str] | None = None) -> None:
        """Learn a film; `keys` are its titles folded, where the caller has them already."""
        self.year[fid] = year
        for text in title_keys(title, original) if keys is None else keys:
            self.by_title.setdefault(text, []).append(fid)

    def add_external(self, fid: int, scheme: str, value: str) -> None:
        key = (scheme.casefold(), value.strip())
        self.by_external.setdefault(key, fid)
        self.external_of.setdefault(fid, {}).setdefault(key[0], set()).add(key[1])

    def add_person(self, pid: int, name: str) -> None:
        self.people.setdefault(name.strip().casefold(), pid)
        key = fold(name)
        if key in self.people_folded and self.people_folded[key] != pid:
            self.people_folded[key] = None  # two people fold alike: no accent-blind match
        else:
            self.people_folded[key] = pid

    def person(self, name: str) -> int | None:
        pid = self.found_people.get(name)
        if pid is not None:
            return pid
        written = name_as_written(name)
        pid = self.people.get(written.strip().casefold())
        if pid is None:
            pid = self.people_folded.get(fold(written))
        if pid is not None:
            self.found_people[name] = pid
        return pid

    def match(self, film: FilmData, has_directors: bool, director_ids: Set[int],
              keys: set[str] | None = None) -> int | None:
        for scheme, value in film.external_ids:
            fid = self.by_external.get((scheme.casefold(), value.strip()))
            if fid is not None:
                return fid
        if keys is None:
            keys = title_keys(film.title, film.original_title)
        by_title = self.by_title
        if by_title.keys().isdisjoint(keys):
            return None  # most rows of a new sheet: no film of that title yet
        candidates = sorted({fid for k in keys for fid in by_title.get(k, ())})
        ours: dict[str, set[str]] = {}
        for scheme, value in film.external_ids:
            ours.setdefault(scheme.casefold(), set()).add(value.strip())
        compatible = []
        for fid in candidates:
            theirs_ids = self.external_of.get(fid, {})
            if any(s in theirs_ids and not v & theirs_ids[s] for s, v in ours.items()):
                continue  # the same database says these are two films
            theirs = self.directors.get(fid, set())
            if has_directors and theirs and not director_ids & theirs:
                continue
            if self.year.get(fid) == film.year:
                return fid
            compatible.append(fid)
        if film.year is None and len(compatible) == 1:
            return compatible[0]  # a film named without its year: the only one of that title
        return None
