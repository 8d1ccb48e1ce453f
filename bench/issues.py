"""Longer issues for the benchmark, made from the sample's articles with text that differs copy
to copy, so that neither tool can reuse a paragraph it has already set (Typst memoizes layout
of identical content; a line engine could cache identical paragraphs).

Copy k of an article is the sample's article with, deterministically from (seed, k):
- the sentences after a paragraph's bold lead-in in a shuffled order,
- about one ideograph in twelve replaced by another ideograph of the sample (so every character
  is still in every face that sets the sample, for both tools),
- digits shifted by k.
Punctuation, bold lead-ins, bylines and title line breaks stay as they are, so the text keeps
the sample's mix of kinsoku cases, compression pairs and CJK–Latin boundaries.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

SENTENCE = re.compile(r"[^。；！？]*[。；！？]?")
IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def ideographs(data) -> list[str]:
    found: set[str] = set()

    def walk(node):
        if isinstance(node, str):
            found.update(IDEOGRAPH.findall(node))
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data.get("columns", []))
    return sorted(found)


class Varier:
    def __init__(self, pool: list[str], seed: str, copy: int):
        self.rng = random.Random(f"{seed}/{copy}")
        self.pool = pool
        self.copy = copy

    def chars(self, text: str) -> str:
        text = IDEOGRAPH.sub(lambda m: self.rng.choice(self.pool) if self.rng.random() < 1 / 12 else m.group(0), text)
        return re.sub(r"\d", lambda m: str((int(m.group(0)) + self.copy) % 10), text)

    def paragraph(self, text: str) -> str:
        lead = ""
        if text.startswith("**"):
            end = text.index("**", 2) + 2
            lead, text = text[:end], text[end:]
        sentences = [s for s in SENTENCE.findall(text) if s]
        self.rng.shuffle(sentences)
        return self.chars(lead) + self.chars("".join(sentences))

    def title(self, title):
        return [self.chars(t) for t in title] if isinstance(title, list) else self.chars(title)


def generated_issue(sample: dict, articles: int, seed: str) -> dict:
    """An issue of `articles` units (an article, or a column's 信息摘登 items), cycling through
    the sample's columns; every unit's text varied by its copy number."""
    pool = ideographs(sample)
    units = []
    for c, column in enumerate(sample["columns"]):
        units += [(c, "articles", a) for a in column.get("articles", [])]
        if column.get("items"):
            units.append((c, "items", column["items"]))
    issue = {k: v for k, v in sample.items() if k != "columns"}
    columns: list[dict] = []
    last = None
    for n in range(articles):
        c, kind, unit = units[n % len(units)]
        copy = n // len(units)
        vary = Varier(pool, seed, n)
        if last != (copy, c):
            columns.append({"name": sample["columns"][c]["name"]})
            last = (copy, c)
        if kind == "articles":
            article = dict(unit, title=vary.title(unit["title"]),
                           body=[vary.paragraph(p) for p in unit["body"]])
            columns[-1].setdefault("articles", []).append(article)
        else:
            columns[-1]["items"] = [dict(it, text=vary.paragraph(it["text"])) for it in unit]
    issue["columns"] = columns
    return issue


def write_issue(sample_path: Path, articles: int, seed: str, target: Path) -> Path:
    sample = yaml.safe_load(sample_path.read_text(encoding="utf-8"))
    data = generated_issue(sample, articles, seed)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                      encoding="utf-8")
    return target


def unit_count(sample_path: Path) -> int:
    sample = yaml.safe_load(sample_path.read_text(encoding="utf-8"))
    return sum(len(c.get("articles", [])) + (1 if c.get("items") else 0) for c in sample["columns"])
