"""Shared fixtures: the sample issue built once per session, and the default fonts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from . import profiles

# CI runs the property tests on a fixed sequence of examples (reproducible results), mutation
# runs on a shorter one; local runs draw new ones each time and so keep exploring (profiles.py).
profiles.load()

from bulletin_pdf.input.load import load_layout
from bulletin_pdf.input.places import find_layout
from bulletin_pdf.pipeline import build, load_fonts, text_of

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "2025-09.yaml"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """Messages follow the locale (messages.py): tests that read them run in an English one
    whatever the machine's, and ask for Chinese with `--lang zh` or LANG themselves."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True, scope="session")
def fresh_text_memos():
    """Under a mutation run (profiles.py) each mutant's tests run in a process forked from one
    that already ran them clean: empty the line engine's memos (prepare's character classes,
    the segmenter's cuts) so that a mutant in the code they remember runs, not its cached result."""
    if profiles.MUTATION:
        from bulletin_pdf.text import prepare, words

        prepare._CLASSES.clear()
        words.words.cache_clear()
    yield


@pytest.fixture(autouse=True)
def fresh_schema_caches():
    """Under mutmut only (`make mutation`; it sets MUTANT_UNDER_TEST): input/accept.py keeps the
    converters and pydantic validators it builds for the process, and mutmut forks each mutant's
    test run from a process that has already run the tests. Cleared before each test, every test
    that validates a file builds them again, as a fresh `pytest` does: so mutmut sees every test
    that reaches the code building them, and a mutant of that code is the code each test runs."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        from bulletin_pdf.input import accept

        for cache in (accept._converter, accept._pydantic, accept._model):
            cache.cache_clear()


@pytest.fixture(scope="session")
def layout():
    return load_layout(find_layout("jianbao"))


@pytest.fixture(scope="session")
def fonts(layout):
    return load_fonts(layout)


@pytest.fixture(scope="session")
def sample_build():
    return build(SAMPLE, "jianbao")


@pytest.fixture(scope="session")
def sample_pdf(sample_build, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sample") / "2025-09.pdf"
    path.write_bytes(sample_build.pdf)
    return path


@pytest.fixture(scope="session")
def sample_text() -> list[str]:
    return text_of(SAMPLE, "jianbao")
