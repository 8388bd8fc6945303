"""Files Curator writes for people: whole or not at all, and spreadsheets that run nothing.

`replacing` writes beside the target and moves the result into place only when
all of it is written, so a full disk leaves any earlier file as it was (and the
error names the file). `write_csv` is the one way Curator writes a spreadsheet:
a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return) would
be run as a formula by a spreadsheet program, so it is written with a leading
apostrophe, which those programs show as plain text.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@contextmanager
def replacing(path: str | os.PathLike[str], *, encoding: str = "utf-8",
              newline: str | None = "\n") -> Iterator[TextIO]:
    """A text file that replaces `path` once the body has written all of it."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                   dir=target.parent)
    except OSError as exc:
        raise _naming(exc, target) from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _naming(exc, target) from None
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    """The same OSError, naming the file the user asked for, not the temporary one beside it
    (nor none, as a failed write says)."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


def spreadsheet_cell(value: object) -> str:
    """A value as a spreadsheet cell that a spreadsheet program shows and never runs."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(path: str | os.PathLike[str], header: list[str],
              rows: Iterable[Iterable[object]]) -> int:
    """Write a spreadsheet (UTF-8 with a BOM, so spreadsheet programs read the accents).

    Whole or not at all (see `replacing`); returns the number of rows written.
    """
    count = 0
    with replacing(path, encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([spreadsheet_cell(h) for h in header])
        for row in rows:
            writer.writerow([spreadsheet_cell(v) for v in row])
            count += 1
    return count
