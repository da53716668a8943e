# Everyday commands for working on citecheck (see CONTRIBUTING.md).
# `make dev` once; then `make lint test`. Benchmarks print their figures.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: dev lint format test golden bench

dev:  ## a virtual environment with citecheck (editable) and the test tools
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test]'

lint:  ## ruff (lint and format check) and mypy --strict, as test_lint runs them
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy

format:  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix src tests benchmarks tools
	$(BIN)/ruff format src tests benchmarks tools

test:  ## the whole suite, exactly as CI runs it
	$(BIN)/python -m pytest

golden:  ## regenerate golden files and expected reports (only for intended output changes)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_report_golden.py tests/test_examples.py tests/test_readme.py

bench:  ## the benchmarks that need nothing but this repository (and $(SHARED) when present)
	$(BIN)/python benchmarks/faults.py
	$(BIN)/python benchmarks/lookup_load.py --records $(SHARED)/crossref/works.jsonl.gz --invented 0
	$(BIN)/python benchmarks/parse_speed.py
