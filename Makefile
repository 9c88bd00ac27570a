# Two entry points (see README): `make run` (main job on the embedded default) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint venv browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,spark]"
	touch $(STAMP)

venv: $(STAMP)

# Debian's Chromium renders the brief in the browser tests and prints PDFs.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will say so"; }

run: $(STAMP)
	$(BIN)/oresight brief PRK --out out/brief.html

lint: $(STAMP)
	$(BIN)/ruff check $(wildcard src tests benchmarks scripts examples)
	$(BIN)/mypy

# pytest's exit code 5 means it collected no test: treated as a failure, with a reason.
test: $(STAMP) browser
	@$(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests (exit 5): a suite that runs nothing checks nothing" >&2; exit 1; fi; \
	exit $$rc
	$(MAKE) --no-print-directory lint

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
