"""Verbs that keep the catalogue clean: list probable duplicates, merge two records."""

from __future__ import annotations

import argparse
import json
import sys

from curator.cli.core import archive_location, record_id
from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "duplicates", help="list films (or people) that are probably one record typed twice",
        description="Lists pairs of films that are probably one film (the same title once "
                    "articles, accents and case are set aside, or a close one; years within "
                    "one; a director or a screening in common), best first, each with its "
                    "score and why; --people lists people who are probably one person.")
    p.add_argument("archive", type=archive_location)
    p.add_argument("--people", action="store_true", help="pairs of people, not of films")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(handler=cmd_duplicates)

    p = sub.add_parser(
        "merge", help="merge two records of one film (or person) into one",
        description="Merges OTHER_ID into KEEP_ID: every credit, screening, award, quote, "
                    "still, list entry, related film and id of both is kept; each field "
                    "keeps KEEP_ID's value unless it is empty or --take FIELD=other says "
                    "otherwise (the archive's own fields too: --take shelf-mark=other). "
                    "OTHER_ID then leads to KEEP_ID. One step: the desk's Undo "
                    "or another merge does not lose it.")
    p.add_argument("archive", type=archive_location)
    p.add_argument("keep_id", type=record_id, metavar="KEEP_ID")
    p.add_argument("other_id", type=record_id, metavar="OTHER_ID")
    p.add_argument("--take", action="append", default=[], metavar="FIELD=other",
                   help="take this field's value from OTHER_ID (FIELD=keep keeps KEEP_ID's, "
                   "even when it is empty)")
    p.add_argument("--people", action="store_true", help="the ids are people's")
    p.set_defaults(handler=cmd_merge)


def cmd_duplicates(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog

    catalog = Catalog.open(args.archive)
    try:
        pairs = catalog.duplicates.of("person" if args.people else "film")
    finally:
        catalog.close()
    if args.json:
        json.dump([{"first_id": p.first_id, "first": p.first, "second_id": p.second_id,
                    "second": p.second, "score": p.score, "reasons": list(p.reasons)}
                   for p in pairs], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    what = "people" if args.people else "films"
    if not pairs:
        print(f"No {what} look like duplicates.")
        return 0
    for p in pairs:
        print(printable(f"{p.score:>3}  {p.first_id:>6} {p.first}  |  {p.second_id:>6} "
                        f"{p.second}  \u2014 {p.reason}"))
    print(f"{len(pairs):,} pair{'s' if len(pairs) != 1 else ''} of {what} that may be one; "
          f"merge with: curator merge ARCHIVE KEEP_ID OTHER_ID"
          f"{' --people' if args.people else ''}")
    return 0


def _choices(given: list[str]) -> dict[str, str]:
    from curator.catalog import ValidationError

    choices = {}
    for text in given:
        field, equals, side = text.partition("=")
        if not equals:
            raise ValidationError({text: f"--take {text}: say FIELD=other (or FIELD=keep)."})
        choices[field] = side
    return choices


def cmd_merge(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog

    choices = _choices(args.take)
    catalog = Catalog.open(args.archive)
    try:
        if args.people:
            done = catalog.people.merge(args.keep_id, args.other_id, choices)
        else:
            keep, other = catalog.films.resolve(args.keep_id), catalog.films.resolve(
                args.other_id)
            done = catalog.films.merge(keep, other, choices)
        print(printable(f"Done: {done.label}."))
    finally:
        catalog.close()
    return 0
