"""Verbs for getting catalogue data in and out: import (spreadsheets, catalogue files, pages)
and export-data (the whole catalogue as a JSON catalogue file)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from curator import CuratorError
from curator.cli.core import archive_location
from curator.cli.terminal import printable
from curator.limits import EXISTING_POLICIES

if TYPE_CHECKING:
    from curator.catalog import Catalog, ImportResult

FORMATS = ("csv", "json", "page")
MAX_ERRORS_SHOWN = 50


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _counted(counts: dict[str, int], *names: str) -> str:
    words = {"films": ("film", None), "people": ("person", "people"),
             "festivals": ("festival", None), "awards": ("award", None), "lists": ("list", None)}
    return ", ".join(_n(counts[n], *words[n]) for n in names)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="import films from a spreadsheet, a catalogue file or archive pages",
        description="Import a CSV/TSV spreadsheet, a JSON catalogue file (into an empty "
                    "archive) or film pages of an existing web archive.")
    p.add_argument("archive", type=archive_location)
    p.add_argument("files", type=Path, nargs="+", metavar="FILE",
                   help="the file to import (several film pages with --format page)")
    p.add_argument("--format", choices=FORMATS,
                   help="csv (also TSV), json or page; guessed from the file name if left out")
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help="read COLUMN as FIELD (repeatable; FIELD 'ignore' skips the column)")
    p.add_argument("--existing", choices=EXISTING_POLICIES, default="skip",
                   help="what to do with a film already in the archive (default: skip)")
    p.add_argument("--dry-run", action="store_true",
                   help="print what the import would do, and change nothing")
    p.add_argument("--report", type=Path, metavar="FILE.csv",
                   help="write what became of every row (new, updated, skipped, error), "
                        "its film id and the reason, as a spreadsheet")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("export-data", help="write the whole catalogue as a JSON catalogue file")
    p.add_argument("archive", type=archive_location)
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.set_defaults(handler=cmd_export_data)


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffixes = {f.suffix.casefold() for f in args.files}
    if suffixes <= {".csv", ".tsv", ".tab"}:
        return "csv"
    if suffixes == {".json"}:
        return "json"
    if suffixes <= {".html", ".htm", ".txt"}:
        return "page"
    raise CuratorError("Name the kind of file with --format csv, json or page.")


def cmd_import(args: argparse.Namespace) -> int:
    fmt = _format_of(args)
    for f in args.files:
        if not f.is_file():
            raise CuratorError(f"{f} does not exist or is not a file.")
    if fmt != "page" and len(args.files) > 1:
        raise CuratorError("Import one spreadsheet or catalogue file at a time.")
    if args.map and fmt != "csv":
        raise CuratorError("--map applies to spreadsheets (--format csv) only.")
    report = args.report
    if report is not None:
        if report.suffix.casefold() != ".csv":
            raise CuratorError(f"{report.name}: the report is written as .csv.")
        if not report.parent.is_dir():
            raise CuratorError(f"The folder {report.parent} does not exist.")
    from curator.catalog import Catalog

    catalog = Catalog.open(args.archive)
    try:
        started = time.perf_counter()
        if fmt == "json":
            return _import_json(catalog, args)
        if fmt == "csv":
            result = _import_csv(catalog, args)
        else:
            from curator.interchange.page_import import import_pages

            result, pages = import_pages(catalog, args.files, existing=args.existing,
                                         dry_run=args.dry_run)
            for page in pages:
                for problem in page.problems:
                    print(printable(f"  {page.source}: {problem}"))
        _report(result, time.perf_counter() - started)
        if report is not None:
            from curator.interchange.import_report import write_report

            written = write_report(result, report)
            print(f"Wrote the report of {_n(written, 'row')} to {report}.")
        return 0
    finally:
        catalog.close()


def _import_csv(catalog: Catalog, args: argparse.Namespace) -> ImportResult:
    from curator.interchange.mapping import apply_overrides, field_label, guess_mapping
    from curator.interchange.sheet_import import import_spreadsheet
    from curator.interchange.spreadsheet import read_spreadsheet

    path = args.files[0]
    try:
        sheet = read_spreadsheet(path)
    except ValueError as exc:
        raise CuratorError(str(exc)) from None
    mapping = apply_overrides(sheet.header, guess_mapping(sheet.header), args.map)
    print(f"{sheet.name}: {sheet.described}")
    for column, field in zip(sheet.header, mapping, strict=True):
        print(printable(f"  {column or '(no header)':<28} -> {field_label(field)}"))

    def progress(done: int, total: int) -> None:
        if total >= 5000 and sys.stdout.isatty():
            print(f"\r  {done:,} of {total:,} rows", end="", flush=True)

    result = import_spreadsheet(catalog, path, mapping=mapping, existing=args.existing,
                                dry_run=args.dry_run, progress=progress, sheet=sheet)
    if sys.stdout.isatty():
        print("\r" + " " * 40 + "\r", end="")
    return result


def _import_json(catalog: Catalog, args: argparse.Namespace) -> int:
    from curator.interchange.catalogue_file import CatalogueFileError

    try:
        return _import_catalogue_file(catalog, args)
    except CatalogueFileError as exc:
        for line in exc.details[:MAX_ERRORS_SHOWN]:  # each row at fault, by its place
            print(f"  {line}", file=sys.stderr)
        raise


def _import_catalogue_file(catalog: Catalog, args: argparse.Namespace) -> int:
    from curator.interchange.catalogue_file import (
        checked_tables,
        import_catalogue,
        read_catalogue,
    )
    from curator.interchange.catalogue_merge import merge_catalogue

    path = args.files[0]
    if not catalog.snapshot.is_empty():
        # an archive with records: the file's films are matched and merged like a sheet's
        started = time.perf_counter()
        result = merge_catalogue(catalog, path, existing=args.existing, dry_run=args.dry_run)
        _report(result, time.perf_counter() - started)
        if args.report is not None:
            from curator.interchange.import_report import write_report

            written = write_report(result, args.report)
            print(f"Wrote the report of {_n(written, 'row')} to {args.report}.")
        print("  (Into an archive that already holds records, a catalogue file brings its "
              "films; ids, awards, lists and stills come only into an empty archive.)")
        return 0
    if args.dry_run:
        tables = checked_tables(read_catalogue(path), path.name)
        counts = {k: len(tables.get(t, ())) for k, t in
                  (("films", "film"), ("people", "person"), ("festivals", "festival"),
                   ("lists", "collection"))}
        print(f"Would import {_counted(counts, 'films', 'people', 'festivals', 'lists')} "
              "into the empty archive, ids and all. Nothing was changed (dry run).")
        return 0
    changes = import_catalogue(catalog, path)
    counts = catalog.counts()
    print(f"Imported {path.name}: {_counted(counts, 'films', 'people', 'festivals', 'lists')} "
          f"({len(changes.rows):,} records).")
    return 0


def _report(result: ImportResult, seconds: float) -> None:
    for source, reason in result.errors[:MAX_ERRORS_SHOWN]:
        print(printable(f"  {source}: {reason}"))
    if len(result.errors) > MAX_ERRORS_SHOWN:
        print(f"  \u2026 and {len(result.errors) - MAX_ERRORS_SHOWN:,} more rows with errors")
    if result.dry_run:
        print(f"Would import: {result.summary()}. Nothing was changed (dry run).")
    else:
        n = result.people_created
        people = f"; {n:,} new {'person' if n == 1 else 'people'}" if n else ""
        print(f"Imported: {result.summary()}{people} in {seconds:.1f} s.")


def cmd_export_data(args: argparse.Namespace) -> int:
    from curator.interchange.catalogue_file import write_catalogue

    if args.file.suffix.casefold() != ".json":
        raise CuratorError(f"{args.file.name}: a catalogue file is written as .json.")
    if not args.file.parent.is_dir():
        raise CuratorError(f"The folder {args.file.parent} does not exist.")
    from curator.catalog import Catalog

    catalog = Catalog.open(args.archive)
    try:
        counts = write_catalogue(catalog, args.file)
    finally:
        catalog.close()
    print(f"Wrote {args.file}: "
          f"{_counted(counts, 'films', 'people', 'festivals', 'awards', 'lists')}.")
    return 0
