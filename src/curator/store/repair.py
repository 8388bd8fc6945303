"""Saving what can be read from a damaged archive into a fresh one beside it.

The damaged catalogue is only read (SQLite's read-only mode), never changed, so
an archive on a CD can be repaired into a writable folder with `--into`.
Each table is copied whole if SQLite can read it; otherwise row by row, asking
for every row id the table may hold, so only the rows on damaged pages are
lost. Rows whose film, person or edition was lost go too, and are counted. The
originals of the stills are linked (or copied) across; derivatives are made again.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from curator.model import Base
from curator.model.history import CHANGE_HISTORY
from curator.store.archive import DATABASE_NAME, Archive, ArchiveError
from curator.store.integrity import quick_check, read_only_uri

# Row ids are probed one by one up to the highest seen; past this, only those seen.
MAX_PROBED = 5_000_000


@dataclass
class RepairReport:
    source: Path
    target: Path
    copied: dict[str, int] = field(default_factory=dict)  # table -> rows saved
    lost: dict[str, int] = field(default_factory=dict)  # table -> rows that could not be read
    unreadable: list[str] = field(default_factory=list)  # tables not even partly readable
    orphaned: dict[str, int] = field(default_factory=dict)  # rows dropped: their parent was lost
    damage: list[str] = field(default_factory=list)  # what SQLite's check found
    stills_missing: int = 0

    @property
    def complete(self) -> bool:
        return not (self.lost or self.unreadable or self.orphaned)


def repaired_name(folder: Path) -> Path:
    """`MIFF.curator` -> `MIFF (repaired).curator`, numbered if that exists already."""
    stem = folder.name.removesuffix(".curator")
    n = 1
    while True:
        label = "repaired" if n == 1 else f"repaired {n}"
        candidate = folder.with_name(f"{stem} ({label}).curator")
        if not candidate.exists():
            return candidate
        n += 1


def repair_archive(folder: Path, target: Path | None = None) -> RepairReport:
    """Copy what can be read of folder's catalogue into a new archive (see the module)."""
    folder = Path(folder).expanduser().absolute()
    database = folder / DATABASE_NAME
    if not database.is_file():
        raise ArchiveError(f"{folder} is not a Curator archive (no {DATABASE_NAME}).")
    target = Path(target).expanduser().absolute() if target else repaired_name(folder)
    try:
        source = sqlite3.connect(read_only_uri(database), uri=True)
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{database} cannot be read at all ({exc}); restore a copy from "
                           f"{folder / 'backups'}.") from None
    report = RepairReport(folder, target, damage=quick_check(source))
    Archive.create(target).close()
    try:
        dest = sqlite3.connect(target / DATABASE_NAME, isolation_level=None)
        try:
            dest.execute("PRAGMA foreign_keys = OFF")
            dest.execute("BEGIN")
            for table in Base.metadata.sorted_tables:
                _copy_table(source, dest, table.name, report)
            if _has_table(source, CHANGE_HISTORY.name):  # an archive older than the history
                _copy_table(source, dest, CHANGE_HISTORY.name, report)
            _drop_orphans(dest, report)
            dest.execute("COMMIT")
        finally:
            dest.close()
        # the sources' scans and PDFs are kept the same way (counted with the stills)
        report.stills_missing = (_link_stills(folder / "stills", target / "stills")
                                 + _link_stills(folder / "sources", target / "sources"))
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        source.close()
    return report


def _has_table(conn: sqlite3.Connection, table: str) -> bool:
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                            (table,)).fetchone() is not None
    except sqlite3.DatabaseError:
        return True  # unreadable: the copy reports it so


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _copy_table(source: sqlite3.Connection, dest: sqlite3.Connection, table: str,
                report: RepairReport) -> None:
    try:
        have = _columns(source, table)
    except sqlite3.DatabaseError:
        have = []
    if not have:
        report.unreadable.append(table)
        return
    if table == "setting":  # the new archive's own defaults give way to the old values
        dest.execute("DELETE FROM setting")
    names = [c for c in _columns(dest, table) if c in have]
    listed = ", ".join(f'"{c}"' for c in names)
    insert = f'INSERT INTO "{table}" ({listed}) VALUES ({", ".join("?" * len(names))})'
    try:
        rows = source.execute(f'SELECT {listed} FROM "{table}"').fetchall()
    except sqlite3.DatabaseError:
        rows = None
    if rows is not None:
        copied, lost = _insert(dest, insert, rows)
    else:
        copied, lost = _copy_row_by_row(source, dest, table, listed, insert)
    report.copied[table] = copied
    if lost:
        report.lost[table] = lost


def _insert(dest: sqlite3.Connection, insert: str, rows: list[tuple]) -> tuple[int, int]:
    try:
        dest.executemany(insert, rows)
        return len(rows), 0
    except sqlite3.DatabaseError:
        pass
    copied = 0
    for row in rows:  # a row the new schema refuses (a NULL read from a damaged page)
        try:
            dest.execute(insert, row)
            copied += 1
        except sqlite3.DatabaseError:
            pass
    return copied, len(rows) - copied


def _copy_row_by_row(source: sqlite3.Connection, dest: sqlite3.Connection, table: str,
                     listed: str, insert: str) -> tuple[int, int]:
    seen = _row_ids_seen(source, table)
    top = max(seen, default=0)
    candidates = range(1, top + 1) if top <= MAX_PROBED else sorted(seen)
    rows, lost = [], 0
    for rowid in candidates:
        try:
            row = source.execute(f'SELECT {listed} FROM "{table}" WHERE rowid = ?',
                                 (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            lost += 1
            continue
        if row is not None:
            rows.append(row)
    copied, refused = _insert(dest, insert, rows)
    return copied, lost + refused


def _row_ids_seen(source: sqlite3.Connection, table: str) -> set[int]:
    """Every row id that can be found: by scanning the table both ways until the damage,
    through its indexes (which live on other pages), and its autoincrement counter."""
    seen: set[int] = set()
    queries = [f'SELECT rowid FROM "{table}" ORDER BY rowid',
               f'SELECT rowid FROM "{table}" ORDER BY rowid DESC',
               f"SELECT seq FROM sqlite_sequence WHERE name = '{table}'"]
    try:
        indexes = [r[1] for r in source.execute(f'PRAGMA index_list("{table}")')]
    except sqlite3.DatabaseError:
        indexes = []
    queries += [f'SELECT rowid FROM "{table}" INDEXED BY "{i}"' for i in indexes
                if not i.startswith("sqlite_autoindex")]
    for query in queries:
        try:
            for (rowid,) in source.execute(query):
                if isinstance(rowid, int):
                    seen.add(rowid)
        except sqlite3.DatabaseError:
            continue  # read up to the damage; the other ways round find the rest
    return seen


def _drop_orphans(dest: sqlite3.Connection, report: RepairReport) -> None:
    """Remove rows whose film, person, edition... was lost, counting them by table."""
    while True:
        broken = dest.execute("PRAGMA foreign_key_check").fetchall()
        if not broken:
            return
        for table, rowid, _parent, _fk in {(r[0], r[1], None, None) for r in broken}:
            dest.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            report.orphaned[table] = report.orphaned.get(table, 0) + 1
            if table in report.copied:
                report.copied[table] -= 1


def _link_stills(source: Path, target: Path) -> int:
    """Link (or copy) the originals across; returns how many could not be read."""
    missing = 0
    if not source.is_dir():
        return 0
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, dest)
        except OSError:
            try:
                shutil.copy2(path, dest)
            except OSError:
                missing += 1
    return missing
