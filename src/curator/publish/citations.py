""""Cite this page": a short citation in the Chicago style, with the page's permanent
address and the date its record last changed, and the same as CSL-JSON and BibTeX to
download.

The date is the record's, not the export's: a page changes only when what it shows does,
so a re-export on a later day rewrites none of the pages it did not change.

The downloads are data: addresses inside the page, so citing costs the site no files.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import date
from typing import Any

from curator.catalog.naming import slugify

_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")
_QUOTED = [chr(b) if b in _SAFE else f"%{b:02X}" for b in range(256)]


def quote(text: str) -> str:
    """`urllib.parse.quote(text)`, the same to the byte, a byte at a time in C rather
    than in Python: every film page carries two quoted citations."""
    return "".join(map(_QUOTED.__getitem__, text.encode("utf-8")))


@functools.lru_cache(maxsize=4096)  # the month's name asks the locale: records share days
def _chicago_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


_BIBTEX_SPELLED = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_escape(match: re.Match[str]) -> str:
    c = match[1]
    return _BIBTEX_SPELLED.get(c, "\\" + c)


def _bibtex(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(_bibtex_escape, " ".join(text.split()))


# one encoder for every citation: `json.dumps` with options makes a new one at each call
_CSL_JSON = json.JSONEncoder(ensure_ascii=False).encode


def citation(kind: str, record_id: int, title: str, url: str | None, site_name: str,
             changed: date | None, *, makers: list[str] = (), maker_role: str = "author",
             year: int | None = None, place: str = "") -> dict[str, Any]:
    """The citation of a film ("film"), person ("person") or list ("list") page.

    `changed` is the day the record last changed; `makers` are the film's directors or
    the list's curator; `place` and `year` say where and when the film was made."""
    parts = [f"\u201c{title}.\u201d"]
    if kind == "list" and makers:
        parts.insert(0, f"{', '.join(makers)}.")
    if kind == "film":
        made = ", ".join(str(v) for v in (place, year) if v)
        if made:
            parts.append(f"{made}.")
        if makers:
            parts.append(f"Directed by {_names(makers)}.")
    parts.append(f"{site_name}.")
    if changed:
        parts.append(f"Record last changed {_chicago_date(changed)}.")
    if url:
        parts.append(f"{url}.")
    key = f"{kind}-{record_id}"
    csl: dict[str, Any] = {
        "id": key,
        "type": "motion_picture" if kind == "film" else "webpage",
        "title": title,
        "container-title": site_name,
    }
    if changed:  # not "accessed": that day is the reader's to give
        csl["note"] = f"Record last changed {changed.isoformat()}"
    if url:
        csl["URL"] = url
    if makers:
        csl["director" if maker_role == "director" else "author"] = [
            {"literal": name} for name in makers]
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    if place:
        csl["publisher-place"] = place
    fields = {"title": title, "year": str(year) if year else "",
              "author": " and ".join(makers) if maker_role == "author" else "",
              "note": ("Directed by " + _names(makers) + ". " if maker_role == "director"
                       and makers else "")
              + (f"Record last changed {changed.isoformat()}" if changed else ""),
              "organization": site_name, "howpublished": url or ""}
    bib = f"@misc{{{key},\n" + "".join(
        f"  {name} = {{{_bibtex(value) if name != 'howpublished' else _bibtex_url(value)}}},\n"
        for name, value in fields.items() if value) + "}\n"
    return {
        "text": " ".join(parts),
        "csl": "data:application/vnd.citationstyles.csl+json;charset=utf-8,"
               + quote(_CSL_JSON([csl])),
        "bib": "data:application/x-bibtex;charset=utf-8," + quote(bib),
        "file": slugify(title, kind),
    }


def _bibtex_url(url: str) -> str:
    return "\\url{" + url.replace("%", "\\%").replace("#", "\\#") + "}"


def _names(names: list[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
