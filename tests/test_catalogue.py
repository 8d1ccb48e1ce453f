"""Every message the tool prints comes from the catalogue (messages.py), in English and Chinese
(issue 18, "Chinese throughout").

The source is read for messages written as plain text where a person will read them: the
first argument and the `hint` of an error (InputError, FontError, LayoutError, BulletinError,
typer's BadParameter, PageSpecError), a Word warning's text, a warning appended to a list of
warnings, the message of `_BlockReader.error` and `_layout_error`. Each must be a
`messages.Message` (its id names both languages), not a string literal or an f-string.

`NOT_YET` lists, per module, how many such plain messages are left: the test fails when a
module gains one (a new message without a Chinese form) and when one is translated without the
count going down (so the list only shrinks)."""

from __future__ import annotations

import ast
import string
from collections import Counter
from pathlib import Path

from bulletin_pdf.messages import CATALOGUE

SRC = Path(__file__).resolve().parent.parent / "src" / "bulletin_pdf"
ERRORS = {"InputError", "FontError", "LayoutError", "BulletinError", "BadParameter", "PageSpecError", "WordWarning"}
HELPERS = {"error": 0, "_layout_error": 2, "warn": 1}     # helper → index of the message argument

#: Modules whose messages are not all in the catalogue yet, and how many plain ones they hold
#: (none left: a module gains an entry only with a reason).
NOT_YET: dict[str, int] = {}


def _is_text(node) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    return False


def plain_messages(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        args: list = []
        if name in ERRORS:
            args = node.args[:3 if name == "WordWarning" else 1][-1:] + [k.value for k in node.keywords if k.arg == "hint"]
        elif name in HELPERS and len(node.args) > HELPERS[name]:
            if name == "warn" and not (isinstance(f, ast.Attribute) and ast.unparse(f.value) == "self"):
                continue
            args = [node.args[HELPERS[name]]] + [k.value for k in node.keywords if k.arg == "hint"]
            if name == "error" and len(node.args) > 2:
                args.append(node.args[2])
        elif name == "append" and isinstance(f, ast.Attribute) and ast.unparse(f.value).endswith("warnings"):
            args = node.args[:1]
        found += [(node.lineno, ast.unparse(a)[:80]) for a in args if _is_text(a)]
    return found


def test_plain_messages_only_where_listed_and_never_more():
    counts: Counter = Counter()
    where: dict[str, list] = {}
    for path in sorted(SRC.rglob("*.py")):
        module = path.relative_to(SRC).as_posix()
        found = plain_messages(ast.parse(path.read_text(encoding="utf-8")))
        if found:
            counts[module] = len(found)
            where[module] = found
    new = {m: where[m] for m in counts if counts[m] > NOT_YET.get(m, 0)}
    assert not new, f"messages without a Chinese form (put them in messages.CATALOGUE): {new}"
    shrunk = {m: (n, counts.get(m, 0)) for m, n in NOT_YET.items() if counts.get(m, 0) < n}
    assert not shrunk, f"translated, so lower NOT_YET (listed, found): {shrunk}"


def test_the_scanner_sees_a_plain_message():
    """It must be able to fail."""
    tree = ast.parse('raise InputError(f"no {x}", hint="do it")\nself.warnings.append("w")\n'
                     'raise InputError(Message("file.empty"))\nself.flow.warnings.append(Message("warn.at"))')
    assert [line for line, _ in plain_messages(tree)] == [1, 1, 2]


def test_every_entry_has_both_languages():
    for key, (en, zh) in CATALOGUE.items():
        assert en.strip() and zh.strip(), key
        names = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert {n.removesuffix("_s") for n in names} == {f for _, f, _, _ in string.Formatter().parse(zh) if f}, key


def test_no_id_is_given_twice():
    """A dict literal keeps the last of two equal keys without a word: an id given twice
    would silently replace the first message (two branches adding the same id)."""
    source = (SRC / "messages.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict) and len(node.keys) > 50:
            ids = Counter(k.value for k in node.keys if isinstance(k, ast.Constant))
            assert not [k for k, n in ids.items() if n > 1]
