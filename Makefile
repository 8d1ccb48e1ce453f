# The two commands of the README: `make sample` builds the sample issue, `make test` runs the
# tests. Each does all set-up first (virtual environment, Python packages, default fonts).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: sample test setup fonts tools bench clean

sample: setup
	$(BIN)/bulletin-pdf build content/2025-09.yaml -o out/2025-09.pdf

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py

setup: $(STAMP) fonts tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

fonts: $(STAMP)
	$(BIN)/bulletin-pdf fonts install

# Ghostscript, for the test that reads the ink coverage of the report example's pages (inkcov).
# Installed from Debian when we are root; otherwise that test is skipped and says why.
tools:
	@command -v gs >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  apt-get update -qq && apt-get install -y -qq ghostscript >/dev/null; } || \
	  echo "note: Ghostscript (gs) not installed: the ink-coverage test will be skipped"

clean:
	rm -rf $(VENV) out
