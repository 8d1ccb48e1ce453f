# The two commands of the README: `make sample` builds the sample issue, `make test` runs the
# tests. Each does all set-up first (virtual environment, Python packages, default fonts).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

# Debian's packages some tests need: the browser and its driver for the `watch` preview page
# (tests/test_watch_browser.py), poppler's pdffonts, Ghostscript's inkcov, Noto CJK (a CFF
# font collection, and the default layouts' fallback for rare name characters) for the font
# tests, and qpdf (`qpdf --check` of the PDF our writer says). Only `make test` installs them.
TEST_DEBS     = chromium chromium-driver poppler-utils ghostscript fonts-noto-cjk qpdf
TEST_PROGRAMS = /usr/bin/chromium /usr/bin/chromedriver /usr/bin/pdffonts /usr/bin/gs \
                /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc /usr/bin/qpdf

.PHONY: sample test setup command fonts testdeps bench mutation clean

sample: setup
	$(BIN)/bulletin-pdf build content/2025-09.yaml -o out/2025-09.pdf

test: setup testdeps
	$(BIN)/python -m pytest -n auto

# the bench also sets each issue with Typst (PyPI `typst`, the `bench` extra), never needed otherwise
BENCH_STAMP = $(VENV)/.bench-$(shell cksum pyproject.toml | cut -d' ' -f1)

bench: setup $(BENCH_STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/watch.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	rm -f $(VENV)/.bench-*
	touch $@

# Mutation testing (mutmut, the `mutation` extra): not part of CI and long (an hour or more on
# two cores). One area at a time (AREA: text, the default, or compose, schema, preflight; each
# names its code and its tests in pyproject.toml's [tool.mutmut] tables, through
# bench/mutation.py). It runs the tests that reach each mutant, at the lowest priority and on
# one core so the machine stays usable. SAMPLE=N runs N mutants drawn at random instead of all
# (SEED, default 16; MINUTES starts no new batch after that long), and prints the tally.
# `$(BIN)/python bench/mutation.py AREA results` lists the survivors, `... AREA show NAME` one
# of them. The scores go to bench/results.md by hand, with the survivors' verdicts.
MUTATION_STAMP = $(VENV)/.mutation-$(shell cksum pyproject.toml | cut -d' ' -f1)
AREA ?= text
SEED ?= 16
MINUTES ?= 1000000

mutation: setup $(MUTATION_STAMP)
ifdef SAMPLE
	CI=1 nice -n 19 $(BIN)/python bench/mutation.py $(AREA) sample $(SAMPLE) $(SEED) $(MINUTES)
	$(BIN)/python bench/mutation.py $(AREA) tally
else
	CI=1 nice -n 19 $(BIN)/python bench/mutation.py $(AREA) run --max-children 1
	$(BIN)/python bench/mutation.py $(AREA) export-cicd-stats && cat mutants/mutmut-cicd-stats.json
endif

$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	rm -f $(VENV)/.mutation-*
	touch $@

# Bytecode for src/: pip compiles what it installs into site-packages, but an editable install
# leaves src/ as source, and with PYTHONDONTWRITEBYTECODE set Python would compile every module
# again on each run (~0.2 s of every command). Cheap when up to date; a .pyc that a later edit
# made stale is simply recompiled in memory by Python (it checks the source's time and size).
# Likewise the methods `dataclasses` compiles for each dataclass and the regular expressions
# (src/bulletin_pdf/code_cache.py).
setup: $(STAMP) fonts command
	$(BIN)/python -m compileall -q src
	$(BIN)/python -c "from bulletin_pdf.code_cache import main; main()"

# `bulletin-pdf` where her shell finds it, so that the README's guide runs as printed: a link to
# .venv/bin/bulletin-pdf in the first folder of her PATH that is writable and meant for programs
# of her own (~/.local/bin, ~/bin, /usr/local/bin). When none is (a login before ~/.local/bin
# existed), the link goes in ~/.local/bin, which Debian's and Ubuntu's ~/.profile put on the PATH
# of the next login, and the one line that puts it there now is printed.
COMMAND_DIRS ?= $(HOME)/.local/bin $(HOME)/bin /usr/local/bin
command: $(STAMP)
	@target="$(abspath $(BIN))/bulletin-pdf"; dir=""; \
	for d in $$(echo "$$PATH" | tr ':' ' '); do \
	  case " $(COMMAND_DIRS) " in *" $$d "*) if [ -d "$$d" ] && [ -w "$$d" ]; then dir="$$d"; break; fi;; esac; \
	done; \
	if [ -n "$$dir" ]; then \
	  ln -sfn "$$target" "$$dir/bulletin-pdf" && echo "bulletin-pdf: $$dir/bulletin-pdf -> $$target"; \
	else \
	  mkdir -p "$(HOME)/.local/bin" && ln -sfn "$$target" "$(HOME)/.local/bin/bulletin-pdf" && \
	  echo "bulletin-pdf: $(HOME)/.local/bin/bulletin-pdf -> $$target; ~/.local/bin is not on your PATH yet:" && \
	  echo "  open a new terminal, or run:  export PATH=\"\$$HOME/.local/bin:\$$PATH\""; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

fonts: $(STAMP)
	$(BIN)/bulletin-pdf fonts install

# Installed when missing and we are root with apt-get (CI on a fresh machine); a failed install
# stops the set-up. Elsewhere the tests that need them are skipped and say why.
testdeps:
	@missing=""; for f in $(TEST_PROGRAMS); do [ -e $$f ] || missing="$$missing $$f"; done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing $(TEST_DEBS) (Debian) for the tests that need them"; \
	  apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $(TEST_DEBS); \
	else \
	  echo "note: missing$$missing and this is not root with apt-get: the tests that need them will be skipped"; \
	fi

clean:
	rm -rf $(VENV) out mutants
