"""The methods `dataclasses` writes for each dataclass, compiled once and kept, as Python keeps
a module's compiled code in `__pycache__`.

For every dataclass, `dataclasses.dataclass` writes the source of its `__init__`, `__repr__`,
`__eq__`, `__hash__`, `__setattr__` and `__delattr__` and compiles it (`exec` of the text) each
time the module that defines it is imported. A build imports about 80 dataclasses (model.py
alone 42), and that compiling was a fifth of the instructions of all its imports, more than
the YAML library's whole import (issue 20, bench/results.md). Here `dataclasses` runs the same
text through `cached_exec`: the code object compiled from each text is looked up by the text
itself, so a later process only reads it back (`marshal`, as a `.pyc` is read). The text is
the key, so an edited class, another Python or another `dataclasses` simply misses and is
compiled as before; the class made is the same either way (same code, same globals).

The file is `__pycache__/dataclass-methods.<cache tag>.bin` beside this module, holding the
Python's magic number and the texts with their marshalled code. `make setup` writes it for
every module of the package (`main`); a process that compiled a text the file lacked writes
it again when it ends (`save`: from `quick_exit.exit_now`, which skips `atexit`, and at exit
otherwise), in one atomic rename (two processes at once write whole files; the later one
wins, and a text it lacked is compiled again next time). Where Python writes no bytecode
(`PYTHONDONTWRITEBYTECODE`, `-B`), neither does a process; a file that cannot be read or
written, or a damaged entry, is no error: the methods are compiled as without it.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import os
import sys
from importlib.util import MAGIC_NUMBER
from types import CodeType

_FILE = os.path.join(os.path.dirname(__file__), "__pycache__",
                     f"dataclass-methods.{sys.implementation.cache_tag}.bin")
#: source text → its code, as `exec` compiles it: compiled here, or marshalled as read from
#: `_FILE` (each is read back only when a class needs it: the file holds the methods of every
#: module of the package, a build imports half of them)
_CODE: dict[str, object] = {}
_new = False
#: At most this many texts are kept: past it, the file keeps only those this process used (an
#: edited class leaves its old methods behind).
MAX_KEPT = 5000
_used: set[str] = set()


def _read() -> None:
    try:
        with open(_FILE, "rb") as fh:
            data = fh.read()
        if data[:len(MAGIC_NUMBER)] == MAGIC_NUMBER:
            kept = marshal.loads(data[len(MAGIC_NUMBER):])
            if type(kept) is dict and all(type(k) is str and type(v) is bytes for k, v in kept.items()):
                _CODE.update(kept)
    except (OSError, ValueError, EOFError, TypeError):   # absent, unreadable or damaged: compile
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
        code = _CODE[source] = compile(source, "<string>", "exec", dont_inherit=True)
        _new = True
    _used.add(source)
    return builtins.exec(code, globals, locals)


def save() -> None:
    """Write the texts and their code if this process compiled one it did not have."""
    global _new
    if not _new or sys.dont_write_bytecode:
        return
    _new = False
    kept = _CODE if len(_CODE) <= MAX_KEPT else {text: _CODE[text] for text in _used}
    tmp = f"{_FILE}.{os.getpid()}.part"
    try:
        os.makedirs(os.path.dirname(_FILE), exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(MAGIC_NUMBER + marshal.dumps({text: code if type(code) is bytes else marshal.dumps(code)
                                                   for text, code in kept.items()}))
        os.replace(tmp, _FILE)
    except (OSError, ValueError):     # a read-only install, a full disk: compiled next time too
        try:
            os.unlink(tmp)
        except OSError:
            pass


def install() -> None:
    """Make `dataclasses` compile the methods it writes through `cached_exec` (it calls the
    name `exec`, which its own module's name now gives before the built-in)."""
    if getattr(dataclasses, "exec", None) is cached_exec:
        return
    _read()
    dataclasses.exec = cached_exec
    atexit.register(save)


def main() -> None:
    """`make setup`, after `compileall` (`python -c "from bulletin_pdf.dataclass_cache import
    main; main()"`): import every module of the package and write the methods of all its
    dataclasses, whatever `PYTHONDONTWRITEBYTECODE` says (as `compileall` writes `.pyc`
    files), so that the first build already finds them."""
    import importlib
    import pkgutil

    import bulletin_pdf

    install()
    for module in pkgutil.walk_packages(bulletin_pdf.__path__, "bulletin_pdf."):
        try:
            importlib.import_module(module.name)
        except ImportError:      # an optional library not installed: its classes are compiled when used
            pass
    sys.dont_write_bytecode = False
    save()
