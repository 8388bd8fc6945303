"""Linux desktop integration: the menu entry, AppStream metainfo and icons validate and agree.

The validators are the ones distributions and software centres run
(desktop-file-validate, appstreamcli); scripts/setup.sh --test installs them.
"""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

import pytest
from PIL import Image

pytestmark = pytest.mark.packaging

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "io.github.curator.Curator"
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install the Debian package {package} "
                    "(scripts/setup.sh --test does).")
    return path


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=60)


def test_desktop_entry_passes_desktop_file_validate():
    done = run(tool("desktop-file-validate", "desktop-file-utils"), DESKTOP)
    # it exits 0 on warnings too; a clean entry prints nothing at all
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_metainfo_passes_appstreamcli_validate():
    done = run(tool("appstreamcli", "appstream"), "validate", "--no-net", METAINFO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Validation was successful" in done.stdout


def test_installed_tree_passes_appstreamcli_validate_tree(tmp_path: Path):
    """What a distribution package would install, checked as one tree."""
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-desktop-files.sh"), "/usr"],
        env={**os.environ, "DESTDIR": str(tmp_path)}, capture_output=True, text=True,
        timeout=60)
    assert done.returncode == 0, done.stderr
    share = tmp_path / "usr" / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert Image.open(png).size == (size, size)
    done = run(tool("appstreamcli", "appstream"), "validate-tree", "--no-net", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ids_names_and_version_agree():
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    desktop = entry["Desktop Entry"]
    meta = ET.parse(METAINFO).getroot()

    assert meta.findtext("id") == APP_ID == desktop["Icon"]
    assert meta.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert meta.findtext("name") == desktop["Name"] == "Curator"
    # the menu entry and metainfo start the command the wheel installs
    assert desktop["Exec"].split()[0] == meta.findtext("provides/binary") == "curator"
    assert "curator" in PROJECT["scripts"]
    assert meta.findtext("project_license") == PROJECT["license"]
    # the newest release in the metainfo is the version being built, with its notes
    newest = meta.find("releases/release")
    assert newest is not None and newest.get("version") == PROJECT["version"]
    assert newest.findall("description/ul/li")


def test_metainfo_screenshot_is_the_one_the_script_takes():
    image = ET.parse(METAINFO).getroot().find("screenshots/screenshot[@type='default']/image")
    assert image is not None
    assert image.text.startswith("https://")
    assert image.text.endswith("/docs/screenshots/main-window.png")
    script = runpy.run_path(str(ROOT / "scripts" / "take_screenshot.py"))
    stated = (int(image.get("width")), int(image.get("height")))
    assert script["SIZE"] == stated
    assert Image.open(script["OUTPUT"]).size == stated  # the picture in the repo is that one


def test_icon_is_drawn_at_every_size():
    icons = ROOT / "resources" / "app"
    assert (icons / "curator.svg").is_file()
    for size in ICON_SIZES:
        image = Image.open(icons / f"curator-{size}.png").convert("RGBA")
        assert image.size == (size, size)
        # a rounded tile: transparent corner, opaque middle
        assert image.getpixel((0, 0))[3] == 0
        assert image.getpixel((size // 2, size // 2))[3] == 255
    for name in ("curator.ico", "curator.icns"):
        assert (ROOT / "packaging" / "icons" / name).stat().st_size > 0


MIME = LINUX / f"{APP_ID}.xml"
TEAM_TYPE = "application/x-curator-team"

# What a file manager asks the system's MIME database, here through Qt's reader of it
WHAT_TYPE = """
import sys
from PySide6.QtCore import QMimeDatabase
for name in sys.argv[1:]:
    print(QMimeDatabase().mimeTypeForFile(name).name())
"""


def test_a_team_connection_file_is_a_type_the_desktop_opens_in_curator(tmp_path: Path):
    done = run(tool("xmllint", "libxml2-utils"), "--noout", MIME)
    assert (done.returncode, done.stderr) == (0, "")
    share = tmp_path / "usr" / "share"
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-desktop-files.sh"), "/usr"],
        env={**os.environ, "DESTDIR": str(tmp_path)}, capture_output=True, text=True,
        timeout=60)
    assert done.returncode == 0, done.stderr
    assert (share / "mime" / "packages" / MIME.name).read_bytes() == MIME.read_bytes()
    # the databases a distribution's triggers build from what was installed, without a word
    # of complaint about the type or the entry
    system = {**os.environ, "XDG_DATA_DIRS": str(share),
              "XDG_DATA_HOME": str(tmp_path / "no data home")}
    done = subprocess.run([tool("update-mime-database", "shared-mime-info"), share / "mime"],
                          env=system, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
    globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
    assert f"{TEAM_TYPE}:*.curator-team" in globs
    done = run(tool("update-desktop-database", "desktop-file-utils"), share / "applications")
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
    cache = (share / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    assert f"{TEAM_TYPE}={APP_ID}.desktop;" in cache.splitlines()

    # a file named so (the glob), and one renamed but starting [curator-team] (the magic),
    # are both that type; the entry that opens them hands Curator the file
    named = tmp_path / "MIFF.curator-team"
    named.write_text("[curator-team]\nurl = postgresql://anna@db/miff\n", encoding="utf-8")
    renamed = tmp_path / "MIFF connection"
    renamed.write_bytes(named.read_bytes())
    plain = tmp_path / "notes.txt"
    plain.write_text("Nothing to do with Curator.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", WHAT_TYPE, named, renamed, plain],
                          env=system, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [TEAM_TYPE, TEAM_TYPE, "text/plain"]
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    assert entry["Desktop Entry"]["MimeType"] == f"{TEAM_TYPE};"
    assert entry["Desktop Entry"]["Exec"] == "curator open %f"
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("provides/mediatype") == TEAM_TYPE
