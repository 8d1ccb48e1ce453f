# The two commands of the README: `make sample` builds the sample issue, `make test` runs the
# tests. Each does all set-up first (virtual environment, Python packages, default fonts).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

# Debian's browser and its driver, for the `watch` preview page test (tests/test_watch_browser.py)
CHROMIUM     ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: sample test setup fonts browser bench clean

sample: setup
	$(BIN)/bulletin-pdf build content/2025-09.yaml -o out/2025-09.pdf

test: setup
	$(BIN)/python -m pytest

# the bench also sets each issue with Typst (PyPI `typst`, the `bench` extra), never needed otherwise
BENCH_STAMP = $(VENV)/.bench-$(shell cksum pyproject.toml | cut -d' ' -f1)

bench: setup $(BENCH_STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/watch.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	rm -f $(VENV)/.bench-*
	touch $@

setup: $(STAMP) fonts browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

fonts: $(STAMP)
	$(BIN)/bulletin-pdf fonts install

# Installed when missing and we are root with apt-get (CI on a fresh machine); a failed install
# stops the set-up. Elsewhere the browser test is skipped and says why.
browser:
	@if [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing chromium and chromium-driver (Debian) for the preview page test"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver; \
	else \
	  echo "note: $(CHROMIUM) or $(CHROMEDRIVER) is missing and this is not root with apt-get:" \
	       "the preview page test will be skipped"; \
	fi

clean:
	rm -rf $(VENV) out
