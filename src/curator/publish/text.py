"""How the web archive files and finds words: folding for search, A-Z initials.

How a record *reads* (teasers, `Country, Year`, credit labels) is
`curator.catalog.wording`, shared with the desk."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: `Mykkänen` and `MYKKANEN` both give `mykkanen`."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def initial(sort_key: str) -> str:
    """The A-Z letter a name files under; anything else files under `other`."""
    folded = fold(sort_key.strip())[:1]
    return folded if "a" <= folded <= "z" else "other"
