"""Verbs that change many films at once: edit (and replace, in time)."""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "edit", help="change every film a search finds, in one step",
        description="Set, add or remove a value on every film QUERY finds, e.g. "
                    "curator edit A.curator --where 'edition:\"miff 1989\" state:draft' "
                    "--set state=published. FIELDS: state, kind, format, colour (--set); "
                    "country, language, genre, appearance=EDITION[/SECTION], list=TITLE "
                    "(--add, --remove).")
    p.add_argument("archive", type=Path)
    p.add_argument("--where", required=True, metavar="QUERY",
                   help="the films to change, as a search finds them ('' for every film)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--add", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--remove", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    p.set_defaults(handler=cmd_edit)


def cmd_edit(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog, FilmQuery
    from curator.store import ArchiveError

    query = FilmQuery.parse(args.where)  # a typing slip is found before opening anything
    if not (args.set or args.add or args.remove):
        raise ArchiveError("Say what to change: --set, --add or --remove FIELD=VALUE.")
    catalog = Catalog.open(args.archive)
    try:
        changes = [catalog.films_change(action, text)
                   for action, given in (("set", args.set), ("add", args.add),
                                         ("remove", args.remove)) for text in given]
        ids = catalog.search(query, limit=catalog.counts()["films"] or 1, count=False).ids
        if not ids:
            print(printable(f"No film matches \u201c{args.where}\u201d; nothing to change."))
            return 0
        plan = catalog.plan_films_edit(ids, changes)
        for line in plan.lines:
            print(printable(line))
        if args.dry_run:
            print(f"{plan.label}: nothing was changed (--dry-run).")
            return 0
        if not plan.changing:
            print("Nothing to change.")
            return 0
        done = catalog.edit_films(ids, changes)
        print(printable(f"Done: {done.label} ({plan.changing:,} changed)."))
    finally:
        catalog.close()
    return 0
