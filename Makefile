# Article Lens: `make run` starts the dashboard, `make test` runs every test. Both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test setup setup-dev lint bench sweep

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	$(BIN)/python scripts/vendor_assets.py
	$(BIN)/python -m lib.geo.build

setup-dev: setup $(VENV)/.installed-dev
	scripts/ensure_test_tools.sh

run: setup
	$(BIN)/python -m lib seed
	$(BIN)/streamlit run app.py --server.port $(PORT)

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup-dev lint
	$(BIN)/python -m pytest

$(VENV)/.installed-bench: requirements-bench.txt requirements-dev.txt $(VENV)/.installed-dev
	$(BIN)/pip install -q -r requirements-bench.txt
	touch $@

bench: setup-dev $(VENV)/.installed-bench
	$(BIN)/python bench/process_vs_parse.py
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/geoparsing.py
	$(BIN)/python bench/dates.py
	$(BIN)/python bench/voices.py

# The robustness sweep over the committed Wikinews corpus (tests/data/wikinews.jsonl.gz); make test runs
# a fixed sample of 300. Local corpora (data/corpora/sweep.jsonl.gz) can be named: bench/sweep.py FILE.
sweep: setup-dev
	$(BIN)/python bench/sweep.py
