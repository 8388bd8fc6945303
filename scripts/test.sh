#!/usr/bin/env bash
# Runs the whole test suite; Qt draws offscreen unless a display is there.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -z "${DISPLAY:-}" ] && export QT_QPA_PLATFORM=offscreen
if [ $# -eq 0 ]; then  # the whole run: the linters first, they take seconds
  .venv/bin/ruff check src tests benchmarks scripts
  .venv/bin/lint-imports --no-cache | tail -n 5
fi
exec .venv/bin/python -m pytest -q "$@"
