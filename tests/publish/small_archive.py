"""A small archive made on the spot (no shared data): published films, people and stills."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PIL import Image

from curator.catalog import Catalog
from curator.catalog.records import CreditData
from curator.model.enums import PublicationState
from curator.publish.writer import MANIFEST
from curator.stills import import_stills

FILMS = [("From Russia with Rock", 1988, "USSR"), ("Black Square", 1988, "USSR"),
         ("Off the Coast of the Antarctic", 1989, "Australia"), ("Rock Summer", 1990, "Estonia"),
         ("Winter Light", 1986, "Finland"), ("The River Road", 1991, "Latvia")]


def build(folder: Path) -> Path:
    """The archive at folder/Small.curator: six published films, each with a director
    and a still of its own colour."""
    path = folder / "Small.curator"
    catalog = Catalog.create(path)
    try:
        for n, (title, year, country) in enumerate(FILMS):
            person = catalog.people.create(f"Director {n}",
                                           state=PublicationState.PUBLISHED).created_id
            film = catalog.films.create(
                title, year=year, countries=[country], state=PublicationState.PUBLISHED,
                synopsis=f"{title}: a film of {year}.",
                credits=[CreditData(person, "director")]).created_id
            image = folder / f"still-{n}.png"
            Image.new("RGB", (64, 40), (40 * n, 255 - 40 * n, 90)).save(image)
            import_stills(catalog, [image], film_id=film, web_sizes=True)
    finally:
        catalog.close()
    return path


def site_files(folder: Path) -> dict[str, str]:
    """Every file of a site with the hash of its content; the manifest by the files it lists
    (its date and tokens differ from one export to the next). The state an export saves for
    the next is left out: not part of the site, it is saved after the site is in place, and
    one that does not go with the manifest is not used (test_saved_state)."""
    out = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
           for p in sorted(folder.rglob("*")) if p.is_file()}
    if MANIFEST in out:
        files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        out[MANIFEST] = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
    return out
