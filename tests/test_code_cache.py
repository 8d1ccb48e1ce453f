"""Code kept between processes (`code_cache`): a dataclass made from kept methods, and a regular
expression from a kept program, behave as compiled afresh; the file is written only when
something new was compiled and Python may write bytecode; a damaged file or entry is no error."""

from __future__ import annotations

import dataclasses
import marshal
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

from bulletin_pdf import code_cache

from .conftest import ROOT


@pytest.fixture()
def cache_file(tmp_path, monkeypatch) -> Path:
    """The cache in a file of its own, empty in memory, `dataclasses` going through it."""
    path = tmp_path / "__pycache__" / "compiled-code.bin"
    monkeypatch.setattr(code_cache, "_FILE", str(path))
    monkeypatch.setattr(code_cache, "_CODE", {})
    monkeypatch.setattr(code_cache, "_REGEX", {})
    monkeypatch.setattr(code_cache, "KEPT_FOR", (*code_cache.KEPT_FOR, __name__.split(".")[0]))    # this module's
    monkeypatch.setattr(code_cache, "_new", False)
    monkeypatch.setattr(dataclasses, "exec", code_cache.cached_exec, raising=False)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _make():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: int = 2
        tags: tuple[str, ...] = dataclasses.field(default=(), compare=False)

    return Point


def test_methods_from_kept_code_behave_as_compiled(cache_file):
    fresh = _make()
    assert code_cache._new and cache_file.parent.exists() is False
    code_cache.save()
    assert cache_file.is_file() and not code_cache._new
    code_cache._CODE.clear()
    code_cache._read()
    kept_texts = set(code_cache._CODE)
    assert any("def __init__(self,x:" in text for text in kept_texts)
    kept = _make()
    assert not code_cache._new                 # every method came from the file
    a, b = kept(1), kept(1, 2, ("t",))
    assert a == b and hash(a) == hash(b) and a != kept(2)       # `tags` does not compare
    assert repr(b) == "_make.<locals>.Point(x=1, y=2, tags=('t',))"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.x = 3
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'x'"):
        kept()
    assert repr(fresh(1)).split("(", 1)[1] == repr(a).split("(", 1)[1]
    assert dataclasses.replace(b, x=5) == kept(5) and [f.name for f in dataclasses.fields(kept)] == ["x", "y", "tags"]


def test_written_only_when_new_and_allowed(cache_file, monkeypatch):
    code_cache.save()
    assert not cache_file.exists()                  # nothing compiled: nothing to write
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _make()
    code_cache.save()
    assert not cache_file.exists()                  # PYTHONDONTWRITEBYTECODE, -B
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    code_cache.save()
    written = cache_file.stat().st_mtime_ns
    code_cache.save()
    assert cache_file.stat().st_mtime_ns == written and not list(cache_file.parent.glob("*.part"))


@pytest.mark.parametrize("content", [b"", b"junk" * 10, code_cache.MAGIC_NUMBER + b"\x00\x01",
                                     b"\x00\x00\x00\x00" + marshal.dumps({"code": {}, "engine": "", "regex": {}}),
                                     code_cache.MAGIC_NUMBER + marshal.dumps({"x": 1}),
                                     code_cache.MAGIC_NUMBER + marshal.dumps({"code": {"x": 1}, "engine": "?", "regex": {}})])
def test_a_damaged_or_foreign_file_is_compiled_past(cache_file, content):
    cache_file.parent.mkdir()
    cache_file.write_bytes(content)
    code_cache._read()
    assert code_cache._CODE == {} and code_cache._REGEX == {}
    assert _make()(1).y == 2 and code_cache._new


def test_a_damaged_entry_is_compiled_again(cache_file):
    _make()
    code_cache.save()
    code_cache._CODE.clear()
    code_cache._read()
    init = next(text for text in code_cache._CODE if "def __init__(self,x:" in text)
    code_cache._CODE[init] = b"junk"
    code_cache._CODE[next(t for t in code_cache._CODE if "__repr__" in t)] = marshal.dumps(12)
    assert _make()(1).y == 2 and code_cache._new and repr(_make()(3)).endswith("Point(x=3, y=2, tags=())")


def test_a_build_process_writes_it_and_the_next_reads_it(tmp_path):
    """Through the console command: the first build compiles and writes the file (on its way
    out through `quick_exit`), the next compiles nothing."""
    code = ("import sys, dataclasses; from bulletin_pdf import code_cache as c; "
            f"c._FILE = {str(tmp_path / 'm.bin')!r}; c._CODE.clear(); c._read(); "
            "import bulletin_pdf.model; print(len(c._CODE), c._new); c.save()")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT / "src")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    n, new = first.stdout.split()
    assert int(n) > 100 and new == "True"
    assert second.stdout.split() == [n, "False"]


#: Patterns of the kinds the package compiles: wide classes of characters (PyYAML's
#: NON_PRINTABLE, Han), groups by name and number, flags, look-arounds, alternations.
PATTERNS = [("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0),
            ("[\u3400-\u9fff\U00020000-\U0003134f]", 0), (r"^[（(][0-9０-９]+[）)]", 0),
            (r"(?P<l>.?)(?P<sp1>[ \u00a0\u3000]*)(?P<mark>[—―]+|…+|⋯+)(?P<sp2>[ \u00a0\u3000]*)(?P<r>.?)", 0),
            (r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|in)?\s*$", 0), (r"(?<=[^\x00-\x7f])[ \t]+(?=[^\x00-\x7f])", 0),
            (r"\*\*(.+?)\*\*", re.S), (r"title|byline", re.I), ("x  # a comment\n  y", re.X), (r"(\d+)\s(\w)", 0)]
TEXTS = ["", "abc", "中文", "a\x07b", "\ud800", "𠮷x", "（12）", "1．", "37mm", " 16 pt ", "甲 乙", "**粗** a",
         "TITLE", "xy", "—— 破折号", "a…b", "\u3000——\u3000", "１２\u3000字", "12 a"]


def _behaviour(compiled):
    return [(compiled.groups, dict(compiled.groupindex), compiled.flags)] + \
        [(m.span(), m.groups(), m.groupdict()) if (m := compiled.search(t)) else None for t in TEXTS] + \
        [compiled.findall(t) for t in TEXTS] + [compiled.sub("#", t) for t in TEXTS]


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="kept only for the `re` of Python 3.11")
def test_patterns_from_kept_programs_behave_as_compiled(cache_file):
    fresh = {key: _behaviour(re._compiler.compile._real(*key)) for key in PATTERNS}      # `re` as it is
    first = {key: _behaviour(re._compiler.compile(*key)) for key in PATTERNS}
    assert first == fresh and all(key in code_cache._REGEX for key in PATTERNS) and code_cache._new
    code_cache.save()
    code_cache._REGEX.clear()
    code_cache._read()
    assert set(PATTERNS) <= set(code_cache._REGEX)
    code_cache._new = False
    kept = {key: _behaviour(re._compiler.compile(*key)) for key in PATTERNS}
    assert not code_cache._new and kept == fresh
    re.purge()
    assert _behaviour(re.compile(*PATTERNS[0])) == fresh[PATTERNS[0]]       # through `re` itself


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="kept only for the `re` of Python 3.11")
def test_a_damaged_program_is_compiled_again(cache_file):
    key = PATTERNS[2]
    fresh = _behaviour(re._compiler.compile._real(*key))
    code_cache._REGEX[key] = (0, [999999, 1], 0, {}, ())
    code_cache._new = False
    assert _behaviour(re._compiler.compile(*key)) == fresh and code_cache._new


def test_what_other_libraries_compile_is_not_kept(cache_file, monkeypatch):
    """Only the package's (and PyYAML's) classes and patterns are written: what a test runner or
    another library compiles in the same process is compiled as usual."""
    module = types.ModuleType("otherlib")
    monkeypatch.setitem(sys.modules, "otherlib", module)
    other = module.__dict__
    other["re"] = re
    exec("import dataclasses\n@dataclasses.dataclass(frozen=True)\nclass Other:\n    n: int\n"
         "pattern = re._compiler.compile('[\u4e00-\u9fff]+', 0)", other)
    assert other["Other"](3).n == 3 and other["pattern"].match("中文")
    assert code_cache._CODE == {} and code_cache._REGEX == {} and not code_cache._new
    _make()
    assert code_cache._CODE and code_cache._new
