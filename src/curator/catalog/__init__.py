"""The catalogue's operations: the only code that opens database sessions.

`Catalog` (catalog/facade.py) is the facade the GUI, the command line and the tests all
use. It is composed of parts, one per kind of record, each holding the archive's shared
core (catalog/core.py): `catalog.films.update(...)`, `catalog.people.merge(...)`,
`catalog.festivals`, `catalog.editions`, `catalog.sections`, `catalog.awards`,
`catalog.lists`, `catalog.stills`, `catalog.search`, `catalog.imports`,
`catalog.snapshot`, `catalog.settings`, `catalog.vocabulary`,
`catalog.saved_searches`, `catalog.duplicates`. Every mutation runs as
one transaction and returns a `Changes`; `Catalog.undo` inverts one, and returns
the Changes of the undo, which redo inverts again.

The names below are loaded when first asked for, so a command that only reads
(catalog/glance.py: `curator info`, `curator search`) starts without the ORM.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curator.catalog.bulk import BulkResult, FilmData  # noqa: F401
    from curator.catalog.bulk_edit import EditPlan, FilmsChange  # noqa: F401
    from curator.catalog.changes import ChangeKind, Changes, RowChange  # noqa: F401
    from curator.catalog.errors import (  # noqa: F401
        Cancelled,
        Conflict,
        InvalidRecords,
        NotFound,
        StaleVersion,
        ValidationError,
    )
    from curator.catalog.facade import Catalog  # noqa: F401
    from curator.catalog.film_edit import FilmEdit  # noqa: F401
    from curator.catalog.history_rows import (  # noqa: F401
        FieldChange,
        HistoryStep,
        LastChange,
        ago,
    )
    from curator.catalog.importing import FilmImport, ImportResult, ScreeningRef  # noqa: F401
    from curator.catalog.records import *  # noqa: F401,F403
    from curator.catalog.replace import Replacement, ReplaceRule  # noqa: F401
    from curator.catalog.saved_searches import SavedSearchRecord  # noqa: F401
    from curator.catalog.search import Attention, FilmQuery  # noqa: F401

__all__ = [
    "Attention", "BulkResult", "Cancelled", "Catalog", "ChangeKind", "Changes", "Conflict",
    "EditPlan", "FieldChange", "FilmData", "FilmEdit", "FilmImport", "FilmQuery",
    "FilmsChange", "HistoryStep", "ImportResult", "InvalidRecords", "LastChange", "NotFound",
    "ReplaceRule", "Replacement", "RowChange", "SavedSearchRecord", "ScreeningRef",
    "StaleVersion",
    "ValidationError", "ago",
]  # fmt: skip

_WHERE = {
    "Catalog": "facade",
    "BulkResult": "bulk", "FilmData": "bulk",
    "EditPlan": "bulk_edit", "FilmsChange": "bulk_edit",
    "ChangeKind": "changes", "Changes": "changes", "RowChange": "changes",
    "Cancelled": "errors", "Conflict": "errors", "InvalidRecords": "errors",
    "NotFound": "errors", "StaleVersion": "errors", "ValidationError": "errors",
    "FilmEdit": "film_edit",
    "FieldChange": "history_rows", "HistoryStep": "history_rows",
    "LastChange": "history_rows", "ago": "history_rows",
    "FilmImport": "importing", "ImportResult": "importing", "ScreeningRef": "importing",
    "Replacement": "replace", "ReplaceRule": "replace",
    "Attention": "search", "FilmQuery": "search",
    "SavedSearchRecord": "saved_searches",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        if name.startswith("_") or not name[:1].isupper():
            # a submodule (`from curator.catalog import wording`) is imported so
            raise AttributeError(f"module 'curator.catalog' has no attribute {name!r}")
        module = "records"  # the plain records the operations return
    value = getattr(importlib.import_module(f"curator.catalog.{module}"), name, None)
    if value is None:
        raise AttributeError(f"module 'curator.catalog' has no attribute {name!r}")
    globals()[name] = value
    return value
