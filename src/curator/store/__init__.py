"""Where the catalogue lives: an archive folder (SQLite; engine and pragmas, Alembic
migrations, backups) or a PostgreSQL server, and what differs between the two (search
index, write locking, change notification, where originals of stills are kept)."""

from curator.store.archive import (  # noqa: F401
    SCHEMA_HEAD,
    SCHEMA_REVISIONS,
    Archive,
    ArchiveBusy,
    ArchiveDamaged,
    ArchiveError,
    ArchiveReadOnly,
    is_archive,
)
from curator.store.location import AnyArchive, open_archive  # noqa: F401
from curator.store.server import ServerArchive, ServerError, is_server_location  # noqa: F401
from curator.store.watch import ChangeWatch, watch_changes  # noqa: F401
