# Set-up and the two everyday commands. Everything installs into ./.venv from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export STORMWATER_HOME ?= $(CURDIR)/data
SAMPLE_SCALE ?= 0.01

.PHONY: setup pipeline test lint clean lock lock-check

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

## pipeline: generate sample data, then ingest, build, validate and document it (state in ./data)
pipeline: setup
	$(BIN)/stormwater sample --out $(STORMWATER_HOME)/sample --scale $(SAMPLE_SCALE)
	$(BIN)/stormwater run --source $(STORMWATER_HOME)/sample
	$(BIN)/stormwater docs

## test: the whole test suite
test: setup
	$(BIN)/python -m pytest -q

## lint: ruff over the Python, sqlfluff over the SQL (exceptions justified in .sqlfluff and .sqlfluffignore)
lint: setup
	$(BIN)/ruff check ingest tools tests benchmarks .github/scripts
	$(BIN)/sqlfluff lint models analyses macros tests/dbt --processes 2

clean:
	rm -rf $(STORMWATER_HOME) target logs

## lock: pin every dependency (dev extra included) from pyproject.toml into requirements.lock, which
## the nightly workflow installs. Existing pins are kept; `make lock LOCK_ARGS=--upgrade` moves them all.
## lock-check: fail when requirements.lock no longer matches pyproject.toml (rerun `make lock`).
LOCK_VENV ?= $(or $(TMPDIR),/tmp)/stormwater-pip-tools
PIP_COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --extra dev --strip-extras \
	--allow-unsafe --no-emit-index-url --no-emit-find-links

$(LOCK_VENV)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet 'pip-tools==7.6.2'

lock: $(LOCK_VENV)/bin/pip-compile
	$(PIP_COMPILE) $(LOCK_ARGS) -o requirements.lock pyproject.toml

lock-check: $(LOCK_VENV)/bin/pip-compile
	@tmp=$$(mktemp -d) && cp requirements.lock $$tmp/requirements.lock && \
	$(PIP_COMPILE) -o $$tmp/requirements.lock pyproject.toml && \
	diff -u requirements.lock $$tmp/requirements.lock && rm -rf $$tmp && echo "requirements.lock is up to date"

## bench: time sample generation, cold ingest/build/validate, warm runs, the example queries and a pandas
## baseline on a fresh home, and write docs/benchmarks.md (statewide by default; run it on a quiet machine)
BENCH_SCALE ?= 1.0
BENCH_HOME ?= $(or $(TMPDIR),/tmp)/stormwater-bench
.PHONY: bench
bench: setup
	$(BIN)/python -m benchmarks.run --scale $(BENCH_SCALE) --home $(BENCH_HOME) --report docs/benchmarks.md
