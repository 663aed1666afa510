# Set-up and the two everyday commands. Everything installs into ./.venv from pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export STORMWATER_HOME ?= $(CURDIR)/data
SAMPLE_SCALE ?= 0.01

.PHONY: setup pipeline test lint clean

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

lint: setup
	$(BIN)/ruff check ingest tests

clean:
	rm -rf $(STORMWATER_HOME) target logs
