"""The project's documents hold together: the README stays short (what the tool is, the two
commands, the editor's guide, links: at most 250 lines), every link and anchor in the README and
`docs/` leads somewhere, every document of `docs/` is linked from the README, and every document
(and section) the code, the tests and the bench cite exists in the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))

# Written on other branches of issue 16 and linked from here before they land. The integrator
# merges them; once one is in the repository, `test_pending_documents_are_still_pending` fails
# until it is removed from this set, so that every check below holds for it too.
PENDING = {"docs/typography.md"}

LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
DOC_PATH = re.compile(r"(?<![\w/.-])docs/[\w-]+\.md\b")
CITED_FILE = re.compile(r"(?<![\w/.-])((?:\.\./|[\w-]+/)*[\w-]+\.md)\b")
# a document cited with its sections: `docs/x.md, "Section"`, `docs/x.md "A" and "B"`
CITED_SECTION = re.compile(r'(docs/[\w-]+\.md)((?:(?:,\s*|\s+)(?:and\s+)?"[^"]{1,60}")+)')


def outside_code(text: str) -> str:
    """The text with fenced code blocks blanked (their lines kept, so nothing joins)."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else line)
    return "\n".join(out)


def headings(path: Path) -> list[str]:
    """The headings of a markdown file as written, without their #s and code marks."""
    return [m.group(1).replace("`", "").strip()
            for m in re.finditer(r"^#{1,6}\s+(.+)$", outside_code(path.read_text(encoding="utf-8")), re.M)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped (letters of any script,
    digits, `_` and `-` kept), spaces as `-`."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for heading in headings(path):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def pending(target: Path) -> bool:
    rel = target.resolve().relative_to(ROOT).as_posix() if target.resolve().is_relative_to(ROOT) else None
    return rel in PENDING and not target.exists()


def inside(target: Path) -> bool:
    return target.resolve().is_relative_to(ROOT.resolve())


def test_the_readme_is_short():
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= 250, f"README.md has {lines} lines; what is not the guide goes into docs/"


def test_docs_exist():
    names = {p.name for p in DOCS}
    assert {"issue-format.md", "layouts.md", "word-import.md", "fonts.md", "output.md", "commands.md",
            "speed.md", "architecture.md"} <= names


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_links_lead_somewhere(doc):
    """Every relative link of the README and docs/ names a file of the repository, and its
    `#anchor` a heading of that file."""
    text = outside_code(doc.read_text(encoding="utf-8"))
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        path = (doc.parent / file) if file else doc
        if pending(path):
            continue
        if not inside(path) or not path.is_file():
            broken.append(f"{target}: no such file")
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(f"{target}: no heading with that anchor in {path.name}")
    assert not broken, broken


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda p: p.relative_to(ROOT).as_posix())
def test_named_documents_exist(doc):
    """A `docs/….md` named in the text (not as a link) is a file of the repository too."""
    named = set(DOC_PATH.findall(doc.read_text(encoding="utf-8")))
    missing = [n for n in named if not (ROOT / n).is_file() and n not in PENDING]
    assert not missing, missing


def test_every_document_is_linked_from_the_readme():
    text = README.read_text(encoding="utf-8")
    linked = {(ROOT / t.partition("#")[0]).resolve() for t in LINK.findall(text)}
    unlinked = [p.name for p in DOCS if p.resolve() not in linked]
    assert not unlinked, f"docs/ files the README does not link: {unlinked}"
    for name in PENDING:
        assert (ROOT / name).resolve() in linked, f"{name} is not linked from the README"


def sources() -> list[Path]:
    """The code, the tests and the bench, and the text files they keep (not the fuzz corpus,
    which holds inputs, nor the package's data)."""
    out = []
    for folder in ("src", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".txt", ".md", ".yaml", ".toml"} and path.is_file() \
                    and "fuzz_corpus" not in path.parts and "data" not in path.parts \
                    and path != Path(__file__):      # this file names its patterns by example
                out.append(path)
    return out


def test_every_cited_document_exists():
    """A `….md` cited anywhere in src/, tests/ or bench/ resolves to a file of the repository
    (from the repository's root or from the citing file's folder); none outside it."""
    missing = []
    for path in sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for cited in CITED_FILE.findall(line):
                found = [p for p in (ROOT / cited, path.parent / cited) if inside(p) and p.is_file()]
                if not found and cited not in PENDING:
                    missing.append(f"{path.relative_to(ROOT)}:{n}: {cited}")
    assert not missing, missing


def test_every_cited_section_exists():
    """`docs/x.md, "Section"` in the code and the tests names a heading of that document (the
    heading may go on with a parenthesis: "Kinsoku" for `Kinsoku (避头尾)`)."""
    missing = []
    for path in sources():
        text = path.read_text(encoding="utf-8")
        flat = re.sub(r"\n\s*(?:#:?)?\s*", " ", text)       # docstrings and comments over lines
        for doc, quoted in CITED_SECTION.findall(flat):
            if doc in PENDING and not (ROOT / doc).exists():
                continue
            if not (ROOT / doc).is_file():
                missing.append(f"{path.relative_to(ROOT)}: {doc} does not exist")
                continue
            titles = headings(ROOT / doc)
            for section in re.findall(r'"([^"]+)"', quoted):
                if not any(t == section or t.startswith(section + " (") for t in titles):
                    missing.append(f"{path.relative_to(ROOT)}: {doc}, \"{section}\"")
    assert not missing, missing


def test_the_readme_cites_no_section_of_itself_from_code():
    """Code and tests cite docs/, not README sections (the README keeps only the guide)."""
    cites = [f"{p.relative_to(ROOT)}: {m}" for p in sources()
             for m in re.findall(r'README[,:]?[ \t]*"[^"\n]+"', p.read_text(encoding="utf-8"))]
    assert not cites, cites


def test_pending_documents_are_still_pending():
    landed = sorted(name for name in PENDING if (ROOT / name).exists())
    assert not landed, f"{landed} landed: remove them from PENDING in tests/test_docs.py"


def module_table() -> list[tuple[list[str], str]]:
    """The rows of docs/architecture.md's module table: the names in its first cell, the row."""
    text = outside_code((ROOT / "docs/architecture.md").read_text(encoding="utf-8"))
    table = text.split("## The modules", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in table.splitlines() if ln.startswith("| `")]
    return [(re.findall(r"`([^`]+)`", row.split("|")[1]), row) for row in rows]


def test_the_module_table_names_every_module():
    """Every module of the package is in docs/architecture.md's table — as its path, or by name
    in the row of its package — and every path the table names exists: a module added, moved
    or removed without its row fails here."""
    package = ROOT / "src" / "bulletin_pdf"
    rows = module_table()
    named = {name for names, _ in rows for name in names}
    stale = [name for name in named if not (package / name).exists()]
    assert not stale, f"docs/architecture.md names what src/bulletin_pdf/ does not hold: {stale}"
    unnamed = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if path.name == "__init__.py" or rel.as_posix() in named:
            continue
        folder = rel.parent.as_posix() + "/"
        if not any(folder in names and f"`{path.stem}`" in row for names, row in rows):
            unnamed.append(rel.as_posix())
    assert not unnamed, f"modules without a row in docs/architecture.md: {unnamed}"
