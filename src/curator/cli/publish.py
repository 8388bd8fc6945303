"""Verbs of the web archive: `export` writes the static site, `check` lists poor pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator import CuratorError
from curator.cli.core import archive_location
from curator.publish.selection import SPEC_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the published records as a static web archive")
    p.add_argument("archive", type=archive_location)
    p.add_argument("outdir", type=Path, help="the site's folder (created if missing)")
    p.add_argument("--select", metavar="SPEC", default="all",
                   help=f"what to export: {SPEC_HELP} (default all)")
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    p.add_argument("--verbose", action="store_true",
                   help="also say whether the export started from the last one, and why not")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("check", help="list what would make a poor page in the web archive")
    p.add_argument("archive", type=archive_location)
    p.set_defaults(handler=cmd_check)


def cmd_export(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.publish import export_site, parse_selection

    selection = parse_selection(args.select)
    outdir = args.outdir.expanduser().resolve()
    if outdir.parent == outdir:
        raise CuratorError(f"{args.outdir} is the top of a disk; the site needs a folder of "
                           f"its own (for example {outdir / 'site'}).")
    catalog = Catalog.open(args.archive)
    last = [""]

    def progress(done: int, total: int, message: str) -> bool:
        if not args.quiet and message != last[0]:
            print(message, flush=True)
            last[0] = message
        return True

    try:
        result = export_site(catalog, args.outdir, selection, progress=progress)
    finally:
        catalog.close()
    for note in result.skipped:
        print(f"Left out: {note}.", file=sys.stderr)
    for warning in result.warnings:
        print(f"Warning: {warning}.", file=sys.stderr)
    if args.verbose:
        print(f"The quick way: {result.quick_because}." if result.quick
              else f"The full way: {result.full_because}.")
    print(result.summary)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.cli.sources import unreferenced_line
    from curator.publish import check_archive
    from curator.sources.upkeep import check_source_files

    catalog = Catalog.open(args.archive)
    try:
        problems = check_archive(catalog)
        files = check_source_files(catalog, read=False)  # `sources check` reads them all
    finally:
        catalog.close()
    for problem in problems:
        print(problem)
    if files.problems:
        count = len(files.problems)
        print(f"{count} source file{'s are' if count != 1 else ' is'} missing: `curator "
              f"sources check` names {'them' if count != 1 else 'it'}.")
    if files.unreferenced:
        print(unreferenced_line(files.unreferenced))
    if problems:
        print(f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'} "
              "would make poor pages.", file=sys.stderr)
        return 1
    print("Every published page has what it needs.")
    return 0
