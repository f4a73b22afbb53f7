# Build and test "The Tajik Peace Process, 1992-1997: an executable book".
#
#   make book   set up (venv, pinned requirements, Debian packages) and build HTML + PDF
#   make test   set up, then run every check CI runs (see README.md)
#
# Fast targets for development: setup, html, pdf, execute, validate, lint, format, unit, nbval, book-tests,
# browser, originality, bench, clean, distclean. Every target can be re-run; work already done is reused.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.NOTPARALLEL:

PYTHON    ?= python3
VENV      := .venv
BIN       := $(VENV)/bin
STAMP     := $(VENV)/.requirements-stamp
JB        := $(BIN)/jupyter-book
PYTEST    := $(BIN)/python -m pytest
BUILD     := _build
HTML      := $(BUILD)/html
LATEX     := $(BUILD)/latex
PDF_NAME  := tajik-peace-process.pdf
PDF       := $(LATEX)/$(PDF_NAME)
REPORTS   := $(BUILD)/reports
NOTEBOOKS := $(shell find book -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' -not -path '*/_build/*' | sort)
# Sphinx: warnings are errors, nitpicky references, report every problem before stopping.
JB_STRICT := -W -n --keep-going
# The originality checker lives beside the source texts (../shared/tools when SOURCES_DIR=../shared/sources).
ORIGINALITY ?= $(if $(SOURCES_DIR),$(SOURCES_DIR)/../tools/originality.py,../shared/tools/originality.py)

# Reproducible PDF: xelatex/xdvipdfmx take the PDF dates from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1780000000)
export FORCE_SOURCE_DATE := 1

# Debian packages for the PDF (TeX Live through xelatex) and the PDF and browser tests.
APT_PACKAGES := latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended \
                texlive-xetex fonts-freefont-otf poppler-utils chromium
APT_INSTALL := apt-get install -y --no-install-recommends $(APT_PACKAGES)

.PHONY: help book test setup sysdeps notebook-inputs html pdf execute validate lint format unit nbval \
        book-tests browser originality bench clean distclean

help:
	@echo "make book    set up and build the HTML (_build/html) and the PDF (_build/latex)"
	@echo "make test    set up and run every test: data, unit, nbval, strict HTML, PDF, browser, citation"
	@echo "fast targets: setup html pdf execute validate lint format unit nbval book-tests browser originality bench clean distclean"

# ---------------------------------------------------------------------------------------------
# Set-up

setup: $(STAMP) sysdeps

# The venv is (re)populated only when requirements.txt or pyproject.toml changed.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(BIN)/python -m pip check
	@touch $@

# Debian packages: installed when missing if we are root, otherwise a clear message and a stop.
# A `chromium` already on PATH (e.g. Playwright's build on Ubuntu runners) counts as installed.
sysdeps:
	@if ! command -v dpkg-query >/dev/null; then \
	  for c in xelatex latexmk pdftotext pdfinfo chromium; do \
	    command -v $$c >/dev/null || { echo "error: '$$c' is missing; install the equivalents of: $(APT_PACKAGES)" >&2; exit 1; }; \
	  done; exit 0; \
	fi; \
	missing=""; \
	for p in $(APT_PACKAGES); do \
	  if [ $$p = chromium ] && command -v chromium >/dev/null; then continue; fi; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; apt-get update && $(APT_INSTALL); \
	  else \
	    echo "error: missing Debian packages:$$missing" >&2; \
	    echo "Install them as root, then run make again:" >&2; \
	    echo "  sudo apt-get update && sudo $(APT_INSTALL)" >&2; \
	    exit 1; \
	  fi; \
	fi

# ---------------------------------------------------------------------------------------------
# Building

book: setup pdf html
	@echo "HTML: $(HTML)/index.html   PDF: $(PDF)"

# On failure the execution reports are printed and kept under _build/reports/.
define show_reports
  mkdir -p $(REPORTS); \
  find $(BUILD) -path '$(REPORTS)' -prune -o -path '*/reports/*' -name '*.log' -print | sort | while read -r f; do \
    cp "$$f" $(REPORTS)/; echo "===== execution report: $$f"; cat "$$f"; \
  done
endef

# jupyter-cache keys a notebook on its code cells only, so outputs cached before a change to the
# package, the data or the pins would be stale: such a change drops the cache and the notebooks run
# again. The change is detected by CONTENT (a hash kept in _build), not by file times, which on a
# fresh checkout (a CI runner restoring the cache) are all the checkout's time.
notebook-inputs:
	@$(PYTHON) scripts/notebook_inputs.py $(BUILD)

html: $(STAMP) notebook-inputs
	@$(JB) build . $(JB_STRICT) || { $(show_reports); echo "HTML build failed; reports kept in $(REPORTS)/" >&2; exit 1; }
	@if [ -f $(PDF) ]; then cp $(PDF) $(HTML)/$(PDF_NAME); fi

# A failed LaTeX build leaves _build/latex in a state where a retry says "Nothing to do": remove it.
pdf: setup notebook-inputs
	@$(JB) build . --builder pdflatex $(JB_STRICT) && [ -f $(PDF) ] \
	  || { $(show_reports); rm -rf $(LATEX); echo "PDF build failed; _build/latex removed, reports kept in $(REPORTS)/" >&2; exit 1; }
	@if [ -d $(HTML) ]; then cp $(PDF) $(HTML)/$(PDF_NAME); fi

# Re-execute the chapter notebooks and store their outputs (nbclient, no timing metadata).
execute: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py $(NOTEBOOKS)

# ---------------------------------------------------------------------------------------------
# Tests

validate: $(STAMP)
	$(BIN)/python -m tajik_peace validate

# Lint and format check (settings in pyproject.toml; `make format` applies the formatter).
LINTED := tajik_peace tests scripts book
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: $(STAMP)
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/ruff format $(LINTED)

# Unit tests, data and provenance tests (those needing the sources skip without SOURCES_DIR).
unit: $(STAMP)
	$(PYTEST) -m "not book and not browser" tests

# Re-runs every notebook and compares with its stored outputs.
nbval: $(STAMP)
	$(PYTEST) --nbval $(NOTEBOOKS) --nbval-sanitize-with tests/nbval_sanitize.cfg -o norecursedirs="_build .*" -p no:cacheprovider

# Checks of the built book: HTML, PDF, citation metadata, version agreement.
book-tests: $(STAMP)
	$(PYTEST) -m "book and not browser" tests

browser: setup
	$(PYTEST) -m browser tests

# Build and execution times, sizes and budgets, measured on a fresh clone of HEAD (never asserted in
# tests): writes bench/results/latest.{md,json}. About 25 min on 2 cores with the default 3 runs
# (BENCH_RUNS=N to change; BENCH_ARGS for more options of scripts/bench.py). Commit first: the clone
# is of HEAD.
BENCH_RUNS ?= 3
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --runs $(BENCH_RUNS) $(BENCH_ARGS)

# Fails closed: under CI (CI=true) a missing checker, or no source texts to check against (the
# checker would then pass vacuously), is an error, so CI cannot pass without running
# it; a CI that has no checker by design (GitHub: the sources are private) must say so with
# SKIP_ORIGINALITY=<reason>. Locally a missing checker is reported as SKIPPED (on stderr) and does
# not fail `make test`, which must work on a fresh machine without ../shared. The path is quoted:
# it may hold spaces.
originality:
	@checker='$(ORIGINALITY)'; sources="$${SOURCES_DIR:-$$(dirname "$$checker")/../sources}"; reason=; \
	if [ ! -f "$$checker" ]; then reason="checker '$$checker' not found"; \
	elif ! compgen -G "$$sources/*.txt" >/dev/null; then reason="no source texts (*.txt) in '$$sources'"; fi; \
	if [ -z "$$reason" ]; then \
	  echo "originality: $$checker book --sources $$sources"; $(PYTHON) "$$checker" book --sources "$$sources"; \
	elif [ -n "$${SKIP_ORIGINALITY:-}" ]; then \
	  echo "originality: SKIPPED as asked (SKIP_ORIGINALITY=$$SKIP_ORIGINALITY): $$reason" >&2; \
	elif [ "$${CI:-}" = true ]; then \
	  echo "error: originality cannot run: $$reason. CI must run it (set SOURCES_DIR or ORIGINALITY, or SKIP_ORIGINALITY=<reason>)" >&2; \
	  exit 1; \
	else \
	  echo "originality: SKIPPED, cannot run: $$reason (set SOURCES_DIR or ORIGINALITY; under CI=true this is an error)" >&2; \
	fi

# Everything CI runs. The PDF is built before the strict HTML build so the HTML carries it.
test: setup
	$(MAKE) lint
	$(MAKE) validate
	$(MAKE) unit
	$(MAKE) nbval
	$(MAKE) pdf
	$(MAKE) html
	$(MAKE) book-tests
	$(MAKE) browser
	$(MAKE) originality

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(VENV) *.egg-info .pytest_cache
