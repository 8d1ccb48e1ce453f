"""`bulletin-pdf new`: the next issue's file, started from the previous one.

Keeps what stays from issue to issue (publication, office, marking, columns, distribution
list), advances the numbers (第N期 +1 and 总第M期 +1; a new year starts again at 第1期), sets
the date, and leaves one placeholder article per column for the editor to replace.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import io

from ..errors import InputError
from ..messages import Lang, Message, render
from ..input.load import load_issue
from ..model import Issue

PLACEHOLDER_TITLE = "（标题待填写）"
PLACEHOLDER_BODY = "（正文待填写）"
PLACEHOLDER_BYLINE = "署名待填写"


def suggested_date(previous: Issue) -> dt.date:
    """The date an editor most likely means: the same day of the next month (the last day of
    that month when it is shorter). Only offered at the prompt, never used unasked."""
    year, month = (previous.date.year + 1, 1) if previous.date.month == 12 else (previous.date.year,
                                                                                previous.date.month + 1)
    for day in range(previous.date.day, 27, -1):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    return dt.date(year, month, min(previous.date.day, 28))


def parse_date(text: str, what: str | Message = "--date") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(Message("new.not_a_date", what=what, text=repr(text)), hint=Message("hint.ymd")) from None


def date_not_after(previous: Issue, date: dt.date) -> str | None:
    """An issue comes after the one before it: a date on or before the previous issue's is a
    slip (a wrong year or month), not a wish. The complaint, or None."""
    if date <= previous.date:
        return Message("new.not_after", date=date.isoformat(), previous=previous.date.isoformat(),
                       file=Path(previous.file).name)
    return None


def check_date_after(previous: Issue, date: dt.date) -> None:
    problem = date_not_after(previous, date)
    if problem:
        raise InputError(problem, hint=Message("hint.new_later", date=previous.date.isoformat()))


def next_numbers(previous: Issue, date: dt.date) -> tuple[int, int | None]:
    """第N期 and 总第M期 of the issue after `previous`: N restarts at 1 in a new year, M runs on
    across years (kept only when the previous issue gave it)."""
    number = previous.number + 1 if date.year == previous.date.year else 1
    cumulative = previous.cumulative + 1 if previous.cumulative is not None and previous.edition == "普刊" else None
    return number, cumulative


def default_path(previous: Path | str, date: dt.date) -> Path:
    """`content/2025-10.yaml`: named by the issue's year and month, beside the previous issue."""
    return Path(previous).parent / f"{date.year:04d}-{date.month:02d}.yaml"


def layout_line(issue: Issue, target: Path) -> str | None:
    """The previous issue's `layout:` for the new issue written at `target`: a name as it is, a
    path made to point from the new file's folder to the same layout file."""
    if issue.layout is None or issue.layout_ref == issue.layout:
        return issue.layout
    there = Path(issue.layout_ref).resolve()
    return Path(os.path.relpath(there, Path(target).resolve().parent)).as_posix()


def next_issue_yaml(previous: Path | str, date: dt.date, issue: Issue | None = None,
                    target: Path | None = None, lang: Lang = "en") -> str:
    """YAML text of the issue after `previous` (validated first, so errors point there), to be
    written at `target` (default: beside `previous`): the layout line goes with it. Its
    comment lines, which the editor reads in the file, are in `lang`, the messages' language."""
    issue = issue or load_issue(previous)
    check_date_after(issue, date)
    number, cumulative = next_numbers(issue, date)
    data: dict = {}
    layout = layout_line(issue, Path(target) if target else Path(previous))
    if layout is not None:
        data["layout"] = layout
    data |= {
        "publication": issue.publication,
        "edition": "普刊",
        "number": number,
    }
    if cumulative is not None:
        data["cumulative"] = cumulative
    data["compiled_by"] = issue.compiled_by
    data["date"] = date
    if issue.marking:
        data["marking"] = issue.marking
    columns = []
    for col in issue.columns:
        entry: dict = {"name": col.name}
        if col.articles:
            entry["articles"] = [{"title": PLACEHOLDER_TITLE, "byline": PLACEHOLDER_BYLINE,
                                  "body": [PLACEHOLDER_BODY]}]
        if col.items:
            entry["items"] = [{"text": PLACEHOLDER_BODY, "byline": PLACEHOLDER_BYLINE}]
        columns.append(entry)
    data["columns"] = columns
    if issue.distribution is not None:
        d = issue.distribution
        dist: dict = {"send_to": list(d.send_to)}
        if d.editor:
            dist["editor"] = d.editor
        if d.phone:
            dist["phone"] = d.phone
        if d.copies:
            dist["copies"] = d.copies
        data["distribution"] = dist
    body = dump_yaml(data)
    header = [Message("new.comment_from", publication=issue.publication, issue=f"{date.year}年第{number}期",
                      previous=Path(previous).name),
              Message("new.comment_replace", placeholders=f"{PLACEHOLDER_TITLE} / {PLACEHOLDER_BODY} / {PLACEHOLDER_BYLINE}",
                      example="例：上城区人大常委会办公室 方敏杰")]
    return "".join(f"# {render(line, lang)}\n" for line in header) + body


def dump_yaml(data) -> str:
    """YAML in the sample's style (lists indented under their field, as `docx --into` writes)."""
    from ruamel.yaml import YAML    # here: `build` imports this module for its constants only

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 10**6
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()
