"""Changing the site's search index in place for a few films whose words changed (a
synopsis, a quote), from the index's own files as the last export wrote them and each
film's words as the export state saved them: only the word shards those films' old and
new words fall in are read and written again, with the shards beside them where a cut
moves, and the film's entry if it changed. The files are those a full export writes
(`curator.publish.search_index`): the same postings, the same cuts (`ShardCuts`, the rule
`shard_groups` follows), the same JSON.

Anything the patch cannot vouch for raises: `NotPatchable` where the index must be made
whole (a film's facets or place in title order changed, a word became rare enough to
carry every film's codes), ValueError where the saved words or the files are not what the
last export wrote.
"""

from __future__ import annotations

import json
from bisect import bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass

from curator.publish import search_index
from curator.publish.search_encoding import ShardCuts, decode_ids, encode_ids, shard_name
from curator.publish.search_index import (
    CODES_PER_SHARD,
    FILMS_PER_SHARD,
    INDEX_VERSION,
    _dump,
    index_digest,
)

META = "search/meta.json"


class NotPatchable(Exception):
    """The change reaches beyond what a patch rewrites: why, in words."""


@dataclass(frozen=True)
class Rewording:
    """A film whose words changed: as the index holds it (by the saved state) and now."""

    film_id: int
    digest_then: str  # the saved digest of all the index held of it (search_digest)
    words_then: frozenset[str]
    titled_then: frozenset[str]
    words: frozenset[str]
    titled: frozenset[str]
    facets: list[tuple[str, str, str]]  # now: the same as then, or the index is made whole
    letters: str
    entry: list


def patch_index(read: Callable[[str], bytes], films: list[Rewording]
                ) -> tuple[list[tuple[str, bytes]], set[str]]:
    """The index files to write for `films` (`read`: a file of the index as the last
    export wrote it), and those no longer in the index."""
    meta = _read_json(read, META)
    if not isinstance(meta, dict) or meta.get("version") != INDEX_VERSION:
        raise NotPatchable("the site's search index is of another version")
    # (read from the index's module when called: the layout is the one it writes now)
    inline_most = max(search_index.INLINE_FEWEST, int(meta["films"]) // 25)
    firsts = [first for first, _name in meta["words"]]
    if [name for _first, name in meta["words"]] != [shard_name(w) for w in firsts]:
        raise ValueError(f"{META} does not name its shards as the index does")

    files: list[tuple[str, bytes]] = []
    codes_of: dict[int, str] = {}
    entries: dict[str, dict] = {}
    for film in films:
        path = f"search/films/{film.film_id // FILMS_PER_SHARD}.json"
        entries.setdefault(path, _read_json(read, path))
        codes = _read_json(read, f"search/codes/{film.film_id // CODES_PER_SHARD}.json")
        key = str(film.film_id)
        if key not in entries[path] or key not in codes:
            raise ValueError(f"the site's search index does not hold film {film.film_id}")
        codes_of[film.film_id] = codes[key]
        letters_then = codes[key].split("|", 1)[0]
        if index_digest(film.words_then, film.titled_then, film.facets, letters_then,
                        entries[path][key]) != film.digest_then:
            raise ValueError(f"film {film.film_id}'s saved words are not those the search "
                             "index holds")
        if film.letters != letters_then:
            raise NotPatchable(f"film {film.film_id} moved in title order")
        entries[path][key] = film.entry
    for path, doc in entries.items():
        files.append((path, _dump(doc)))

    # word -> (film, in it then, in a title then, in it now, in a title now)
    changes: dict[str, list[tuple[int, bool, bool, bool, bool]]] = {}
    for film in films:
        for word in film.words_then | film.words:
            then = (word in film.words_then, word in film.titled_then)
            now = (word in film.words, word in film.titled)
            if then != now:
                changes.setdefault(word, []).append((film.film_id, *then, *now))
    if changes and not firsts:
        raise NotPatchable("the site's search index holds no words")
    by_shard: dict[int, list[str]] = {}
    for word in changes:
        by_shard.setdefault(max(bisect_right(firsts, word) - 1, 0), []).append(word)

    def shard(n: int) -> list[tuple[str, str]]:
        """Shard n's words and fragments, with the changes made."""
        doc = _shard(read, f"search/words/{shard_name(firsts[n])}.json")
        for word in by_shard.get(n, ()):
            entry = _changed(doc.get(word), changes[word], codes_of, inline_most, word)
            if entry is None:
                doc.pop(word, None)
            else:
                doc[word] = entry
        return [(w, _fragment(w, doc[w])) for w in sorted(doc)]

    listed: list[list[str]] = []  # the new meta's [first word, shard name]
    written: set[str] = set()
    read_shards: set[str] = set()
    cuts: ShardCuts | None = None
    fragments: dict[str, str] = {}

    def close(groups: list[list[str]]) -> None:
        for group in groups:
            path = f"search/words/{shard_name(group[0])}.json"
            files.append((path, ("{" + ",".join(fragments.pop(w) for w in group)
                                 + "}").encode()))
            written.add(path)
            listed.append([group[0], shard_name(group[0])])

    for n, first in enumerate(firsts):
        if cuts is None and n not in by_shard:
            listed.append([first, shard_name(first)])  # as it was: not read, not written
            continue
        cuts = cuts or ShardCuts(search_index.SHARD_TARGET)
        read_shards.add(f"search/words/{shard_name(first)}.json")
        for word, fragment in shard(n):
            fragments[word] = fragment
            close(cuts.add(word, len(fragment) + 1))
        if cuts.between and n + 1 not in by_shard:
            cuts = None  # cut where it was cut before: the shards that follow are as they were
    if cuts is not None:
        close(cuts.end())
    meta["words"] = listed
    files.append((META, _dump(meta)))
    return files, read_shards - written


def _changed(entry: list | None, changes: list[tuple[int, bool, bool, bool, bool]],
             codes_of: dict[int, str], inline_most: int, word: str) -> list | None:
    """A word's entry with the changed films taken out and put in as they are now."""
    if entry is None:
        ids: list[int] = []
        titled: list[int] = []
        codes: list[str] | None = []
    else:
        ids, titled = decode_ids(entry[0]), decode_ids(entry[1])
        codes = list(entry[2]) if len(entry) > 2 else None
        if (codes is not None) != (len(ids) <= inline_most) or (
                codes is not None and len(codes) != len(ids)):
            raise ValueError(f"the search index's word “{word}” is not as the index writes it")
    for film_id, was, was_titled, now, now_titled in changes:
        if was:
            if film_id not in ids or (film_id in titled) != was_titled:
                raise ValueError(f"the search index's word “{word}” does not hold film "
                                 f"{film_id} as the saved state says")
            at = ids.index(film_id)
            del ids[at]
            if codes is not None:
                del codes[at]
            if was_titled:
                titled.remove(film_id)
        elif film_id in ids:
            raise ValueError(f"the search index's word “{word}” holds film {film_id}, which "
                             "the saved state says it does not")
        if now:
            insort(ids, film_id)
            if codes is not None:
                codes.insert(ids.index(film_id), codes_of[film_id])
            if now_titled:
                insort(titled, film_id)
    if not ids:
        return None
    out: list = [encode_ids(ids), encode_ids(titled)]
    if len(ids) <= inline_most:
        if codes is None:
            raise NotPatchable(f"the word “{word}” became rare enough to carry its films' codes")
        out.append(codes)
    return out


def _fragment(word: str, entry: list) -> str:
    """A word's part of its shard, as the index writes it."""
    return (json.dumps(word, ensure_ascii=False) + ":"
            + json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def _shard(read: Callable[[str], bytes], path: str) -> dict[str, list]:
    data = read(path)
    doc = json.loads(data)
    if not isinstance(doc, dict) or ("{" + ",".join(
            _fragment(w, e) for w, e in doc.items()) + "}").encode() != data:
        raise ValueError(f"{path} is not as the index writes it")
    return doc


def _read_json(read: Callable[[str], bytes], path: str) -> dict:
    data = read(path)
    doc = json.loads(data)
    if not isinstance(doc, dict) or _dump(doc) != data:
        raise ValueError(f"{path} is not as the index writes it")
    return doc
