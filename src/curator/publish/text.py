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


# XML's escapes, written out: the standard library's xml.sax.saxutils loads urllib.request
# and http.client with them, a fiftieth of a second at each `curator export`. The same
# output as saxutils' escape() and quoteattr() (tests/publish/test_feeds.py compares them).
def xml_escape(text: str) -> str:
    """Text for an XML element: `&`, `<` and `>` escaped."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def xml_attribute(text: str) -> str:
    """Text as a quoted XML attribute value, quotes and line breaks included."""
    text = (xml_escape(text).replace("\n", "&#10;").replace("\r", "&#13;")
            .replace("\t", "&#9;"))
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))
