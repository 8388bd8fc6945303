#!/usr/bin/env bash
# Installs Curator's Linux desktop integration: the menu entry, the AppStream
# metainfo, the application icon at every size and the type of .curator-team connection
# files (double-clicked, they open in Curator), under PREFIX/share.
#   scripts/install-desktop-files.sh                 # for this user (~/.local)
#   scripts/install-desktop-files.sh /usr/local      # for everyone (as root)
#   DESTDIR=/tmp/stage scripts/install-desktop-files.sh /usr   # for a distribution package
# The menu entry starts `curator`, so install Curator itself first (pip or the bundle).
set -euo pipefail
cd "$(dirname "$0")/.."

APP_ID=io.github.curator.Curator
PREFIX=${1:-$HOME/.local}
SHARE="${DESTDIR:-}$PREFIX/share"

install -Dm644 "packaging/linux/$APP_ID.desktop" "$SHARE/applications/$APP_ID.desktop"
install -Dm644 "packaging/linux/$APP_ID.metainfo.xml" "$SHARE/metainfo/$APP_ID.metainfo.xml"
install -Dm644 "packaging/linux/$APP_ID.xml" "$SHARE/mime/packages/$APP_ID.xml"
install -Dm644 resources/app/curator.svg "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in resources/app/curator-*.png; do
  size=${png##*curator-}; size=${size%.png}
  install -Dm644 "$png" "$SHARE/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done

# Refresh the menu and icon caches when installing for real (not into a staging DESTDIR).
if [ -z "${DESTDIR:-}" ]; then
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -qtf "$SHARE/icons/hicolor" || true
  command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" || true
fi
echo "Installed the Curator menu entry, metainfo, icons and file type under $SHARE"
