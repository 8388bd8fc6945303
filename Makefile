# Curator: the two commands of the README, and a few more for developers.
.PHONY: run demo test lint bench clean wheel bundle

ARCHIVE ?= $(HOME)/Curator/Demo.curator

# Set up (system packages, venv) and start Curator on the demo archive.
run:
	./scripts/setup.sh
	.venv/bin/curator demo --if-missing "$(ARCHIVE)"
	.venv/bin/curator open "$(ARCHIVE)"

# Set up (system packages, venv, test tools) and run every test.
test:
	./scripts/setup.sh --test
	./scripts/test.sh

# The wheel and source distribution in dist/ (carrying resources/ and the migrations).
wheel:
	./scripts/setup.sh --test
	.venv/bin/python -m build --outdir dist .

# The one-folder desktop bundle in dist/Curator, built with PyInstaller and started
# once offscreen to check it (several minutes; not part of `make test`).
bundle:
	./scripts/setup.sh
	.venv/bin/pip install -q -e ".[gui,bundle]" --config-settings editable_mode=compat
	.venv/bin/python scripts/build_bundle.py

lint:
	.venv/bin/ruff check src tests benchmarks scripts
	.venv/bin/lint-imports

# Every benchmark runs, even after one misses its target; the misses are named at the end.
# The desk is measured in a real X window (xcb): on the display there is, or on Xvfb.
# The run's output is kept in build/bench.log, and the README's table of figures is
# rewritten from it (scripts/bench_table.py).
bench: SHELL := /bin/bash
bench: BENCH_DISPLAY := $(if $(DISPLAY),QT_QPA_PLATFORM=xcb,xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb)
bench:
	./scripts/setup.sh --bench
	mkdir -p build; : > build/bench.log
	set -o pipefail; missed=""; for b in benchmarks/bench_*.py; do \
		echo "== $$b" | tee -a build/bench.log; \
		$(BENCH_DISPLAY) .venv/bin/python $$b 2>&1 | tee -a build/bench.log || missed="$$missed $$b"; done; \
	.venv/bin/python scripts/bench_table.py build/bench.log README.md; \
	test -z "$$missed" || { echo "missed its target or failed:$$missed"; exit 1; }

clean:
	rm -rf build dist .pytest_cache src/*.egg-info
