"""JSON from outside files and pages, read so that any content gives data or one ReadError.

Python's reader fails in ways of its own on hostile input: a number of thousands
of digits, arrays nested a hundred thousand deep, `NaN`. Each becomes a ReadError
naming the file and, where the reader knows it, the line.
"""

from __future__ import annotations

import json
from typing import Any

from curator.interchange.errors import ReadError


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_json(text: str, *, file: str = "", error: type[ReadError] = ReadError) -> Any:
    """The JSON value of `text`; an `error` (a ReadError) for anything not plain JSON."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise error(f"not valid JSON ({exc.msg})", file=file,
                        place=f"line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise error("its JSON is nested too deeply to read.", file=file) from None
    except ValueError as exc:
        if "digits" in str(exc):
            raise error("it holds a number too long to read (over 4,300 digits).",
                            file=file) from None
        raise error(f"not valid JSON ({exc})", file=file) from None
