"""Rendering pages with Jinja2 (autoescaped), and fingerprinting what a page is made from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from markupsafe import Markup, escape

try:  # markupsafe 3: a str's escaping as a plain str, without making a Markup of it
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - an older markupsafe
    def _escape_inner(text: str) -> str:
        return str(escape(text))

from curator import resources_dir

if TYPE_CHECKING:  # the process rendering beside the exporter (render_worker) never loads
    # these, nor the catalogue's modules they bring: starting it costs a fraction of a second
    from curator.publish.pages import Page
    from curator.publish.writer import SiteWriter

# A page as it is rendered: (template, path, way back to the site's root, context)
Layout = tuple[str, str, str, dict[str, Any]]


def layout_of(page: Page) -> Layout:
    """What rendering `page` takes, plain values a second process can be handed."""
    from curator.publish import urls

    root = page.context.get("absolute_root") or urls.root_of(page.path)
    return page.template, page.path, root, page.context


def site_resources() -> Path:
    return resources_dir() / "site"


def design_of(folder: Path) -> str:
    """A digest of the templates and assets in `folder`."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# Compiled templates call `environment.shown` (below), which Jinja's own do not: they are
# cached under a name of their own, so that neither is ever taken for the other.
_CACHED_AS = "__curator_site_%s.cache"


def _compiled_templates() -> BytecodeCache | None:
    """Jinja's cache of compiled templates, in a folder only this user can write (Jinja
    makes it and checks it), each checked against its template's source: a new process
    renders its first page without compiling the templates again. None where there is no
    such folder."""
    try:
        return FileSystemBytecodeCache(pattern=_CACHED_AS)
    except (OSError, RuntimeError):
        return None


# what `name.attribute` finds on a dict before its keys (its methods): nothing else
_DICT_ATTRIBUTES = frozenset(dir(dict))


def shown(value: Any) -> Any:
    """A value printed in a page, escaped: the same text as markupsafe's `escape`, but a
    plain str (an int as its digits) where `escape` would wrap it in a new Markup. Pages
    print some eighty values each, and the Markup is thrown away: everything printed is
    joined into one str, and a macro's output is made Markup as a whole."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:  # a macro's output, a `|safe` value: already escaped, not copied
        return value
    if kind is int:
        return str(value)
    return escape(value)  # anything else escaped (or refused) as Jinja does


class ShownCodeGenerator(CodeGenerator):
    """Jinja's compiler, printing each value through `shown` where it calls `escape`."""

    def _output_child_pre(self, node: Expr, frame: Frame,
                          finalize: CodeGenerator._FinalizeInfo) -> None:
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("environment.shown(")
        if finalize.src is not None:
            self.write(finalize.src)


class SiteEnvironment(Environment):
    """Jinja's environment, finding `page.title` in a page's context (plain dicts) at once:
    Jinja asks for an attribute first, and a dict's missing attribute costs an exception,
    some eighty a page. What it finds is the same: a dict's attributes are its methods."""

    code_generator_class = ShownCodeGenerator
    shown = staticmethod(shown)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


# what a page is made from, as text: one encoder for every page (json.dumps with options
# makes a new one at each call)
_FINGERPRINT_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str).encode


class Renderer:
    def __init__(self, resources: Path | None = None) -> None:
        self.resources = resources or site_resources()
        self.env = SiteEnvironment(
            # the assets too: the 404 page takes the stylesheet in (it is served anywhere)
            loader=FileSystemLoader([self.resources / "templates", self.resources / "assets"]),
            autoescape=select_autoescape(["html", "xml"], default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=_compiled_templates(),
            # the design's digest is taken once, below: a template changed later is not
            # this renderer's, so it need not ask the disk about each one at every page
            auto_reload=False,
        )
        # A change to any template or asset makes every page new.
        self.design = design_of(self.resources)

    def fingerprint(self, page: Page) -> str:
        body = _FINGERPRINT_JSON(page.context)
        return hashlib.sha256(f"{self.design}\n{page.path}\n{page.template}\n{body}"
                              .encode()).hexdigest()

    def to_write(self, writer: SiteWriter, page: Page) -> tuple[Page, str] | None:
        """The page laid out, and what it is made from; None when the last export wrote it
        from the same things (the file is kept)."""
        if page.key is not None:  # laid out only if what it shows changed
            source = f"{self.design}:{page.key}"
            return None if writer.keep(page.file, source) else (page.built(), source)
        fingerprint = self.fingerprint(page)
        return None if writer.keep(page.file, fingerprint) else (page, fingerprint)

    def write_page(self, writer: SiteWriter, page: Page) -> None:
        """Write a page unless the last export wrote it from the same things."""
        planned = self.to_write(writer, page)
        if planned is not None:
            built, source = planned
            writer.put(page.file, self.render(built), source)

    def render(self, page: Page) -> bytes:
        return self.lay_out(*layout_of(page))

    def lay_out(self, template: str, path: str, root: str, context: dict[str, Any]) -> bytes:
        """A page's HTML (see `layout_of`)."""
        return (self.env.get_template(template).render(root=root, path=path, **context)
                .encode("utf-8"))

    def assets(self) -> list[tuple[str, Path]]:
        """(site path, file) of the stylesheet, the search script and the icon."""
        folder = self.resources / "assets"
        return [(f"assets/{p.relative_to(folder).as_posix()}", p)
                for p in sorted(folder.rglob("*")) if p.is_file()]
