"""What the code cites exists, and the tests take no rule from the engine they test.

* clreq is cited by anchor (https://www.w3.org/International/clreq/#<anchor>, its editor's draft
  of 2024-03-21); every anchor cited in src/, tests/, layouts/ and docs/ is in the copy of its
  table of contents kept in tests/data/clreq_toc.txt. Section numbers are not cited: they
  changed between drafts (kinsoku was cited as §3.1.7, which is hanging punctuation).
* GB/T 15834-2011 is cited by a clause it has.
* (That every document cited exists, with the sections named, is tests/test_docs.py's.)
* No test module imports a rule table of the engine (`text/classes.py`) or of the preflight
  (`preflight/punctuation.py`): the tests state the rules themselves (tests/rules.py).
"""

from __future__ import annotations

import ast
import importlib
import re
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLREQ = "https://www.w3.org/International/clreq/#"
ANCHOR = re.compile(re.escape(CLREQ) + r"([A-Za-z0-9_.-]*[A-Za-z0-9_-])")


def cited_files() -> list[Path]:
    """The files whose citations are checked: code, tests, layouts, docs (the fuzz corpus is
    hostile input kept as found, not cited text)."""
    files = [*ROOT.glob("src/**/*.py"), *ROOT.glob("tests/*.py"), ROOT / "tests" / "corpus.txt",
             *ROOT.glob("layouts/*.yaml"), *ROOT.glob("docs/*.md")]
    return sorted(p for p in files if p.is_file())


def toc_anchors() -> set[str]:
    lines = (ROOT / "tests" / "data" / "clreq_toc.txt").read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0] for line in lines if line and not line.startswith("#")}


def test_the_toc_copy_is_clreqs():
    """Spot checks of the copy against the draft it names (read there by hand): the kinsoku
    section and its four levels, the section the old citations called §3.1.7, the appendix."""
    lines = (ROOT / "tests" / "data" / "clreq_toc.txt").read_text(encoding="utf-8").splitlines()
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in lines if line and not line.startswith("#")}
    assert rows["prohibition_rules_for_line_start_end"] == ["3.1.4", "Prohibition Rules for Line Start and Line End"]
    assert rows["hanging_punctuation_marks_at_line_end"] == ["3.1.7", "Hanging Punctuation at Line End"]
    assert {"prohibition-rules-none", "prohibition-rules-basic", "prohibition-rules-guobiao",
            "prohibition-rules-strict"} <= set(rows)
    assert rows["table_of_punctuation_marks"][0] == "A.5"
    assert len(rows) > 100


def test_every_cited_clreq_anchor_is_in_the_toc():
    known = toc_anchors()
    cited = {(p.relative_to(ROOT).as_posix(), a) for p in cited_files()
             for a in ANCHOR.findall(p.read_text(encoding="utf-8"))}
    assert len(cited) > 30
    assert [c for c in sorted(cited) if c[1] not in known] == []


def test_clreq_is_cited_by_anchor_not_by_section_number_or_another_address():
    bad = []
    for p in cited_files():
        text = p.read_text(encoding="utf-8")
        for m in re.finditer(r"clreq[^\n]{0,12}§\s*\d|w3\.org/TR/clreq|w3c\.github\.io/clreq"
                             r"|w3\.org/International/clreq(?!/#)", text):
            bad.append((p.relative_to(ROOT).as_posix(), text.count("\n", 0, m.start()) + 1, m.group()))
    assert bad == []


#: GB/T 15834-2011's clauses, from its contents: 4.1–4.17 (the marks: 句号 … 分隔号) and 5.1.1–
#: 5.1.11, 5.2.x (their position in horizontal and vertical text).
GB_15834_CLAUSES = ({f"4.{n}" for n in range(1, 18)} | {f"4.{n}.{k}" for n in range(1, 18) for k in range(1, 10)}
                    | {"5", "5.1", "5.2"} | {f"5.1.{n}" for n in range(1, 12)} | {f"5.2.{n}" for n in range(1, 12)})


def test_gb_15834_is_cited_by_a_clause_it_has():
    """`GB/T 15834-2011 5.1.9`, `GB/T 15834-2011 4.14`; never the 1995 edition's numbering
    (§4.1.14 for 间隔号 was cited) nor a clause the standard does not have."""
    bad = []
    for p in cited_files():
        text = p.read_text(encoding="utf-8")
        for m in re.finditer(r"GB/T 15834(?:-2011)?,?\s*(?:clause\s*|§\s*)?(\d+(?:\.\d+)*)", text):
            if m.group(1) not in GB_15834_CLAUSES or "§" in m.group():
                bad.append((p.relative_to(ROOT).as_posix(), m.group()))
    assert bad == []


#: Modules whose tables state rules: the engine's, and the preflight's own.
RULE_MODULES = ("bulletin_pdf.text.classes", "bulletin_pdf.preflight.punctuation")


def _rule_tables(module: str, names: list[str]) -> list[str]:
    """Which of `names`, imported from `module`, is a rule table: a module of RULE_MODULES, a
    table or function defined in one (not a class: `Kind` names what an atom is), or a set of
    characters kept anywhere in the engine."""
    found = []
    mod = importlib.import_module(module)
    for name in names:
        value = getattr(mod, name, None)
        if value is None:
            value = importlib.import_module(f"{module}.{name}")
        if isinstance(value, types.ModuleType):
            if value.__name__ in RULE_MODULES:
                found.append(name)
        elif isinstance(value, type):
            continue                    # a class (the Kind enum): a name, not a rule
        elif module in RULE_MODULES or getattr(value, "__module__", None) in RULE_MODULES:
            found.append(name)
        elif isinstance(value, (set, frozenset)) and value and all(isinstance(v, str) for v in value):
            found.append(name)          # a character class kept anywhere else in the engine
    return found


def engine_rule_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in RULE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("bulletin_pdf"):
            found += [f"{node.module}.{n}" for n in _rule_tables(node.module, [a.name for a in node.names])]
    return found


#: Engine functions a test module imports as the thing it tests, its expectations typed out in
#: the test itself (not computed by them): file → names. Each entry is read by a reviewer.
UNDER_TEST = {
    # the Unicode blocks of ideographs and full-width forms, typed out from Blocks.txt, against
    # the classifiers that read them
    "test_text_rules.py": {"bulletin_pdf.text.classes.is_han", "bulletin_pdf.text.classes.is_wide",
                           "bulletin_pdf.text.classes.kind_of"},
}


@pytest.mark.parametrize("path", sorted(ROOT.glob("tests/*.py")), ids=lambda p: p.name)
def test_no_test_takes_a_rule_table_from_the_engine(path):
    assert [name for name in engine_rule_imports(path) if name not in UNDER_TEST.get(path.name, ())] == []


def test_the_import_check_sees_an_engine_table(tmp_path):
    """The check above can fail: a module importing the engine's set, the engine's class
    module, or a character set kept elsewhere in the engine is caught."""
    probe = tmp_path / "test_probe.py"
    probe.write_text("from bulletin_pdf.text.classes import NO_LINE_START\n"
                     "import bulletin_pdf.preflight.punctuation\n"
                     "def f():\n    from bulletin_pdf.text import classes\n"
                     "    from bulletin_pdf.text.prepare import QUOTES, prepare\n"
                     "    from bulletin_pdf.text.types import Kind\n", encoding="utf-8")
    assert engine_rule_imports(probe) == ["bulletin_pdf.text.classes.NO_LINE_START", "bulletin_pdf.preflight.punctuation",
                                          "bulletin_pdf.text.classes", "bulletin_pdf.text.prepare.QUOTES"]
