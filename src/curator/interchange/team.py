"""Team push and pull: a whole archive folder onto a server, or a server's catalogue into
a new folder. Every record, setting and original moves; the counts are compared at the
end, and a difference is an error."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from curator import CuratorError
from curator.catalog import Catalog
from curator.catalog.transfer import copy_catalogue
from curator.sources.files import local_source_file, store_source_file
from curator.sources.upkeep import source_file_problems
from curator.stills.originals import local_original, store_original
from curator.stills.upkeep import check_stills

Say = Callable[[str], None]


class TransferFailed(CuratorError):
    """The copy does not hold what the source does."""


@dataclass
class TransferReport:
    counts: dict[str, int] = field(default_factory=dict)  # records per kind, as `info` says
    originals: int = 0
    source_files: int = 0  # printed sources' scans and PDFs


def _copy_source_files(source: Catalog, target: Catalog, say: Say | None) -> int:
    """Every scan and PDF a source's page refers to, once per SHA-256; a missing one stays
    missing (`curator check` names it), a damaged one is refused at the end."""
    hashes = sorted(source.sources.file_hashes())
    for n, sha in enumerate(hashes, start=1):
        path = local_source_file(source.archive, sha)
        if path.is_file():
            store_source_file(target.archive, path.read_bytes(), sha)
        if say is not None and (n % 20 == 0 or n == len(hashes)):
            say(f"{n} of {len(hashes)} source files copied")
    missing_before = set(source_file_problems(source, hashes))
    lost = sorted(set(source_file_problems(target, hashes)) - missing_before)
    if lost:
        raise TransferFailed(f"{len(lost)} source files did not arrive whole "
                             f"(the first: {lost[0][:12]}\u2026).")
    return len(hashes)


def _copy(source: Catalog, target: Catalog, say: Say | None) -> TransferReport:
    def copied(table: str, rows: int) -> None:
        if say is not None and rows % 50_000 == 0:
            say(f"{rows:,} rows of {table} copied")

    copy_catalogue(source, target, copied)
    hashes = sorted({sha for sha, _f, _p in source.stills.all_hashes()})
    for n, sha in enumerate(hashes, start=1):
        path = local_original(source.archive, sha)
        if path.is_file():  # a missing original stays missing; `stills check` names it
            store_original(target.archive, path.read_bytes(), sha)
        if say is not None and (n % 100 == 0 or n == len(hashes)):
            say(f"{n} of {len(hashes)} originals copied")
    report = TransferReport(target.counts(), len(hashes))
    report.source_files = _copy_source_files(source, target, say)
    expected = source.counts()
    if report.counts != expected:
        wrong = ", ".join(f"{k}: {report.counts.get(k)} of {v}"
                          for k, v in expected.items() if report.counts.get(k) != v)
        raise TransferFailed(f"The copy is incomplete ({wrong}).")
    missing_before = {p.sha256 for p in check_stills(source).problems}
    lost = [p for p in check_stills(target).problems if p.sha256 not in missing_before]
    if lost:
        raise TransferFailed(f"{len(lost)} originals did not arrive whole "
                             f"(the first: {lost[0].sha256[:12]}\u2026).")
    return report


def push(local: str | os.PathLike[str], url: str, *, password: str | None = None,
         say: Say | None = None) -> TransferReport:
    """Copy the archive folder `local` onto the server's empty catalogue at `url`."""
    source = Catalog.open(local)
    try:
        target = Catalog.open(url, password=password)
        try:
            return _copy(source, target, say)
        finally:
            target.close()
    finally:
        source.close()


def pull(url: str, copy: str | os.PathLike[str], *, password: str | None = None,
         say: Say | None = None) -> TransferReport:
    """Make a new archive folder `copy` holding the server's whole catalogue; if anything
    fails, no half copy is left."""
    source = Catalog.open(url, password=password)
    try:
        path = Path(copy).expanduser().absolute()
        target = Catalog.create(path)
        try:
            report = _copy(source, target, say)
        except BaseException:
            target.close()
            _remove_archive(path)
            raise
        target.close()
        return report
    finally:
        source.close()


def _remove_archive(path: Path) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
