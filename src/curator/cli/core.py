"""Verbs on the archive itself: new, demo, info, search."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from curator.cli.terminal import printable
from curator.limits import LARGEST_INTEGER
from curator.model.enums import PublicationState  # the model's vocabulary: no SQLAlchemy

# Each verb imports the catalogue, the stills or the exporter itself, when it runs:
# `curator --help` and a mistyped argument are answered without loading any of them.


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create an empty archive folder")
    p.add_argument("archive", type=archive_location)
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("demo", help="build the demo archive (MIFF 1989 and 9,066 titles)")
    p.add_argument("archive", type=Path)
    p.add_argument("--if-missing", action="store_true",
                   help="do nothing if the archive already exists")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("info", help="print counts per entity and the schema version")
    p.add_argument("archive", type=archive_location)
    p.set_defaults(handler=cmd_info)

    p = sub.add_parser("repair", help="copy what can be read of a damaged archive into a "
                                      "new one beside it")
    p.add_argument("archive", type=Path)
    p.add_argument("--into", type=Path, metavar="NEW_ARCHIVE",
                   help="where to write it (default: beside it, named \u201c(repaired)\u201d)")
    p.set_defaults(handler=cmd_repair)

    p = sub.add_parser("search", help="find films by title, person, synopsis or country",
                       description="QUERY is free words and field:value conditions, e.g. "
                                   "'director:wenders year:1970..1979 -has:synopsis'; "
                                   "the README lists the fields.")
    p.add_argument("archive", type=archive_location)
    p.add_argument("query", nargs="?", default="",
                   help="what to look for (with --saved: more conditions to add to it)")
    p.add_argument("--saved", metavar="NAME",
                   help="run the saved search of that name (`curator searches` lists them)")
    p.add_argument("--limit", type=_positive, default=20, help="at most N films (default 20)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--year", metavar="FROM[-TO]", help="only films of these years")
    p.add_argument("--country")
    p.add_argument("--state", choices=[s.value for s in PublicationState])
    p.add_argument("--order", choices=["relevance", "title", "year"], default="relevance")
    p.set_defaults(handler=cmd_search, parser=p)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= LARGEST_INTEGER:
        raise argparse.ArgumentTypeError(f"must be 1 to {LARGEST_INTEGER:,}")
    return value


def cmd_new(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.store import is_archive

    if isinstance(args.archive, str):  # an address: a server's catalogue is made otherwise
        from curator import CuratorError

        raise CuratorError(f"{args.archive} is a server; a team's catalogue is made with "
                           "\u201ccurator team init URL\u201d.")
    if is_archive(args.archive):
        print(f"{args.archive} is already a Curator archive; nothing to do.")
        return 0
    Catalog.create(args.archive).close()
    print(f"Created the archive {args.archive}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.interchange.demo import build_demo
    from curator.store import ArchiveError, is_archive

    if args.if_missing and is_archive(args.archive):
        return 0
    if args.archive.exists() and (not args.archive.is_dir() or any(args.archive.iterdir())):
        raise ArchiveError(f"{args.archive} already exists; choose a new folder for the demo.")
    started = time.perf_counter()
    catalog = Catalog.create(args.archive)
    try:
        summary = build_demo(catalog, report=lambda msg: print(msg, flush=True))
    except BaseException:
        catalog.close()
        raise
    catalog.close()
    print(f"Built the demo archive {args.archive}: {summary.films:,} films "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from curator.catalog.glance import summary

    # An archive folder is read without the ORM; a server, or an archive to upgrade or
    # check, is opened whole.
    quick = summary(args.archive)
    if quick is not None:
        address, revision, counts = quick.address, quick.revision, quick.counts
    else:
        from curator.catalog import Catalog

        catalog = Catalog.open(args.archive)
        try:
            address, revision = catalog.archive.address, catalog.schema_revision()
            counts = catalog.counts()
        finally:
            catalog.close()
    width = max(len(k) for k in counts)
    print(f"Archive: {address}")
    print(f"Schema version: {revision}")
    for name, count in counts.items():
        print(f"  {name:<{width}}  {count:>9,}")
    return 0


def archive_location(text: str) -> Path | str:
    """An archive folder, or a catalogue on a server: a postgresql:// address (kept as
    typed: a path would fold its //) or a NAME.curator-team connection file."""
    if text.startswith(("postgresql://", "postgres://")):
        return text
    return Path(text)


def expect_words(args: argparse.Namespace, usage: dict[str, str], what: str = "a name") -> None:
    """Stops with the verb's usage when an action of a list-or-change verb (`curator
    searches`, `curator fields`) is not given the words it takes: `usage` maps each action
    to its words ("NAME NEW_NAME"), an action missing from it takes none."""
    words = usage.get(args.action, "")
    if len(args.words) != len(words.split()):
        args.parser.error(f"{args.action} takes {words or 'nothing more'}"
                          + (f" (quote {what} with spaces)" if words else ""))


def record_id(text: str) -> int:
    """An id typed on the command line: a whole number a catalogue can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= LARGEST_INTEGER:
        raise argparse.ArgumentTypeError(f"ids run from 1 to {LARGEST_INTEGER:,}, not {text}")
    return value


_YEARS = re.compile(r"\s*(\d{1,4})\s*(?:-\s*(\d{1,4})\s*)?")


def _years(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    m = _YEARS.fullmatch(text)
    if not m:
        from curator.store import ArchiveError

        raise ArchiveError(f"--year takes a year or a range like 1986-1991, not "
                           f"\u201c{text[:40]}\u201d.")
    return int(m.group(1)), int(m.group(2) or m.group(1))


def cmd_search(args: argparse.Namespace) -> int:
    year_from, year_to = _years(args.year)
    if not args.query.strip() and not args.saved:
        args.parser.error("give a QUERY, or --saved NAME")
    quick = None
    if (not args.saved and year_from is None and not (args.country or args.state)
            and args.order == "relevance"):
        from curator.catalog.glance import search_films

        # free words in an archive folder: answered without the ORM (catalog/glance.py)
        quick = search_films(args.archive, args.query, args.limit)
    if quick is not None:
        total, rows = quick
    else:
        from curator.catalog import Catalog, FilmQuery
        from curator.catalog.query import QueryError

        filters = {"year_from": year_from, "year_to": year_to, "country": args.country,
                   "state": args.state, "order": args.order}
        # the query is read before the archive is opened: a typing slip costs nothing
        query = FilmQuery.parse(args.query, **filters)
        catalog = Catalog.open(args.archive)
        try:
            if args.saved:
                saved = catalog.saved_searches.named(args.saved)
                try:
                    args.query = f"{saved.query} {args.query}".strip()
                    query = FilmQuery.parse(args.query, **filters)
                except QueryError as exc:
                    raise QueryError(f"The saved search \u201c{saved.name}\u201d cannot run: "
                                     f"{exc}") from None
            result = catalog.search.films(query, limit=args.limit)
            total, rows = result.total, catalog.films.rows(result.ids)
        finally:
            catalog.close()
    if args.json:
        json.dump(
            {"total": total, "films": [
                {"id": r.id, "title": r.title, "year": r.year,
                 "countries": [c for c in r.countries.split(" / ") if c],
                 "directors": [d for d in r.directors.split(", ") if d]}
                for r in rows]},
            sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not rows and args.saved:
        print(printable(f"The saved search \u201c{saved.name}\u201d ({args.query}) finds no "
                        "film."))
        return 0
    if not rows:
        from curator.catalog import Catalog

        print(printable(f"No film matches \u201c{args.query}\u201d."))
        catalog = Catalog.open(args.archive)
        try:
            better = catalog.search.did_you_mean(args.query)
        finally:
            catalog.close()
        if better:
            print(printable(f"Did you mean \u201c{better}\u201d?"))
        return 0
    for r in rows:
        details = ", ".join(x for x in (r.countries, str(r.year or "")) if x)
        directors = f" \u2014 {r.directors}" if r.directors else ""
        print(printable(f"{r.id:>7}  {r.title}" + (f" ({details})" if details else "")
                        + directors))
    if total > len(rows):
        print(f"… {len(rows)} of {total:,} films; use --limit to see more.")
    return 0


def cmd_repair(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.store.repair import repair_archive

    report = repair_archive(args.archive, args.into)
    catalog = Catalog.open(report.target)
    try:
        catalog.snapshot.rebuild_derived()
    finally:
        catalog.close()
    damage = "; ".join(report.damage[:3]) or "none found"
    print(f"Damage found by SQLite: {damage}")
    for table in sorted(set(report.copied) | set(report.lost) | set(report.orphaned)):
        lost, orphaned = report.lost.get(table, 0), report.orphaned.get(table, 0)
        if not (lost or orphaned):
            continue
        parts = [f"{report.copied.get(table, 0):,} rows saved"]
        if lost:
            parts.append(f"{lost:,} could not be read")
        if orphaned:
            parts.append(f"{orphaned:,} dropped: what they belonged to was lost")
        print(f"  {table.replace('_', ' ')}: {', '.join(parts)}")
    for table in report.unreadable:
        print(f"  {table.replace('_', ' ')}: could not be read at all")
    if report.stills_missing:
        print(f"  stills: {report.stills_missing:,} original images could not be copied")
    saved = sum(report.copied.values())
    outcome = "everything was saved" if report.complete else "the losses are listed above"
    print(f"Wrote {report.target} with {saved:,} rows ({outcome}); "
          f"{report.source} was left untouched.")
    return 0
