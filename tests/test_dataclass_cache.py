"""The compiled methods of dataclasses kept between processes (`dataclass_cache`): a class made
from kept code behaves as one compiled afresh, the file is written only when something new was
compiled and Python may write bytecode, and a damaged file is no error."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_pdf import dataclass_cache

from .conftest import ROOT


@pytest.fixture()
def cache_file(tmp_path, monkeypatch) -> Path:
    """The cache in a file of its own, empty in memory, `dataclasses` going through it."""
    path = tmp_path / "__pycache__" / "dataclass-methods.bin"
    monkeypatch.setattr(dataclass_cache, "_FILE", str(path))
    monkeypatch.setattr(dataclass_cache, "_CODE", {})
    monkeypatch.setattr(dataclass_cache, "_new", False)
    monkeypatch.setattr(dataclasses, "exec", dataclass_cache.cached_exec, raising=False)
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
    assert dataclass_cache._new and cache_file.parent.exists() is False
    dataclass_cache.save()
    assert cache_file.is_file() and not dataclass_cache._new
    dataclass_cache._CODE.clear()
    dataclass_cache._read()
    kept_texts = set(dataclass_cache._CODE)
    assert any("def __init__(self,x:" in text for text in kept_texts)
    kept = _make()
    assert not dataclass_cache._new                 # every method came from the file
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
    dataclass_cache.save()
    assert not cache_file.exists()                  # nothing compiled: nothing to write
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _make()
    dataclass_cache.save()
    assert not cache_file.exists()                  # PYTHONDONTWRITEBYTECODE, -B
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    dataclass_cache.save()
    written = cache_file.stat().st_mtime_ns
    dataclass_cache.save()
    assert cache_file.stat().st_mtime_ns == written and not list(cache_file.parent.glob("*.part"))


@pytest.mark.parametrize("content", [b"", b"junk" * 10, dataclass_cache.MAGIC_NUMBER + b"\x00\x01",
                                     b"\x00\x00\x00\x00" + marshal.dumps({"x": b"1"}),
                                     dataclass_cache.MAGIC_NUMBER + marshal.dumps({"x": 1})])
def test_a_damaged_or_foreign_file_is_compiled_past(cache_file, content):
    cache_file.parent.mkdir()
    cache_file.write_bytes(content)
    dataclass_cache._read()
    assert dataclass_cache._CODE == {}
    assert _make()(1).y == 2 and dataclass_cache._new


def test_a_damaged_entry_is_compiled_again(cache_file):
    _make()
    dataclass_cache.save()
    dataclass_cache._CODE.clear()
    dataclass_cache._read()
    init = next(text for text in dataclass_cache._CODE if "def __init__(self,x:" in text)
    dataclass_cache._CODE[init] = b"junk"
    dataclass_cache._CODE[next(t for t in dataclass_cache._CODE if "__repr__" in t)] = marshal.dumps(12)
    assert _make()(1).y == 2 and dataclass_cache._new and repr(_make()(3)).endswith("Point(x=3, y=2, tags=())")


def test_a_build_process_writes_it_and_the_next_reads_it(tmp_path):
    """Through the console command: the first build compiles and writes the file (on its way
    out through `quick_exit`), the next compiles nothing."""
    code = ("import sys, dataclasses; from bulletin_pdf import dataclass_cache as c; "
            f"c._FILE = {str(tmp_path / 'm.bin')!r}; c._CODE.clear(); c._read(); "
            "import bulletin_pdf.model; print(len(c._CODE), c._new); c.save()")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT / "src")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    n, new = first.stdout.split()
    assert int(n) > 100 and new == "True"
    assert second.stdout.split() == [n, "False"]
