"""Naming a film page that shows no title: from its metadata, its address or its file name.

A page whose title was an image or a link that did not survive copying is named
from what reads as a title (the page's schema.org data or HTML title, the slug
of its address, its file name), never from something that does not
(`film-20447`); the number in such a name is the archive's own id of the film.
Where nothing reads as a title the film is "Untitled (archive film 20447)".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from curator.interchange.titles import title_case

if TYPE_CHECKING:
    from curator.interchange.pages import FilmPage

# "film-20447", "page_20447", "20447": a file name that is the archive's id, not a title
_ARCHIVE_ID = re.compile(r"^(?:archive[-_ ]?)?(?:films?|pages?|id)?[-_ ]?(?P<id>\d+)$",
                         re.IGNORECASE)
_NOT_TITLE_WORDS = {"page", "film", "films", "archive", "index", "untitled", "copy", "new",
                    "document", "download", "file", "html", "text", "txt", "view", "show",
                    "detail", "details", "item", "movie", "movies", "entry", "php", "asp"}
_TITLE_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def name_page(page: FilmPage, path: Path, fallback: str, address: str) -> None:
    """Find the archive's id of the page's film and, if the page shows none, its title."""
    m = _ARCHIVE_ID.match(path.stem)
    page.archive_id = m.group("id") if m else ""
    slug = ""
    if address:  # `.../films/20447/kings-of-the-road/`: the archive's id, and a title
        parts = [unquote(p) for p in urlsplit(address).path.split("/") if p]
        numbers = [i for i, p in enumerate(parts) if p.isdigit()]
        if numbers:
            page.archive_id = page.archive_id or parts[numbers[-1]]
            slug = parts[numbers[-1] + 1] if numbers[-1] + 1 < len(parts) else ""
        elif parts:
            slug = parts[-1].rsplit(".", 1)[0]
    if page.title:
        return
    if slug and not fallback:
        words = re.sub(r"[-_]+", " ", slug).split()
        if _reads_as_title(words):
            page.title = title_case(" ".join(words).upper())
            page.title_from = f"the page's address {address}"
            page.problems.insert(0, f"The page shows no title; \u201c{page.title}\u201d was "
                                    f"taken from {page.title_from}. Check it.")
            return
    _find_title(page, fallback, path)


def metadata_title(json_ld: list[dict], document_title: str) -> str:
    """The film's title as the page's metadata gives it, or ""."""
    return _json_ld_title(json_ld) or _document_title(document_title)


def _json_ld_title(entries: list[dict]) -> str:
    """The name of the page's film in its schema.org data; whatever else that data holds."""
    graphs = [e.get("@graph") for e in entries]
    nodes = [*entries, *(g for graph in graphs if isinstance(graph, list) for g in graph
                         if isinstance(g, dict))]
    for node in nodes:
        name = node.get("name")
        if node.get("@type") in ("Movie", "Film", "CreativeWork") and isinstance(name, str) \
                and name.strip():
            return name.strip()
    return ""


def _document_title(text: str) -> str:
    return re.split(r"\s+[|\u00b7\u2013\u2014-]\s+", text)[0].strip() if text else ""


def _find_title(page: FilmPage, fallback: str, path: Path) -> None:
    if fallback:
        page.title, page.title_from = fallback, "the page's metadata"
    elif not page.archive_id:
        words = re.sub(r"^(?:archive-page|film|page)-", "", path.stem)
        words = re.sub(r"[-_]+", " ", words).split()
        phrase = r"\W+".join(re.escape(w) for w in words)
        text = "\n".join([*page.synopsis, *(q for q, _ in page.quotes)])
        m = re.search(rf"\b{phrase}\b", text, re.IGNORECASE) if len(words) >= 2 else None
        if m:  # the file name as the page's own text spells it
            page.title, page.title_from = m.group(), f"the file name {path.name}"
        elif _reads_as_title(words):
            page.title = title_case(" ".join(words).upper()) if " ".join(words).islower() \
                else " ".join(words)
            page.title_from = f"the file name {path.name}"
    if page.title:
        page.problems.insert(0, f"The page shows no title; \u201c{page.title}\u201d was taken "
                                f"from {page.title_from}. Check it.")
        return
    page.untitled = True
    named = f"archive film {page.archive_id}" if page.archive_id else path.name
    page.title = f"Untitled ({named})"
    page.problems.insert(0, f"The page shows no title, and none could be found; the film "
                            f"is named \u201c{page.title}\u201d until its title is known.")


def _reads_as_title(words: list[str]) -> bool:
    """`kings-of-the-road` reads as a title; `film-20447`, `page2` or `index` does not."""
    return len("".join(words)) >= 3 \
        and all(_TITLE_WORD.fullmatch(w) for w in words) \
        and not {w.casefold() for w in words} & _NOT_TITLE_WORDS
