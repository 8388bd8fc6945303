"""The `curator` command line: the GUI launcher and the headless verbs.

Each area registers its verbs from its own module (see COMMAND_MODULES). Errors
a user can act on print one line on stderr and exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from curator import CuratorError, __version__, collector

# Modules with a `register(subparsers)` function adding their verbs.
COMMAND_MODULES = [
    "curator.cli.core",
    "curator.cli.lists",
    "curator.cli.stills",
    "curator.cli.interchange",
    "curator.cli.gui",
    "curator.cli.publish",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curator", description="Catalogue film-festival archives and publish them."
    )
    parser.add_argument("--version", action="version", version=f"curator {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    parser.commands = set(subparsers.choices)  # type: ignore[attr-defined]
    return parser


def _names_an_archive(word: str, commands: set[str]) -> bool:
    """`curator Some.curator` opens it; an unknown word stays a usage error."""
    if word in commands or word.startswith("-"):
        return False
    return Path(word).exists() or word.endswith(".curator") or os.sep in word


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or _names_an_archive(argv[0], parser.commands):
        argv = ["open", *argv]  # `curator [ARCHIVE]` opens the main window
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        if args.command == "open":  # the desk sets its own policy
            return args.handler(args) or 0
        with collector.paused():  # a verb is one short process of long work
            return args.handler(args) or 0
    except CuratorError as exc:
        print(f"curator: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("curator: interrupted; nothing more was changed.", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"curator: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
