"""The catalogue's data model: typed SQLAlchemy 2 entities and their vocabularies.

The vocabularies (`enums`) load at once and need nothing else; the entities, and with
them SQLAlchemy, load when first asked for (`from curator.model import Film`), so a
command that only names a publication state does not pay for the database layer.
"""

from typing import Any

from curator.model.enums import *  # noqa: F401,F403


def __getattr__(name: str) -> Any:
    from curator.model import entities

    try:
        return getattr(entities, name)
    except AttributeError:
        raise AttributeError(f"module 'curator.model' has no attribute {name!r}") from None
