# The two commands of the README: `make sample` builds the sample issue, `make test` runs the
# tests. Each does all set-up first (virtual environment, Python packages, default fonts).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: sample test setup fonts bench clean

sample: setup
	$(BIN)/bulletin-pdf build content/2025-09.yaml -o out/2025-09.pdf

test: setup
	$(BIN)/python -m pytest

# the bench also sets each issue with Typst (PyPI `typst`, the `bench` extra), never needed otherwise
BENCH_STAMP = $(VENV)/.bench-$(shell cksum pyproject.toml | cut -d' ' -f1)

bench: setup $(BENCH_STAMP)
	$(BIN)/python bench/run.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	rm -f $(VENV)/.bench-*
	touch $@

setup: $(STAMP) fonts

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

fonts: $(STAMP)
	$(BIN)/bulletin-pdf fonts install

clean:
	rm -rf $(VENV) out
