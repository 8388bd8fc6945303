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


class InvalidRecords(CuratorError):
    """Rows of an import break the catalogue's rules; nothing was written.

    `problems` lists (table, index of the row in what was given, message), so the
    importer can name each row by its place in its own file.
    """

    def __init__(self, problems: list[tuple[str, int, str]]) -> None:
        self.problems = list(problems)
        n = len({(t, i) for t, i, _ in self.problems})
        super().__init__(f"{n:,} {'records break' if n != 1 else 'record breaks'} the "
                         "catalogue's rules "
                         f"(first: {self.problems[0][2].rstrip('.')}); nothing was imported.")
