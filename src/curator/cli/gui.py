"""`curator open [ARCHIVE]` (also plain `curator [ARCHIVE]`): the main window."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "open", help="open the main window (the default: the last archive, else the demo)")
    p.add_argument("archive", nargs="?", type=Path,
                   help="the archive folder (default: the last one used, else the demo)")
    p.set_defaults(handler=cmd_open)


def cmd_open(args: argparse.Namespace) -> int:
    from curator.gui.app import run

    return run(args.archive)
