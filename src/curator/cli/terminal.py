"""What the command line prints: text from the catalogue, made safe for a terminal.

A title may hold a character a terminal acts on (an escape, a bell, a NUL) or one
it cannot print at all (half of a surrogate pair, from a damaged file): each is
shown as its `\\x1b`-style escape instead, so output stays one honest line per row.
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, lone surrogates, line and paragraph separators
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """`text` with every character a terminal would act on written as its escape."""
    text = str(text)
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text
