"""Archives in trouble: other programs' files, damaged pages, read-only places, full disks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from curator.catalog import Catalog


@pytest.fixture
def small_archive(tmp_path: Path) -> Path:
    """An archive with 400 films (several pages of the film table), closed cleanly."""
    from curator.catalog import FilmData

    path = tmp_path / "Small.curator"
    catalog = Catalog.create(path)
    catalog.imports.bulk_add([
        FilmData(title=f"Film number {n}", year=1950 + n % 70, countries=("USSR",),
                 synopsis="A film about rock music in the last years of the Soviet Union. " * 3,
                 credits=((f"Director {n % 50}", "director"),))
        for n in range(400)])
    catalog.close()
    return path


def leaf_pages(database: Path, table: str) -> tuple[list[int], int]:
    """The numbers of the pages holding a table's rows (walking its b-tree), and the page size."""
    conn = sqlite3.connect(database)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                        (table,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = database.read_bytes()
    leaves, todo = [], [root]
    while todo:
        page = todo.pop()
        start = (page - 1) * size
        head = start + (100 if page == 1 else 0)
        if data[head] == 13:  # a leaf of a table b-tree
            leaves.append(page)
            continue
        assert data[head] == 5, "an interior page of a table b-tree"
        cells = int.from_bytes(data[head + 3:head + 5], "big")
        todo.append(int.from_bytes(data[head + 8:head + 12], "big"))
        for i in range(cells):
            pointer = int.from_bytes(data[head + 12 + 2 * i:head + 14 + 2 * i], "big")
            todo.append(int.from_bytes(data[start + pointer:start + pointer + 4], "big"))
    return sorted(leaves), size


def write_garbage_over_a_page(database: Path, table: str = "film") -> int:
    """Overwrite one page of the table's rows with garbage, as a failing disk would."""
    leaves, size = leaf_pages(database, table)
    assert len(leaves) > 2, "the table spans several pages"
    page = leaves[len(leaves) // 2]
    with database.open("r+b") as fh:
        fh.seek((page - 1) * size)
        fh.write(bytes((i * 37 + 11) % 256 for i in range(size)))
    return page


def leave_as_after_a_crash(archive: Path) -> None:
    """The marker a session leaves until it closes, of a process that is long gone."""
    import socket

    markers = archive / ".in-use"
    markers.mkdir(exist_ok=True)
    (markers / f"{socket.gethostname()}-999999999-0badc0de").touch()
