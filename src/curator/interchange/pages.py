"""Film pages of an existing web archive, read back into the catalogue.

Reads the festival's reference format, as rendered text or as the HTML Curator's
own export writes: the title; `Country / Country, Year (MIFF 1989, Section)`;
`Director: A, B`; the synopsis; quotes with their attribution; "See also..."
with its films. Pages vary: a missing title or line, text cut off mid-word, a
quote inside the synopsis with its attribution on a line of its own. What is
there is imported; what is missing or doubtful is written in the film's
internal note and the film stays a draft, so it shows among those needing
attention. Nothing is made up, and nothing a page holds is left out: a page whose
title cannot be found imports as "Untitled (archive film 20447)" (the number from
its file name, the archive's own id), a See-also entry without its title as an
untitled draft, and a title printed in capitals is set in title case, the printed
form kept as an alternative title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from curator.catalog.validation import check_year
from curator.interchange.page_html import Block, parse_html
from curator.interchange.page_titles import metadata_title, name_page
from curator.interchange.titles import in_capitals, title_case
from curator.interchange.values import split_countries

CHROME = {"skip to main content", "select a festival", "search the film archive",
          "browse by director", "more \u00bb", "more", "menu", "home"}
_FACTS = re.compile(
    r"^(?P<countries>[^()]*?)\s*,?\s*(?P<year>\b\d{4}\b)?\s*(?:\((?P<festival>[^()]*)\))?\s*$")
_FESTIVAL = re.compile(r"^(?P<name>.+?)\s+(?P<year>\d{4})(?:\s*,\s*(?P<section>.+))?$")
_DIRECTOR = re.compile(r"^(?:directors?|directed by|regie)\s*:?\s*(?P<names>.+)$", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"^\s*(?:\u2014|\u2013|--?|\u2015)\s*(?P<who>\S.{0,120})$")
_TRAILING_ATTRIBUTION = re.compile(
    r"^(?P<text>.+?[.!?\u2026'\"\u2019\u201d\u00bb])\s*(?:\u2014|\u2013|--|\u2015)\s*"
    r"(?P<who>[^.!?\u2014]{2,120})$", re.DOTALL)
_SEE_ALSO = re.compile(r"^see also\b", re.IGNORECASE)
_MORE = re.compile(r"\s*(?:\.\.\.|\u2026)?\s*More\s*(?:\u00bb|>>|&raquo;)?\s*$")
_OPENING = "'\"\u2018\u201c\u00ab\u201e"
_CLOSING = "'\"\u2019\u201d\u00bb"
_ENDS_SENTENCE = ".!?\u2026" + _CLOSING + ")]"
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us|me)\b")


@dataclass
class SeeAlso:
    title: str  # "" where the page shows none (the title was an image or a lost link)
    countries: list[str] = field(default_factory=list)
    year: int | None = None
    teaser: str = ""
    printed_title: str = ""  # the title as printed, where that was in capitals


@dataclass
class FilmPage:
    """What a page says about its film, and what it leaves out or cuts short."""

    source: str
    title: str = ""
    title_from: str = ""  # where the title came from, when not from the page's heading
    countries: list[str] = field(default_factory=list)
    year: int | None = None
    festival: str = ""
    festival_year: int | None = None
    section: str = ""
    appearances: list[tuple[str, int, str]] = field(default_factory=list)  # all screenings
    directors: list[str] = field(default_factory=list)
    original_title: str = ""
    alt_titles: list[str] = field(default_factory=list)
    credits: list[tuple[str, str]] = field(default_factory=list)  # (name, role), no directors
    details: dict[str, str] = field(default_factory=dict)  # runtime, format, colour...
    synopsis: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)
    quote_sources: list[str] = field(default_factory=list)
    see_also: list[SeeAlso] = field(default_factory=list)  # in the page's order
    problems: list[str] = field(default_factory=list)
    archive_id: str = ""  # the archive's own id of the film, from the file name
    untitled: bool = False  # no title could be found: the film is named after its id
    printed_title: str = ""  # the title as printed, where that was in capitals

    @property
    def needs_attention(self) -> bool:
        return bool(self.problems)

    @property
    def untitled_see_also(self) -> list[str]:
        """The teasers of the See-also entries the page shows without a title."""
        return [entry.teaser for entry in self.see_also if not entry.title]


def read_page(path: Path | str, text: str | None = None) -> FilmPage:
    """Read a page file (HTML or rendered text); never raises on odd content."""
    path = Path(path)
    if text is None:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    page = FilmPage(source=path.name)
    if re.search(r"<\s*(html|body|h1|p|div|article)\b", text[:5000], re.IGNORECASE):
        html = parse_html(text)
        blocks = html.blocks
        fallback = metadata_title(html.json_ld, html.document_title)
        address = html.address
    else:
        blocks = _text_blocks(text)
        fallback = address = ""
    _interpret(page, blocks)
    name_page(page, path, fallback, address)
    if in_capitals(page.title):
        page.printed_title, page.title = page.title, title_case(page.title)
    for entry in page.see_also:
        if in_capitals(entry.title):
            entry.printed_title, entry.title = entry.title, title_case(entry.title)
    return page


def _text_blocks(text: str) -> list[Block]:
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = []
    for para in paragraphs:
        lines = [" ".join(line.split()) for line in para.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if all(line.casefold() in CHROME for line in lines):
            continue
        if lines[0].casefold() in CHROME:  # "Select a festival / Search ..." closes the page
            lines = [line for line in lines if line.casefold() not in CHROME]
            if not lines:
                continue
        blocks.append(Block("p", "\n".join(lines) if _is_attribution(lines[-1])
                            else " ".join(lines)))
    return blocks


def _is_attribution(line: str) -> bool:
    return bool(_ATTRIBUTION.match(line))


def _interpret(page: FilmPage, blocks: list[Block]) -> None:
    blocks = [b for b in blocks if b.text.casefold().strip() not in CHROME]
    see_at = next((i for i, b in enumerate(blocks) if _SEE_ALSO.match(b.text)
                   and len(b.text) < 40), len(blocks))
    body, related = blocks[:see_at], blocks[see_at + 1:]
    facts_at = next((i for i, b in enumerate(body[:8]) if b.kind in ("facts", "p", "heading")
                     and _facts(b.text)), None)
    heading = next((b.text for b in body if b.kind == "title"), "")
    if heading:
        page.title = heading
    elif facts_at:
        # in rendered text the title is the block just above the facts line
        candidate = body[facts_at - 1]
        if candidate.kind in ("p", "heading") and len(candidate.text) < 200:
            page.title = candidate.text
    rest_from = 0
    if facts_at is not None:
        _read_facts(page, body[facts_at].text)
        for b in body[facts_at + 1:]:  # one line per festival appearance in our export
            if b.kind == "facts" and _facts(b.text):
                _read_facts(page, b.text, more=True)
        rest_from = facts_at + 1
    else:
        page.problems.append("The page has no line with the countries, the year and the "
                             "festival.")
    for b in body:
        if b.kind == "original-title" and not page.original_title:
            page.original_title = b.text
        elif b.kind == "alt-titles":
            page.alt_titles = [t.strip() for t in re.split(r"\s+\u00b7\s+", re.sub(
                r"^also known as\s+", "", b.text, flags=re.IGNORECASE)) if t.strip()]
        elif b.kind == "fact":
            _read_detail(page, b.text)
    director_at = next((i for i, b in enumerate(body) if b.kind == "p"
                        and _DIRECTOR.match(b.text) and len(b.text) < 300), None)
    if director_at is not None:
        names = _DIRECTOR.match(body[director_at].text).group("names")
        page.directors = [n.strip() for n in re.split(r",|\s+and\s+|\s*&\s*", names)
                          if n.strip()]
        rest_from = max(rest_from, director_at + 1)
    else:
        page.problems.append("The page names no director.")
    text_blocks = [b for i, b in enumerate(body) if i >= rest_from and i != director_at
                   and b.kind in ("p", "quote", "attribution", "source")]
    _read_synopsis(page, text_blocks)
    _read_see_also(page, related)
    last = (page.synopsis or [""])[-1] if not page.see_also else ""
    if last and last[-1] not in _ENDS_SENTENCE:
        tail = " ".join(last.split()[-4:])
        page.problems.append(f"The text ends mid-sentence (\u201c\u2026{tail}\u201d); the page "
                             "may be cut off.")


def _facts(text: str) -> bool:
    m = _FACTS.match(text)
    return bool(m and (m.group("year") or m.group("festival")) and len(text) < 200
                and not text.endswith(".") and (m.group("festival") is None
                                                or _FESTIVAL.match(m.group("festival"))))


def _read_facts(page: FilmPage, text: str, more: bool = False) -> None:
    m = _FACTS.match(text)
    festival = (m.group("festival") or "").strip()
    fm = _FESTIVAL.match(festival) if festival else None
    if fm:
        page.appearances.append((fm.group("name").strip(), int(fm.group("year")),
                                 (fm.group("section") or "").strip()))
    if more:
        return
    countries = (m.group("countries") or "").strip().rstrip(",")
    page.countries = split_countries(countries)
    if m.group("year"):
        year = int(m.group("year"))
        if check_year(year) is None:
            page.year = year
        else:
            page.problems.append(f"The year {year} on the page is not a film's year.")
    if not page.countries:
        page.problems.append("The page names no country.")
    if page.year is None and m.group("year") is None:
        page.problems.append("The page gives no year.")
    if fm:
        page.festival = fm.group("name").strip()
        page.festival_year = int(fm.group("year"))
        page.section = (fm.group("section") or "").strip()
    else:
        page.problems.append("The page names no festival.")


# The labels Curator's export gives credits and technical details.
ROLE_LABELS = {
    "director": "director", "directors": "director", "screenplay": "screenwriter",
    "producer": "producer", "producers": "producer", "cinematography": "cinematographer",
    "editing": "editor", "music": "composer", "sound": "sound",
    "production design": "production designer", "animation": "animator",
    "narrator": "narrator", "narrators": "narrator", "cast": "cast",
    "also credited": "other",
}  # fmt: skip
DETAILS = {"runtime": "runtime", "format": "format", "colour": "colour",
           "language": "languages", "languages": "languages", "genre": "genres",
           "genres": "genres"}


def _read_detail(page: FilmPage, text: str) -> None:
    label, sep, value = text.partition(":")
    label, value = label.strip().casefold(), value.strip()
    if not sep or not value:
        return
    if label in ROLE_LABELS:
        names = [re.sub(r"\s*\([^)]*\)$", "", n).strip() for n in value.split(",")]
        role = ROLE_LABELS[label]
        for name in filter(None, names):
            if role == "director":
                if name not in page.directors:
                    page.directors.append(name)
            else:
                page.credits.append((name, role))
    elif label in DETAILS:
        page.details[DETAILS[label]] = value


def _read_synopsis(page: FilmPage, blocks: list[Block]) -> None:
    paragraphs: list[str] = []
    quote_groups: dict[int, list[str]] = {}
    attributions: dict[int, str] = {}
    sources: dict[int, str] = {}
    order: list[int] = []
    for b in blocks:
        if b.kind in ("quote", "attribution", "source") and b.group is not None:
            if b.group not in quote_groups:
                quote_groups[b.group] = []
                order.append(b.group)
            if b.kind == "source":
                sources[b.group] = b.text.strip()
            elif b.kind == "attribution":
                attributions[b.group] = _clean_attribution(b.text).rstrip(",").strip()
            elif (m := _ATTRIBUTION.match(b.text)) and "\n" not in b.text:
                attributions[b.group] = _clean_attribution(m.group("who"))
            else:
                quote_groups[b.group].append(b.text)
            continue
        if b.kind in ("item", "item-title"):
            continue
        paragraphs.extend(p for p in b.text.split("\n") if p) if "\n" in b.text \
            else paragraphs.append(b.text)
    for group in order:
        text = "\n\n".join(quote_groups[group])
        if text:
            page.quotes.append((_unquote(text), attributions.get(group, "")))
            page.quote_sources.append(sources.get(group, ""))
    _quotes_in_synopsis(page, paragraphs)


def _quotes_in_synopsis(page: FilmPage, paragraphs: list[str]) -> None:
    """Quotes standing inside the synopsis: `'...' — Name`, or the name on its own line."""
    synopsis: list[str] = []
    for para in paragraphs:
        own_line = _ATTRIBUTION.match(para)
        trailing = None if own_line else _TRAILING_ATTRIBUTION.match(para)
        if not own_line and not trailing:
            synopsis.append(para)
            continue
        who = _clean_attribution((own_line or trailing).group("who"))
        quoted = [] if own_line else [trailing.group("text")]
        # the quote runs back to the paragraph that opens it
        start = len(synopsis)
        if not (quoted and quoted[0][:1] in _OPENING):
            for k in range(len(synopsis) - 1, 0, -1):
                if synopsis[k][:1] in _OPENING:
                    start = k
                    break
            else:
                if own_line and synopsis:
                    start = len(synopsis) - 1
        if own_line and start == len(synopsis) and synopsis:
            start = len(synopsis) - 1
        if who in page.directors and not any(p[:1] in _OPENING for p in
                                             [*synopsis[start:], *quoted]):
            # a director's statement without its opening mark: the paragraphs just above
            # that speak in the first person ("We stayed on...") are the statement's too
            while start > 1 and _FIRST_PERSON.search(synopsis[start - 1]):
                start -= 1
        text_parts = synopsis[start:] + quoted
        del synopsis[start:]
        if not text_parts:
            page.problems.append(f"An attribution to {who} stands without a quote.")
            continue
        text = "\n\n".join(text_parts)
        if text[:1] not in _OPENING and text.rstrip()[-1:] in _CLOSING:
            page.problems.append(
                f"The quote of {who} has no opening quotation mark; it may begin earlier in "
                "the synopsis.")
        page.quotes.append((_unquote(text), who))
        page.quote_sources.append("")
    page.synopsis = synopsis
    if not synopsis:
        page.problems.append("The page has no synopsis.")


def _clean_attribution(text: str) -> str:
    return " ".join(text.strip().lstrip("\u2014\u2013-\u2015 ").split())


def _unquote(text: str) -> str:
    text = text.strip()
    if text[:1] in _OPENING:
        text = text[1:]
    if text[-1:] in _CLOSING and text.count(text[-1]) % 2 == 1 or text[-1:] in "\u201d\u00bb":
        text = text[:-1]
    return text.strip()


def _read_see_also(page: FilmPage, blocks: list[Block]) -> None:
    entries: list[list[Block]] = []
    current: list[Block] = []
    last_group: int | None = None
    for b in blocks:
        if b.group is not None:  # HTML list entries: one <li> each
            if b.group != last_group and current:
                entries.append(current)
                current = []
            last_group = b.group
            current.append(b)
            continue
        current.append(b)
        if _MORE.search(b.text) and b.text.rstrip().endswith(("\u00bb", "More")):
            entries.append(current)
            current = []
    if current:
        entries.append(current)
    for entry in entries:
        title, teaser, countries, year = "", [], [], None
        for b in entry:
            text = b.text
            if b.kind == "item-title" and not title:
                title = text
            elif _facts(text) and not teaser:
                m = _FACTS.match(text)
                countries = split_countries((m.group("countries") or "").strip().rstrip(","))
                year = int(m.group("year")) if m.group("year") else None
            elif not _MORE.sub("", text).strip():
                continue
            elif _MORE.search(text) and text.rstrip().endswith(("\u00bb", "More")) \
                    or b.kind == "item" or title or teaser:
                teaser.append(text)
            else:
                title = text if len(text) < 200 else ""
                if not title:
                    teaser.append(text)
        teaser_text = _teaser(" ".join(teaser))
        if title or teaser_text or countries or year:
            page.see_also.append(SeeAlso(title, countries, year if year and
                                         check_year(year) is None else None, teaser_text))


def _teaser(text: str) -> str:
    """The teaser as the page cuts it, its "... More »" turned into an ellipsis."""
    text = " ".join(text.split())
    stripped = _MORE.sub("", text).rstrip()
    if stripped != text.rstrip() or text.endswith("..."):
        stripped = stripped.removesuffix("...").rstrip()
        if not stripped:
            return ""
        return stripped + (" \u2026" if stripped.endswith(".") else "\u2026")
    return stripped
