"""The site's search index: small JSON shards, fetched only for the words a visitor types.

    search/meta.json          how the index is cut up, and the first letters of all words
    search/keys/<c>.json      the shards that exist for words starting with letter <c>
    search/terms/<key>.json   {word: [film ids]} for every word starting with <key>
    search/films/<n>.json     {id: [title, original title, "Country, Year", directors, url]}

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
from collections import defaultdict
from collections.abc import Iterator

from curator.catalog.records import FilmRecord
from curator.publish.pages import Links
from curator.publish.site import Site
from curator.publish.text import country_year, tokens

FILMS_PER_SHARD = 500
INDEX_VERSION = 1


KEY_LENGTH = 3
# Words of synopses and statements that would only bloat the shards.
STOPWORDS = frozenset("""
the and for are but not you all any can had her was one our out has his how its who did
yet this that with from they will have been were what when their there which about into
than them then these those also after over such only other more most some very just while
""".split())


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
        words.update(w for w in tokens(text) if len(w) >= KEY_LENGTH and w not in STOPWORDS)
    return words


def search_files(site: Site, links: Links) -> Iterator[tuple[str, bytes]]:
    """(path, content) of every file of the index."""
    terms: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    shards: dict[int, dict[str, list]] = defaultdict(dict)
    for film in sorted(site.films.values(), key=lambda f: f.id):
        for word in film_words(film, site):
            terms[shard_key(word)][word].append(film.id)
        shards[film.id // FILMS_PER_SHARD][str(film.id)] = [
            film.title,
            film.original_title if film.original_title != film.title else "",
            country_year(film.countries, film.year),
            ", ".join(film.directors),
            links.films[film.id],
        ]
    keys: dict[str, list[str]] = defaultdict(list)
    for key in sorted(terms):
        first = bytes.fromhex(key).decode("utf-8")[0]
        keys[first.encode("utf-8").hex()].append(key)
    yield "search/meta.json", _dump({"version": INDEX_VERSION, "filmsPerShard": FILMS_PER_SHARD,
                                     "films": len(site.films), "initials": sorted(keys)})
    for initial, shard_keys in keys.items():
        yield f"search/keys/{initial}.json", _dump(shard_keys)
    for key, words in terms.items():
        yield f"search/terms/{key}.json", _dump(words)
    for n, films in shards.items():
        yield f"search/films/{n}.json", _dump(films)
