"""Opening an archive folder: engine and pragmas, Alembic migrations, backups, search index."""

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
