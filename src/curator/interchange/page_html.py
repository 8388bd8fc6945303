"""A web-archive film page's HTML as a flat list of text blocks, with the standard library's parser.

The page interpreter (pages.py) reads blocks, not markup, so the rendered text
of a page and its HTML are read by the same rules. Markup that carries meaning
survives as the block's kind: the h1 title, quotes and their attribution inside
a blockquote, the entries of a list, a definition term with its description.
Scripts, styles and navigation are left out; JSON-LD is kept for the title.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
              "li", "ul", "ol", "blockquote", "dl", "dt", "dd", "figure", "figcaption",
              "footer", "header", "table", "tr", "td", "th", "aside", "address", "body"}
SKIPPED = {"script", "style", "nav", "noscript", "template", "svg", "head", "button", "form",
           "select"}
VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr"}


@dataclass
class Block:
    kind: str  # title, heading, p, quote, attribution, item-title, item
    text: str
    group: int | None = None  # which blockquote or list entry the block belongs to


@dataclass
class HtmlPage:
    blocks: list[Block] = field(default_factory=list)
    document_title: str = ""
    json_ld: list[dict[str, Any]] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self.stack: list[str] = []
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

    # -- structure -------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br" and not self.skip_depth:
                self.text.append("\n")
            return
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self.in_json_ld = True
        if tag == "title":
            self.in_title = True
        site_chrome = tag in ("header", "footer") and self.quote_group is None
        if tag in SKIPPED or self.skip_depth or site_chrome:
            if tag not in VOID:
                self.skip_depth += 1
            self.stack.append(tag)
            return
        if tag in BLOCK_TAGS:
            self._flush()
        if tag == "blockquote":
            self.groups += 1
            self.quote_group = self.groups
        elif tag == "li":
            self.groups += 1
            self.item_group = self.groups
        elif tag == "a" and self.item_group is not None:
            self._flush()  # the text before the link is a block of its own
            self.link_text = []
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in self.stack:
            return  # a stray end tag: ignore it, as browsers do
        while self.stack:
            open_tag = self.stack.pop()
            self._close(open_tag)
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
        if tag in BLOCK_TAGS:
            self._flush(tag)
        if tag == "blockquote":
            self.quote_group = None
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
        if inner == "h1":
            kind = "title"
        elif inner in ("h2", "h3", "h4", "h5", "h6"):
            kind = "heading"
        if self.quote_group is not None:
            in_credit = any(t in ("footer", "cite") for t in self.stack) or inner in (
                "footer", "cite")
            kind, group = ("attribution" if in_credit else "quote"), self.quote_group
        elif self.item_group is not None:
            kind = "item-title" if inner in ("h2", "h3", "h4", "h5", "h6") else "item"
            group = self.item_group
        self.page.blocks.append(Block(kind, text, group))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def _keep_json_ld(self, text: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            return
        for entry in data if isinstance(data, list) else [data]:
            if isinstance(entry, dict):
                self.page.json_ld.append(entry)

    def close(self) -> None:
        super().close()
        while self.stack:
            self._close(self.stack.pop())
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
