"""The site's search index: small files the search page fetches as a visitor's words and
facet choices need them, so that what a query transfers hardly grows with the archive.

    search/meta.json            the index's layout, and the first word of every word shard
    search/words/<name>.json    {word: [ids, ids with the word in a title, [codes]?]} for
                                the words from one first word to the next shard's
    search/facets.json          every facet's values with their counts, and the table of
                                facet codes (see search_facets)
    search/facet/<key>.json     [ids, "", [codes]?]: the films with that value (but a
                                director's)
    search/codes/<n>.json       {id: codes} of films n*CODES_PER_SHARD onwards
    search/films/<n>.json       {id: [title, original title, "Country, Year", directors,
                                url]} of films n*FILMS_PER_SHARD onwards: read only for the
                                page of results shown
    search/people/<n>.json      {id: [name, ids]} of directors: the director facet's
                                choices, and their films

Ids are written compactly (search_encoding). A film's *codes* say what the page needs to
sort and count it without its title: "<first letters of its sort title>|<its facet values'
codes>|<its directors' ids>" (base 36). A word or value of fewer films than a
twenty-fifth of the archive carries its films' codes, so a query for it reads one shard;
the films of a commoner one are looked up in the code shards. The word shards are cut by
size (search_encoding.shard_groups), so that no shard but one of a single common word is
bigger than a few kilobytes.

`SearchIndex(site, links)` is the one way the index is built; `replace` indexes changed
films again and answers only the files that changed.
"""

from __future__ import annotations

import hashlib
import json
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Iterator

from curator.catalog.records import FilmRecord
from curator.catalog.wording import country_year
from curator.publish.pages import Links
from curator.publish.search_encoding import (
    base36,
    encode_ids,
    shard_groups,
    shard_name,
    value_codes,
)
from curator.publish.search_facets import facet_head, film_facets
from curator.publish.site import Site
from curator.publish.text import tokens

INDEX_VERSION = 2
FILMS_PER_SHARD = 8  # a page of results reads about as many shards as it shows films
PEOPLE_PER_SHARD = 16
CODES_PER_SHARD = 2000
SHARD_TARGET = 8000  # bytes of a word shard, about
INLINE_FEWEST = 1000  # a word of this many films or fewer always carries their codes
SORT_LETTERS = 4

KEY_LENGTH = 3  # words shorter than this match only whole
# Words of synopses and statements that would only bloat the shards.
STOPWORDS = frozenset("""
the and for are but not you all any can had her was one our out has his how its who did
yet this that with from they will have been were what when their there which about into
than them then these those also after over such only other more most some very just while
""".split())


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def film_words(film: FilmRecord, site: Site) -> set[str]:
    """Every word a visitor may look for this film by: its titles, directors (in every
    spelling), countries, year and festivals, and the words of its synopsis and statements."""
    texts = [*_titles(film), *film.countries, str(film.year or "")]
    for c in film.credits:
        if c.role == "director":
            texts.append(c.person_name)
            person = site.people.get(c.person_id)
            if person:
                texts.extend(person.variants)
    for s in film.screenings:
        texts += [s.festival_name, s.festival_short_name, str(s.edition_year)]
    words = {w for text in texts if text for w in tokens(text)}
    for text in (film.synopsis, *(q.text for q in film.quotes)):
        found = set(tokens(text)) - STOPWORDS
        words.update(w for w in found if len(w) >= KEY_LENGTH)
    return words


def _titles(film: FilmRecord) -> list[str]:
    return [film.title, film.original_title, *(a.title for a in film.alt_titles)]


def _film_entry(film: FilmRecord, links: Links) -> list:
    """[title, original title, "Country, Year", directors, url]."""
    return [film.title, film.original_title if film.original_title != film.title else "",
            country_year(film.countries, film.year), ", ".join(film.directors),
            links.films[film.id]]


def search_digest(film: FilmRecord, site: Site, links: Links) -> str:
    """A digest of all the search index holds of `film` (its words, the words of its titles,
    its facets, its place in title order, its entry): the same while those stay the same."""
    return index_digest(*held_of(film, site, links))


def held_of(film: FilmRecord, site: Site, links: Links
            ) -> tuple[set[str], set[str], list[tuple[str, str, str]], str, list]:
    """All the index holds of `film`: its words, those of them in its titles, its facets,
    the first letters of its sort title and its entry."""
    words = film_words(film, site)
    titled = {w for text in _titles(film) if text for w in tokens(text)}
    letters = "".join(tokens(film.sort_title or film.title))[:SORT_LETTERS]
    return words, titled & words, film_facets(film), letters, _film_entry(film, links)


def index_digest(words: set[str] | frozenset[str], titled: set[str] | frozenset[str],
                 facets: list[tuple[str, str, str]], letters: str, entry: list) -> str:
    """The digest `search_digest` gives a film the index holds so."""
    data = [sorted(words), sorted(titled & words), sorted(facets), letters, entry]
    return hashlib.sha256(_dump(data)).hexdigest()[:32]


class SearchIndex:
    """The index of a site's films, kept so that films changed later rewrite only the files
    that show them."""

    def __init__(self, site: Site, links: Links) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)  # word -> films
        self.titled: dict[str, list[int]] = defaultdict(list)  # word -> films with it in a title
        self.values: dict[str, list[int]] = defaultdict(list)  # facet key -> films
        self.labels: dict[str, tuple[str, str]] = {}  # facet key -> (facet, label)
        self.entries: dict[int, list] = {}
        self.directors: dict[int, str] = {}
        self._film: dict[int, tuple[set[str], set[str], list[tuple[str, str, str]], str]] = {}
        self._code_table: dict[str, str] = {}
        self._codes_of: dict[int, str] = {}
        self._inline_most = INLINE_FEWEST
        self._fragments: dict[str, tuple[bool, str]] = {}  # word -> (inline, its JSON)
        self._facet_files: dict[str, tuple[bool, bytes]] = {}
        self._files: dict[str, bytes] = {}
        self._dirty: set[str] = set()  # paths of id-sharded files to make again
        # film -> a digest of all the index holds of it: a re-export in a new process whose
        # changed films keep theirs leaves the index as it is (publish/retouch.py)
        self.digests: dict[int, str] = {}
        for film in sorted(site.films.values(), key=lambda f: f.id):
            self._add(film, site, links, last=True)
        self._settle()

    def files(self) -> Iterator[tuple[str, bytes]]:
        """(path, content) of every file of the index."""
        self._files = dict(self._make())
        yield from self._files.items()

    def words_of(self, film_id: int) -> tuple[set[str], set[str]]:
        """The film's words, and those of them in its titles."""
        words, titled, _facets, _letters = self._film[film_id]
        return words, titled

    def paths(self) -> set[str]:
        """The paths of every file of the index."""
        if not self._files:
            self._files = dict(self._make())
        return set(self._files)

    def replace(self, before: Site, site: Site, links: Links, film_ids: Iterable[int]
                ) -> list[tuple[str, bytes]]:
        """Index these films anew as `site` has them (or drop those it no longer exports):
        the files that changed; any other file of the index is as it was. (`before`, the
        site indexed so far, is known to the index already.)"""
        if not self._files:
            self._files = dict(self._make())
        old = self._files
        for film_id in sorted(set(film_ids)):
            self._remove(film_id)
            film = site.films.get(film_id)
            if film is not None:
                self._add(film, site, links)
        self._settle()
        self._files = dict(self._make())
        return [(path, data) for path, data in self._files.items() if old.get(path) != data]

    # -- keeping the films' words and values

    def _add(self, film: FilmRecord, site: Site, links: Links, last: bool = False) -> None:
        """Index `film` (`last`: its id is above any indexed yet)."""
        words = film_words(film, site)
        titled = {w for text in _titles(film) if text for w in tokens(text)}
        facets = film_facets(film)
        put = _append if last else insort
        for word in words:
            put(self.postings[word], film.id)
            if word in titled:
                put(self.titled[word], film.id)
        for facet, key, label in facets:
            put(self.values[key], film.id)
            if facet == "director":
                self.directors[int(key[1:])] = label
            else:
                self.labels[key] = (facet, label)
        letters = "".join(tokens(film.sort_title or film.title))[:SORT_LETTERS]
        self._film[film.id] = (words, titled & words, facets, letters)
        self.entries[film.id] = _film_entry(film, links)
        self.digests[film.id] = index_digest(words, titled, facets, letters,
                                             self.entries[film.id])
        self._touch(film.id, words, facets)

    def _remove(self, film_id: int) -> None:
        self.digests.pop(film_id, None)
        known = self._film.pop(film_id, None)
        if known is None:
            return
        words, titled, facets, _letters = known
        for word in words:
            self._drop(self.postings, word, film_id)
            if word in titled:
                self._drop(self.titled, word, film_id)
        for facet, key, _label in facets:
            self._drop(self.values, key, film_id)
            if key not in self.values:
                self.labels.pop(key, None)
                if facet == "director":
                    self.directors.pop(int(key[1:]), None)
        del self.entries[film_id]
        self._touch(film_id, words, facets)

    @staticmethod
    def _drop(lists: dict[str, list[int]], key: str, film_id: int) -> None:
        ids = lists[key]
        ids.remove(film_id)
        if not ids:
            del lists[key]

    def _touch(self, film_id: int, words: set[str], facets: list[tuple[str, str, str]]
               ) -> None:
        for word in words:
            self._fragments.pop(word, None)
        for facet, key, _label in facets:
            self._facet_files.pop(key, None)
            if facet == "director":
                self._dirty.add(_people_path(int(key[1:])))
        self._dirty.add(_films_path(film_id))
        self._dirty.add(_codes_path(film_id))
        self._codes_of.pop(film_id, None)

    def _settle(self) -> None:
        """After films came and went: the code table and how common an inline word may be,
        and everything written with them, if they changed."""
        table = value_codes(self.labels)
        moved = [key for key, code in self._code_table.items()
                 if key in table and table[key] != code]
        self._code_table = table
        for film_id in sorted({i for key in moved for i in self.values[key]}):
            words, _titled, facets, _letters = self._film[film_id]
            self._touch(film_id, words, facets)  # written with the value's old code
        self._inline_most = max(INLINE_FEWEST, len(self._film) // 25)

    def _codes(self, film_id: int) -> str:
        codes = self._codes_of.get(film_id)
        if codes is None:
            codes = self._codes_of[film_id] = self._make_codes(film_id)
        return codes

    def _make_codes(self, film_id: int) -> str:
        _words, _titled, facets, letters = self._film[film_id]
        table = self._code_table
        values = sorted(table[key] for facet, key, _label in facets if facet != "director")
        directors = sorted(int(key[1:]) for facet, key, _label in facets if facet == "director")
        return (f"{letters}|{'.'.join(values)}|"
                f"{'.'.join(base36(p) for p in directors)}")

    # -- the files

    def _posting(self, ids: list[int], titled: list[int]) -> tuple[bool, list]:
        inline = len(ids) <= self._inline_most
        entry: list = [encode_ids(ids), encode_ids(titled)]
        if inline:
            entry.append([self._codes(i) for i in ids])
        return inline, entry

    def _fragment(self, word: str) -> str:
        kept = self._fragments.get(word)
        if kept is None or kept[0] != (len(self.postings[word]) <= self._inline_most):
            inline, entry = self._posting(self.postings[word], self.titled.get(word, []))
            kept = self._fragments[word] = (inline, json.dumps(word, ensure_ascii=False) + ":"
                                            + json.dumps(entry, ensure_ascii=False,
                                                         separators=(",", ":")))
        return kept[1]

    def _facet_file(self, key: str) -> bytes:
        kept = self._facet_files.get(key)
        if kept is None or kept[0] != (len(self.values[key]) <= self._inline_most):
            inline, entry = self._posting(self.values[key], [])
            kept = self._facet_files[key] = (inline, _dump(entry))
        return kept[1]

    def _make(self) -> Iterator[tuple[str, bytes]]:
        words = sorted(self.postings)
        fragments = {w: self._fragment(w) for w in words}
        groups = shard_groups(words, {w: len(f) + 1 for w, f in fragments.items()},
                              SHARD_TARGET)
        yield "search/meta.json", _dump({
            "version": INDEX_VERSION, "films": len(self._film),
            "filmsPerShard": FILMS_PER_SHARD, "peoplePerShard": PEOPLE_PER_SHARD,
            "codesPerShard": CODES_PER_SHARD,
            "words": [[g[0], shard_name(g[0])] for g in groups]})
        for group in groups:
            yield (f"search/words/{shard_name(group[0])}.json",
                   ("{" + ",".join(fragments[w] for w in group) + "}").encode())
        yield "search/facets.json", _dump(facet_head(
            {key: (facet, label, len(self.values[key]))
             for key, (facet, label) in self.labels.items()},
            {code: key for key, code in self._code_table.items()}))
        for key in sorted(self.labels):
            yield f"search/facet/{key}.json", self._facet_file(key)
        yield from self._sharded()

    def _sharded(self) -> Iterator[tuple[str, bytes]]:
        """The files of films' entries and codes and of directors' names, each made again
        only when one of its films or people changed."""
        shards: dict[str, dict[str, object]] = defaultdict(dict)
        for film_id in self._film:
            shards[_films_path(film_id)]
            shards[_codes_path(film_id)]
        for person_id in self.directors:
            shards[_people_path(person_id)]
        for path in sorted(shards):
            if path in self._files and path not in self._dirty:
                yield path, self._files[path]
                continue
            content = shards[path]
            n = int(path.rsplit("/", 1)[1].split(".")[0])
            if path.startswith("search/films/"):
                for i in range(n * FILMS_PER_SHARD, (n + 1) * FILMS_PER_SHARD):
                    if i in self.entries:
                        content[str(i)] = self.entries[i]
            elif path.startswith("search/codes/"):
                for i in range(n * CODES_PER_SHARD, (n + 1) * CODES_PER_SHARD):
                    if i in self._film:
                        content[str(i)] = self._codes(i)
            else:
                for i in range(n * PEOPLE_PER_SHARD, (n + 1) * PEOPLE_PER_SHARD):
                    if i in self.directors:
                        content[str(i)] = [self.directors[i],
                                           encode_ids(self.values[f"p{i}"])]
            yield path, _dump(content)
        self._dirty.clear()


def _append(ids: list[int], film_id: int) -> None:
    ids.append(film_id)


def _films_path(film_id: int) -> str:
    return f"search/films/{film_id // FILMS_PER_SHARD}.json"


def _codes_path(film_id: int) -> str:
    return f"search/codes/{film_id // CODES_PER_SHARD}.json"


def _people_path(person_id: int) -> str:
    return f"search/people/{person_id // PEOPLE_PER_SHARD}.json"
