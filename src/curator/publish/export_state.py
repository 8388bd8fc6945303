"""What an export of the whole archive leaves beside the site's manifest for the next
export in a new process: the catalogue's stamps it read, the design it rendered with,
every film's See also and the pages that show it, who had a page, and the stills' files.

The file (`.curator-export-state.json` in the site's folder) is JSON after a first line
holding its SHA-256, and names the Curator that wrote it, the archive, the folder, the
selection and the SHA-256 of the manifest it goes with (the archive and the folder by
digests of their paths, and each still's file by its place in the archive: the file is
published with the site, so it names no folder of this computer). Anything that does not match
(a flipped byte, a key removed, another Curator, a manifest written since) makes the next
export take the full way, saying why: the state is only ever a shortcut to the same site.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curator import __version__
from curator.catalog.export_stamps import CatalogueStamps
from curator.publish.media import ImageFile
from curator.publish.site_pages import Footprint
from curator.publish.staging import MANIFEST

STATE_FOLDER = "exports"  # in the archive's cache
FORMAT = 1
_HEAD = "curator-export-state sha256:"


@dataclass
class SavedState:
    """The part of an export's state that a new process cannot have without reading and
    laying out the whole catalogue again."""

    stamps: CatalogueStamps
    design: str
    chrome: dict[str, Any]
    neighbours: dict[int, tuple[int, ...]]  # film -> the films its See also lists
    footprints: dict[int, Footprint]  # every exported film -> the other pages showing it
    people: set[int]  # everyone with a page
    media: dict[str, tuple[str, ImageFile]]  # site path -> (sha256, file)
    media_of: dict[tuple[str, int], tuple[str, ...]]  # ("film" or "person", id) -> its files
    lacking: set[int]  # films with a still that had no web sizes yet


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


def save(target: Path, outdir: Path, key: tuple[str, str, str], state: SavedState) -> None:
    """Write the state of the export into `outdir` as `target`, by a rename: a reader sees
    the old or the new."""
    stamps = state.stamps
    archive = key[0]
    body = {
        "format": FORMAT, "curator": __version__,
        "archive": _digest(key[0]), "site": _digest(key[1]), "selection": key[2],
        "manifest": manifest_digest(outdir),
        "design": state.design, "chrome": state.chrome,
        "tables": stamps.tables,
        "film_stamps": {t: [[i, *s] for i, s in rows.items()] for t, rows in stamps.films.items()},
        "neighbours": [[i, list(n)] for i, n in state.neighbours.items()],
        "footprints": [[i, f.to_json()] for i, f in state.footprints.items()],
        "people": sorted(state.people),
        "media": [[p, sha, f.width, f.height, f.format, _in_archive(f.source, archive)]
                  for p, (sha, f) in state.media.items()],
        "media_of": [[kind, i, list(paths)] for (kind, i), paths in state.media_of.items()],
        "lacking": sorted(state.lacking),
    }
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    temp = target.with_name(f"{target.name}.new")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(f"{_HEAD}{hashlib.sha256(data).hexdigest()}\n".encode() + data)
        os.replace(temp, target)
    except OSError:  # no state: the next new process takes the full way
        with contextlib.suppress(OSError):
            temp.unlink()
        forget(target)


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
        body = json.loads(data)
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
        return _state_of(body, Path(archive)), ""
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        return None, f"the saved export state is damaged ({exc})"


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"{value!r} is not an id")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return value


def _state_of(body: dict[str, Any], archive: Path) -> SavedState:
    tables = {_text(t): _tuples(s) for t, s in body["tables"].items()}
    # a film's stamp is a flat row of sums (see curator.catalog.export_stamps)
    films = {_text(t): {None if row[0] is None else _int(row[0]): tuple(row[1:])
                        for row in rows}
             for t, rows in body["film_stamps"].items()}
    media = {_text(p): (_text(sha), ImageFile(_int(w), _int(h), _text(fmt),
                                              archive / _text(src)))
             for p, sha, w, h, fmt, src in body["media"]}
    media_of = {(_text(kind), _int(i)): tuple(map(_text, paths))
                for kind, i, paths in body["media_of"]}
    if any(p not in media for paths in media_of.values() for p in paths):
        raise ValueError("a still's file is not listed")
    chrome = body["chrome"]
    if not isinstance(chrome, dict):
        raise ValueError("the site's header is not an object")
    return SavedState(
        stamps=CatalogueStamps(tables, films),
        design=_text(body["design"]),
        chrome=chrome,
        neighbours={_int(i): tuple(map(_int, n)) for i, n in body["neighbours"]},
        footprints={_int(i): Footprint.from_json(f) for i, f in body["footprints"]},
        people=set(map(_int, body["people"])),
        media=media, media_of=media_of,
        lacking=set(map(_int, body["lacking"])))


def media_users(media_of: dict[tuple[str, int], tuple[str, ...]]) -> Counter[str]:
    """How many records show each file."""
    users: Counter[str] = Counter()
    for paths in media_of.values():
        users.update(paths)
    return users
