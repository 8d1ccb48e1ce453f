"""YAML → validated model objects (the issue and the layout): the entry of `input/`.

All user-facing errors about input are raised in this package, as `FILE:LINE: field.path:
message` (docs/architecture.md, "The pipeline"), each module doing one step: `yamlread` reads
the file with the place of every key and value, `schema` declares the issue's fields and
types (`extra="forbid"`), `accept` checks a file against its schema (pydantic only for a file
it doubts) and `validation` says what pydantic found in the editor's terms,
`blocks` reads an article's body, `extends` merges a layout over the one it extends and
`layoutcheck` checks what a layout's schema cannot.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..errors import InputError
from ..messages import Message
from ..model import Article, Column, Distribution, Issue, Layout, Paragraph, ShortItem, Source
from .accept import validated
from .blocks import _BlockReader, parse_inline
from .extends import _relocated, read_layout_chain
from .layoutcheck import MASTHEAD_FIELDS, _check_geometry, _check_layout
from .schema import IssueIn
from .yamlread import Document, _dotted, _line_of, _shows_source, read_yaml


def load_issue(path: Path | str) -> Issue:
    """Read and validate an issue file (docs/issue-format.md)."""
    return read_issue(path)[0]


@_shows_source
def read_issue(path: Path | str) -> tuple[Issue, Document]:
    """The issue, and the file as read (its values with their lines, and its source lines):
    what the proofreader reads, so that `build` and `check` read the file once."""
    doc = read_yaml(Path(path), IssueIn)
    if not isinstance(doc.data, dict):
        raise InputError(Message("file.top_mapping"), file=doc.file, line=1)
    for field_path in (("serial",), ("distribution", "phone")):   # text that may look like a number
        _as_typed(doc, field_path)
    raw = validated(IssueIn, doc.data, lambda exc: _explained(exc, doc, IssueIn))
    for i, col in enumerate(raw.columns):
        if not col.articles and not col.items:
            raise InputError(Message("issue.column_empty"), file=doc.file,
                             line=doc.lines.get(("columns", i)), field=f"columns[{i}]")

    def source(*path) -> Source:
        return Source(doc.file, _line_of(doc, path) or 0, _dotted(path))

    def paragraph(text: str, *path) -> Paragraph:
        src = source(*path)
        return Paragraph(parse_inline(text, src, doc.source), src)

    blocks = _BlockReader(doc)
    columns = []
    for i, col in enumerate(raw.columns):
        articles = tuple(
            Article(tuple(t.strip() for t in art.title),
                    blocks.blocks(art.body, ("columns", i, "articles", j, "body")),
                    art.byline, art.contents_title, source("columns", i, "articles", j),
                    source("columns", i, "articles", j, "byline"))
            for j, art in enumerate(col.articles))
        items = tuple(ShortItem(paragraph(it.text, "columns", i, "items", j, "text"), it.byline,
                                source("columns", i, "items", j, "byline"))
                      for j, it in enumerate(col.items))
        columns.append(Column(col.name, articles, items, source("columns", i)))
    dist = None
    if raw.distribution is not None:
        d = raw.distribution
        dist = Distribution(tuple(d.send_to), d.editor, d.phone, d.copies,
                            Source(doc.file, doc.key_lines.get(("distribution",)) or 0, "distribution"))
    fields = tuple((name, source(name)) for name in MASTHEAD_FIELDS if (name,) in doc.key_lines)
    return Issue(raw.publication, raw.edition, raw.number, raw.cumulative, raw.compiled_by, raw.date,
                 raw.marking, raw.serial, tuple(columns), dist, doc.file, raw.layout,
                 source("layout") if raw.layout is not None else None, fields), doc


def _as_typed(doc: Document, path: tuple) -> None:
    """Keep a field's text as typed when YAML read it as a number (`0571` is not octal 377)."""
    parent = doc.data
    for part in path[:-1]:
        parent = parent.get(part) if isinstance(parent, dict) else None
    if isinstance(parent, dict) and isinstance(parent.get(path[-1]), (int, float)) and path in doc.raw:
        parent[path[-1]] = doc.raw[path]


def _explained(exc, doc: Document, schema: type) -> InputError:
    """pydantic's ValidationError as located messages (validation.py, imported only then)."""
    from .validation import _range_hints, _validation_error

    return _range_hints(_validation_error(exc, doc, schema), exc, doc)


@_shows_source
def load_layout(path: Path | str) -> Layout:
    """Read and validate a layout file (layouts/*.yaml), with the layouts it `extends:`."""
    doc, origins = read_layout_chain(Path(path))
    try:
        layout = validated(Layout, {**doc.data, "file": doc.file}, lambda exc: _explained(exc, doc, Layout))
        _check_layout(layout, doc)
        _check_geometry(layout, doc)
    except InputError as exc:
        raise _relocated(exc, origins) from None
    return _with_font_sources(layout, doc, origins)


def _with_font_sources(layout: Layout, doc: Document, origins: dict[tuple, str]) -> Layout:
    """Each font choice carries its layout line (in the file it came from, with `extends:`),
    so an unreadable face is reported there."""
    def sourced(choice, path):
        at = path + (("file",) if choice.file else ("family",) if choice.family else ())
        return dataclasses.replace(choice, source=Source(origins.get(at, doc.file), _line_of(doc, at) or 0, _dotted(at)),
                                   fallbacks=tuple(sourced(fb, path + ("fallbacks", i))
                                                   for i, fb in enumerate(choice.fallbacks)))

    return dataclasses.replace(layout, fonts={role: sourced(c, ("fonts", role)) for role, c in layout.fonts.items()})
