"""The catalogue's data model: typed SQLAlchemy 2 entities and their vocabularies.

The vocabularies (`enums`) load at once and need nothing else; the entities, and with
them SQLAlchemy, load when first asked for (`from curator.model import Film`), so a
command that only names a publication state does not pay for the database layer.
"""

from importlib import import_module
from typing import Any

from curator.model.enums import *  # noqa: F401,F403


def __getattr__(name: str) -> Any:
    # import_module, not `from curator.model import entities`: that form asks this
    # very function for the submodule first, and recurses when nothing loaded it yet
    entities = import_module("curator.model.entities")
    try:
        return getattr(entities, name)
    except AttributeError:
        raise AttributeError(f"module 'curator.model' has no attribute {name!r}") from None
