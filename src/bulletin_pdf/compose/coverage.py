"""Every character of the issue against the faces of its style, before layout starts
(docs/typography.md, "Fonts"): a missing one is an error naming the character, its code point and
where it is."""

from __future__ import annotations

from typing import TYPE_CHECKING
from pathlib import Path

from ..errors import FontError
from ..input.files import find_in_file
from ..model import BlockKind, Issue, Layout, Source, Style
from .furniture import (CHINESE_NUMERAL_CHARS, block_texts, byline_text, caption_text, table_labels, column_head_text, contents_entries, distribution_text, masthead_items,
                        title_lines)

if TYPE_CHECKING:   # annotations only: composing imports no font parser (the caller loads the faces)
    from ..fonts.faces import FontSet


def check_coverage(issue: Issue, layout: Layout, fonts: FontSet) -> None:
    """Every character against its style's faces before layout starts (docs/typography.md,
    "Fonts"): a missing one is an error naming the character, its code point and where it is."""
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
    for style, text, source in checks:
        for role, part in ((style.font, text),) if not style.latin else (
                (style.font, "".join(ch for ch in text if not ch.isascii())),
                (style.latin, "".join(ch for ch in text if ch.isascii()))):
            missing = fonts.missing(role, part)
            if missing:
                ch = missing[0]
                face = fonts.primary(role).path.name
                file, found = source.file, None
                if not source.line:    # a field without a line of its own: the file that has it
                    for file in dict.fromkeys(f for f in (source.file, issue.file, layout.file) if f):
                        found = find_in_file(file, ch)
                        if found:
                            break
                    else:
                        file = source.file
                line, column, excerpt = found or (source.line or None, None, None)
                raise FontError(f"character '{ch}' (U+{ord(ch):04X}) is in no font of role '{role}' ({face})",
                                file=file, line=line, column=column, excerpt=excerpt,
                                field=source.field or None,
                                hint=fallback_hint(ch, role, layout))


def fallback_hint(ch: str, role: str, layout: Layout) -> str:
    """What to do, as the lines of a small layout that extends this one with one more fallback
    font for `role` (a list replaces the base's whole, so the existing fallbacks are repeated)."""
    choice = layout.fonts[role]
    # by name when the layout sits in a layouts/ folder (found by name from there), else by path
    base = layout.name if not layout.file else (
        Path(layout.file).stem if Path(layout.file).parent.name == "layouts" else str(Path(layout.file).resolve()))
    lines = [f"extends: {base}", "fonts:", f"  {role}:", "    fallbacks:"]
    for fb in choice.fallbacks:
        lines.append(f"      - file: {fb.file}" if fb.file else f"      - family: {fb.family}")
    lines.append(f"      - file: FONT-WITH-{ch}.ttf    # a font file that has {ch} (U+{ord(ch):04X}), in fonts/ or a full path")
    return (f"add a font that has '{ch}' as a fallback of role '{role}': save these lines as "
            f"layouts/my-{Path(base).stem}.yaml and build with --layout my-{Path(base).stem}\n"
            + "\n".join("      " + ln for ln in lines)
            + "\n    (or replace the character, e.g. with a common form, if the author agrees)")
