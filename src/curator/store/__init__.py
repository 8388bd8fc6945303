"""Where the catalogue lives: an archive folder (SQLite; engine and pragmas, Alembic
migrations, backups) or a PostgreSQL server, and what differs between the two (search
index, write locking, change notification, where originals of stills are kept).

Its names are loaded when first asked for: a command that only reads an archive folder
(catalog/glance.py) uses store/glance.py without loading SQLAlchemy at all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curator.store.archive import (  # noqa: F401
        Archive,
        ArchiveBusy,
        ArchiveDamaged,
        ArchiveError,
        ArchiveReadOnly,
        is_archive,
    )
    from curator.store.location import AnyArchive, open_archive  # noqa: F401
    from curator.store.schema import SCHEMA_HEAD, SCHEMA_REVISIONS  # noqa: F401
    from curator.store.server import (  # noqa: F401
        ServerArchive,
        ServerError,
        is_server_location,
    )
    from curator.store.watch import ChangeWatch, watch_changes  # noqa: F401

_WHERE = {
    "SCHEMA_HEAD": "schema", "SCHEMA_REVISIONS": "schema",
    "Archive": "archive", "ArchiveBusy": "archive", "ArchiveDamaged": "archive",
    "ArchiveError": "archive", "ArchiveReadOnly": "archive", "is_archive": "archive",
    "AnyArchive": "location", "open_archive": "location",
    "ServerArchive": "server", "ServerError": "server", "is_server_location": "server",
    "ChangeWatch": "watch", "watch_changes": "watch",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:  # a submodule (`from curator.store import search`) is imported so
        raise AttributeError(f"module 'curator.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"curator.store.{module}"), name)
    globals()[name] = value
    return value
