"""House rules about the shape of the code."""

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "curator"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_import_contracts_hold():
    """pyproject.toml's import-linter contracts: the layers, no Qt below gui (through any
    chain of imports), no SQLAlchemy above catalog."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=SRC.parents[1], text=True,
                            capture_output=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_only_catalog_and_store_open_sessions():
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.relative_to(SRC).parts[0] not in ("catalog", "store")
        and "sqlalchemy.orm" in _imports(p)
        and "Session" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_only_the_collector_policy_switches_the_garbage_collector():
    """The collector is process-wide: components never switch it (see curator/collector.py)."""
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if p.name != "collector.py" and "gc" in _imports(p)]
    assert offenders == []


def test_a_paused_collector_resumes_when_the_last_long_task_ends():
    import gc
    import threading

    from curator import collector

    assert gc.isenabled()
    inside, release = threading.Event(), threading.Event()

    def task() -> None:
        with collector.paused():
            inside.set()
            release.wait(5)

    other = threading.Thread(target=task)
    other.start()
    inside.wait(5)
    with collector.paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other task still runs
    release.set()
    other.join()
    assert gc.isenabled()


def test_migrations_use_their_own_table_definitions():
    """A migration replays the same way forever: it imports nothing of Curator's own."""
    versions = SRC / "store" / "migrations" / "versions"
    offenders = {p.name: sorted(n for n in _imports(p) if n.startswith("curator"))
                 for p in versions.glob("[0-9]*.py")}
    assert {name: found for name, found in offenders.items() if found} == {}
