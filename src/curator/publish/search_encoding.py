"""How the site's search index writes lists of film ids compactly, as text the search
page decodes (resources/site/assets/search.js), and where its word shards are cut.

A sorted list of ids is written either as gaps or as a bitmap, whichever is shorter:

    gaps     each gap from the id before (the first from -1) in base-32 digits, most
             significant first, the last digit of a gap taken from the upper half of
             DIGITS: a film in every 30th takes one character, not six
    bitmap   "~" and the base64 of one bit per id (bit i%8 of byte i//8): a word in most
             films takes an eighth of a byte per film
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_LAST = DIGITS[32:]


def encode_ids(ids: Sequence[int]) -> str:
    """`ids` (sorted, distinct, not negative) as the shorter of gaps and a bitmap."""
    if not ids:
        return ""
    if len(ids) * 6 > ids[-1] + 8:  # a gap takes a character at least: the bitmap is shorter
        return _bitmap(ids)
    out: list[str] = []
    prev = -1
    for i in ids:
        gap = i - prev
        prev = i
        if gap < 32:
            out.append(_LAST[gap])
            continue
        digits = [DIGITS[32 + (gap & 31)]]
        gap >>= 5
        while gap:
            digits.append(DIGITS[gap & 31])
            gap >>= 5
        out.extend(reversed(digits))
    gaps = "".join(out)
    if len(gaps) * 6 <= ids[-1] + 8:  # a bitmap is longer
        return gaps
    bitmap = _bitmap(ids)
    return bitmap if len(bitmap) < len(gaps) else gaps


def _bitmap(ids: Sequence[int]) -> str:
    bits = bytearray(ids[-1] // 8 + 1)
    for i in ids:
        bits[i >> 3] |= 1 << (i & 7)
    return "~" + base64.b64encode(bytes(bits)).decode("ascii")


def decode_ids(text: str) -> list[int]:
    """The ids `encode_ids` wrote (the search page does the same in JavaScript)."""
    if text.startswith("~"):
        bits = base64.b64decode(text[1:])
        return [n * 8 + b for n, byte in enumerate(bits) for b in range(8) if byte >> b & 1]
    ids: list[int] = []
    prev, gap = -1, 0
    for ch in text:
        d = DIGITS.index(ch)
        if d < 32:
            gap = gap * 32 + d
        else:
            prev += gap * 32 + d - 32
            ids.append(prev)
            gap = 0
    return ids


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(n: int) -> str:
    out = ""
    while True:
        n, d = divmod(n, 36)
        out = _BASE36[d] + out
        if not n:
            return out


@lru_cache(maxsize=1 << 18)
def _cut_chance(word: str) -> float:
    return int.from_bytes(hashlib.sha1(word.encode()).digest()[:4], "big") / 2**32


def shard_groups(words: Sequence[str], size: dict[str, int], target: int) -> list[list[str]]:
    """The sorted `words` cut into shards of about `target` bytes (`size`: each word's
    bytes). A cut falls after a word by chance in proportion to its size, the chance drawn
    from the word itself, so that a changed word moves only the cuts beside it and a
    re-export rewrites a few shards, not all that follow; a word of half the target or more
    is a shard of its own; a shard reaching four times the target is cut there."""
    cuts = ShardCuts(target)
    groups: list[list[str]] = []
    for word in words:
        groups += cuts.add(word, size[word])
    return groups + cuts.end()


class ShardCuts:
    """The rule of `shard_groups` a word at a time, so that an index patched in place can
    cut again from one cut to the first cut that falls where it fell before."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.current: list[str] = []
        self.total = 0

    @property
    def between(self) -> bool:
        """Whether the last word closed a shard (the next word starts one)."""
        return not self.current

    def add(self, word: str, s: int) -> list[list[str]]:
        """The shards `word` (of `s` bytes) closes."""
        closed: list[list[str]] = []
        if s * 2 >= self.target:
            if self.current:
                closed.append(self.current)
            closed.append([word])
            self.current, self.total = [], 0
            return closed
        if self.current and self.total + s > 4 * self.target:
            closed.append(self.current)
            self.current, self.total = [], 0
        self.current.append(word)
        self.total += s
        if _cut_chance(word) * self.target < s:
            closed.append(self.current)
            self.current, self.total = [], 0
        return closed

    def end(self) -> list[list[str]]:
        """The last shard, after the last word."""
        return [self.current] if self.current else []


def shard_name(first_word: str) -> str:
    return hashlib.sha1(first_word.encode()).hexdigest()[:10]


def value_codes(keys: Iterable[str]) -> dict[str, str]:
    """A short code for each facet value's key: the key's hash in base 36, as many digits
    as give four places a value, the next free place when taken. A new value leaves the
    others' codes as they were (but for the rare one its place was free for), so a new
    edition or country does not rewrite every word shard."""
    ordered = sorted(keys)
    width = 1
    while 36 ** width < 4 * len(ordered):
        width += 1
    places = 36 ** width
    taken: dict[int, str] = {}
    codes: dict[str, str] = {}
    for key in ordered:
        place = int.from_bytes(hashlib.sha1(key.encode()).digest()[:4], "big") % places
        while place in taken:
            place = (place + 1) % places
        taken[place] = key
        codes[key] = base36(place).rjust(width, "0")
    return codes
