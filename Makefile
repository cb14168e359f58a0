# Two commands: `make run` serves the app with demo data; `make test` runs ruff and the whole suite (`make bench`: benchmarks).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app surveyapp
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test check bench screenshots system-deps translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstalled whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -D "messages selko" -d surveyapp/translations >/dev/null

# Browser tests need Debian's Chromium; PostgreSQL tests need its server binaries.
# Installed here when missing and we are root (as on CI); never a downloaded browser.
system-deps:
	@bash scripts/system-deps.sh

run: $(VENV)/.installed translations
	$(FLASK) db upgrade
	$(FLASK) demo load
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C stops)"
	SURVEYAPP_SESSION_COOKIE_SECURE=false $(FLASK) run --host $(HOST) --port $(PORT)

# pytest exits 5 when it collected no tests: that is a failure here, not a pass.
test: $(VENV)/.installed translations system-deps
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(FLASK) instruments check
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$rc

# Not part of `make test`: about ten minutes at full size; prints the tables and writes docs/benchmarks.md.
# `make bench BENCH_ARGS=--quick` runs small sizes and writes nothing.
bench: $(VENV)/.installed translations system-deps
	$(BIN)/python -m bench $(BENCH_ARGS)

# Full-page screenshots of every coordinator page at 390 and 1440 px, for a reviewer to look at
# (test-artifacts/screenshots/coordinator/; not committed).
screenshots: $(VENV)/.installed translations system-deps
	SURVEYAPP_SCREENSHOTS=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_coordinator_pages.py

clean:
	rm -rf $(VENV) instance build *.egg-info test-artifacts
