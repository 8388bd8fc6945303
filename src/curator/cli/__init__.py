"""The `curator` command line: the GUI launcher and the headless verbs.

Each area registers its verbs from its own module (see COMMAND_MODULES). Every
command ends the same way on a failure (see cli/errors.py): one line on stderr
naming the problem and the file, exit 1; usage errors exit 2.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
from pathlib import Path

from curator import __version__, collector
from curator.cli.errors import error_line, print_error, unexpected_line

# Modules with a `register(subparsers)` function adding their verbs.
COMMAND_MODULES = [
    "curator.cli.core",
    "curator.cli.lists",
    "curator.cli.settings",
    "curator.cli.editing",
    "curator.cli.searches",
    "curator.cli.fields",
    "curator.cli.duplicates",
    "curator.cli.stills",
    "curator.cli.sources",
    "curator.cli.interchange",
    "curator.cli.gui",
    "curator.cli.publish",
    "curator.cli.team",
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
    if word.startswith(("postgresql://", "postgres://")) or word.endswith(".curator-team"):
        return True
    return Path(word).exists() or word.endswith(".curator") or os.sep in word


def main(argv: list[str] | None = None) -> int:
    """Run one command; `argv=None` is this process's own command line, which ends with it."""
    process_ends = argv is None
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or _names_an_archive(argv[0], parser.commands):
        argv = ["open", *argv]  # `curator [ARCHIVE]` opens the main window
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    if hasattr(signal, "SIGXFSZ"):
        # past a file-size limit a write then fails with EFBIG, reported like a full disk,
        # instead of the process being killed halfway
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        if args.command == "open":  # the desk sets its own policy
            return args.handler(args) or 0
        with collector.paused(resume=not process_ends):  # a verb: one process of long work
            return args.handler(args) or 0
    except KeyboardInterrupt:
        print_error("interrupted; nothing more was changed.")
        return 130
    except Exception as exc:  # noqa: BLE001 - every failure ends in one line
        line = error_line(exc)
        print_error(line if line is not None else unexpected_line(exc, argv))
        return 1


if __name__ == "__main__":
    sys.exit(main())
