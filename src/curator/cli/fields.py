"""Verbs on the fields an archive adds to its films: list them, add, rename and remove one.

What a film holds in them is set like any other field: `curator edit` and the film form.
"""

from __future__ import annotations

import argparse

from curator.cli.core import archive_location, expect_words
from curator.cli.terminal import printable

KIND_CHOICES = ("text", "number", "yesno")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fields", help="list the archive's own film fields, or add, rename or remove one",
        description="With no action, lists the fields the archive adds to its films (in the "
                    "order the film form shows them), their kind and how many films hold a "
                    "value. `add NAME [--kind text|number|yesno]` adds one, `rename OLD NEW` "
                    "renames one, `remove NAME` removes one and what every film holds in it "
                    "(Undo in the desk brings both back).")
    p.add_argument("archive", type=archive_location)
    p.add_argument("action", nargs="?", choices=["list", "add", "rename", "remove"],
                   default="list")
    p.add_argument("words", nargs="*", metavar="NAME [NEW_NAME]")
    p.add_argument("--kind", choices=KIND_CHOICES, default=None,
                   help="what a new field holds: text (the default), a number, or yes/no")
    p.set_defaults(handler=cmd_fields, parser=p)


USAGE = {"add": "NAME", "rename": "OLD NEW", "remove": "NAME"}


def cmd_fields(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog

    expect_words(args, USAGE)
    if args.kind is not None and args.action != "add":
        args.parser.error("--kind is given with add only")
    catalog = Catalog.open(args.archive)
    try:
        fields = catalog.fields
        if args.action == "add":
            done = fields.add(args.words[0], args.kind or "text")
            added = next(f for f in fields.all() if f.id == done.created_id)
            print(printable(f"Added the field \u201c{added.name}\u201d ({added.kind_name})."))
            return 0
        if args.action in ("rename", "remove"):
            record = fields.named(args.words[0])
            if args.action == "rename":
                fields.rename(record.id, args.words[1])
                print(printable(f"Renamed the field \u201c{record.name}\u201d to "
                                f"\u201c{args.words[1].strip()}\u201d."))
            else:
                fields.remove(record.id)
                held = (f"; {record.films:,} film{'' if record.films == 1 else 's'} held "
                        "a value in it") if record.films else ""
                print(printable(f"Removed the field \u201c{record.name}\u201d{held}."))
            return 0
        records = fields.all()
        if not records:
            print("The archive has no fields of its own; add one with "
                  "\u201ccurator fields ARCHIVE add NAME\u201d.")
        for record in records:
            print(printable(f"{record.name}  ({record.kind_name}, {record.films:,} "
                            f"film{'' if record.films == 1 else 's'})"))
        return 0
    finally:
        catalog.close()
