"""Moving a whole catalogue between an archive folder and a server (team push and pull)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from curator.catalog.errors import Conflict
from curator.catalog.unit import translate_errors
from curator.store import transfer

if TYPE_CHECKING:
    from curator.catalog import Catalog


def copy_catalogue(source: Catalog, target: Catalog,
                   progress: transfer.Progress | None = None) -> dict[str, int]:
    """Copy every record and setting of `source` into the empty `target`, in one
    transaction of the target (a failure leaves it empty); returns rows per table."""
    if source.archive.schema_revision() != target.archive.schema_revision():
        raise Conflict(f"{source.archive.name} and {target.archive.name} have different "
                       "schema versions; open both with this Curator first.")
    with translate_errors(target.archive.database_path), \
            source.archive.engine.connect() as reading, \
            target.archive.write_engine.begin() as writing:
        if not transfer.is_empty(writing):
            raise Conflict(f"{target.archive.name} already holds records; Curator copies a "
                           "catalogue only into an empty one.")
        return transfer.copy_catalogue(reading, writing, progress)
