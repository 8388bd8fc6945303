"""The one error every reader of outside files raises: the problem, the file and the place.

A spreadsheet, a catalogue file, an archive page or a settings value that cannot
be read gives a ReadError whose message is one line: `films.json: film 12:
"title" must be text, not a number.` The command line prints it as it is; the
desk shows it beside the file's name.
"""

from __future__ import annotations

from curator import CuratorError


class ReadError(CuratorError, ValueError):
    """A file could not be read as what it should be; nothing was changed.

    Also a ValueError, as readers raised before it existed, so older callers still catch it.
    """

    def __init__(self, problem: str, *, file: str = "", place: str = "") -> None:
        self.problem, self.file, self.place = problem, file, place
        super().__init__(self._message())

    def _message(self) -> str:
        return ": ".join(p for p in (self.file, self.place, self.problem) if p)

    def in_file(self, file: str) -> ReadError:
        """The same error, naming the file (the parts that check a document do not know it)."""
        if not self.file:
            self.file = file
            self.args = (self._message(),)
        return self
