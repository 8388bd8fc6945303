"""Verbs on retrospective lists: show them, write one as a spreadsheet."""

from __future__ import annotations

import argparse

from curator.cli.core import archive_location, record_id
from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("lists", help="show the retrospective lists and their counts")
    p.add_argument("archive", type=archive_location)
    p.add_argument("--csv", nargs=2, metavar=("LIST_ID", "FILE"),
                   help="write one list as a CSV spreadsheet")
    p.set_defaults(handler=cmd_lists, parser=p)


def _runtime(minutes: int) -> str:
    hours, mins = divmod(minutes, 60)
    return f"{hours} h {mins:02d} min" if hours else f"{mins} min"


def cmd_lists(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog

    catalog = Catalog.open(args.archive)
    try:
        if args.csv:
            from curator.interchange.list_csv import write_list_csv

            list_id, target = args.csv
            try:
                collection_id = record_id(list_id)
            except argparse.ArgumentTypeError as exc:
                args.parser.error(f"--csv takes a list id: {exc}")
            count = write_list_csv(catalog, collection_id, target)
            print(f"Wrote {count} films of list {list_id} to {target}")
            return 0
        lists = catalog.lists.all()
        if not lists:
            print("No lists yet.")
            return 0
        for c in lists:
            films = len(c.items)
            print(printable(f"{c.id:>5}  {c.title}  ({films} film{'s' if films != 1 else ''}, "
                            f"{_runtime(c.total_runtime)}, {c.state})"
                            + (f" \u2014 {c.curator}" if c.curator else "")))
        return 0
    finally:
        catalog.close()
