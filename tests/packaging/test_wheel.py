"""The wheel as a user gets it: built from this checkout, installed into a new venv.

The wheel is built once per test run the way `make wheel` builds it (sdist, then the
wheel from the sdist), installed without Qt into an empty venv, and `curator` is run
from a folder outside the checkout, so nothing can come from the source tree.
Set CURATOR_TEST_WHEEL to a wheel file to test that one instead of building.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
BIN = "Scripts" if os.name == "nt" else "bin"


def _run(args: list[str | os.PathLike], cwd: Path, timeout: float = 120,
         check: bool = True) -> subprocess.CompletedProcess[str]:
    # No PYTHONPATH: the installed program must not see this checkout's sources.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)
    if check and done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {done.returncode}:\n"
                    f"{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("CURATOR_TEST_WHEEL")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: the dev extra brings setuptools, so no download and a fast build.
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT], cwd=out,
         timeout=300)
    (built,) = out.glob("curator-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv holding the wheel and its runtime dependencies, but no Qt."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent)
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    # The test environment's pip installs into the new venv (quicker than bootstrapping
    # pip there); the runtime dependencies come from the pip cache or the index.
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
          "--disable-pip-version-check", "--only-binary", ":all:", wheel],
         cwd=venv.parent, timeout=300)
    return venv


@pytest.fixture(scope="session")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder far from the checkout."""
    return tmp_path_factory.mktemp("elsewhere")


def curator(venv: Path) -> Path:
    return venv / BIN / ("curator.exe" if os.name == "nt" else "curator")


@pytest.fixture(scope="session")
def demo(installed: Path, outside: Path) -> tuple[Path, str]:
    archive = outside / "Démo archive.curator"
    done = _run([curator(installed), "demo", archive], cwd=outside)
    return archive, done.stdout


def test_wheel_carries_every_resource_and_migration(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        "curator/resources/" + p.relative_to(ROOT / "resources").as_posix()
        for p in (ROOT / "resources").rglob("*") if p.is_file()
    }
    migrations = ROOT / "src" / "curator" / "store" / "migrations"
    wanted |= {
        "curator/store/migrations/" + p.relative_to(migrations).as_posix()
        for p in migrations.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert wanted - names == set()
    assert any(n.startswith("curator/resources/demo/") for n in names)
    assert "curator/store/migrations/script.py.mako" in names


def test_version_is_the_one_in_pyproject(installed: Path, outside: Path, wheel: Path):
    done = _run([curator(installed), "--version"], cwd=outside)
    assert done.stdout.strip() == f"curator {PROJECT['version']}"
    assert wheel.name.startswith(f"curator-{PROJECT['version']}-")


def test_installed_package_runs_from_the_venv_not_the_checkout(installed: Path, outside: Path):
    python = installed / BIN / ("python.exe" if os.name == "nt" else "python")
    done = _run([python, "-c",
                 "import curator, importlib.util as u; print(curator.__file__); "
                 "print(curator.resources_dir()); print(u.find_spec('PySide6') is None)"],
                cwd=outside)
    package, resources, no_qt = done.stdout.splitlines()
    assert Path(package).is_relative_to(installed)
    assert Path(resources).is_relative_to(installed)
    assert no_qt == "True"  # the headless verbs below run without Qt


def test_demo_builds_from_the_installed_data(installed: Path, outside: Path, demo):
    archive, output = demo
    assert "Imported 9,061 MovieLens titles" in output
    info = _run([curator(installed), "info", archive], cwd=outside).stdout
    counts = dict(line.strip().rsplit(maxsplit=1) for line in info.splitlines()
                  if line.startswith("  "))
    assert counts["films"] == "9,068"
    assert counts["festivals"] == "1"
    assert f"{counts['films']} films" in output
    # the schema came from the migrations inside the wheel, up to the newest one (the
    # head of the migration scripts: tests/core/test_archive.py holds SCHEMA_HEAD to it)
    from curator.store import SCHEMA_HEAD

    assert f"Schema version: {SCHEMA_HEAD}" in info


def test_search_finds_les_miserables(installed: Path, outside: Path, demo):
    archive, _ = demo
    found = _run([curator(installed), "search", archive, "miserables"], cwd=outside).stdout
    assert "Misérables" in found


def test_installed_export_writes_a_site(installed: Path, outside: Path, demo):
    archive, _ = demo
    site = outside / "site"
    _run([curator(installed), "export", archive, site], cwd=outside)
    assert (site / "index.html").is_file()
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    assert any("From Russia with Rock" in page for page in pages)
    # the site's own files came with the wheel too (templates render; assets are copied)
    assert any(p.suffix == ".css" for p in site.rglob("*"))
