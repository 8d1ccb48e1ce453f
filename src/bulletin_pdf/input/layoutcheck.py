"""The checks of a layout that its schema cannot express field by field: every font role and
colour it names exists, templates use only their own placeholders (plain `{name}`), and the
geometry holds together (the text block on the page, furniture within the grid's lines,
indents within a line's characters).
"""

from __future__ import annotations

import dataclasses
import string

from ..errors import InputError
from ..messages import Message
from ..model import Layout, Style
from .files import read_text, source_line
from .yamlread import Document, _dotted, _line_of


MASTHEAD_FIELDS = ("publication", "edition", "edition_spaced", "number", "cumulative", "compiled_by", "date", "marking", "serial")
#: The placeholders each template of a layout may use (a typo there would fail at build time).
TEMPLATES = {
    ("masthead", "items", "*", "text"): MASTHEAD_FIELDS,
    ("masthead", "date_format"): ("year", "month", "day"),
    ("contents", "short_items"): ("n",),
    ("column_head", "text"): ("text", "n", "cn"),
    ("title", "text"): ("text", "n", "cn"),
    ("byline", "text"): ("byline",),
    ("distribution", "copies_text"): ("copies",),
    ("folio", "text"): ("n",),
    ("output", "title_format"): MASTHEAD_FIELDS + ("year",),
    ("blocks", "headings", "*", "number"): ("n", "cn"),
    ("blocks", "list", "marker"): ("n", "cn"),
    ("blocks", "table", "caption", "text"): ("n", "text"),
    ("blocks", "table", "caption", "continued"): ("n", "text"),
    ("blocks", "table", "source", "text"): ("text",),
    ("blocks", "figure", "caption", "text"): ("n", "text"),
    ("blocks", "figure", "source", "text"): ("text",),
}


def _check_layout(layout: Layout, doc: Document) -> None:
    """Cross-references the schema cannot express: every font role and colour a layout names
    exists, and every template uses only the placeholders it is given."""
    refs = []

    def collect(obj, path):
        if dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                value = getattr(obj, f.name)
                if f.name in ("font", "latin") and isinstance(value, str) and type(obj).__name__ == "Style":
                    refs.append((value, path + (f.name,), layout.fonts, Message("layout.font_role")))
                elif f.name == "colour" and isinstance(value, str):
                    refs.append((value, path + (f.name,), layout.colours, Message("layout.colour")))
                collect(value, path + (f.name,))
        elif isinstance(obj, tuple):
            for i, item in enumerate(obj):
                collect(item, path + (i,))

    collect(layout, ())
    for value, path, known, what in refs:
        if value not in known:
            raise InputError(Message("layout.unknown_ref", what=what, value=value, known=", ".join(known)),
                             file=doc.file, line=_line_of(doc, path), field=_dotted(path))
    if "black" not in layout.colours:
        raise InputError(Message("layout.black"), file=doc.file, field="colours")
    _check_templates(layout, doc)


def _templates_at(obj, pattern: tuple, path: tuple = ()):
    """(path, value) of the fields `pattern` names; `*` stands for every item of a list."""
    if not pattern:
        yield path, obj
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for i, item in enumerate(obj):
            yield from _templates_at(item, rest, path + (i,))
    else:
        yield from _templates_at(getattr(obj, head), rest, path + (head,))


# ----------------------------------------------------------------------------- layout bounds (issue 12)

def _layout_error(doc: Document, path: tuple, message: Message, hint: Message, needle: str | None = None) -> InputError:
    """A located layout error: the line of `path`, the column of `needle` on it (default: the
    value after the field's name), the line itself for the caret."""
    line = _line_of(doc, path)
    excerpt = column = None
    if line:
        try:
            excerpt = source_line(read_text(doc.file), line)
        except InputError:
            excerpt = None
    if excerpt is not None:
        key = next((p for p in reversed(path) if isinstance(p, str)), None)
        at = excerpt.find(needle) if needle else -1
        if at < 0 and key is not None:
            at = excerpt.find(f"{key}:")
            if at >= 0:
                at += len(key) + 1
                while at < len(excerpt) and excerpt[at] == " ":
                    at += 1
        column = at + 1 if at >= 0 else None
    return InputError(message, file=doc.file, line=line, column=column, field=_dotted(path) or None,
                      hint=hint, excerpt=excerpt)


def _check_templates(layout: Layout, doc: Document) -> None:
    """A template takes only plain `{name}` placeholders from its documented set: no format
    spec (`{number:>999999999}` would allocate a gigabyte), no conversion, no attribute or
    index access (`{date.__class__}`), no positional `{}`."""
    for pattern, allowed in TEMPLATES.items():
        names = ", ".join("{" + a + "}" for a in allowed)
        for path, template in _templates_at(layout, pattern):
            try:
                parts = list(string.Formatter().parse(template))
            except ValueError as exc:
                raise _layout_error(doc, path, Message("layout.bad_template", problem=str(exc)),
                                    Message("hint.template_braces")) from None
            for _literal, name, spec, conversion in parts:
                if name is None:
                    continue
                if spec or conversion or not name.isidentifier():
                    shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                    raise _layout_error(doc, path, Message("layout.plain_placeholder", example="{" + allowed[0] + "}",
                                                           shown=shown),
                                        Message("hint.plain_placeholder", names=names), needle=shown)
                if name not in allowed:
                    raise _layout_error(doc, path, Message("layout.unknown_placeholder", name="{" + name + "}", names=names),
                                        Message("hint.placeholder_spelling"), needle="{" + name + "}")


def _mm(pt: float) -> str:
    return f"{pt * 25.4 / 72:.1f}".rstrip("0").rstrip(".") + " mm"


def _check_geometry(layout: Layout, doc: Document) -> None:
    """Limits between fields the schema checks one by one (model.py gives each its range):
    the text block lies on the page, furniture fits the grid lines a page has, indents fit
    the characters of a line, a character of every style fits the measure."""
    page, block, grid = layout.page, layout.block, layout.grid
    eps = 0.01
    if block.left + block.width > page.width + eps:
        raise _layout_error(doc, ("block", "width"), Message("layout.block_wide", left=_mm(block.left),
                                                             width=_mm(block.width), page=_mm(page.width)),
                            Message("hint.block_width", most=_mm(page.width - block.left)))
    if block.top + block.height > page.height + eps:
        raise _layout_error(doc, ("block", "height"), Message("layout.block_tall", top=_mm(block.top),
                                                              height=_mm(block.height), page=_mm(page.height)),
                            Message("hint.block_height", most=_mm(page.height - block.top)))
    folio_bottom = block.top + block.height + layout.folio.below + layout.folio.style.size
    if folio_bottom > page.height + eps:
        raise _layout_error(doc, ("folio", "below"), Message("layout.folio_low", by=_mm(folio_bottom - page.height)),
                            Message("hint.folio_low"))
    rows = grid.lines

    def lines_fit(path: tuple, need: float, what: str) -> None:
        if need > rows:
            raise _layout_error(doc, path, Message("layout.lines", what=Message(f"what.{what}"), need=f"{need:g}",
                                                   rows=rows), Message("hint.lines"))

    lines_fit(("masthead", "lines"), layout.masthead.lines + 1, "masthead_lines")
    for i, item in enumerate(layout.masthead.items):
        lines_fit(("masthead", "items", i, "line"), item.line, "masthead_item")
    for i, rule in enumerate(layout.masthead.rules):
        lines_fit(("masthead", "rules", i, "line"), rule.line, "rule")
    for field in ("space_after_at_top_min", "space_after_at_top_max"):
        if getattr(layout.column_head, field) is not None:      # never silently ignored
            raise _layout_error(doc, ("column_head", field), Message("layout.title_only", field=field),
                                Message("hint.title_only", field=field))
    for name in ("column_head", "title"):
        h = getattr(layout, name)
        lines_fit((name, "max_lines"), h.space_before + h.max_lines * h.line_span + h.space_after, f"{name}_lines")
        if h.space_after_at_top_max is not None:      # the space a title at a page top may grow to
            lines_fit((name, "space_after_at_top_max"), h.max_lines * h.line_span + h.space_after_at_top_max,
                      f"{name}_lines")
    c = layout.contents
    lines_fit(("contents", "space_before"), c.space_before + c.heading_space_after + c.space_after + 2,
              "contents_lines")
    lines_fit(("body", "space_between_items"), layout.body.space_between_items + 1, "item_space")
    lines_fit(("distribution", "space_before"), layout.distribution.space_before + 1, "distribution_space")
    lines_fit(("pagination", "min_lines_after_heading"), layout.pagination.min_lines_after_heading + 1,
              "heading_keep")
    chars = grid.chars

    def chars_fit(path: tuple, need: float, what: str) -> None:
        if need >= chars:
            raise _layout_error(doc, path, Message("layout.chars", what=Message(f"what.{what}"), need=f"{need:g}",
                                                   chars=chars), Message("hint.chars"))

    chars_fit(("body", "indent"), layout.body.indent, "first_indent")
    chars_fit(("column_head", "indent"), layout.column_head.indent, "indent")
    chars_fit(("title", "indent"), layout.title.indent, "indent")
    chars_fit(("byline", "right_indent"), layout.byline.right_indent, "right_indent")
    chars_fit(("distribution", "indent"), 2 * layout.distribution.indent, "both_indents")
    chars_fit(("folio", "indent"), layout.folio.indent, "indent")
    chars_fit(("contents", "column_indent"), c.column_indent + c.entry_gap + c.number_width, "contents_widths")
    for path, style in _styles(layout):
        if style.size > block.width:
            raise _layout_error(doc, path + ("size",), Message("layout.char_wide", size=f"{style.size:g}",
                                                               width=f"{block.width:.1f}"), Message("hint.smaller_size"))


def _styles(obj, path: tuple = ()):
    """(path, style) of every Style in the layout."""
    if isinstance(obj, Style):
        yield path, obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from _styles(getattr(obj, f.name), path + (f.name,))
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from _styles(item, path + (i,))
