"""A web-archive film page's HTML as a flat list of text blocks, with the standard library's parser.

The page interpreter (pages.py) reads blocks, not markup, so the rendered text
of a page and its HTML are read by the same rules. Markup that carries meaning
survives as the block's kind: the h1 title, quotes and their attribution inside
a blockquote, the entries of a list, a definition term with its description.
Scripts, styles and navigation are left out; JSON-LD is kept for the title.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from curator.interchange.errors import ReadError
from curator.interchange.json_input import parse_json

BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
              "li", "ul", "ol", "blockquote", "dl", "dt", "dd", "figure", "figcaption",
              "footer", "header", "table", "tr", "td", "th", "aside", "address", "body"}
SKIPPED = {"script", "style", "nav", "noscript", "template", "svg", "head", "button", "form",
           "select"}
HIDDEN_CLASSES = {"visually-hidden", "sr-only", "skip"}
# Class names Curator's export gives the parts of a film page.
CLASS_KINDS = {"appearances": "facts", "original-title": "original-title",
               "alt-titles": "alt-titles", "directors": "p"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}


@dataclass
class Block:
    kind: str  # title, heading, p, facts, fact, quote, attribution, source, caption,
    #            original-title, alt-titles, item-title, item
    text: str
    group: int | None = None  # which blockquote or list entry the block belongs to


@dataclass
class HtmlPage:
    blocks: list[Block] = field(default_factory=list)
    document_title: str = ""
    address: str = ""  # where the page says it lives (its canonical link or og:url)
    json_ld: list[dict[str, Any]] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self.stack: list[str] = []
        self.classes: list[set[str]] = []  # the class names of each open element
        self.figure_quote: list[bool] = []  # per open <figure>: does it hold a blockquote?
        self.skip_depth = 0
        self.text: list[str] = []
        self.quote_group: int | None = None
        self.item_group: int | None = None
        self.groups = 0
        self.in_title = False
        self.in_json_ld = False
        self.json_text: list[str] = []
        self.term = ""  # a <dt> waiting for its <dd>
        self.link_text: list[str] | None = None

    def _address(self, attrs: dict[str, str | None]) -> None:
        if "canonical" in (attrs.get("rel") or "").split():
            self.page.address = (attrs.get("href") or "").strip()
        elif attrs.get("property") == "og:url" and not self.page.address:
            self.page.address = (attrs.get("content") or "").strip()

    # -- structure -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br" and not self.skip_depth:
                self.text.append("\n")
            elif tag in ("link", "meta"):
                self._address(dict(attrs))
            return
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.in_json_ld = True
        if tag == "title":
            self.in_title = True
        classes = set((dict(attrs).get("class") or "").split())
        # the site's masthead and colophon sit right in <body>; a film's own header does not
        site_chrome = tag in ("header", "footer") and set(self.stack) <= {"html", "body"}
        hidden = bool(classes & HIDDEN_CLASSES)
        if tag in SKIPPED or self.skip_depth or site_chrome or hidden:
            self.skip_depth += 1
            self._push(tag, classes)
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if tag == "figure":
            self.figure_quote.append(False)
        elif tag == "blockquote":
            if self.figure_quote and self.figure_quote[-1] and self.quote_group is not None:
                pass  # a second blockquote in the same figure: the same quote
            else:
                self.groups += 1
                self.quote_group = self.groups
            if self.figure_quote:
                self.figure_quote[-1] = True
        elif tag == "cite" and self.quote_group is not None:
            self._flush("figcaption")  # the attribution before the source
        elif tag == "li" and not self._within("appearances"):
            self.groups += 1
            self.item_group = self.groups
        elif tag == "a" and self.item_group is not None:
            self._flush()  # the text before the link is a block of its own
            self.link_text = []
        self._push(tag, classes)

    def _push(self, tag: str, classes: set[str]) -> None:
        self.stack.append(tag)
        self.classes.append(classes)

    def _within(self, class_name: str) -> bool:
        return any(class_name in c for c in self.classes)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in self.stack:
            return  # a stray end tag: ignore it, as browsers do
        while self.stack:
            open_tag = self.stack[-1]
            self._close(open_tag)
            self.stack.pop()
            self.classes.pop()
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skip_depth:
            self.skip_depth -= 1
            if tag == "script" and self.in_json_ld:
                self.in_json_ld = False
                self._keep_json_ld("".join(self.json_text))
                self.json_text = []
            return
        if tag == "a" and self.link_text is not None:
            title = " ".join("".join(self.link_text).split())
            if title and not title.startswith("More"):
                self.text = []  # the link's text becomes the entry's title, not a paragraph
                self.page.blocks.append(Block("item-title", title, self.item_group))
            self.link_text = None
            return
        if tag == "cite" and self.quote_group is not None:
            self._flush("cite")
            return
        if tag in BLOCK_TAGS:
            self._flush(tag)
        if tag == "blockquote" and not self.figure_quote:
            self.quote_group = None
        elif tag == "figure" and self.figure_quote:
            if self.figure_quote.pop():
                self.quote_group = None  # the figure held a quote: its caption was credited
        elif tag == "li":
            self.item_group = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page.document_title += data
        if self.in_json_ld:
            self.json_text.append(data)
        if self.skip_depth:
            return
        data = data.replace("\n", " ")  # a line break in the source is only a space
        self.text.append(data)
        if self.link_text is not None:
            self.link_text.append(data)

    # -- blocks ----------------------------------------------------------------------
    def _flush(self, closing: str | None = None) -> None:
        raw = "".join(self.text)
        self.text = []
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        inner = closing or (self.stack[-1] if self.stack else "p")
        if inner == "dt":
            self.term = text
            return
        if inner == "dd" and self.term:
            text, self.term = f"{self.term}: {text}", ""
        kind = "p"
        group = None
        # the innermost element with a telling class decides (unclosed tags nest deep)
        kind = next((CLASS_KINDS[c] for classes in reversed(self.classes) for c in classes
                     if c in CLASS_KINDS), kind)
        if inner == "h1":
            kind = "title"
        elif inner in ("h2", "h3", "h4", "h5", "h6"):
            kind = "heading"
        elif inner in ("dt", "dd"):
            kind = "fact"
        if self.quote_group is not None:
            group = self.quote_group
            if inner == "cite":
                kind = "source"
            elif "figcaption" in self.stack or "footer" in self.stack or inner in (
                    "footer", "figcaption"):
                kind = "attribution"
            else:
                kind = "quote"
        elif inner == "figcaption" or "figcaption" in self.stack:
            kind = "caption"
        elif self.item_group is not None:
            kind = "item-title" if inner in ("h2", "h3", "h4", "h5", "h6") else "item"
            group = self.item_group
        self.page.blocks.append(Block(kind, text, group))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _keep_json_ld(self, text: str) -> None:
        try:
            data = parse_json(text)
        except ReadError:
            return  # broken metadata only lends no title; the page itself still reads
        for entry in data if isinstance(data, list) else [data]:
            if isinstance(entry, dict):
                self.page.json_ld.append(entry)

    def close(self) -> None:
        super().close()
        while self.stack:
            self._close(self.stack[-1])
            self.stack.pop()
            self.classes.pop()
        self._flush()


def parse_html(text: str) -> HtmlPage:
    """Blocks of an HTML page; broken or cut-off markup gives what could be read."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    # <cite> inside a footer: the same attribution twice
    blocks: list[Block] = []
    for b in parser.page.blocks:
        if blocks and b.kind == "attribution" and blocks[-1].kind == "attribution" \
                and blocks[-1].group == b.group:
            if b.text not in blocks[-1].text:
                blocks[-1].text += " " + b.text
            continue
        blocks.append(b)
    parser.page.blocks = blocks
    parser.page.document_title = " ".join(parser.page.document_title.split())
    return parser.page
