"""The catalogue's data model: typed SQLAlchemy 2 entities and their vocabularies."""

from curator.model.entities import *  # noqa: F401,F403
from curator.model.entities import NAMING_CONVENTION, Base  # noqa: F401
from curator.model.enums import *  # noqa: F401,F403
