# The few commands people run. `make demo` and `make test` work on a fresh machine: they
# create .venv and install what they need. `make demo` installs the project with the
# [pruning] extra only; `make test` adds every other extra. Both install a CPU build of torch
# first (a plain `torch` requirement would pull a multi-GB CUDA build).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
TORCH_SPEC ?= torch==2.13.0
DEMO_OUT ?= demo-out
PYTEST_ARGS ?=

.PHONY: help install install-pruning install-dev demo test lint typecheck check bench golden clean

help:
	@echo "make demo    - run the SCIP + dedup pipeline on the bundled code corpus (DirectRunner, offline model)"
	@echo "make test    - run the test suite (creates .venv and installs everything first)"
	@echo "make install - the base install only: validate, generate, info, records, publish"
	@echo "make check   - ruff check, ruff format --check and mypy on the packages"
	@echo "make bench   - run the benchmarks in tests/benchmarks (slow, on demand)"
	@echo "make golden  - regenerate golden test expectations"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel

$(VENV)/.installed-base: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-pruning: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet "$(TORCH_SPEC)"
	$(BIN)/pip install --quiet "$(TORCH_SPEC)" -e ".[pruning]"
	touch $@

$(VENV)/.installed-all: $(VENV)/.installed-pruning pyproject.toml
	$(BIN)/pip install --quiet "$(TORCH_SPEC)" -e ".[all]"
	touch $@

install: $(VENV)/.installed-base
install-pruning: $(VENV)/.installed-pruning
install-dev: $(VENV)/.installed-all

demo: $(VENV)/.installed-pruning
	$(BIN)/croissant-tools demo -o $(DEMO_OUT)

test: $(VENV)/.installed-all
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-all
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-all
	$(BIN)/mypy

check: lint typecheck

bench: $(VENV)/.installed-all
	$(BIN)/python -m pytest tests/benchmarks -m benchmark -s -p no:cacheprovider

golden: $(VENV)/.installed-all
	$(BIN)/python -m tests.regenerate_golden

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_OUT)
