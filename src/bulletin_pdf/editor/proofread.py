"""`bulletin-pdf check ISSUE.yaml`: a proofreading report on the issue file, and a fit report
from a real compose — without writing a PDF.

The proofreading reads every text of the file as typed (the YAML values with their lines), so
each finding points at FILE:LINE:COLUMN with the source line and a caret. It looks for what an
editor overlooks (docs/issue-format.md, "Type text as it is printed"; GB/T 15834-2011 for the
marks): placeholders left from `new`, articles without a byline, straight quotes and
half-width ,:;!?() in Chinese text, spaces between Chinese characters or around a dash or an
ellipsis, doubled marks, unbalanced （）“”《》【】‘’, a first/second/third (一是、二是…) that
skips or repeats, and against the previous issue (`--from`) a date that is not later and
numbers that do not follow.

The fit report reads the composed pages (compose.frames), the same pages `build` writes: the
page count (an odd count leaves the back of the last sheet blank), how full the last page is,
pages that end short and why (the keeps of docs/typography.md, "Breaking across pages"), and the
page each article starts on.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator


from ..errors import BulletinError, InputError
from ..messages import Message
from ..input.load import load_issue, read_issue
from ..input.yamlread import Document, dotted_path
from .marks import DOT_ELLIPSIS, HALF_END_MARK, HALF_FULL_STOP, HAN_RANGE as HAN, HYPHEN_DASH, SPACED_DASH, in_chinese_sentence
from ..model import Issue, Layout
from .new import PLACEHOLDER_BODY, PLACEHOLDER_BYLINE, PLACEHOLDER_TITLE, date_not_after, next_numbers

if TYPE_CHECKING:     # annotations only: `check` of a PDF does not import the composer
    from ..compose import LineRole


class Severity(enum.Enum):
    ERROR = "error"        # would print wrong: `check` exits 1
    WARNING = "warning"    # worth a look


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    problem: BulletinError          # where (file, line, column, field), what, and what to do


@dataclass(frozen=True, slots=True)
class PageFit:
    number: int
    last_line: int                  # grid line (1-based) of the page's last line of text
    first_role: LineRole | None     # what starts the page: title, head, body, byline… (None: nothing)
    articles: tuple[str, ...]       # titles of the articles that start on this page


@dataclass(frozen=True, slots=True)
class Fit:
    pages: tuple[PageFit, ...]
    grid_lines: int
    notes: tuple[str, ...]          # the fit report, one sentence a line


# ----------------------------------------------------------------------------- proofreading

CJK_MARKS = "，。、；：！？“”‘’（）《》〈〉【】…—·「」『』"
#: Placeholders: the ones `new` writes, and what editors type for text to come.
PLACEHOLDER = re.compile("|".join(re.escape(p) for p in (PLACEHOLDER_TITLE, PLACEHOLDER_BODY, PLACEHOLDER_BYLINE))
                         + r"|待填写|待补充|待定稿|[XＸ×]{2,}|TODO|TBD|\?{3,}|？{3,}|□{2,}")
# The patterns below are kept as text and compiled by `re` (which caches them) where a check
# first runs: a class of the Han ranges takes a few ms to compile, and `build`, which
# proofreads for errors only, never runs the checks that can only warn (issue #9, "Speed").
HAN_TEXT = f"[{HAN}]"
STRAIGHT_QUOTE = r"[\"']"
#: Western ,:;()!? touching Chinese (a straight quote counts: `"钱袋子",`), and a full stop
#: typed as `.` after a Chinese character; 3,560 and 93.2% and URLs are not touched.
HALF_MARK = rf'(?<=[{HAN}{CJK_MARKS}"])[,:;()!?]|[,:;()!?](?=[{HAN}“‘（《])|{HALF_FULL_STOP}'
#: A space typed between two Chinese characters or marks (not the ¼-em gap before Latin).
#: (Spaces around a dash or an ellipsis are their own finding.)
INNER_SPACE = rf"(?<=[{HAN}{CJK_MARKS}])(?<![…—])[ \u00a0]+(?=[{HAN}{CJK_MARKS}])(?![…—])"
DOUBLED = r"[，。、；：][，。、；：]|？？|！！"
PAIRS = {"（": "）", "“": "”", "《": "》", "【": "】", "‘": "’", "〈": "〉"}
ORDINAL = r"^\**([一二三四五六七八九十]+)是"
CN_DIGITS = "一二三四五六七八九"


def _cn_number(text: str) -> int:
    """一 … 九十九 as an integer (the leads 一是、二是… of a bulletin paragraph); 0 for what
    is not such a numeral (十十, 一一六: typed in error, reported as an ordinal out of turn)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, units = text.partition("十")
        if tens not in ("", *CN_DIGITS) or units not in ("", *CN_DIGITS):
            return 0
        return (CN_DIGITS.index(tens) + 1 if tens else 1) * 10 + (CN_DIGITS.index(units) + 1 if units else 0)
    return CN_DIGITS.index(text) + 1 if text in CN_DIGITS else 0


class Proofreader:
    """Collects the findings of one issue file, each located in the file as typed.

    It reads the file as `input.load.read_issue` read it (values, their lines, the source lines):
    the proofreading never reads or parses the file a second time."""

    def __init__(self, doc: Document) -> None:
        self.file = doc.file
        self.source = doc.source
        self.data, self.lines = doc.data, doc.lines
        self.findings: list[Finding] = []

    def add(self, severity: Severity, path: tuple, message: Message, hint: Message, offset: int | None = None,
            value: str | None = None) -> None:
        line = self.lines.get(path)
        column = self._column(line, value, offset) if value is not None and offset is not None else None
        excerpt = self.source[line - 1] if line and line <= len(self.source) else None
        self.findings.append(Finding(severity, InputError(
            message, file=self.file, line=line, column=column, field=dotted_path(path) or None, hint=hint,
            excerpt=excerpt if column else None)))

    def _column(self, line: int | None, value: str, offset: int) -> int | None:
        """1-based column of `value[offset]` in the file's line (None when the value is not
        written on that line as it reads, e.g. folded or with escapes)."""
        if not line or line > len(self.source):
            return None
        text = self.source[line - 1]
        start = text.find(value[:offset + 1]) if offset < 12 else -1
        if start < 0:
            head = value[max(0, offset - 6):offset + 1]
            at = text.find(head)
            return at + len(head) if at >= 0 else None
        return start + offset + 1

    def texts(self) -> Iterator[tuple[tuple, str]]:
        """Every text value of the file with its field path."""
        def walk(value: Any, path: tuple):
            if isinstance(value, str):
                yield path, value
            elif isinstance(value, dict):
                for key, item in value.items():
                    yield from walk(item, path + (key,))
            elif isinstance(value, list):
                for k, item in enumerate(value):
                    yield from walk(item, path + (k,))
        yield from walk(self.data, ())


def proofread(path: Path | str, previous: Path | str | None = None) -> tuple[Issue, list[Finding]]:
    """The issue (validated: a file that does not load is an error raised as `build` raises it)
    and the proofreading findings, in file order."""
    issue, doc = read_issue(path)
    return issue, findings_of(issue, doc, load_issue(previous) if previous is not None else None)


def findings_of(issue: Issue, doc: Document, previous: Issue | None = None, *,
                errors_only: bool = False, clean: set | None = None) -> list[Finding]:
    """The proofreading findings of an issue file that loads: `issue` and `doc` as
    `input.load.read_issue` returned them (`build` passes its own, pipeline.Build).
    `errors_only`: only what would print wrong (what `build` warns of); the checks that can
    only warn are then not run. `clean`: a warm process's set of the texts found to have
    nothing to say (`watch`): what `_check_text` checks of a text besides its source line
    depends on the text, whether it is a name (byline, editor) and `errors_only` alone, so such
    a text is checked only for a `#` on its line (`_check_comment`) when it comes again."""
    reader = Proofreader(doc)
    for field, text in reader.texts():
        if clean is None:
            _check_text(reader, field, text, errors_only)
            continue
        key = (text, _is_name(field), errors_only)
        if key in clean:
            _check_comment(reader, field, text)
            continue
        found = len(reader.findings)
        _check_text(reader, field, text, errors_only)
        if len(reader.findings) == found:
            clean.add(key)
    if not errors_only:
        _check_bylines(reader)
        _check_ordinals(reader)
    if previous is not None:
        _check_sequence(reader, issue, previous)
    findings = [f for f in reader.findings if f.severity is Severity.ERROR] if errors_only else reader.findings
    findings.sort(key=lambda f: (f.problem.line or 0, f.problem.column or 0))
    return findings


def _check_comment(reader: Proofreader, field: tuple, text: str) -> None:
    """A `#` typed inside text (`… #重点工作 …`): YAML reads a `#` after a space as the start
    of a comment (YAML 1.2 §6.6), so the rest of the line never reaches the issue. A `#` with
    a word right after it (a hashtag, #杭州人大#) is text lost: an error; a `# note` after the
    text may be a comment meant as one: a warning, so that nothing is lost silently."""
    line = reader.lines.get(field)
    if not line or line > len(reader.source) or "#" not in reader.source[line - 1]:
        return
    source = reader.source[line - 1]
    start = source.find(text)
    if start < 0 or not text:
        return
    m = re.match(r"\s+#(.*)$", source[start + len(text):])
    if not m:
        return
    column = start + len(text) + m.start(0) + len(m.group(0)) - len(m.group(1))    # the `#`, 1-based
    lost = m.group(1).strip()
    hashtag = bool(m.group(1)) and not m.group(1)[0].isspace()

    def short(s: str, n: int) -> str:
        return s if len(s) <= n else s[:n] + "…"

    example = ('"' + short(text + " #" + m.group(1).rstrip(), 30) + '"') if hashtag else short(text, 20) + " ＃" + short(lost, 10)
    finding = InputError(Message("proof.hash_lost" if hashtag else "proof.comment_after_text", lost=short(lost, 20)),
                         file=reader.file, line=line, column=column, field=dotted_path(field) or None,
                         hint=Message("hint.hash", example=example), excerpt=source)
    reader.findings.append(Finding(Severity.ERROR if hashtag else Severity.WARNING, finding))


def _check_text(reader: Proofreader, field: tuple, text: str, errors_only: bool = False) -> None:
    _check_comment(reader, field, text)
    for m in PLACEHOLDER.finditer(text):
        reader.add(Severity.ERROR, field, Message("proof.placeholder", text=m.group(0)),
                   Message("hint.placeholder"), m.start(), text)
    if not re.search(HAN_TEXT, text):
        return
    if not errors_only:
        _check_marks(reader, field, text)
    _check_pairs(reader, field, text)


def _check_marks(reader: Proofreader, field: tuple, text: str) -> None:
    """Quotes, half-width marks, spaces and doubled marks in Chinese text: worth a look."""
    warn = Severity.WARNING
    for m in re.finditer(STRAIGHT_QUOTE, text):
        quote = "“…”" if m.group(0) == '"' else "‘…’"
        reader.add(warn, field, Message("proof.straight_quote", quote=m.group(0)),
                   Message("hint.straight_quote", quote=quote), m.start(), text)
    flagged = set()
    for m in re.finditer(HALF_MARK, text):
        flagged.add(m.start())
        reader.add(warn, field, Message("proof.half_mark", mark=m.group(0)), Message("hint.half_mark"), m.start(), text)
    for m in re.finditer(HALF_END_MARK, text):       # after a number, % or a closing mark: in Chinese text only
        if m.start() not in flagged and in_chinese_sentence(text, m.start()):
            reader.add(warn, field, Message("proof.half_mark", mark=m.group(0)), Message("hint.half_mark"), m.start(), text)
    for pattern, mark in ((DOT_ELLIPSIS, "……"), (HYPHEN_DASH, "——")):
        for m in re.finditer(pattern, text):
            reader.add(warn, field, Message("proof.typed_mark", typed=m.group(0), mark=mark),
                       Message("hint.typed_mark", mark=mark), m.start(), text)
    for m in () if _is_name(field) else re.finditer(INNER_SPACE, text):
        reader.add(warn, field, Message("proof.inner_space"), Message("hint.inner_space"), m.start(), text)
    for m in SPACED_DASH.finditer(text):
        if m.group("sp1") or m.group("sp2"):
            at = m.start("sp1") if m.group("sp1") else m.start("sp2")
            reader.add(warn, field, Message("proof.dash_space", mark=m.group("mark")), Message("hint.dash_mark_space"), at, text)
    for m in re.finditer(DOUBLED, text):
        reader.add(warn, field, Message("proof.doubled", mark=m.group(0)), Message("hint.doubled"), m.start(), text)


def _is_name(field: tuple) -> bool:
    """A byline or an editor's line: office, space, name — a space there is by design."""
    return field[-1:] in (("byline",), ("editor",))


def _check_pairs(reader: Proofreader, field: tuple, text: str) -> None:
    """（）“”《》【】‘’ each closed in the same text, and in order."""
    closing = {v: k for k, v in PAIRS.items()}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append((ch, i))
        elif ch in closing:
            if stack and stack[-1][0] == closing[ch]:
                stack.pop()
            else:
                reader.add(Severity.ERROR, field, Message("proof.closes_nothing", char=ch, open=closing[ch]),
                           Message("hint.closes_nothing", open=closing[ch]), i, text)
                return
    for ch, i in stack[-1:]:
        reader.add(Severity.ERROR, field, Message("proof.not_closed", char=ch), Message("hint.not_closed", close=PAIRS[ch]),
                   i, text)


def _columns(reader: Proofreader):
    columns = reader.data.get("columns") if isinstance(reader.data, dict) else None
    return [(i, c) for i, c in enumerate(columns or []) if isinstance(c, dict)]


def _check_bylines(reader: Proofreader) -> None:
    for i, col in _columns(reader):
        for key, what in (("articles", "proof.no_byline.article"), ("items", "proof.no_byline.item")):
            for j, entry in enumerate(col.get(key) or []):
                if isinstance(entry, dict) and not entry.get("byline"):
                    reader.add(Severity.WARNING, ("columns", i, key, j), Message(what), Message("hint.byline"))


def _check_ordinals(reader: Proofreader) -> None:
    """一是、二是、三是… in an article's paragraphs run on without a gap or a repeat."""
    for i, col in _columns(reader):
        for j, art in enumerate(col.get("articles") or []):
            if not isinstance(art, dict):
                continue
            expected = 1
            for k, para in enumerate(art.get("body") or []):
                m = re.match(ORDINAL, para) if isinstance(para, str) else None
                if not m:
                    continue
                n = _cn_number(m.group(1))
                if n != expected:
                    want = "一二三四五六七八九十"[expected - 1] if expected <= 10 else str(expected)
                    reader.add(Severity.WARNING, ("columns", i, "articles", j, "body", k),
                               Message("proof.ordinal", have=m.group(1), want=want), Message("hint.ordinal"),
                               m.start(1), para)
                expected = n + 1


def _check_sequence(reader: Proofreader, issue: Issue, previous: Issue) -> None:
    problem = date_not_after(previous, issue.date)
    if problem:
        reader.add(Severity.ERROR, ("date",), problem, Message("hint.date_printed"))
    number, cumulative = next_numbers(previous, issue.date)
    if issue.number != number:
        # the same number again or one before it, in the same year and edition: two issues
        # would carry one number (an error, like a date not after); a number skipped may be
        # a special issue's (a warning)
        back = (issue.date.year == previous.date.year and issue.edition == previous.edition
                and issue.number <= previous.number)
        reader.add(Severity.ERROR if back else Severity.WARNING, ("number",),
                   Message("proof.number", number=issue.number, previous=previous.number,
                           year=previous.date.year, file=Path(previous.file).name, want=number),
                   Message("hint.number"))
    if cumulative is not None and issue.cumulative is not None and issue.cumulative != cumulative:
        # the same 总第 again or one before it: two issues would carry one (an error, as 第N期)
        back = previous.cumulative is not None and issue.cumulative <= previous.cumulative
        reader.add(Severity.ERROR if back else Severity.WARNING, ("cumulative",), Message("proof.cumulative", number=issue.cumulative, previous=previous.cumulative,
                                                   want=cumulative), Message("hint.cumulative"))


# ----------------------------------------------------------------------------- the fit report

def fit_report(issue: Issue, layout: Layout, document) -> Fit:
    """How the composed issue fills its pages (compose.Document, as `build` writes it)."""
    from ..compose import LineRole, Part

    pitch, top, rows = layout.line_pitch, layout.block.top, layout.grid.lines
    pages = []
    for page in document.pages:
        text = [ln for ln in page.lines if ln.role is not LineRole.FOLIO]
        last = max((int((ln.baseline - top) // pitch) + 1 for ln in text), default=0)
        flow = [ln for ln in text if ln.role is not LineRole.MASTHEAD]
        first = min(flow, key=lambda ln: ln.baseline).role if flow else None
        titles = tuple("".join(issue.columns[m.key.column].articles[m.key.article].title)
                       for m in page.bookmarks if m.key.part is Part.TITLE)
        pages.append(PageFit(page.number, last, first, titles))
    notes = [Message("fit.pages", n=len(pages))]
    if len(pages) % 2:
        notes.append(Message("fit.odd", n=len(pages)))
    notes.append(_last_page(document.pages[-1], pages[-1], pages[-2] if len(pages) > 1 else None, layout))
    for page, after in zip(pages, pages[1:]):
        short = rows - page.last_line
        if short >= 1:
            notes.append(Message("fit.short", page=page.number, n=short,
                                 why=_why(page, after, document.pages[page.number - 1],
                                          document.pages[after.number - 1], layout)))
    for page in pages:
        for title in page.articles:
            notes.append(Message("fit.article", page=page.number, title=title))
    return Fit(tuple(pages), rows, tuple(notes))


def _last_page(page, fit: PageFit, before: PageFit | None, layout: Layout) -> str:
    from ..compose import LineRole

    pitch, top, rows = layout.line_pitch, layout.block.top, layout.grid.lines
    body = [ln for ln in page.lines if ln.role not in (LineRole.FOLIO, LineRole.DISTRIBUTION)]
    dist = [ln for ln in page.lines if ln.role is LineRole.DISTRIBUTION]
    used = max((int((ln.baseline - top) // pitch) + 1 for ln in body), default=0)
    first_dist = min((int((ln.baseline - top) // pitch) + 1 for ln in dist), default=rows + 1)
    if dist and not used and before is not None:
        need, free = rows - first_dist + 1, rows - before.last_line
        return Message("fit.last_only_dist", need=need, page=before.number, free=free, less=need - free)
    if dist:
        free = max(0, first_dist - used - 1)
        return Message("fit.last_dist", used=used, rows=rows, free=free)
    return Message("fit.last", used=fit.last_line, rows=rows, free=rows - fit.last_line)


def _why(page: PageFit, after: PageFit, composed, next_page, layout: Layout) -> str:
    from ..compose import LineRole, Part

    roles = {ln.role for ln in composed.lines}
    top_image = min(next_page.images, key=lambda im: im.y, default=None)
    text_top = min((ln.baseline for ln in next_page.lines if ln.role is not LineRole.FOLIO), default=None)
    if top_image is not None and (text_top is None or top_image.y < text_top):
        caption = next((ln.text for ln in next_page.lines if ln.key.part is Part.CAPTION
                        and ln.key.with_part(Part.BLOCK) == top_image.key.with_part(Part.BLOCK)), Message("fit.a_figure"))
        lines = -(-(top_image.height) // layout.line_pitch)
        return Message("fit.why.figure", caption=caption, lines=f"{lines:.0f}", n=layout.grid.lines - page.last_line,
                       page=after.number)
    if LineRole.CONTENTS in roles and after.first_role is not LineRole.CONTENTS and layout.contents.new_page_after:
        return Message("fit.why.contents")
    if after.first_role in (LineRole.HEAD, LineRole.TITLE):
        return Message("fit.why.head" if after.first_role is LineRole.HEAD else "fit.why.title",
                       page=after.number, n=layout.pagination.min_lines_after_heading)
    if after.first_role is LineRole.DISTRIBUTION:
        dist = [ln for ln in composed.lines if ln.role is LineRole.DISTRIBUTION]
        return (Message("fit.why.dist_moves", n=layout.grid.lines - page.last_line, page=after.number)
                if not dist else Message("fit.why.dist_foot"))
    if after.first_role is LineRole.BYLINE:
        return Message("fit.why.byline")
    return Message("fit.why.widow")


__all__ = ["proofread", "fit_report", "Finding", "Fit", "Severity"]
