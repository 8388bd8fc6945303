"""Adding a source: its files verified, stored once per SHA-256, then recorded as one step.

Every file is checked before anything is stored or recorded: one refused file refuses
the whole source, so no source is ever recorded with pages missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from curator.catalog import Catalog, Changes
from curator.oserrors import os_reason
from curator.sources.files import SourceFile, SourceRefused, read_source_file, store_source_file


@dataclass(frozen=True)
class AddedSource:
    changes: Changes
    source_id: int
    files: tuple[SourceFile, ...]
    written: int  # how many files were new to the archive (the others it held already)

    @property
    def page_count(self) -> int:
        return sum(len(f.pages) for f in self.files)


def add_source(catalog: Catalog, paths: Iterable[str | os.PathLike[str]], *,
               title: str = "", edition_id: int | None = None,
               festival_id: int | None = None, **fields: object) -> AddedSource:
    """Store and record files (scans in page order, or PDFs) as one source.

    `title` defaults to the edition's name and "catalogue" ("MIFF 1989 catalogue").
    Raises SourceRefused naming the first bad file; nothing is then stored or recorded.
    """
    files = [Path(p) for p in paths]
    if not files:
        raise SourceRefused("(no file)", "a source needs at least one scan or PDF.")
    catalog.archive.refuse_writes()  # read-only: say so before reading any file
    read = [read_source_file(path) for path in files]
    if not title:
        held_by = (catalog.editions.get(edition_id).label if edition_id is not None
                   else catalog.festivals.get(festival_id).name if festival_id is not None
                   else "")
        title = f"{held_by} catalogue".strip()
    pages: list[dict[str, object]] = []
    for _data, file in read:
        pages.extend(file.page_rows(len(pages) + 1))
    written = 0
    for path, (data, file) in zip(files, read, strict=True):
        try:
            written += store_source_file(catalog.archive, data, file.sha256)
        except OSError as exc:
            raise SourceRefused(path.name, "could not be stored in the archive: "
                                f"{os_reason(exc)}; nothing was recorded.") from None

    changes = catalog.sources.add(title, pages, edition_id=edition_id, festival_id=festival_id,
                                 **fields)
    return AddedSource(changes, changes.created_id or 0, tuple(f for _d, f in read), written)
