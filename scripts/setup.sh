#!/usr/bin/env bash
# Installs what Curator needs on a fresh Debian machine: system libraries for Qt
# (and Chromium for the site tests), then a virtual environment with Curator in it.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

QT_PACKAGES="libgl1 libegl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0"
# Tesseract reads text from a box of a scanned page (curator ocr, the desk's scan pane)
OCR_PACKAGES="tesseract-ocr tesseract-ocr-eng"
# desktop-file-utils, appstream, libxml2-utils and shared-mime-info: the validators of
# tests/packaging/test_desktop_files.py; postgresql: the server the team-mode tests start
# for themselves (tests/postgres.py)
TEST_PACKAGES="chromium libatomic1 poppler-utils desktop-file-utils appstream libxml2-utils
  shared-mime-info postgresql"

# hugo: the peer benchmarks/bench_export_vs_hugo.py measures the export against
BENCH_PACKAGES="hugo"

want="$QT_PACKAGES $OCR_PACKAGES"
[ "${1:-}" = "--test" ] && want="$want $TEST_PACKAGES"
[ "${1:-}" = "--bench" ] && want="$want $TEST_PACKAGES $BENCH_PACKAGES"
missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "Installing system packages:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
extras="gui"
[ "${1:-}" = "--test" ] || [ "${1:-}" = "--bench" ] && extras="dev"
stamp=".venv/.installed-$extras-$(sha1sum pyproject.toml | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip >/dev/null
  # compat: the source folder as a path entry, not an import hook that site.py loads
  # (pathlib and importlib.util) before every command: `curator --help` starts ~50 ms sooner
  .venv/bin/pip install -q -e ".[$extras]" --config-settings editable_mode=compat
  touch "$stamp"
fi
