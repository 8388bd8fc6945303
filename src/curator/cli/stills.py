"""Verbs on stills: add image files to a film, check the originals, collect unreferenced ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator.cli.core import archive_location, record_id
from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    stills = sub.add_parser("stills", help="import and look after film stills and portraits")
    verbs = stills.add_subparsers(dest="stills_command", metavar="VERB")
    stills.set_defaults(handler=lambda _args: (stills.print_help(), 2)[1])

    p = verbs.add_parser("add", help="import image files (JPEG, PNG, WebP, TIFF) onto a film")
    p.add_argument("archive", type=archive_location)
    p.add_argument("film_id", type=record_id, metavar="FILM_ID")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p.add_argument("--person", action="store_true",
                   help="FILM_ID is a person's id: add the files as their portraits")
    p.add_argument("--caption", default="", help="caption for every file added")
    p.add_argument("--credit", default="", help="credit line, e.g. 'Photo: Jane Doe'")
    p.add_argument("--alt-text", default="", help="text for readers who cannot see the image")
    p.add_argument("--rights", default="", help="rights or licence, e.g. 'CC BY 4.0'")
    p.add_argument("--no-web-sizes", action="store_true",
                   help="do not make thumbnails and web sizes now (they are made when needed)")
    p.set_defaults(handler=cmd_add)

    p = verbs.add_parser("check", help="verify that every referenced original exists and is intact")
    p.add_argument("archive", type=archive_location)
    p.set_defaults(handler=cmd_check)

    p = verbs.add_parser(
        "gc", help="remove originals that no still refers to any more",
        description="Remove originals (and their web sizes) that no still refers to. "
        "A file is kept for a day after a collection first finds it unreferenced, "
        "so a session that deleted a still can still undo; --now removes them at once.")
    p.add_argument("archive", type=archive_location)
    p.add_argument("--now", action="store_true",
                   help="remove every unreferenced original now (undo of deletions in "
                   "open sessions can then no longer bring their images back)")
    p.set_defaults(handler=cmd_gc)


def cmd_add(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.stills import ensure_derivatives, import_stills

    catalog = Catalog.open(args.archive)
    try:
        catalog.archive.refuse_writes()  # read-only or damaged: say so before any file moves
        # a film merged into another: its stills go to the film it became
        owner = ({"person_id": args.film_id} if args.person
                 else {"film_id": catalog.films.resolve(args.film_id)})
        fields = {"caption": args.caption, "credit": args.credit, "alt_text": args.alt_text,
                  "rights": args.rights}
        result = import_stills(catalog, args.files, fields={k: v for k, v in fields.items() if v},
                               web_sizes=not args.no_web_sizes, **owner)
        for outcome in result.outcomes:
            print(printable(outcome),
                  file=sys.stderr if outcome.status == "refused" else sys.stdout)
        if result.added_hashes and not args.no_web_sizes:
            # made while importing; this only fills in what that could not write
            report = ensure_derivatives(catalog.archive, result.added_hashes)
            ready = len(result.added_hashes) - len(report.failed)
            print(f"Thumbnails and web sizes of {ready} still{'s' if ready != 1 else ''} "
                  "are ready.")
            for sha, message in report.failed:
                print(f"{sha[:12]}\u2026: no web sizes: {message}", file=sys.stderr)
    finally:
        catalog.close()
    if result.refused:
        if len(result.outcomes) > 1:  # one file's own line already says it all
            print(f"{len(result.refused)} of {len(result.outcomes)} files refused.",
                  file=sys.stderr)
        return 1
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.stills import check_stills
    from curator.stills.upkeep import BAD_RECORD

    catalog = Catalog.open(args.archive)
    try:
        report = check_stills(catalog)
    finally:
        catalog.close()
    details = {"missing": "missing from the stills folder",
               "corrupt": "corrupt (its content no longer matches its hash)",
               BAD_RECORD: "not a SHA-256 (64 lower-case hex characters), so no file is read"}
    for problem in report.problems:
        # a bad record's value is quoted: it may hold anything, spaces and slashes too
        shown = repr(problem.sha256) if problem.problem == BAD_RECORD else problem.sha256
        print(f"{problem.problem.upper()}  {shown}  {details[problem.problem]}; "
              "used by " + "; ".join(problem.owners))
    if report.problems:
        bad = len(report.of_kind(BAD_RECORD))
        print(f"{len(report.of_kind('missing'))} missing and {len(report.of_kind('corrupt'))} "
              f"corrupt of {report.checked} originals"
              + (f"; {bad} bad still record{'s' if bad != 1 else ''}." if bad else "."),
              file=sys.stderr)
        return 1
    print(f"All {report.checked} originals are present and intact.")
    return 0


def cmd_gc(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.stills import collect_unreferenced
    from curator.stills.upkeep import DEFAULT_GRACE

    catalog = Catalog.open(args.archive)
    try:
        catalog.archive.refuse_writes()  # a damaged catalogue could not say what is in use
        result = collect_unreferenced(catalog, grace=0 if args.now else DEFAULT_GRACE)
    finally:
        catalog.close()
    if result.removed:
        print(f"Removed {len(result.removed)} unreferenced originals "
              f"({result.freed_bytes / 1e6:.1f} MB).")
    if result.waiting and args.now:
        print(f"Kept {len(result.waiting)} unreferenced originals stored in the last ten "
              "minutes: an import may be about to record them.")
    elif result.waiting:
        print(f"Kept {len(result.waiting)} unreferenced originals for a day, so a session that "
              "deleted their stills can still undo; `curator stills gc --now` removes them.")
    if not result.removed and not result.waiting:
        print("Every original is in use; nothing to remove.")
    return 0
