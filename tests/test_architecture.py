"""House rules about the shape of the code."""

import ast
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


def test_nothing_outside_gui_imports_qt():
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if "gui" not in p.relative_to(SRC).parts[:1]
        and any(n.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "shiboken6") for n in _imports(p))
    ]
    assert offenders == []


def test_only_catalog_and_store_open_sessions():
    offenders = [
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.relative_to(SRC).parts[0] not in ("catalog", "store")
        and "sqlalchemy.orm" in _imports(p)
        and "Session" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
