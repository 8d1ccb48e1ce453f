"""`bulletin-pdf new`: the next issue's file, started from the previous one.

Keeps what stays from issue to issue (publication, office, marking, columns, distribution
list), advances the numbers (第N期 +1 and 总第M期 +1; a new year starts again at 第1期), sets
the date, and leaves one placeholder article per column for the editor to replace.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from .load import load_issue

PLACEHOLDER_TITLE = "（标题待填写）"
PLACEHOLDER_BODY = "（正文待填写）"
PLACEHOLDER_BYLINE = "署名待填写"


def next_issue_yaml(previous: Path | str, date: dt.date) -> str:
    """YAML text of the issue after `previous` (validated first, so errors point there)."""
    issue = load_issue(previous)
    number = issue.number + 1 if date.year == issue.date.year else 1
    data: dict = {
        "publication": issue.publication,
        "edition": "普刊",
        "number": number,
    }
    if issue.cumulative is not None and issue.edition == "普刊":
        data["cumulative"] = issue.cumulative + 1
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
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6, indent=2)
    header = (f"# {issue.publication} {date.year}年第{number}期 — started from {Path(previous).name}.\n"
              f"# Replace every {PLACEHOLDER_TITLE} / {PLACEHOLDER_BODY} / {PLACEHOLDER_BYLINE} "
              "(例：上城区人大常委会办公室 方敏杰); see the README for the fields.\n")
    return header + body
