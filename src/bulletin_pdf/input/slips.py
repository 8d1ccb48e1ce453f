"""Where a YAML mistake really is, and what to do about it (issue 11, "Errors an editor understands").

PyYAML names the place where its parser gave up, which is often past the slip: a full-width
colon `byline：` is reported on the next line, `articles:` typed at the margin tens of lines
below, `- **一是…` at its second `*`. `explain` reads the lines up to that place for the
slips a Chinese keyboard and a hurried paste make — a tab or a full-width space in the
indent, `：` after a field name, no space after `-` or `:`, text that starts with a sign YAML
reserves (`**`, `[`, `"`…) or that holds `: `, a quotation mark left open, a field out of
line with the fields it goes with — and names the first one, at its own line and column.
Failing that it keeps PyYAML's place and says in plain words what the problem there means.

A guess that is not certain from the line alone (an open quotation mark, a field out of
line) is kept only if repairing it lets the parser get further than before.

Some slips parse: YAML reads a deeper `- 第二段` or `byline：…` as more text of the line above
(`folded`), or `- 注: …` as a field (the schema then finds it, and `on_line` says why).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import yaml

from ..messages import Message

#: PyYAML's line breaks (reader.py), so that our line numbers are its line numbers.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: Spaces an editor's keyboard types that YAML does not count as indentation.
ODD_SPACES = "\t\u3000\u00a0\u2002\u2003\u2009\u202f"
#: What a Chinese keyboard types for `-`: full-width hyphen-minus, em dash, en dash, minus.
DASH_LOOKALIKES = "－—–−"
KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*([:：])")
#: Signs that cannot start plain text (YAML 1.2.2 §5.3, indicator characters), with what the next
#: character must not be for the sign to be a mistake rather than YAML (`*name`, `|+`, `! x`).
SIGNS = {"*": r"[A-Za-z0-9_-]", "&": r"[A-Za-z0-9_-]", "!": r"[!A-Za-z0-9 <-]", "|": r"[-+0-9 #]",
         ">": r"[-+0-9 #]", "%": r"$^", "@": r"$^", "`": r"$^"}
MAX_REPAIRS = 8     # parses spent confirming guesses (each is one parse of the file)
#: libyaml when PyYAML was built with it: a repair parse of a 2 MB file in 0.2 s, not 3 s.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Slip:
    """A located mistake: 1-based line and column (in characters), what is wrong, what to do,
    and the field path of what the line holds (`columns[0].articles[0].byline`) when known."""

    line: int
    column: int
    message: Message
    hint: Message
    home: int | None = None        # 0-based column where the line's item or field belongs
    field: tuple = ()


@dataclass(frozen=True)
class _Shape:
    """One source line as block YAML sees it: indent, item dashes, a `key:` and the value."""

    indent: int                 # characters before the first dash or key (any kind of space)
    dashes: int                 # list-item dashes (`- `) before the content
    key: str | None
    key_col: int                # 0-based column of the key (or of the content)
    colon: str | None           # ':' or '：'
    colon_col: int
    value_col: int | None       # 0-based column where the text starts, if any


def explain(text: str, exc: yaml.MarkedYAMLError, groups: Iterable[frozenset[str]] = (),
            lists: Mapping[str, str] = {}) -> Slip:
    """The slip behind PyYAML's `exc`, at its real place. `groups` are the sets of field names
    that share a mapping in the schema (the fields of one model), used to tell a known field
    typed with `：` or out of line with its siblings; `lists` names, for a field of a list's
    entries (`title`), the list that holds them (`articles`)."""
    lines = LINE_BREAK.split(text)
    groups = [g for g in groups if g]
    fields = frozenset().union(*groups)
    end = min(max(m.line for m in (exc.problem_mark, exc.context_mark) if m is not None), len(lines) - 1)
    inside = _inside_scalars("\n".join(lines[:end + 1]))
    shapes = [_shape(line) for line in lines[:end + 1]]
    repairs = _Repairs(lines)
    for i in range(end + 1):
        if i in inside:
            continue
        slip = (_invisible_lead(i, lines[i])
                or _on_line(i, lines[i], shapes[i], fields)
                or _open_quote(i, lines, shapes[i], fields, exc, repairs)
                or _entry_without_list(i, lines, shapes, groups, lists, inside)
                or _out_of_line(i, lines, shapes, groups, inside, repairs)
                or _item_out_of_line(i, lines, shapes, repairs))
        if slip:
            return _with_field(slip, lines, fields)
    return _with_field(_from_parser(exc, lines, fields), lines, fields)


def _invisible_lead(i: int, line: str) -> Slip | None:
    """An invisible character (a zero-width space, a joiner, a byte-order mark: Unicode
    category Cf) among the spaces before a line's first character: YAML takes it for text,
    so the line's indentation and everything below it read wrong. Said by name, at its
    place (it was reported a line further down as an indentation problem, the character
    printed raw inside the message)."""
    for col, ch in enumerate(line):
        if ch == " ":
            continue
        if unicodedata.category(ch) != "Cf":
            return None
        return Slip(i + 1, col + 1, Message("yaml.invisible", name=unicodedata.name(ch, f"U+{ord(ch):04X}"),
                                            code=f"{ord(ch):04X}"), Message("hint.invisible_delete"))
    return None


def _with_field(slip: Slip, lines: Sequence[str], fields: frozenset[str]) -> Slip:
    """`slip` with the field path of its line, read from the lines above it (which parse)."""
    shape = _shape(lines[slip.line - 1]) if slip.line <= len(lines) else None
    if shape is None or any(ch != " " for ch in lines[slip.line - 1][:shape.indent]):
        return slip          # a tab or a full-width space: where the line belongs is a guess
    home = shape.indent if slip.home is None else slip.home
    key = shape.key if shape.key in fields else None
    try:
        node = yaml.compose("\n".join(lines[:slip.line - 1]), Loader=LOADER)
    except yaml.YAMLError:
        return slip
    path: tuple = ()
    while node is not None and node.value and not isinstance(node, yaml.ScalarNode):
        if isinstance(node, yaml.MappingNode):
            last_key, last_value = node.value[-1]
            column = last_key.start_mark.column
            if home == column and not shape.dashes:
                return replace(slip, field=path + ((key,) if key else ()))
        else:
            last_key, last_value = len(node.value) - 1, node.value[-1]
            column = node.start_mark.column
            if home == column and shape.dashes:
                return replace(slip, field=path + (len(node.value),) + ((key,) if key else ()))
        if home <= column:
            break
        path += (last_key.value if isinstance(node, yaml.MappingNode) else last_key,)
        node = last_value
    if isinstance(node, yaml.ScalarNode) and node.value == "" and path:    # `body:` and then this line
        path += ((0,) if shape.dashes else ()) + ((key,) if key else ())
    return replace(slip, field=path)


ODD_INDENT = re.compile(f"^ *[{ODD_SPACES}]")
STRUCTURE = re.compile(r"^[ \t\u3000\u00a0]*(-[ \t]|[A-Za-z_]\w*[ \t]*[:：])")


def folded(lines: Sequence[str], starts: set[int],
           groups: Callable[[], Iterable[frozenset[str]]] = tuple) -> Slip | None:
    """A list item or field that YAML accepted by reading it as more text of the line above:
    `title: 测试` then a deeper `byline：…` gives the title `测试 byline：…`; `- 第一段` then a
    deeper `- 第二段` gives one paragraph; a full-width space before `- 省人大…` makes it text
    of `send_to:`. The file parsed, so this is the only way such a slip shows. `starts` are
    the 1-based lines where a key or value begins; a line that looks like structure but
    starts nothing was folded (quoted and block text excepted). `groups` gives the field
    names of the schema, asked for only when some line looks folded (every file that reads
    well has none, and for a layout they take ~8 ms to gather). `lines`: the file's lines, as
    `LINE_BREAK` splits them (the reader splits the file once, for excerpts too)."""
    looks_folded = [i for i, line in enumerate(lines) if (i + 1 not in starts or ODD_INDENT.match(line))
                    and STRUCTURE.match(line)]
    if not looks_folded:
        return None
    fields = frozenset().union(*groups())
    suspects = [i for i in looks_folded if _shape(lines[i]).dashes or _shape(lines[i]).key in fields]
    if not suspects:
        return None
    inside = _inside_scalars("\n".join(lines[:suspects[-1] + 1]))
    for i in suspects:
        if i in inside:
            continue
        begun = next((j for j in range(i - 1, -1, -1) if j + 1 in starts), 0)    # where the text begins
        first, shape = _shape(lines[begun]), _shape(lines[i])
        unlisted = not first.dashes and not first.key and first.indent == shape.indent    # `第一段` without `- `
        slip = (_on_line(begun, lines[begun], first, fields)      # `—— 第一段` itself
                or (Slip(begun + 1, first.indent + 1, Message("yaml.not_item"), Message("hint.not_item"))
                    if unlisted else None)
                or (Slip(begun + 1, first.value_col + 1, Message("yaml.text_and_items", key=first.key),
                         Message("hint.text_and_items", key=first.key, text=_short(lines[begun][first.value_col:])))
                    if first.key and first.value_col is not None and shape.dashes and not shape.key
                    and shape.indent > first.key_col else None)
                or _on_line(i, lines[i], shape, fields)
                or Slip(i + 1, shape.indent + 1, Message("yaml.folded", line=begun + 1),
                        Message("hint.line_up")))
        return _with_field(slip, lines, fields)
    return None


def on_line(text: str, line: int, groups: Iterable[frozenset[str]] = ()) -> Slip | None:
    """A slip certain from source line `line` (1-based) alone, for a mistake YAML accepted but
    the schema did not: `-第一段` or `—— 第一段` read as text instead of a list item, `- title：…`
    read as text instead of an article."""
    return _on_line(line - 1, text, _shape(text), frozenset().union(*groups))


def _shape(line: str) -> _Shape:
    pos = 0
    while pos < len(line) and (line[pos] == " " or line[pos] in ODD_SPACES):
        pos += 1
    indent, dashes = pos, 0
    while line.startswith("-", pos) and (pos + 1 == len(line) or line[pos + 1] in " \t"):
        dashes += 1
        pos += 1
        while pos < len(line) and line[pos] in " \t":
            pos += 1
    m = KEY.match(line, pos)
    if m and not line.startswith("//", m.end()):      # `http://…` is text, not a field
        value = m.end()
        while value < len(line) and line[value] in " \t":
            value += 1
        return _Shape(indent, dashes, m.group(1), pos, m.group(2), m.start(2),
                      value if value < len(line) and line[value] != "#" else None)     # `key:  # note`
    return _Shape(indent, dashes, None, pos, None, -1, pos if pos < len(line) and line[pos] != "#" else None)


def _on_line(i: int, line: str, shape: _Shape, fields: frozenset[str]) -> Slip | None:
    """Slips certain from the line alone."""
    content = line[shape.indent:]
    if not content or content.startswith("#"):
        return None
    structural = shape.dashes or (shape.key in fields) or content[0] in DASH_LOOKALIKES + "-"
    for col, ch in enumerate(line[:shape.indent]):
        if ch != " " and structural:
            if ch == "\t":
                message = Message("yaml.tab")
            elif ch == "\u3000":
                message = Message("yaml.fullwidth_space")
            else:
                message = Message("yaml.odd_space", name=unicodedata.name(ch, "space").lower())
            return Slip(i + 1, col + 1, message, Message("hint.spaces"))
    pos = shape.key_col
    first_dash = not shape.dashes     # in `- -5%…` the second `-` is text
    if first_dash and line.startswith("-", pos) and not line.startswith("--", pos) and pos + 1 < len(line):
        return Slip(i + 1, pos + 2, Message("yaml.dash_space"), Message("hint.dash_space", text=_short(line[pos + 1:])))
    dash = re.match(f"([{DASH_LOOKALIKES}])\\1*[ \u3000]+", line[pos:])   # `－ `, `—— ` (shift+- in a Chinese IME)
    if first_dash and dash:
        return Slip(i + 1, pos + 1, Message("yaml.fullwidth_dash", dash=dash.group().rstrip(" \u3000")),
                    Message("hint.dash_space", text=_short(line[pos + dash.end():])))
    if shape.key in fields:
        if shape.colon == "：":
            return Slip(i + 1, shape.colon_col + 1, Message("yaml.fullwidth_colon", key=shape.key),
                        Message("hint.halfwidth_colon", key=shape.key))
        after = line[shape.colon_col + 1:shape.colon_col + 2]
        if after and after not in " \t":
            return Slip(i + 1, shape.colon_col + 2, Message("yaml.colon_space", key=shape.key),
                        Message("hint.colon_space", key=shape.key))
    if shape.value_col is not None:
        return _in_value(i, line, shape)
    return None


def _unclosed_in_row(value: str) -> int | None:
    """In a one-line list `[a, 'b', …]`, the index of a cell's opening quote whose closing one
    is not followed by `,` or `]` (the quote meant to close it was left out, so the next
    cell's opening quote closed it); None when every quoted cell closes where it should, or
    the list holds another list or a mapping (then it is not a table row)."""
    k, n = 1, len(value)
    while k < n:
        while k < n and value[k] in " \t":
            k += 1
        if k >= n or value[k] == "]":
            return None
        ch = value[k]
        if ch in "[{":
            return None
        if ch in "'\"":
            start, k = k, k + 1
            while k < n:
                if value[k] == ch and ch == "'" and value[k + 1:k + 2] == "'":
                    k += 2                  # '' inside single quotes is one quote
                elif value[k] == "\\" and ch == '"':
                    k += 2
                elif value[k] == ch:
                    break
                else:
                    k += 1
            k += 1
            while k < n and value[k] in " \t":
                k += 1
            if k >= n or value[k] not in ",]":
                return start
        else:
            while k < n and value[k] not in ",]":
                k += 1
        if k < n and value[k] == "]":
            return None
        k += 1
    return None


def _in_value(i: int, line: str, shape: _Shape) -> Slip | None:
    """Text that starts with a sign YAML reserves, quotes that end before the text does, `: `
    inside the text of a field."""
    col = shape.value_col
    value = line[col:]
    lead = line[shape.key_col:col] if shape.key else "- "
    first = value[0]
    if value.startswith("**"):
        return Slip(i + 1, col + 1, Message("yaml.stars"), Message("hint.quote", example=_quoted(lead, value)))
    if first in SIGNS and not re.match(SIGNS[first], value[1:2] or "\n"):
        return Slip(i + 1, col + 1, Message("yaml.sign", char=first), Message("hint.quote", example=_quoted(lead, value)))
    if first in "[{" and ("]" if first == "[" else "}") in value and not _loads(value):
        opened = _unclosed_in_row(value) if first == "[" else None
        if opened is not None:          # `[北山街道, '1,236, '96.5']`: a cell's quote left open
            return Slip(i + 1, col + opened + 1, Message("yaml.quote_unclosed"),
                        Message("hint.close_quote_cell", quote=value[opened]))
        return Slip(i + 1, col + 1, Message("yaml.sign", char=first), Message("hint.quote", example=_quoted(lead, value)))
    if first in "\"'":
        close = _closing_quote(value)
        if close is not None:
            rest = value[close + 1:].strip()
            if rest and not rest.startswith("#"):
                return Slip(i + 1, col + close + 1, Message("yaml.quote_ends_early"), Message("hint.quote_inside"))
        return None
    if shape.key and first not in "[{":
        colon = re.search(r":(?=[ \t]|$)", value)
        if colon and not re.search(r"[ \t]#", value[:colon.start()]):
            return Slip(i + 1, col + colon.start() + 1, Message("yaml.colon_in_text"), Message("hint.colon_in_text"))
    return None


def _open_quote(i: int, lines: list[str], shape: _Shape, fields: frozenset[str], exc,
                repairs: _Repairs) -> Slip | None:
    """A quotation mark left open: the quoted text runs on to the end of the file, or over
    lines that look like fields or list items (nobody quotes those), or closing it at the end
    of its line lets the parser get further."""
    col = shape.value_col
    if col is None or lines[i][col] not in "\"'" or _closing_quote(lines[i][col:]) is not None:
        return None
    quote = lines[i][col]
    mark = exc.context_mark
    certain = (exc.context == "while scanning a quoted scalar" and mark is not None
               and (mark.line, mark.column) == (i, col))
    for k in range(i + 1, len(lines)):
        after = _shape(lines[k])
        if after.dashes or after.key in fields:
            certain = True
        if certain or _closing_quote(quote + lines[k]) is not None:
            break
    if certain or repairs.get_further(i, lines[i].rstrip() + quote):
        return Slip(i + 1, col + 1, Message("yaml.quote_unclosed"), Message("hint.close_quote", quote=quote))
    return None


def _out_of_line(i: int, lines: list[str], shapes: list[_Shape], groups: list[frozenset[str]],
                 inside: set[int], repairs: _Repairs) -> Slip | None:
    """A field not lined up with the fields of its mapping: for every mapping the field can
    belong to, the nearest field of that mapping above stands at another column."""
    shape = shapes[i]
    mine = [g for g in groups if shape.key in g]
    if not mine or shape.colon != ":":
        return None
    siblings = [next((j for j in range(i - 1, -1, -1) if j not in inside and shapes[j].key in group), None)
                for group in mine]
    siblings = [j for j in siblings if j is not None]
    if not siblings or any(shapes[j].key_col == shape.key_col for j in siblings):
        return None
    j = max(siblings)
    shift = shapes[j].key_col - shape.key_col
    have, want = shape.indent, shape.indent + shift
    if want < 0 or not repairs.get_further(i, " " * want + lines[i][have:]):
        return None
    sibling = shapes[j].key
    if shape.dashes:      # `- title:` pasted in: it is the `-` that moves
        return Slip(i + 1, min(have, want) + 1, Message("yaml.item_key_align", key=shape.key, have=have,
                                                        sibling=sibling, line=j + 1, want=want),
                    Message("hint.dash_indent", want=want), home=want)
    return Slip(i + 1, min(have, want) + 1,
                Message("yaml.align", key=shape.key, have=have, sibling=sibling, line=j + 1, want=want),
                Message("hint.align", key=shape.key, want=want, sibling=sibling), home=want)


def _entry_without_list(i: int, lines: list[str], shapes: list[_Shape], groups: list[frozenset[str]],
                        lists: Mapping[str, str], inside: set[int]) -> Slip | None:
    """`- title: …` deeper than the field above it, which holds a value (`- name: 助力攻坚`,
    `phone: …`): an entry of a list whose `articles:` line is missing, or an article pasted
    after the 版记. YAML can only say the line is indented too far."""
    shape = shapes[i]
    if not shape.dashes or shape.key not in lists or shape.colon != ":":
        return None
    j = next((j for j in range(i - 1, -1, -1) if j not in inside and lines[j].strip()
              and not lines[j].lstrip().startswith("#")), None)
    if j is None:
        return None
    above = shapes[j]
    if not above.key or above.value_col is None or shape.indent <= above.key_col:
        return None
    name = lists[shape.key]
    same_mapping = any(above.key in g and name in g for g in groups)
    kind = "list_missing" if same_mapping else "item_misplaced"
    return Slip(i + 1, shape.indent + 1, Message(f"yaml.{kind}", key=shape.key, list=name, above=above.key, line=j + 1),
                Message(f"hint.{kind}", list=name, above=above.key), home=above.key_col)


def _item_out_of_line(i: int, lines: list[str], shapes: list[_Shape], repairs: _Repairs) -> Slip | None:
    """A paragraph item whose `-` is not under the `-` of the item above it in the same list."""
    shape = shapes[i]
    if not shape.dashes or shape.key:
        return None
    for j in range(i - 1, -1, -1):
        if shapes[j].key:              # a field between them: another list
            return None
        if shapes[j].dashes:
            break
    else:
        return None
    have, want = shape.indent, shapes[j].indent
    if have == want or not repairs.get_further(i, " " * want + lines[i][have:]):
        return None
    return Slip(i + 1, min(have, want) + 1, Message("yaml.item_align", have=have, line=j + 1, want=want),
                Message("hint.item_align", want=want), home=want)


#: A line that starts with a word and no colon after it (`byline 余杭区…`, `body`): a field
#: name without its colon, when the word is one.
NO_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_]+)(?=\s|$)(?![^:]*:)")


def _from_parser(exc: yaml.MarkedYAMLError, lines: list[str], fields: frozenset[str] = frozenset()) -> Slip:
    """No slip found above: PyYAML's own place, its problem said in plain words (a known
    field name typed without its colon, `byline 余杭区…`, said as that)."""
    mark = exc.problem_mark or exc.context_mark
    context, problem = exc.context or "", exc.problem or ""
    if mark is None:
        return Slip(1, 1, Message("yaml.other", problem=problem or context), Message("hint.other"))
    line = lines[mark.line] if mark.line < len(lines) else ""
    here = (mark.line + 1, mark.column + 1)
    cm = exc.context_mark
    if "'\\t'" in problem:
        shape = _shape(line)
        if shape.value_col is not None and mark.column > shape.value_col:     # after the text began
            return Slip(*here, Message("yaml.tab_in_text"), Message("hint.tab_in_text"))
        return Slip(*here, Message("yaml.tab"), Message("hint.spaces"))
    def at(m) -> str:       # the character at a mark ('' where PyYAML counts lines otherwise)
        text = lines[m.line] if m.line < len(lines) else ""
        return text[m.column] if m.column < len(text) else ""

    if context == "while scanning a quoted scalar" and cm is not None and at(cm):
        quote = at(cm)
        return Slip(cm.line + 1, cm.column + 1, Message("yaml.quote_unclosed"), Message("hint.close_quote", quote=quote))
    if context.startswith("while parsing a flow") and cm is not None and at(cm) in ("[", "{"):
        opening = lines[cm.line]
        shape = _shape(opening)
        lead = opening[shape.key_col:cm.column] if shape.key else "- "
        char = at(cm)
        return Slip(cm.line + 1, cm.column + 1, Message("yaml.unclosed_bracket", char=char),
                    Message("hint.close_bracket", close="]" if char == "[" else "}",
                            example=_quoted(lead, opening[cm.column:])))
    if problem == "mapping values are not allowed here":
        shape = _shape(line)
        if shape.key and shape.colon_col == mark.column:
            return Slip(mark.line + 1, shape.key_col + 1, Message("yaml.deeper"), Message("hint.line_up"))
        return Slip(*here, Message("yaml.colon_in_text"), Message("hint.colon_in_text"))
    if problem == "could not find expected ':'" and cm is not None:
        bare = NO_COLON.match(lines[cm.line]) if cm.line < len(lines) else None
        if bare and bare.group(2) in fields:
            return Slip(cm.line + 1, bare.end(2) + 1, Message("yaml.no_colon", key=bare.group(2)),
                        Message("hint.halfwidth_colon", key=bare.group(2)))
        return Slip(cm.line + 1, cm.column + 1, Message("yaml.not_item"), Message("hint.not_item"))
    if problem.startswith("expected <block"):
        return Slip(*here, Message("yaml.misaligned"), Message("hint.line_up"))
    return Slip(*here, Message("yaml.other", problem=problem or context), Message("hint.other"))


# ----------------------------------------------------------------------------- helpers

def _inside_scalars(text: str) -> set[int]:
    """0-based lines that continue a quoted or block scalar begun above (their look says
    nothing about structure). Read from PyYAML's scanner, up to where it stops."""
    inside: set[int] = set()
    try:
        for token in yaml.scan(text, Loader=LOADER):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"', "|", ">"):
                last = token.end_mark.line - (token.end_mark.column == 0)
                inside.update(range(token.start_mark.line + 1, last + 1))
    except yaml.YAMLError:
        pass
    return inside


def _closing_quote(value: str) -> int | None:
    """Index of the quotation mark that closes the one `value` starts with, on this line."""
    quote, i = value[0], 1
    while i < len(value):
        if quote == '"' and value[i] == "\\":
            i += 2
            continue
        if value[i] == quote:
            if quote == "'" and value[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _loads(value: str) -> bool:
    try:
        yaml.safe_load(value)
    except yaml.YAMLError:
        return False
    return True


class _Repairs:
    """Trial repairs of a guess: does the file with one line fixed parse, or fail only below
    the place where it fails as typed? At most MAX_REPAIRS parses, all by the same parser."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.left = MAX_REPAIRS
        self.before: int | None = None

    def get_further(self, i: int, fixed: str) -> bool:
        if self.left <= 1:
            return False
        if self.before is None:
            self.left -= 1
            self.before = _fails_at(self.lines)
        self.left -= 1
        after = _fails_at(self.lines[:i] + [fixed] + self.lines[i + 1:])
        return self.before >= 0 and (after == -1 or after > self.before)


def _fails_at(lines: list[str]) -> int:
    """0-based line where LOADER stops on `lines`; -1 when they parse; 0 when it stops unplaced."""
    try:
        yaml.compose("\n".join(lines), Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line if mark else 0
    except yaml.YAMLError:
        return 0
    return -1


def _short(text: str, size: int = 16) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _quoted(lead: str, value: str) -> str:
    """`lead` then `value` in double quotes (shortened), as the hint shows it."""
    body = value.rstrip()
    if body.endswith('"') and body.startswith('"'):
        body = body[1:-1]
    body = body.replace("\\", "\\\\").replace('"', '\\"')
    return f'{lead}"{_short(body)}"'
