"""What an export of the whole archive leaves for the next export in a new process: the
catalogue's stamps it read, the design it rendered with, who had a page, the stills'
files, and for every film the pages that show it, its See also (both ways), a digest of
what other pages show of it, a digest of what the search index holds of it, the words
it holds it under and where its part of each data file lies.

The file (in the archive's cache, `cache/exports/`) holds, after a first line with the
SHA-256 of the rest, a line of JSON that names the Curator that wrote it, the archive,
the folder, the selection and the SHA-256 of the manifest it goes with (the archive and
the folder by digests of their paths, each still's file by its place in the archive),
then a line for each film, its id and its JSON, read only when that film is asked for: a
re-export after one change reads a handful of the 10,000. Anything that does not match (a
flipped byte, a key removed, another Curator, a manifest written since) makes the next
export take the full way, saying why: the state is only ever a shortcut to the same site.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator import __version__
from curator.catalog.export_stamps import CatalogueStamps, Stamp
from curator.publish.media import ImageFile
from curator.publish.site_pages import Footprint
from curator.publish.staging import MANIFEST

STATE_FOLDER = "exports"  # in the archive's cache
FORMAT = 5  # a state of 4 does not know the showings CSV among the data files
_HEAD = "curator-export-state sha256:"


@dataclass(frozen=True)
class SavedFilm:
    """What the state keeps of one exported film: enough to tell which files show it,
    and to change those files without reading the other films."""

    footprint: Footprint  # the pages besides its own that show it
    neighbours: tuple[int, ...]  # the films its See also lists
    referrers: tuple[int, ...]  # the films whose See also lists it
    listed: str  # the digest of what the other pages show of it (see site_pages.listing)
    search: str  # a digest of what the search index holds of it (search_index.search_digest)
    media: tuple[str, ...]  # its files in the site
    # the words the search index holds it under, and those of them in its titles (sorted,
    # a space between): a change to its words rewrites only the shards they fall in
    words: str = ""
    titled: str = ""

    def to_json(self) -> str:
        return json.dumps([self.footprint.to_json(), self.neighbours, self.referrers,
                           self.listed, self.search, self.media, self.words, self.titled],
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SavedFilm:
        footprint, neighbours, referrers, listed, search, media, words, titled = json.loads(
            _text(text))
        return cls(Footprint.from_json(footprint), _ints(neighbours), _ints(referrers),
                   _text(listed), _text(search), tuple(map(_text, media)), _text(words),
                   _text(titled))

    @staticmethod
    def word_list(words: set[str] | frozenset[str]) -> str:
        return " ".join(sorted(words))


class SavedFilms(Mapping[int, SavedFilm]):
    """The saved films in filing order, each read from its text only when asked for: a
    re-export after a few changes reads a few of them. A damaged one raises ValueError."""

    def __init__(self, texts: dict[int, str]) -> None:
        self.texts = texts
        self._read: dict[int, SavedFilm] = {}

    def __getitem__(self, film_id: int) -> SavedFilm:
        film = self._read.get(film_id)
        if film is None:
            try:
                film = self._read[film_id] = SavedFilm.from_json(self.texts[film_id])
            except (TypeError, ValueError, AttributeError, RecursionError) as exc:
                raise ValueError(f"film {film_id}: {exc}") from None
        return film

    def __iter__(self) -> Iterator[int]:
        return iter(self.texts)

    def __len__(self) -> int:
        return len(self.texts)

    def __contains__(self, film_id: object) -> bool:
        return film_id in self.texts

    def with_changes(self, films: dict[int, SavedFilm]) -> SavedFilms:
        """These films as given, the others as they were (in the same order)."""
        texts = dict(self.texts)
        for film_id, film in films.items():
            texts[film_id] = film.to_json()
        out = SavedFilms(texts)
        out._read = {**self._read, **films}
        return out


@dataclass
class SavedState:
    """The part of an export's state that a new process cannot have without reading and
    laying out the whole catalogue again."""

    stamps: CatalogueStamps
    design: str
    chrome: dict[str, Any]
    films: SavedFilms  # every exported film, in filing order
    people: set[int]  # everyone with a page
    media: dict[str, tuple[str, ImageFile]]  # site path -> (sha256, file), every file shown
    users: Counter[str]  # how many records show each file
    portraits: dict[int, tuple[str, ...]]  # person -> the files of their portraits
    lacking: set[int]  # films with a still that had no web sizes yet
    warnings: dict[tuple[str, int], str]  # what the export told of records' stills
    feed: tuple[int, ...]  # the films of the feed, newest first
    # a file made of films' parts (see data_files.FilmParts) -> the bytes of its head,
    # between two parts, of its tail, and of each film's part in filing order
    parts: dict[str, tuple[int, int, int, list[int]]]
    pages: int = 0  # the HTML pages of the site (its addresses' aside)
    manifest: str = ""  # the SHA-256 of the site's manifest it goes with
    # table -> its film stamps and their text as last saved: a table that did not change
    # since (the same rows) is saved again as that text, not encoded anew
    stamp_texts: dict[str, tuple[Mapping[int | None, Stamp], str]] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def footprints(self) -> dict[int, Footprint]:
        return {i: self.films[i].footprint for i in self.films}

    @property
    def neighbours(self) -> dict[int, tuple[int, ...]]:
        return {i: self.films[i].neighbours for i in self.films}

    @property
    def media_of(self) -> dict[tuple[str, int], tuple[str, ...]]:
        out = {("film", i): self.films[i].media for i in self.films}
        out.update((("person", i), paths) for i, paths in self.portraits.items())
        return {k: v for k, v in out.items() if v}


def manifest_digest(outdir: Path) -> str:
    """The SHA-256 of the site's manifest as it is on disk ("" without one)."""
    try:
        return hashlib.sha256((outdir / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return ""


def state_file(cache: Path, outdir: Path) -> Path:
    """Where the state of the exports into `outdir` is kept: in the archive's cache (safe to
    delete: the next export then takes the full way), not in the site, which is published
    and must not tell of unpublished films."""
    return cache / STATE_FOLDER / f"{_digest(os.path.realpath(outdir))[:32]}.json"


def forget(target: Path) -> None:
    """Remove the saved state (an export that saves none leaves none that could mislead)."""
    with contextlib.suppress(OSError):
        target.unlink()


def _digest(path: str) -> str:
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()


def _in_archive(source: Path, archive: str) -> str:
    """A still's file by its place in the archive; only its name if it is elsewhere (it is
    then never copied from the saved state: see resume)."""
    try:
        relative = os.path.relpath(source, archive)
    except ValueError:  # another drive
        relative = ".."
    return relative if not relative.startswith("..") else os.path.join("..", source.name)


def save(target: Path, outdir: Path, key: tuple[str, str, str], state: SavedState,
         manifest: str = "") -> None:
    """Write the state of the export into `outdir` as `target`, by a rename: a reader sees
    the old or the new. `manifest`: the SHA-256 of the site's manifest, if the writer knows
    it (else the file is read)."""
    stamps = state.stamps
    archive = key[0]
    live = sorted(p for p, n in state.users.items() if n > 0)
    body = {
        "format": FORMAT, "curator": __version__,
        "archive": _digest(key[0]), "site": _digest(key[1]), "selection": key[2],
        "manifest": manifest or manifest_digest(outdir),
        "design": state.design, "chrome": state.chrome,
        "tables": stamps.tables,
        "film_stamps": {t: _stamp_text(state.stamp_texts, t, rows)
                        for t, rows in stamps.films.items()},
        "films": len(state.films.texts),  # one a line after this object
        "people": sorted(state.people),
        "media": [[p, *_image(state.media[p], archive), state.users[p]] for p in live],
        "portraits": [[i, list(paths)] for i, paths in state.portraits.items() if paths],
        "lacking": sorted(state.lacking),
        "warnings": [[kind, i, text] for (kind, i), text in state.warnings.items()],
        "feed": list(state.feed),
        "parts": state.parts,
        "pages": state.pages,
    }
    data = "\n".join([json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str),
                      *(f"{i} {text}" for i, text in state.films.texts.items())]).encode()
    temp = target.with_name(f"{target.name}.new")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(f"{_HEAD}{hashlib.sha256(data).hexdigest()}\n".encode() + data)
        os.replace(temp, target)
    except OSError:  # no state: the next new process takes the full way
        with contextlib.suppress(OSError):
            temp.unlink()
        forget(target)


def _image(entry: tuple[str, ImageFile], archive: str) -> list:
    sha, f = entry
    return [sha, f.width, f.height, f.format, _in_archive(f.source, archive)]


class _StampLines(Mapping[int | None, Stamp]):
    """A table's film stamps as saved ("film sum sum ..." a line), read into numbers only
    when the table changed: most tables did not, and are saved again as they were."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._rows: dict[int | None, Stamp] | None = None

    def _read(self) -> dict[int | None, Stamp]:
        if self._rows is None:
            rows: dict[int | None, Stamp] = {}
            for line in self.text.split("\n") if self.text else ():
                first, *sums = line.split(" ")
                rows[None if first == "-" else int(first)] = tuple(map(int, sums))
            self._rows = rows
        return self._rows

    def __getitem__(self, key: int | None) -> Stamp:
        return self._read()[key]

    def __iter__(self) -> Iterator[int | None]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def _stamp_text(texts: dict[str, tuple[Mapping[int | None, Stamp], str]], table: str,
                rows: Mapping[int | None, Stamp]) -> str:
    """The table's stamps as saved, encoded only if they are not the rows last saved."""
    known = texts.get(table)
    if known is not None and known[0] is rows:
        return known[1]
    text = _stamp_lines(rows)
    texts[table] = (rows, text)
    return text


def _stamp_lines(rows: Mapping[int | None, Stamp]) -> str:
    if isinstance(rows, _StampLines):
        return rows.text
    return "\n".join(" ".join(("-" if i is None else str(i), *map(str, stamp)))
                     for i, stamp in rows.items())


def load(target: Path, outdir: Path, key: tuple[str, str, str]
         ) -> tuple[SavedState | None, str]:
    """The state saved by the last export into `outdir`, if it holds for this export
    (`key`: the archive, the folder, the selection); else None and why not."""
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return None, "no earlier export into this folder left its state"
    except OSError as exc:
        return None, f"the saved export state could not be read ({exc.strerror or exc})"
    head, _, data = raw.partition(b"\n")
    if head.decode("latin-1") != _HEAD + hashlib.sha256(data).hexdigest():
        return None, "the saved export state is damaged (its checksum does not match)"
    try:
        header, _, lines = data.partition(b"\n")
        body = json.loads(header)
        if not isinstance(body, dict):
            raise ValueError("not an object")
        if body.get("format") != FORMAT or body.get("curator") != __version__:
            return None, (f"the saved export state is from another Curator "
                          f"({body.get('curator')!s})")
        archive, site, selection = key
        if body.get("archive") != _digest(archive):
            return None, "the saved export state is of another archive"
        if body.get("site") != _digest(site):
            return None, "the saved export state was written for another folder"
        if body.get("selection") != selection:
            return None, f"the last export was of another selection ({body.get('selection')})"
        if body.get("manifest") != manifest_digest(outdir):
            return None, "the site's manifest is not the one the saved export state goes with"
        state = _state_of(body, Path(archive), lines.decode("utf-8"))
        state.manifest = body["manifest"]
        return state, ""
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        return None, f"the saved export state is damaged ({exc})"


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"{_short(value)} is not an id")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{_short(value)} is not text")
    return value


def _ints(values: Any) -> tuple[int, ...]:
    if not isinstance(values, list) or not all(type(v) is int for v in values):
        raise ValueError("an id is not a number")
    return tuple(values)


def _state_of(body: dict[str, Any], archive: Path, lines: str) -> SavedState:
    tables = {_text(t): _tuples(s) for t, s in body["tables"].items()}
    stamps = {_text(t): _StampLines(_text(lines)) for t, lines in body["film_stamps"].items()}
    media: dict[str, tuple[str, ImageFile]] = {}
    users: Counter[str] = Counter()
    for p, sha, w, h, fmt, src, n in body["media"]:
        media[_text(p)] = (_text(sha), ImageFile(_int(w), _int(h), _text(fmt),
                                                 archive / _text(src)))
        users[p] = _int(n)
    portraits = {_int(i): tuple(map(_text, paths)) for i, paths in body["portraits"]}
    if any(p not in media for paths in portraits.values() for p in paths):
        raise ValueError("a portrait's file is not listed")
    chrome = body["chrome"]
    if not isinstance(chrome, dict):
        raise ValueError("the site's header is not an object")
    texts = {}
    for line in lines.split("\n") if lines else ():
        film_id, _, text = line.partition(" ")
        texts[int(film_id)] = text
    if len(texts) != _int(body["films"]):
        raise ValueError("films")
    films = SavedFilms(texts)
    parts = {_text(p): (_int(start), _int(sep), _int(tail), list(_ints(sizes)))
             for p, (start, sep, tail, sizes) in body["parts"].items()}
    return SavedState(
        stamps=CatalogueStamps(tables, stamps),  # type: ignore[arg-type]
        design=_text(body["design"]),
        chrome=chrome,
        films=films,
        people=set(map(_int, body["people"])),
        media=media, users=users, portraits=portraits,
        lacking=set(map(_int, body["lacking"])),
        warnings={(_text(kind), _int(i)): _text(text) for kind, i, text in body["warnings"]},
        feed=_ints(body["feed"]), parts=parts, pages=_int(body["pages"]))


def media_users(media_of: dict[tuple[str, int], tuple[str, ...]]) -> Counter[str]:
    """How many records show each file."""
    users: Counter[str] = Counter()
    for paths in media_of.values():
        users.update(paths)
    return users
