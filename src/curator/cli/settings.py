"""`curator settings`: the site's settings (title, base address, language, wording,
optional parts, logo), shown and changed by the catalogue's own rules."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.cli.core import archive_location
from curator.cli.errors import print_error
from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("settings", help="show or change the site's settings",
                       description="Without KEY: every site setting. With KEY: its value. "
                       "With KEY and VALUE: set it (an empty VALUE restores the default).")
    p.add_argument("archive", type=archive_location)
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.set_defaults(handler=cmd_settings, parser=p)


def cmd_settings(args: argparse.Namespace) -> int:
    from curator.catalog.settings import SITE_SETTING, SITE_SETTINGS

    if args.key is not None and args.key not in SITE_SETTING:
        print_error(f"There is no site setting \u201c{printable(args.key)}\u201d; the settings "
                    f"are {', '.join(s.key for s in SITE_SETTINGS)}.")
        return 2
    from curator.catalog import Catalog

    catalog = Catalog.open(args.archive)
    try:
        if args.key is None:
            width = max(len(s.key) for s in SITE_SETTINGS)
            for s in SITE_SETTINGS:
                value = catalog.settings.get(s.key)
                shown = value or (f"{s.default} (default)" if s.default else "(none)")
                print(printable(f"{s.key:<{width}}  {shown}    \u2014 {s.help}"))
            return 0
        setting = SITE_SETTING[args.key]
        if args.value is None:
            print(printable(catalog.settings.get(setting.key) or setting.default))
            return 0
        value = args.value.strip()
        if setting.kind == "image" and value:
            value = str(Path(value).expanduser().resolve())
        catalog.settings.set(setting.key, value)
        shown = value or f"{setting.default or '(none)'} (default)"
        print(printable(f"{setting.key}: {shown}"))
        return 0
    finally:
        catalog.close()
