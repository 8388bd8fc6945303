"""The errors catalog operations raise; each message is one sentence a user can act on."""

from __future__ import annotations

from curator import CuratorError


class NotFound(CuratorError):
    pass


class ValidationError(CuratorError):
    """One or more fields are invalid; `problems` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class StaleVersion(CuratorError):
    """The record changed elsewhere since the caller read it; nothing was saved."""


class Conflict(CuratorError):
    """The operation would break a rule of the catalogue (a duplicate, a record in use)."""


class Cancelled(CuratorError):
    """The user cancelled a long operation; nothing was changed."""
