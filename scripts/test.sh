#!/usr/bin/env bash
# Runs the whole test suite (or the tests named), on every core; Qt draws offscreen
# unless a display is there.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -z "${DISPLAY:-}" ] && export QT_QPA_PLATFORM=offscreen
if [ $# -eq 0 ]; then  # the whole run: the linters first, they take seconds
  .venv/bin/ruff check src tests benchmarks scripts
  .venv/bin/lint-imports --no-cache | tail -n 5
fi
# One worker per core (CURATOR_TEST_WORKERS=0 runs in this process alone); the slowest
# tests are named at the end, so a test that grows slow is seen.
exec .venv/bin/python -m pytest -q -n "${CURATOR_TEST_WORKERS:-auto}" --durations=15 "$@"
