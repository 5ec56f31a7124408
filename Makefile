# The README's two commands: `make run` and `make test`. Both build .venv on first use, from the
# lock files (pinned, with hashes); `make lock` regenerates those from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# for `make lock` when the venv has no uv yet (the dev extra pins it otherwise)
UV_SPEC := uv>=0.9,<1

.PHONY: run test lint lock fuzz openapi clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# the locked dependencies first, with hashes; the project itself then adds nothing unlocked
$(VENV)/.installed: requirements-embedded.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-embedded.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

run: $(VENV)/.installed
	$(BIN)/parley serve

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -n auto

# One lock per install, all resolved for every platform and Python >= 3.11 (--universal keeps
# pyproject's environment markers), the two smaller ones held to the dev lock's versions so the
# image runs what the tests ran:
#   requirements.lock           the runtime dependencies: the image
#   requirements-embedded.lock  those plus the `embedded` extra: make run
#   requirements-dev.lock       those plus the `dev` extra: make test and CI
# Needs only $(BIN)/python, never an install from the (perhaps stale or conflicted) locks.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal --python-version 3.11 \
	--generate-hashes --no-emit-index-url --custom-compile-command 'make lock'

lock: | $(BIN)/python
	test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet '$(UV_SPEC)'
	$(UV_COMPILE) --extra dev --extra embedded --output-file requirements-dev.lock
	$(UV_COMPILE) --extra embedded --constraints requirements-dev.lock --output-file requirements-embedded.lock
	$(UV_COMPILE) --constraints requirements-dev.lock --output-file requirements.lock

# the long schemathesis run, all phases (a few minutes, a private PostgreSQL): bench/fuzz.py
fuzz: $(VENV)/.installed-dev
	$(BIN)/python bench/fuzz.py

openapi: $(VENV)/.installed
	$(BIN)/parley openapi

clean:
	rm -rf $(VENV) .parley .pytest_cache .mypy_cache .ruff_cache
