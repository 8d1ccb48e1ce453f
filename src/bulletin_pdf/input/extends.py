"""Layouts that extend another (`extends: jianbao`): the layout file merged over its base,
recursively, with the file each value came from, so that an error in a merged layout is
reported in the file where the value was written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..messages import Message
from ..model import Layout
from .places import layout_dirs
from .validation import _close_matches
from .yamlread import Document, read_yaml


def read_layout_chain(path: Path, _seen: tuple[Path, ...] = ()) -> tuple[Document, dict[tuple, str]]:
    """A layout file merged over the layout it `extends:` (a name or a path), recursively.

    Only the keys that differ need be written: mappings are merged key by key, anything else (a
    list, a number, a text) replaces the base's value whole. Returns the merged document (the
    line of each value is in the file it came from) and, for every field path, that file.
    """
    doc = read_yaml(path, Layout, aliases=True)
    if not isinstance(doc.data, dict):
        raise InputError(Message("file.top_mapping"), file=doc.file, line=1)
    origins = {p: doc.file for p in doc.lines}
    if "extends" not in doc.data:
        return doc, origins
    ref = doc.data.pop("extends")
    where = dict(file=doc.file, line=doc.lines.get(("extends",)), field="extends")
    if not isinstance(ref, str) or not ref.strip():
        raise InputError(Message("extends.not_ref"), hint=Message("hint.extends"), **where)
    base_path = _find_base(ref.strip(), path)
    if base_path is None:
        known = _layout_names(path)
        near = _close_matches(ref.strip(), known, n=1, cutoff=0.6)
        raise InputError(Message("extends.no_such_near", ref=ref, near=near[0]) if near else
                         Message("extends.no_such", ref=ref), **where, hint=Message("hint.extends_known", known=tuple(known)))
    chain = _seen + (path.resolve(),)
    if base_path.resolve() in chain:
        circle = " → ".join(p.name for p in chain + (base_path.resolve(),))
        raise InputError(Message("extends.circle", circle=circle), **where, hint=Message("hint.circle"))
    base, base_origins = read_layout_chain(base_path, chain)
    merged = _deep_merge(base.data, doc.data)
    lines = {**base.lines, **{p: n for p, n in doc.lines.items() if p != ("extends",)}}
    key_lines = {**base.key_lines, **{p: n for p, n in doc.key_lines.items() if p != ("extends",)}}
    raw = {**base.raw, **doc.raw}
    merged_origins = {**base_origins, **{p: f for p, f in origins.items() if p != ("extends",)}}
    replaced = [p for p in doc.lines if isinstance(_get(doc.data, p), list)]
    for stale in [q for q in base.lines if q not in doc.lines and any(q[:len(p)] == p for p in replaced)]:
        for table in (lines, key_lines, raw, merged_origins):   # a list replaced whole: none of the base's items
            table.pop(stale, None)
    return doc._replace(data=merged, lines=lines, key_lines=key_lines, raw=raw), merged_origins


def _find_base(ref: str, extending: Path) -> Path | None:
    """A path (relative to the extending file) or a name: `NAME.yaml` beside the extending file
    first, then the layout folders a build searches (`places.layout_dirs`)."""

    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        candidate = Path(ref).expanduser()
        candidate = candidate if candidate.is_absolute() else Path(os.path.normpath(extending.parent / candidate))
        return candidate if candidate.is_file() else None
    for folder in [extending.parent] + layout_dirs():
        candidate = folder / f"{ref}.yaml"
        if candidate.is_file() and candidate.resolve() != extending.resolve():
            return candidate
    return None


def _layout_names(extending: Path) -> list[str]:

    folders = [extending.parent] + layout_dirs()
    return sorted({p.stem for d in folders if d.is_dir() for p in d.glob("*.yaml")} - {extending.stem})


def _deep_merge(base: Any, over: Any, path: tuple = ()) -> Any:
    """Mappings merged key by key (recursively); any other value replaces the base's whole. A
    role's font choice (`fonts.body`) that names a face (`file:` or `family:`) replaces the
    base's choice whole: `family:` over a base's `file:` must not leave that file in force.
    Given `fallbacks:` alone, the base's face stays."""
    names_face = len(path) == 2 and path[0] == "fonts" and isinstance(over, dict) and ({"file", "family"} & set(over))
    if isinstance(base, dict) and isinstance(over, dict) and not names_face:
        return {**base, **{k: _deep_merge(base[k], v, path + (k,)) if k in base else v for k, v in over.items()}}
    return over


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _relocated(error: InputError, origins: dict[tuple, str]) -> InputError:
    """Point each problem of a merged layout into the file its field came from (the extending
    file or the layout it extends), with that file's source line."""
    for problem in error.errors():
        path = _undotted(problem.field or "")
        while path and path not in origins:
            path = path[:-1]
        source = origins.get(path)
        if source and source != problem.file:
            problem.file = source
            if problem.excerpt is not None and problem.line:
                lines = Path(source).read_text(encoding="utf-8-sig").splitlines()
                problem.excerpt = lines[problem.line - 1] if problem.line <= len(lines) else None
    if error.all:
        error.file, error.line, error.excerpt = error.all[0].file, error.all[0].line, error.all[0].excerpt
    return error


def _undotted(field: str) -> tuple:
    """`fonts.body.fallbacks[0]` → ('fonts', 'body', 'fallbacks', 0): the inverse of `_dotted`."""
    return tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", field))
