"""Code that every process compiled again, compiled once and kept, as Python keeps a module's
compiled code in `__pycache__`: the methods `dataclasses` writes for each dataclass, and the
regular expressions modules compile when they are imported.

**Dataclasses.** For every dataclass, `dataclasses.dataclass` writes the source of its
`__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__` and `__delattr__` and compiles it
(`exec` of the text) each time the module that defines it is imported. A build imports about 80
dataclasses (model.py alone 42), and that compiling was a fifth of the instructions of all its
imports, more than the YAML library's whole import (issue 20, bench/results.md). Here
`dataclasses` runs the same text through `cached_exec`: the code object compiled from each text
is looked up by the text itself, so a later process only reads it back (`marshal`, as a `.pyc`
is read). The text is the key, so an edited class, another Python or another `dataclasses`
simply misses and is compiled as before; the class made is the same either way (same code,
same globals).

**Regular expressions.** `re` turns a pattern into the program its matching engine runs
(`re._compiler.compile`): a class of characters over a wide range (PyYAML's `NON_PRINTABLE`,
which every `import yaml` compiles, all Han characters) costs milliseconds of pure Python, each
time. Here that program (its code words, groups and flags) is kept by pattern and flags, and a
later process hands it straight to the engine (`_sre.compile`), exactly as `re` does after
compiling; `re`'s own in-process cache is unchanged. Kept only for the `re` this was written
against (`_sre.MAGIC`, the Python version): any other compiles as without it.

The file is `__pycache__/compiled-code.<cache tag>.bin` beside this module, holding the Python's
magic number and both tables, for the package's classes and patterns and PyYAML's (`KEPT_FOR`).
`make setup` writes it for every module of the package (`main`); a process that compiled
something of theirs the file lacked writes it again when it ends (`save`: from
`quick_exit.exit_now`, which skips `atexit`, and at exit otherwise), in one atomic rename (two
processes at once write whole files; the later one wins, and what it lacked is compiled again
next time). Where Python writes no bytecode (`PYTHONDONTWRITEBYTECODE`, `-B`), neither does a
process; a file that cannot be read or written, or a damaged entry, is no error: the code is
compiled as without it.
"""

from __future__ import annotations

import _sre
import atexit
import builtins
import dataclasses
import marshal
import os
import sys
from importlib.util import MAGIC_NUMBER
from types import CodeType

_FILE = os.path.join(os.path.dirname(__file__), "__pycache__", f"compiled-code.{sys.implementation.cache_tag}.bin")
#: source text → its code, as `exec` compiles it: compiled here, or marshalled as read from
#: `_FILE` (each is read back only when a class needs it: the file holds the methods of every
#: module of the package, a build imports half of them)
_CODE: dict[str, object] = {}
#: (pattern, flags) → what `_sre.compile` takes after the pattern: (flags, code, groups,
#: groupindex, indexgroup)
_REGEX: dict[tuple[str, int], tuple] = {}
_new = False
#: At most this many entries are kept in each table: past it, the file keeps only those this
#: process used (an edited class or pattern leaves its old code behind).
MAX_KEPT = 5000
_used: set = set()
#: the version of `re`'s engine the regular expression programs are for
_ENGINE = f"{sys.version}|{_sre.MAGIC}"
#: Whose code is kept: the package's and PyYAML's (which every build imports). What other
#: libraries compile in the same process (a test runner, the command line's typer) is compiled
#: as usual and not written, so the file holds what a build needs and stays small.
KEPT_FOR = ("bulletin_pdf", "yaml")
#: the modules between a class or pattern and the compiling (the caller is the first frame
#: outside them)
_MACHINERY = {"re", "re._compiler", "dataclasses", __name__}


def _for_us() -> bool:
    """Whether the class or pattern being compiled is one of `KEPT_FOR`'s."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_globals.get("__name__") in _MACHINERY:
        frame = frame.f_back
    return frame is not None and str(frame.f_globals.get("__name__", "")).split(".")[0] in KEPT_FOR


def _read() -> None:
    try:
        with open(_FILE, "rb") as fh:
            data = fh.read()
        if data[:len(MAGIC_NUMBER)] != MAGIC_NUMBER:
            return
        kept = marshal.loads(data[len(MAGIC_NUMBER):])
        code, engine, regex = kept["code"], kept["engine"], kept["regex"]
        if type(code) is dict and all(type(k) is str and type(v) is bytes for k, v in code.items()):
            _CODE.update(code)
        if engine == _ENGINE and type(regex) is dict:
            _REGEX.update(regex)
    except (OSError, ValueError, EOFError, TypeError, KeyError):   # absent, unreadable, damaged
        pass


def cached_exec(source, globals=None, locals=None, /):
    """`exec` for `dataclasses`: the code of a text compiled before is reused. Compiled as
    `exec` compiles a text called from `dataclasses` (file name `<string>`, no `__future__`
    flags: that module has none)."""
    global _new
    if type(source) is not str:
        return builtins.exec(source, globals, locals)
    code = _CODE.get(source)
    if type(code) is bytes:
        try:
            code = marshal.loads(code)
        except (ValueError, EOFError, TypeError):
            code = None
        if type(code) is not CodeType:        # damaged: compiled again below
            code = None
        _CODE[source] = code
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)
        if not _for_us():
            return builtins.exec(code, globals, locals)
        _CODE[source] = code
        _new = True
    _used.add(source)
    return builtins.exec(code, globals, locals)


def _regex_compiler(real, parse, code_of, sre_compile):
    """`re._compiler.compile` with the program of a pattern kept: `real` for what it does not
    keep (a parsed pattern, bytes, DEBUG), the same steps as `real` otherwise."""

    def compile_pattern(p, flags=0):
        global _new
        if type(p) is not str or not isinstance(flags, int) or flags & 128:     # 128: re.DEBUG
            return real(p, flags)
        flags = int(flags)                      # `re.S` as the number `re` itself passes
        key = (p, flags)
        kept = _REGEX.get(key)
        if kept is not None:
            try:
                compiled = sre_compile(p, *kept)
            except (TypeError, ValueError, OverflowError, RuntimeError):     # damaged: compiled again below
                del _REGEX[key]
            else:
                _used.add(key)
                return compiled
        parsed = parse(p, flags)
        code = [int(word) for word in code_of(parsed, flags)]     # opcodes are named ints: as numbers
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        kept = (flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
        compiled = sre_compile(p, *kept)
        if not _for_us():
            return compiled
        _REGEX[key] = kept
        _used.add(key)
        _new = True
        return compiled

    return compile_pattern


def _install_regex() -> None:
    """Put `_regex_compiler` in `re`, only for the `re` of Python 3.11 whose steps it repeats."""
    import re

    compiler = getattr(re, "_compiler", None)
    if sys.version_info[:2] != (3, 11) or compiler is None or getattr(compiler.compile, "_kept", False):
        return
    real = compiler.compile
    kept = _regex_compiler(real, compiler._parser.parse, compiler._code, _sre.compile)
    kept._kept = True
    kept._real = real
    compiler.compile = kept


def save() -> None:
    """Write the tables if this process compiled something they did not have."""
    global _new
    if not _new or sys.dont_write_bytecode:
        return
    _new = False
    code = _CODE if len(_CODE) <= MAX_KEPT else {text: _CODE[text] for text in _used if text in _CODE}
    regex = _REGEX if len(_REGEX) <= MAX_KEPT else {key: _REGEX[key] for key in _used if key in _REGEX}
    tmp = f"{_FILE}.{os.getpid()}.part"
    try:
        os.makedirs(os.path.dirname(_FILE), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(MAGIC_NUMBER + marshal.dumps({
                "code": {text: c if type(c) is bytes else marshal.dumps(c) for text, c in code.items()},
                "engine": _ENGINE, "regex": regex}))
        os.replace(tmp, _FILE)
    except (OSError, ValueError):     # a read-only install, a full disk: compiled next time too
        try:
            os.unlink(tmp)
        except OSError:
            pass


def install() -> None:
    """Make `dataclasses` compile the methods it writes through `cached_exec` (it calls the
    name `exec`, which its own module's name now gives before the built-in), and `re` its
    patterns through `_regex_compiler`."""
    if getattr(dataclasses, "exec", None) is cached_exec:
        return
    _read()
    dataclasses.exec = cached_exec
    _install_regex()
    atexit.register(save)


def main() -> None:
    """`make setup`, after `compileall` (`python -c "from bulletin_pdf.code_cache import main;
    main()"`): import every module of the package and write the methods of all its dataclasses
    and the patterns they compile, whatever `PYTHONDONTWRITEBYTECODE` says (as `compileall`
    writes `.pyc` files), so that the first build already finds them."""
    import importlib
    import pkgutil

    import bulletin_pdf

    install()
    for module in pkgutil.walk_packages(bulletin_pdf.__path__, "bulletin_pdf."):
        try:
            importlib.import_module(module.name)
        except ImportError:      # an optional library not installed: its code is compiled when used
            pass
    sys.dont_write_bytecode = False
    global _new
    _new = True
    save()
