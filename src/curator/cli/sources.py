"""Verbs on sources: add a printed catalogue's scans or PDF to an edition, list the
sources, and read the text of a box of a page (OCR)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator.cli.core import record_id
from curator.cli.terminal import printable


def register(sub: argparse._SubParsersAction) -> None:
    sources = sub.add_parser("sources", help="printed catalogues (scans, PDFs) of editions")
    verbs = sources.add_subparsers(dest="sources_command", metavar="VERB")
    sources.set_defaults(handler=lambda _args: (sources.print_help(), 2)[1])

    p = verbs.add_parser("add", help="add scans (JPEG, PNG, TIFF) or a PDF as one source of an "
                                     "edition",
                         description="The files become one source, their pages in the order "
                         "given. Every file is checked first: one refused file adds nothing.")
    p.add_argument("archive", type=Path)
    p.add_argument("edition", metavar="EDITION",
                   help="the edition's id or slug (miff-1989); with --festival, a festival's")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE")
    p.add_argument("--festival", action="store_true",
                   help="EDITION names a festival: the source is the festival's own")
    p.add_argument("--title", default="", help="default: the edition's name and "
                                               "\u201ccatalogue\u201d")
    p.add_argument("--date", default="", help="when it was printed: 1989, 1989-07 or "
                                              "1989-07-14")
    p.add_argument("--note", default="")
    p.add_argument("--language", default="",
                   help="the language it is printed in (English, Russian...): OCR reads in it")
    p.add_argument("--publishable", action="store_true",
                   help="its scans may be published on the site")
    p.set_defaults(handler=cmd_add)

    p = verbs.add_parser("list", help="list the sources with their pages")
    p.add_argument("archive", type=Path)
    p.set_defaults(handler=cmd_list)

    p = verbs.add_parser("check", help="verify that every page's file is there and intact, "
                                       "and count the files no source uses")
    p.add_argument("archive", type=Path)
    p.set_defaults(handler=cmd_check)

    p = verbs.add_parser(
        "gc", help="remove the scans and PDFs no source refers to any more",
        description="A file is kept for a day after a collection first finds it unreferenced, "
        "so a desk that deleted its source can still undo; a file any source's page refers "
        "to is never removed.")
    p.add_argument("archive", type=Path)
    p.add_argument("--now", action="store_true",
                   help="remove every unreferenced file now (undoing the deletion of its "
                   "source then brings the source back without its pages' images)")
    p.set_defaults(handler=cmd_gc)

    p = verbs.add_parser("publish", help="whether film pages say which source their text "
                                         "came from (off unless turned on)")
    p.add_argument("archive", type=Path)
    p.add_argument("state", choices=["on", "off"])
    p.set_defaults(handler=cmd_publish)

    p = sub.add_parser("ocr", help="print the text of a source's page, or of a box of it")
    p.add_argument("archive", type=Path)
    p.add_argument("source", type=record_id, metavar="SOURCE", help="the source's id")
    p.add_argument("page", type=record_id, metavar="PAGE", help="the page's number, from 1")
    p.add_argument("--box", type=_box, metavar="X,Y,W,H",
                   help="a box in the page's pixels (a PDF page's at 300 dpi), as `sources "
                   "list` gives its size")
    p.set_defaults(handler=cmd_ocr)


def _box(text: str) -> tuple[int, int, int, int]:
    try:
        x, y, w, h = (int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a box: {text!r} (write x,y,width,height in pixels, e.g. 100,200,1500,900)"
        ) from None
    if w < 1 or h < 1 or x < 0 or y < 0:
        raise argparse.ArgumentTypeError(f"not a box: {text!r} (the width and height must "
                                         "be positive, x and y not negative)")
    return x, y, w, h


def cmd_add(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.sources import add_source

    catalog = Catalog.open(args.archive)
    try:
        owner = _owner(catalog, args.edition, args.festival)
        added = add_source(catalog, args.files, title=args.title, date=args.date,
                           note=args.note, language=args.language,
                           publishable=args.publishable, **owner)
        source = catalog.sources.get(added.source_id)
    finally:
        catalog.close()
    pages = added.page_count
    print(printable(f"Source {source.id}: {source.title} ({source.held_by}), "
                    f"{pages} page{'s' if pages != 1 else ''} from {len(added.files)} "
                    f"file{'s' if len(added.files) != 1 else ''}"
                    + (f", {len(added.files) - added.written} already in the archive"
                       if added.written < len(added.files) else "") + "."))
    return 0


def _owner(catalog: object, word: str, festival: bool) -> dict[str, int]:
    from curator.catalog import NotFound

    if festival:
        for f in catalog.festivals.all():  # type: ignore[attr-defined]
            if str(f.id) == word or f.slug == word:
                return {"festival_id": f.id}
        raise NotFound(f"There is no festival \u201c{word}\u201d (give its id or slug).")
    for f in catalog.festivals.all():  # type: ignore[attr-defined]
        for e in f.editions:
            if str(e.id) == word or e.slug == word:
                return {"edition_id": e.id}
    raise NotFound(f"There is no edition \u201c{word}\u201d (give its id or slug, "
                   "such as miff-1989).")


def cmd_list(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.sources import page_pixel_size

    catalog = Catalog.open(args.archive)
    try:
        sources = catalog.sources.all()
    finally:
        catalog.close()
    if not sources:
        print("No sources.")
        return 0
    for s in sources:
        count = len(s.pages)
        extras = ", ".join(x for x in (s.date, s.language,
                                       "publishable" if s.publishable else "") if x)
        print(printable(f"{s.id}\t{s.title}\t{s.held_by}\t{count} page"
                        f"{'s' if count != 1 else ''}" + (f"\t{extras}" if extras else "")))
        formats = sorted({p.format for p in s.pages})
        w, h = page_pixel_size(s.pages[0])
        print(printable(f"\t{'/'.join(formats)}, page 1 is {w}x{h} pixels"
                        + (" at 300 dpi" if formats == ["PDF"] else "")))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.sources.upkeep import check_source_files

    catalog = Catalog.open(args.archive)
    try:
        report = check_source_files(catalog)
        users = {p.sha256: s.title for s in catalog.sources.all() for p in s.pages}
    finally:
        catalog.close()
    for sha, problem in sorted(report.problems.items()):
        what = ("missing from the archive" if problem == "missing"
                else "corrupt (its content no longer matches its hash)")
        print(printable(f"{problem.upper()}  {sha}  {what}; pages of {users.get(sha, '?')}"))
    print(unreferenced_line(report.unreferenced) or "Every source file is in use.")
    if report.problems:
        print(f"{len(report.problems)} of {report.checked} source files are missing or "
              "corrupt.", file=sys.stderr)
        return 1
    print(f"All {report.checked} source files are present and intact.")
    return 0


def unreferenced_line(unreferenced: dict[str, int]) -> str:
    """What `curator check` and `sources check` say of files no source uses ("" if none)."""
    if not unreferenced:
        return ""
    count = len(unreferenced)
    return (f"{count} source file{'s' if count != 1 else ''} no source uses "
            f"({sum(unreferenced.values()) / 1e6:.1f} MB): `curator sources gc` removes "
            f"{'them' if count != 1 else 'it'}.")


def cmd_gc(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.sources.upkeep import DEFAULT_GRACE, collect_unreferenced_files

    catalog = Catalog.open(args.archive)
    try:
        catalog.archive.refuse_writes()  # a damaged catalogue could not say what is in use
        result = collect_unreferenced_files(catalog, grace=0 if args.now else DEFAULT_GRACE)
    finally:
        catalog.close()
    if result.removed:
        print(f"Removed {len(result.removed)} source files no source uses "
              f"({result.freed_bytes / 1e6:.1f} MB).")
    if result.waiting and args.now:
        print(f"Kept {len(result.waiting)} unreferenced source files stored in the last ten "
              "minutes: a source may be about to be recorded with them.")
    elif result.waiting:
        print(f"Kept {len(result.waiting)} unreferenced source files for a day, so a desk "
              "that deleted their source can still undo; `curator sources gc --now` removes "
              "them.")
    if not result.removed and not result.waiting:
        print("Every source file is in use; nothing to remove.")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.catalog.settings import PUBLISH_SOURCES

    catalog = Catalog.open(args.archive)
    try:
        catalog.settings.set(PUBLISH_SOURCES, "on" if args.state == "on" else "")
    finally:
        catalog.close()
    print("Film pages now say which source their text came from." if args.state == "on"
          else "Film pages no longer name their sources.")
    return 0


def cmd_ocr(args: argparse.Namespace) -> int:
    from curator.catalog import Catalog
    from curator.sources import read_box

    catalog = Catalog.open(args.archive)
    try:
        text = read_box(catalog, args.source, args.page, args.box)
    finally:
        catalog.close()
    if text:
        sys.stdout.write(text + "\n")
    return 0
