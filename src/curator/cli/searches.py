"""Verbs on saved searches: list them with their counts, save, rename and remove one.

`curator search ARCHIVE --saved NAME` runs one (cli/core.py).
"""

from __future__ import annotations

import argparse

from curator.cli.core import archive_location, expect_words
from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "searches", help="list the saved searches with their counts, or save, rename or "
                         "remove one",
        description="With no action, lists the saved searches (the built-in ones first) and "
                    "how many films each finds now. `save NAME QUERY` keeps a query under a "
                    "name (QUERY as `curator search` takes it), `rename NAME NEW_NAME` and "
                    "`remove NAME` change the archive's own.")
    p.add_argument("archive", type=archive_location)
    p.add_argument("action", nargs="?", choices=["list", "save", "rename", "remove"],
                   default="list")
    p.add_argument("words", nargs="*", metavar="NAME [QUERY|NEW_NAME]")
    p.set_defaults(handler=cmd_searches, parser=p)


USAGE = {"save": "NAME QUERY", "rename": "NAME NEW_NAME", "remove": "NAME"}


def cmd_searches(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog, ValidationError

    expect_words(args, USAGE, "a name or a query")
    catalog = Catalog.open(args.archive)
    try:
        searches = catalog.saved_searches
        if args.action == "save":
            name, query = args.words
            done = searches.save(name, query)
            saved = searches.get(done.created_id)
            count = searches.count(saved.query)
            print(printable(f"Saved \u201c{saved.name}\u201d: {saved.query} "
                            f"({count:,} film{'' if count == 1 else 's'})."))
            return 0
        if args.action in ("rename", "remove"):
            record = searches.named(args.words[0])
            if record.built_in:
                verb = "renamed" if args.action == "rename" else "removed"
                raise ValidationError({"name": f"\u201c{record.name}\u201d is a built-in "
                                               f"search; it cannot be {verb}."})
            if args.action == "rename":
                searches.rename(record.id, args.words[1])
                print(printable(f"Renamed \u201c{record.name}\u201d to "
                                f"\u201c{args.words[1].strip()}\u201d."))
            else:
                searches.remove(record.id)
                print(printable(f"Removed \u201c{record.name}\u201d ({record.query})."))
            return 0
        for record in searches.all():
            if record.problem:
                found = f"cannot run: {record.problem}"
            else:
                found = f"{record.count:,} film{'' if record.count == 1 else 's'}"
            kind = "built in" if record.built_in else ""
            print(printable(f"{record.name}  {record.query}  ({found})"
                            + (f"  [{kind}]" if kind else "")))
        return 0
    finally:
        catalog.close()

