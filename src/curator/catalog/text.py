"""The one rule for text coming into the catalogue: no control characters, no broken ones.

A NUL, an escape or a bell pasted into a title would be stored, written raw into
the site's HTML and acted on by a terminal. `clean_text` takes them out (tabs
and line breaks stay; a lone carriage return becomes a line break; half of a
surrogate pair, which cannot be stored, becomes U+FFFD); every way into the
catalogue (forms, imports, catalogue files, settings) passes its text through
it. A catalogue file holding a broken character is refused instead: `text_problem`
names it.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

T = TypeVar("T")

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` without control characters; tabs and line breaks kept, CR LF made LF."""
    if value.isprintable():  # the common case, and the quickest test of it
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if _UNCLEAN.search(value) is None:  # line breaks and tabs alone (a whole file): one pass
        return value
    # half a surrogate pair cannot be stored at all: it becomes the replacement character
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", value))


def text_problem(value: object) -> str | None:
    """Why `value` cannot be stored as text, or None."""
    if not isinstance(value, str):
        return "is not text"
    if _SURROGATE.search(value):
        return "holds a broken character (half of a surrogate pair)"
    return None


_UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _unclean(value: Any) -> bool:
    """Whether clean_values would change anything (the quick look an import of 100,000
    films takes, instead of rebuilding each one)."""
    kind = type(value)
    if kind is str:
        return not value.isprintable() and _UNCLEAN.search(value) is not None
    if kind is tuple or kind is list:
        return any(map(_unclean, value))
    if kind is dict:
        return any(map(_unclean, value.values()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return any(map(_unclean, vars(value).values()))
    return False


def clean_values(value: T) -> T:
    """`value` with clean_text applied to every text inside it: in tuples, lists, dicts and
    dataclasses (an importer's FilmData), the same object when nothing needed cleaning."""
    if not _unclean(value):
        return value
    if isinstance(value, str):
        return clean_text(value)  # type: ignore[return-value]
    if isinstance(value, tuple | list):
        cleaned = [clean_values(v) for v in value]
        if all(a is b for a, b in zip(cleaned, value, strict=True)):
            return value
        return type(value)(cleaned)  # type: ignore[return-value]
    if isinstance(value, dict):
        out = {k: clean_values(v) for k, v in value.items()}
        return value if all(out[k] is value[k] for k in value) else out  # type: ignore
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = clean_values(old)
            if new is not old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
