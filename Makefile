# One venv, installed from pyproject.toml; every target installs what it needs first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint bench install clean

run: $(STAMP)  ## check the example draft shipped in the repo (exit 1 only means it has findings)
	$(BIN)/nofame check examples/draft.md; test $$? -le 1

test: $(STAMP) $(CHROMIUM)  ## lint, then the whole suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/check_speed.py

.PHONY: audit-bench
audit-bench: $(STAMP)  ## batch audit speed: --jobs 1/2, with and without the gate, against bare nlp.pipe
	$(BIN)/python bench/audit_speed.py

.PHONY: eval
eval: $(STAMP)  ## score the engine on the real-coverage corpus (dev split); needs the cache, see docs/corpus.md
	$(BIN)/nofame corpus verify
	$(BIN)/nofame eval --split dev --compare-models

.PHONY: serve
serve: $(STAMP)  ## install what is missing, then serve the page and the API on http://127.0.0.1:8000
	$(BIN)/nofame serve

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
