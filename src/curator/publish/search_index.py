"""The site's search index: small JSON shards, fetched only for the words a visitor types.

    search/meta.json          how the index is cut up, and the first letters of all words
    search/keys/<c>.json      the shards that exist for words starting with letter <c>
    search/terms/<key>.json   {word: [film ids]} for every word starting with <key>
    search/films/<n>.json     {id: [title, original title, "Country, Year", directors, url,
                                   facet keys, [director key, name]...]}
    search/facets.json, search/facet/<key>.json: the facets (see search_facets)

<key> is the hex of the word's first three letters (accents removed, lower case;
shorter words have their own shards and match only whole), so a query for
"mykkanen nautilus" reads two term shards and one film shard,
whatever the size of the archive: at 100,000 films no shard is more than a few
hundred kilobytes, and nothing is loaded before the visitor searches. The key
lists spare the browser asking for shards that do not exist (and logging 404s). A changed
film rewrites only the shards of its words and its own film shard.
"""

from __future__ import annotations

import json
from bisect import insort
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

from curator.catalog.records import FilmRecord
from curator.catalog.wording import country_year
from curator.publish.pages import Links
from curator.publish.search_facets import facet_files, film_facets
from curator.publish.site import Site
from curator.publish.text import tokens

FILMS_PER_SHARD = 500
INDEX_VERSION = 1


KEY_LENGTH = 3
# Words of synopses and statements that would only bloat the shards.
STOPWORDS = frozenset("""
the and for are but not you all any can had her was one our out has his how its who did
yet this that with from they will have been were what when their there which about into
than them then these those also after over such only other more most some very just while
""".split())


@lru_cache(maxsize=1 << 16)
def shard_key(word: str) -> str:
    return word[:KEY_LENGTH].encode("utf-8").hex()


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def film_words(film: FilmRecord, site: Site) -> set[str]:
    """Every word a visitor may look for this film by: its titles, directors (in every
    spelling), countries, year and festivals, and the words of its synopsis and statements."""
    texts = [film.title, film.original_title, *(a.title for a in film.alt_titles),
             *film.countries, str(film.year or "")]
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


def _film_entry(film: FilmRecord, links: Links, facets: list[tuple[str, str, str]]) -> list:
    """[title, original title, "Country, Year", directors, url, facet keys, the directors'
    keys with their names] (see search_facets)."""
    return [film.title, film.original_title if film.original_title != film.title else "",
            country_year(film.countries, film.year), ", ".join(film.directors),
            links.films[film.id], [key for _facet, key, _label in facets],
            [[key, label] for facet, key, label in facets if facet == "director"]]


class SearchIndex:
    """The index of a site's films, kept so that a film changed later rewrites only its
    own shards."""

    def __init__(self, site: Site, links: Links) -> None:
        self.films = len(site.films)
        self.facet_films = dict(site.films)
        self.facet_keys: set[str] = set()
        self._kept_facets: dict[int, tuple[FilmRecord, list[tuple[str, str, str]]]] = {}
        self.terms: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.shards: dict[int, dict[str, list]] = defaultdict(dict)
        postings: dict[str, list[int]] = defaultdict(list)
        # film -> the term shards its words are in: what a new process re-indexing it
        # without this index must read again (see `retouched_files`)
        self.shards_of: dict[int, tuple[str, ...]] = {}
        for film in sorted(site.films.values(), key=lambda f: f.id):
            words = film_words(film, site)
            for word in words:
                postings[word].append(film.id)
            self.shards_of[film.id] = _shards(words)
            self.shards[film.id // FILMS_PER_SHARD][str(film.id)] = _film_entry(
                film, links, self._facets_of(film))
        for word, ids in postings.items():  # each word's shard once, not once per film
            self.terms[shard_key(word)][word] = ids

    def files(self) -> Iterator[tuple[str, bytes]]:
        """(path, content) of every file of the index."""
        yield from self._head()
        yield from self._facets()
        for key, words in self.terms.items():
            yield f"search/terms/{key}.json", _dump(words)
        for n, films in self.shards.items():
            yield f"search/films/{n}.json", _dump(films)

    def _keys(self) -> dict[str, list[str]]:
        keys: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.terms):
            first = bytes.fromhex(key).decode("utf-8")[0]
            keys[first.encode("utf-8").hex()].append(key)
        return keys

    def _facets_of(self, film: FilmRecord) -> list[tuple[str, str, str]]:
        kept = self._kept_facets.get(film.id)
        if kept is None or kept[0] is not film:  # a film changed since: its facets anew
            kept = self._kept_facets[film.id] = (film, film_facets(film))
        return kept[1]

    def _facets(self) -> Iterator[tuple[str, bytes]]:
        head, postings = facet_files(self.facet_films.values(), self._facets_of)
        self.facet_keys = set(postings)
        yield "search/facets.json", _dump(head)
        for key, ids in postings.items():
            yield f"search/facet/{key}.json", _dump(ids)

    def _head(self) -> Iterator[tuple[str, bytes]]:
        keys = self._keys()
        yield "search/meta.json", _dump({"version": INDEX_VERSION,
                                         "filmsPerShard": FILMS_PER_SHARD,
                                         "films": self.films, "initials": sorted(keys)})
        for initial, shard_keys in keys.items():
            yield f"search/keys/{initial}.json", _dump(shard_keys)

    def paths(self) -> set[str]:
        """The paths of every file of the index."""
        return {"search/meta.json", "search/facets.json",
                *(f"search/facet/{k}.json" for k in self.facet_keys),
                *(f"search/keys/{i}.json" for i in self._keys()),
                *(f"search/terms/{k}.json" for k in self.terms),
                *(f"search/films/{n}.json" for n in self.shards)}

    def replace(self, before: Site, site: Site, links: Links, film_ids: Iterable[int]
                ) -> list[tuple[str, bytes]]:
        """Index these films anew as `site` has them (or drop those it no longer exports),
        `before` being the site indexed so far: the files that may have changed; any other
        file of the index is as it was."""
        dirty_keys: set[str] = set()
        dirty_shards: set[int] = set()
        for film_id in film_ids:
            old = before.films.get(film_id)
            for word in film_words(old, before) if old else ():
                key = shard_key(word)
                ids = self.terms[key][word]
                ids.remove(film_id)
                if not ids:
                    del self.terms[key][word]
                    if not self.terms[key]:
                        del self.terms[key]
                dirty_keys.add(key)
            shard = film_id // FILMS_PER_SHARD
            if self.shards.get(shard, {}).pop(str(film_id), None) is not None:
                dirty_shards.add(shard)
            self.shards_of.pop(film_id, None)
            film = site.films.get(film_id)
            if film is None:
                continue
            words = film_words(film, site)
            self.shards_of[film_id] = _shards(words)
            for word in words:
                key = shard_key(word)
                insort(self.terms[key][word], film_id)
                dirty_keys.add(key)
            self.shards[shard][str(film_id)] = _film_entry(film, links,
                                                           self._facets_of(film))
            dirty_shards.add(shard)
        self.films = len(site.films)
        self.facet_films = dict(site.films)
        files = [*self._head(), *self._facets()]
        files += [(f"search/terms/{key}.json", _dump(self.terms[key]))
                  for key in sorted(dirty_keys) if key in self.terms]
        for n in sorted(dirty_shards):
            if self.shards.get(n):
                files.append((f"search/films/{n}.json", _dump(self.shards[n])))
            else:
                self.shards.pop(n, None)
        return files



def _shards(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({shard_key(w) for w in words}))


Read = Callable[[str], Any]


def retouched_files(read: Read, existing: Iterable[str], films: dict[int, FilmRecord],
                    shards_before: dict[int, tuple[str, ...]], site: Site, links: Links
                    ) -> tuple[list[tuple[str, bytes]], set[str], dict[int, tuple[str, ...]]]:
    """The index with these films indexed anew, made from the index files as the last
    export wrote them (`read(path)` gives one's JSON; `existing` names them all), when
    each film's facets are what they were: the files written again, the files no longer
    in the index, and each film's term shards now. `shards_before` holds the shards each
    film's words were in."""
    paths = set(existing)
    keys = {p[len("search/terms/"):-len(".json")] for p in paths
            if p.startswith("search/terms/")}
    terms: dict[str, dict[str, list[int]]] = {}
    film_shards: dict[int, dict[str, list]] = {}
    shards_now: dict[int, tuple[str, ...]] = {}
    for film_id, film in films.items():
        words = film_words(film, site)
        shards_now[film_id] = _shards(words)
        for key in {*shards_before[film_id], *shards_now[film_id]}:
            if key not in terms:
                terms[key] = read(f"search/terms/{key}.json") if key in keys else {}
            for word in list(terms[key]):
                ids = terms[key][word]
                if film_id in ids:
                    ids.remove(film_id)
                    if not ids:
                        del terms[key][word]
        for word in words:
            insort(terms[shard_key(word)].setdefault(word, []), film_id)
        n = film_id // FILMS_PER_SHARD
        if n not in film_shards:
            film_shards[n] = read(f"search/films/{n}.json")
        film_shards[n][str(film_id)] = _film_entry(film, links, film_facets(film))
    files = [(f"search/films/{n}.json", _dump(entries)) for n, entries in film_shards.items()]
    gone = set()
    for key, words in sorted(terms.items()):
        if words:
            files.append((f"search/terms/{key}.json", _dump(words)))
            keys.add(key)
        else:
            gone.add(f"search/terms/{key}.json")
            keys.discard(key)
    index = SearchIndex.__new__(SearchIndex)  # only its head: the shards' keys and counts
    index.terms, index.films = {key: {} for key in keys}, _films_in(read)
    head = list(index._head())
    gone |= {p for p in paths if p.startswith("search/keys/")} - {p for p, _ in head}
    return files + head, gone, shards_now


def _films_in(read: Read) -> int:
    count = read("search/meta.json")["films"]
    if type(count) is not int:
        raise ValueError("the index's count of films is not a number")
    return count
