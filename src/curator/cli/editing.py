"""Verbs that change many films at once: edit and replace."""

from __future__ import annotations

import argparse

from curator.cli.core import archive_location
from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "edit", help="change every film a search finds, in one step",
        description="Set, add or remove a value on every film QUERY finds, e.g. "
                    "curator edit A.curator --where 'edition:\"miff 1989\" state:draft' "
                    "--set state=published. FIELDS: state, kind, format, colour and the "
                    "archive's own fields, e.g. \"Print source=KAVI\" (--set; empty clears); "
                    "country, language, genre, appearance=EDITION[/SECTION], list=TITLE "
                    "(--add, --remove).")
    p.add_argument("archive", type=archive_location)
    p.add_argument("--where", required=True, metavar="QUERY",
                   help="the films to change, as a search finds them ('' for every film)")
    p.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--add", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--remove", action="append", default=[], metavar="FIELD=VALUE")
    p.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser(
        "replace", help="find and replace in one field of the films a search finds",
        description="FIELD is title, original-title, synopsis, notes, quotes or people "
                    "(the names of the people the films credit). Prints each change, "
                    "before and after, then makes them all as one step.")
    p.add_argument("archive", type=archive_location)
    p.add_argument("field")
    p.add_argument("old", help="the text to find (a regular expression with --regex)")
    p.add_argument("new", help="what to put instead (\\1 names a group with --regex)")
    p.add_argument("--where", default="", metavar="QUERY",
                   help="only the films this search finds (default: every film)")
    p.add_argument("--regex", action="store_true", help="OLD is a regular expression")
    p.add_argument("--whole-word", action="store_true", help="only OLD as a whole word")
    p.add_argument("--match-case", action="store_true", help="only OLD in the same case")
    p.add_argument("--dry-run", action="store_true", help="list the changes, make none")
    p.set_defaults(handler=cmd_replace)


def cmd_edit(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog, FilmQuery
    from curator.store import ArchiveError

    query = FilmQuery.parse(args.where)  # a typing slip is found before opening anything
    if not (args.set or args.add or args.remove):
        raise ArchiveError("Say what to change: --set, --add or --remove FIELD=VALUE.")
    catalog = Catalog.open(args.archive)
    try:
        changes = [catalog.bulk.change(action, text)
                   for action, given in (("set", args.set), ("add", args.add),
                                         ("remove", args.remove)) for text in given]
        ids = catalog.search.films(query, limit=catalog.counts()["films"] or 1, count=False).ids
        if not ids:
            print(printable(f"No film matches \u201c{args.where}\u201d; nothing to change."))
            return 0
        plan = catalog.bulk.plan(ids, changes)
        for line in plan.lines:
            print(printable(line))
        if args.dry_run:
            print(f"{plan.label}: nothing was changed (--dry-run).")
            return 0
        if not plan.changing:
            print("Nothing to change.")
            return 0
        done = catalog.bulk.apply(ids, changes)
        print(printable(f"Done: {done.label} ({plan.changing:,} changed)."))
    finally:
        catalog.close()
    return 0


def cmd_replace(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog, FilmQuery, ReplaceRule
    from curator.catalog.replace import field_of

    query = FilmQuery.parse(args.where)
    rule = ReplaceRule(field_of(args.field), args.old, args.new, whole_word=args.whole_word,
                       match_case=args.match_case, regex=args.regex)
    rule.pattern()  # a bad expression is refused before the archive is opened
    catalog = Catalog.open(args.archive)
    try:
        ids = catalog.search.films(query, limit=catalog.counts()["films"] or 1, count=False).ids
        found = catalog.replace.plan(ids, rule)
        for r in found:
            print(printable(f"{r.record}: \u201c{_clip(r.before)}\u201d \u2192 "
                            f"\u201c{_clip(r.after)}\u201d"))
        if not found:
            print(printable(f"Nothing to replace: \u201c{args.old}\u201d is in no "
                            f"{args.field} of {len(ids):,} films."))
            return 0
        if args.dry_run:
            print(f"{len(found):,} to change; nothing was changed (--dry-run).")
            return 0
        done = catalog.replace.apply(rule, found)
        print(printable(f"Done: {done.label}."))
    finally:
        catalog.close()
    return 0


def _clip(text: str, most: int = 70) -> str:
    """A long text (a synopsis) shown on one line, cut at a word."""
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[:most].rsplit(" ", 1)[0] + " \u2026"
