"""The archive's settings and what each may hold.

`site_base_url` becomes the canonical address on every exported page, in the
sitemap and in links: only an http or https address with a host will do, never
`javascript:` or a file path.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select

from curator.catalog.changes import RowChange
from curator.catalog.core import Operations
from curator.catalog.text import clean_text
from curator.catalog.unit import write_transaction
from curator.catalog.validation import raise_if
from curator.model import Setting

SITE_BASE_URL = "site_base_url"
# "on": a film's page says which source its text came from ("Source: MIFF 1989 catalogue,
# p. 42"); off (empty) unless turned on.
PUBLISH_SOURCES = "publish_sources"


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
        shown = " ".join(text.split())  # the message stays one line
        shown = shown if len(shown) <= 60 else shown[:60] + "\u2026"
        return (f"The site's address must be an http:// or https:// address, "
                f"not \u201c{shown}\u201d.")
    return None


def setting_problems(key: str, value: str) -> dict[str, str]:
    """Problems with a setting's value, by key."""
    if key == SITE_BASE_URL and (problem := site_address_problem(value)):
        return {key: problem}
    if key == PUBLISH_SOURCES and value not in ("", "on"):
        return {key: f"Publishing sources is “on” or off (empty), not "
                     f"“{value}”."}
    return {}


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
