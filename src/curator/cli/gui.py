"""`curator open [ARCHIVE]` (also plain `curator [ARCHIVE]`): the main window."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.cli.core import archive_location


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "open", help="open the main window (the default: the last archive, else the demo)")
    p.add_argument("archive", nargs="?", type=archive_location,
                   help="the archive folder, a postgresql:// address or a NAME.curator-team "
                   "file (default: the last one used, else the demo)")
    p.add_argument("--screenshot", type=Path, metavar="PNG",
                   help="save a picture of the main window on ARCHIVE and quit")
    p.set_defaults(handler=cmd_open)


def cmd_open(args: argparse.Namespace) -> int:
    from curator.gui.app import run, screenshot

    if args.screenshot:
        if args.archive is None:
            raise SystemExit("curator open: --screenshot needs an ARCHIVE.")
        return screenshot(args.archive, args.screenshot)
    return run(args.archive)
