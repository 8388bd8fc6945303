#!/usr/bin/env bash
# Runs the whole test suite; Qt draws offscreen unless a display is there.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -z "${DISPLAY:-}" ] && export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q "$@"
