"""Every character of the issue against the faces of its style, before layout starts
(docs/typography.md, "Fonts"; docs/fonts.md): every missing one is reported in one run, in
text order, each located (file:line:column, with a caret), with what to do: an emoji or other
symbol is to be removed or replaced; for a character of text, a font installed on the machine
that has it is named with the exact lines to add to a layout (or, when the layout's own fallback
family is not installed, the package that installs it)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING
from pathlib import Path

from ..errors import FontError
from ..fonts.synth import split_key
from ..messages import Message
from ..input.files import find_in_file
from ..input.places import PROJECT_ROOT
from ..model import BlockKind, Issue, Layout, Source, Style
from .furniture import (CHINESE_NUMERAL_CHARS, block_texts, byline_text, caption_text, table_labels, column_head_text, contents_entries, distribution_text, masthead_items,
                        title_lines)

if TYPE_CHECKING:   # annotations only: composing imports no font parser (the caller loads the faces)
    from ..fonts.faces import FontSet


def strings(issue: Issue, layout: Layout) -> list[tuple[Style, str, Source]]:
    """Every string the issue sets, with its style and where it was written: what
    `check_coverage` checks and `faces_used` reports on."""
    where_issue = Source(issue.file, 0, "")
    checks: list[tuple[Style, str, Source]] = []
    for item, text in masthead_items(issue, layout):
        checks.append((item.style, text, where_issue))
    checks.append((layout.contents.heading_style, layout.contents.heading, Source(layout.file, 0, "contents")))
    for entry in contents_entries(issue, layout):
        checks.append((layout.contents.entry_style, entry.text, entry.article.source if entry.article else where_issue))
    if layout.contents.page_numbers:
        checks.append((layout.contents.entry_style, "0123456789", Source(layout.file, 0, "contents")))
    for c, col in enumerate(issue.columns, 1):
        checks.append((layout.contents.column_style, col.name, col.source))
        checks.append((layout.column_head.style, column_head_text(col, layout, c), col.source))
        for k, art in enumerate(col.articles, 1):
            checks += [(layout.title.style, t, art.source) for t in title_lines(art, layout, k)]
        paras = [(a.body, a.byline, a.byline_source or a.source) for a in col.articles]
        paras += [((it.text,), it.byline, it.byline_source or it.text.source) for it in col.items]
        for body, byline, byline_source in paras:
            for block in body:
                number = ""
                if block.kind is BlockKind.HEADING:    # every digit the auto number may use
                    number = layout.blocks.headings[block.level - 1].number.format(n=1234567890, cn=CHINESE_NUMERAL_CHARS)
                checks += [(style, text, block.source) for style, text in block_texts(block, layout, 1234567890, number)]
                if block.kind is BlockKind.LIST:
                    checks += [(layout.body.emphasis, r.text, item.source) for item in block.items for r in item.runs
                               if r.emphasis]
                if block.kind is BlockKind.TABLE and block.caption:
                    checks.append((layout.blocks.table.caption.style,
                                   caption_text(layout.blocks.table.caption.continued, block.caption, 1, table_labels(layout.blocks.table)), block.source))
            if byline:
                checks.append((layout.byline.style, byline_text(byline, layout), byline_source))
    dist = distribution_text(issue, layout)
    if dist:
        for text in dist.send + tuple(s for s in (dist.editor, dist.phone, dist.copies) if s):
            checks.append((layout.distribution.style, text, where_issue))
    checks.append((layout.folio.style, layout.folio.text.format(n=1234567890), Source(layout.file, 0, "folio")))
    return checks


#: At most this many missing characters are reported in one run (a file pasted in another
#: encoding could have thousands).
MAX_REPORTED = 60


@dataclass(frozen=True, slots=True)
class Missing:
    """One character no face of its role has, where it was written."""

    char: str
    role: str
    file: str | None
    line: int | None
    column: int | None
    excerpt: str | None
    field: str | None


def check_coverage(issue: Issue, layout: Layout, fonts: FontSet) -> None:
    """Every character against its style's faces before layout starts: all the missing ones
    in one error (`FontError.all`), in text order, each located with a caret."""
    found = missing_characters(issue, layout, fonts)
    if not found:
        return
    errors = _errors(found, issue, layout, fonts)
    first = errors[0]
    error = FontError(first.message, file=first.file, line=first.line, column=first.column, field=first.field,
                      hint=first.hint, excerpt=first.excerpt)
    error.all = errors
    raise error


def missing_characters(issue: Issue, layout: Layout, fonts: FontSet) -> list[Missing]:
    """Each occurrence of a character no face of its role has (nor synthesis sets), located,
    in the order of the files (the issue first, then the layout), lines and columns."""
    seen: set[tuple] = set()
    out: list[Missing] = []
    for style, text, source in strings(issue, layout):
        for role, part in _parts(style, text):
            missing = set(fonts.missing(role, part))
            if not missing:
                continue
            counts: dict[str, int] = {}
            for ch in part:
                if ch not in missing:
                    continue
                nth = counts[ch] = counts.get(ch, -1) + 1
                m = _locate(ch, role, nth, source, issue, layout)
                key = (m.char, m.role, m.file, m.line, m.column) if m.column else (m.char, m.role, m.file, m.line)
                if key not in seen:
                    seen.add(key)
                    out.append(m)
    files = list(dict.fromkeys([issue.file, layout.file] + [m.file for m in out]))
    out.sort(key=lambda m: (files.index(m.file), m.line or 0, m.column or 0))
    return out


def _parts(style: Style, text: str) -> tuple[tuple[str, str], ...]:
    """(role, characters) of a string: the Latin role's ASCII, the style's font the rest."""
    if not style.latin:
        return ((style.font, text),)
    return ((style.font, "".join(ch for ch in text if not ch.isascii())),
            (style.latin, "".join(ch for ch in text if ch.isascii())))


def _locate(ch: str, role: str, nth: int, source: Source, issue: Issue, layout: Layout) -> Missing:
    """Where the `nth` `ch` of a string is: searched from the line its field starts on; a field
    without a line of its own (a masthead item, a layout label) at its first place in the
    issue or the layout file."""
    file, found = source.file, None
    if source.line:
        found = find_in_file(file, ch, source.line, nth)
    else:
        for name in dict.fromkeys(f for f in (source.file, issue.file, layout.file) if f):
            found = find_in_file(name, ch)
            if found:
                file = name
                break
    line, column, excerpt = found or (source.line or None, None, None)
    return Missing(ch, role, file, line, column, excerpt, source.field or None)


def is_invisible(ch: str) -> bool:
    """A character that prints nothing and that a message can only show by name: a format
    character (zero-width space U+200B, joiners, a byte-order mark inside text, direction
    marks: Unicode category Cf), a control character (Cc) or a line or paragraph separator
    (Zl, Zp); usually copied in with text from a web page or a chat."""
    return unicodedata.category(ch) in ("Cf", "Cc", "Zl", "Zp")


def is_symbol(ch: str) -> bool:
    """An emoji or other symbol, not a character of text: no font hunt, the editor removes or
    replaces it. Text is letters, digits and punctuation (Unicode categories L, N, P), and
    the symbols of the CJK blocks (℃ is not one of them, ㎡ and 〒 are: U+2E80–U+33FF,
    U+FE30–U+FE4F, U+FF00–U+FFEF)."""
    o = ord(ch)
    if 0x2E80 <= o <= 0x33FF or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF:
        return False
    return unicodedata.category(ch)[0] not in "LNP"


def _errors(found: list[Missing], issue: Issue, layout: Layout, fonts: FontSet) -> list[FontError]:
    """One located error per missing character; the characters of text get, on the last of
    them, the lines that add a font that has them (`font_hint`); each earlier one names it."""
    text = [m for m in found if not is_symbol(m.char)]
    advice = font_hint(text, issue, layout, fonts) if text else None
    shown = found[:MAX_REPORTED]
    errors = []
    for k, m in enumerate(shown):
        face = fonts.primary(m.role).name
        invisible = is_invisible(m.char)
        char = f"<{unicodedata.name(m.char, 'U+%04X' % ord(m.char))}>" if invisible else m.char
        message = Message("font.missing", char=char, code=f"{ord(m.char):04X}", role=m.role, face=face)
        if invisible:
            hint = Message("hint.invisible", char=char)
        elif unicodedata.category(m.char) == "Mn":     # a combining accent typed after its letter
            hint = Message("hint.combining", char=m.char, code=f"{ord(m.char):04X}")
        elif is_symbol(m.char):
            hint = Message("hint.symbol", char=m.char)
        elif m is text[-1] or (k == len(shown) - 1):
            hint = advice
        else:
            hint = advice.short if advice is not None else None
        errors.append(FontError(message, file=m.file, line=m.line, column=m.column, field=m.field, hint=hint,
                                excerpt=m.excerpt))
    if len(found) > MAX_REPORTED:
        m = found[MAX_REPORTED]
        errors.append(FontError(Message("font.more_missing", n=len(found) - MAX_REPORTED), file=m.file, line=m.line,
                                column=m.column, field=m.field, excerpt=m.excerpt))
    return errors


def font_hint(text: list[Missing], issue: Issue, layout: Layout, fonts: FontSet) -> Message:
    """What to do about characters of text no face has: the layout's fallback family to
    install when it is not installed; else an installed font that has them, with the lines of
    a layout that adds it as a fallback (a file next to the issue extending the default
    layout, named in the issue's `layout:` line; or, when the layout is already the editor's
    own, the lines to put into it); else the same lines with a font file to find."""
    from ..fonts.faces import PACKAGES, installed_with      # a message only: faces are loaded

    by_role: dict[str, str] = {}
    for m in text:
        by_role[m.role] = by_role.get(m.role, "") + ("" if m.char in by_role.get(m.role, "") else m.char)
    chars = "".join(dict.fromkeys("".join(by_role.values())))
    absent = [family for role in by_role for family in fonts.absent.get(role, ())]
    if absent:
        family = absent[0]
        package = PACKAGES.get(family.casefold())
        install = Message("hint.install_package", package=package) if package else Message("hint.install_family")
        hint = Message("hint.fallback_absent", family=family, chars=chars, install=install)
        short = Message("hint.fallback_absent_short", family=family, last=text[-1].char)
    else:
        picks = {role: _pick(installed_with(part), fonts.primary(role).name) for role, part in by_role.items()}
        lines, how = _layout_lines(picks, by_role, issue, layout)
        named = tuple(dict.fromkeys(f for f in picks.values() if f))
        if all(picks.values()):
            hint = Message("hint.font_installed", fonts=named, chars=chars, how=how, lines=lines)
            short = Message("hint.font_installed_short", fonts=named, last=text[-1].char)
        else:
            hint = Message("hint.font_none", chars=chars, how=how, lines=lines)
            short = Message("hint.font_none_short", last=text[-1].char)
    hint.short = short       # type: ignore[attr-defined]  # for the other characters it covers
    return hint


#: Words of a face's name that say its style: a fallback of the same style is preferred.
STYLE_WORDS = ("Sans", "Serif", "Bold", "Black", "Kai", "Song", "Hei", "Fang")


def _pick(candidates: list[str], face_name: str) -> str | None:
    """Of the installed faces that have the characters, the one most like the role's face."""
    if not candidates:
        return None
    wanted = {w for w in STYLE_WORDS if w.casefold() in face_name.casefold()}
    if "Sans" not in wanted:
        wanted.add("Serif")     # 宋, 仿宋, 楷: a serif fallback rather than a sans
    return max(candidates, key=lambda c: (len(wanted & {w for w in STYLE_WORDS if w.casefold() in c.casefold()}),
                                          -candidates.index(c)))


def _layout_lines(picks: dict[str, str | None], by_role: dict[str, str], issue: Issue,
                  layout: Layout) -> tuple[str, Message]:
    """The lines that add the fallbacks, indented for the terminal, and where they go. A
    fallback list replaces the base's whole, so the role's existing fallbacks are repeated."""
    own = bool(layout.file) and Path(layout.file).resolve().parent != (PROJECT_ROOT / "layouts").resolve()
    lines = [] if own else [f"extends: {layout.name if not layout.file else Path(layout.file).stem}"]
    lines.append("fonts:")
    for role, family in picks.items():
        lines += [f"  {role}:", "    fallbacks:"]
        for fb in layout.fonts[role].fallbacks:
            lines.append(f"      - file: {fb.file}" if fb.file else f"      - family: {fb.family}")
        if family:
            lines.append(f"      - family: {family}")
        else:
            ch = by_role[role][0]
            lines.append(f"      - file: FONT-WITH-{ch}.ttf    # a font file that has {by_role[role]}, "
                         "in fonts/ or a full path")
    text = "\n".join("      " + ln for ln in lines)
    if own:
        return text, Message("how.own_layout", path=str(layout.file))
    stem = Path(layout.file).stem if layout.file else layout.name
    issue_path = Path(issue.file)
    target = issue_path.parent / f"my-{stem}.yaml"
    if issue.layout is not None:        # the issue names the default layout: that line changes
        return text, Message("how.new_layout_change", path=str(target), name=target.name, issue=str(issue_path),
                             old=issue.layout)
    return text, Message("how.new_layout", path=str(target), name=target.name, issue=str(issue_path))


def faces_used(issue: Issue, layout: Layout, fonts: FontSet) -> dict[str, str]:
    """The characters of the issue each fallback face sets, and each synthesised face (face key
    → characters, in their first order): what `fonts list ISSUE` and `check` show, so that an
    editor sees which face set 𠮷 and that ₂ was made from the face's 2."""
    out: dict[str, str] = {}
    for style, text, _source in strings(issue, layout):
        for role, part in _parts(style, text):
            for ch in part:
                if ch.isspace():
                    continue
                key = fonts.face_for(role, ch)
                if key != role and ch not in out.get(key, ""):
                    out[key] = out.get(key, "") + ch
    return out


def describe_key(key: str, fonts: FontSet) -> str:
    """A face key in words: `body#1` → its face's name, `body~sub` → `Noto Serif SC (subscript, …)`."""
    base, position = split_key(key)
    name = fonts.face(base).name
    if position is None:
        return name
    return Message("fonts.synthesised", face=name,
                   position=Message("fonts.subscript" if position.value == "sub" else "fonts.superscript"))
