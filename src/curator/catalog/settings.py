"""The archive's settings and what each may hold.

The site's settings (`SITE_SETTINGS`) are what the desk's Site Settings dialog and
`curator settings` show and change, each checked here, once, for both.
`site_base_url` becomes the canonical address on every exported page, in the
sitemap and in links: only an http or https address with a host will do, never
`javascript:` or a file path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select

from curator.catalog.changes import RowChange
from curator.catalog.core import Operations
from curator.catalog.text import clean_text
from curator.catalog.unit import write_transaction
from curator.catalog.validation import raise_if
from curator.model import Setting

SITE_BASE_URL = "site_base_url"
# on ("yes", or "on" as `curator sources publish` and the Archive menu write it): a film's
# page says which source its text came from ("Source: MIFF 1989 catalogue, p. 42"); off
# unless turned on.
PUBLISH_SOURCES = "publish_sources"
SOURCES_ON = "on"
LOGO_FORMATS = (".png", ".svg", ".jpg", ".jpeg", ".webp")
LOGO_MAX_BYTES = 2_000_000
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
YES, NO = "yes", "no"


@dataclass(frozen=True)
class SiteSetting:
    key: str
    label: str  # as the desk's dialog names it
    kind: str  # "text", "address", "language", "switch" (yes/no) or "image" (a file path)
    default: str
    help: str


SITE_SETTINGS: tuple[SiteSetting, ...] = (
    SiteSetting("site_name", "Site title", "text", "",
                "the site's name on every page (empty: the archive's or festival's name)"),
    SiteSetting(SITE_BASE_URL, "Base address", "address", "",
                "where the site is published, e.g. https://festival.example/archive/"),
    SiteSetting("site_language", "Language", "language", "en",
                "the language of the pages, as a language tag: en, fi, en-AU"),
    SiteSetting("see_also_heading", "See also heading", "text", "See also\u2026",
                "the heading above a film's related films"),
    SiteSetting("more_label", "More link", "text", "More \u00bb",
                "the link after each related film's teaser"),
    SiteSetting("show_sources", "Show sources of statements", "switch", YES,
                "whether a statement's source (a catalogue, a review) is shown with it"),
    SiteSetting("show_citations", "Show \u201cCite this page\u201d", "switch", YES,
                "a citation and its downloads on film, person and list pages"),
    SiteSetting("show_programme", "Show programme by day", "switch", NO,
                "a Programme page per festival edition: its showings day by day"),
    SiteSetting(PUBLISH_SOURCES, "Publish sources", "switch", NO,
                "a film's page names the printed source its text came from"),
    SiteSetting("site_logo", "Logo", "image", "",
                "an image file (PNG, SVG, JPEG or WebP) shown beside the site's title"),
)
SITE_SETTING = {s.key: s for s in SITE_SETTINGS}


def site_address_problem(value: str) -> str | None:
    """Why `value` cannot be the site's address, or None (empty means: no address)."""
    text = value.strip()
    if not text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.casefold() not in ("http", "https") or not parts.hostname \
            or any(c.isspace() for c in text):
        return (f"The site's address must be an http:// or https:// address, "
                f"not \u201c{_shown(text)}\u201d.")
    return None


def _shown(text: str) -> str:
    shown = " ".join(text.split())  # the message stays one line
    return shown if len(shown) <= 60 else shown[:60] + "\u2026"


def site_setting_problem(setting: SiteSetting, value: str, *, files: bool = True
                         ) -> str | None:
    """Why `value` cannot be this site setting's value, or None; `files`: whether a file
    it names must be on this computer (not so for a catalogue file from elsewhere)."""
    text = value.strip()
    if not text:
        return None  # the default
    if setting.kind == "address":
        return site_address_problem(text)
    if setting.kind == "language":
        if not _LANGUAGE.fullmatch(text):
            return (f"The language must be a language tag such as en, fi or en-AU, "
                    f"not \u201c{_shown(text)}\u201d.")
    elif setting.kind == "switch":
        if text not in (YES, NO) and not (setting.key == PUBLISH_SOURCES and text == SOURCES_ON):
            return f"{setting.label} is yes or no, not \u201c{_shown(text)}\u201d."
    elif setting.kind == "image" and text:
        path = Path(text)
        if path.suffix.casefold() not in LOGO_FORMATS:
            return (f"The logo must be a PNG, SVG, JPEG or WebP file, "
                    f"not \u201c{_shown(path.name)}\u201d.")
        if not files:
            return None
        if not path.is_absolute():
            return f"The logo must be given by its full path, not \u201c{_shown(text)}\u201d."
        if not path.is_file():
            return f"There is no logo file at {_shown(text)}."
        if path.stat().st_size > LOGO_MAX_BYTES:
            return f"The logo file {path.name} is over {LOGO_MAX_BYTES // 1_000_000} MB."
    elif setting.kind == "text" and "\n" in value.strip():
        return f"{setting.label} is one line of text."
    return None


def setting_problems(key: str, value: str, *, files: bool = True) -> dict[str, str]:
    """Problems with a setting's value, by key."""
    setting = SITE_SETTING.get(key)
    if setting is not None and (problem := site_setting_problem(setting, value, files=files)):
        return {key: problem}
    return {}


def sources_published(value: str) -> bool:
    """Whether the publish_sources setting's value turns it on (off when empty)."""
    return value.strip() in (YES, SOURCES_ON)


class Settings(Operations):
    """The archive's settings, by key."""

    def get(self, key: str, default: str = "") -> str:
        with self.core.read() as session:
            row = session.get(Setting, key)
            return row.value if row else default

    def set(self, key: str, value: str) -> None:
        value = clean_text(value)
        raise_if(setting_problems(key, value))
        with write_transaction(self.core.archive, f"Set {key.replace('_', ' ')}") as writing:
            conn, table = writing.conn, Setting.__table__
            before = conn.execute(select(table.c.value).where(table.c.key == key)).scalar()
            if before is not None:
                conn.execute(table.update().where(table.c.key == key).values(value=value))
            else:
                conn.execute(table.insert().values(key=key, value=value))
            if before != value:
                writing.rows = (RowChange("setting", (key,), None if before is None else {
                    "key": key, "value": before}, {"key": key, "value": value}),)
def switched_on(value: str) -> bool:
    return value.strip() != NO
