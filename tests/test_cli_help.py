"""`bulletin-pdf --help` is read by an editor, not a programmer: the command list gives each
command one line (what it does), and a command's own help prints each paragraph of its
description whole, wrapped by the terminal, never cut where the source code's lines happen to end."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from bulletin_pdf.cli import app

WIDE = {"COLUMNS": "600", "TERMINAL_WIDTH": "600", "NO_COLOR": "1"}
COMMANDS = [["build"], ["text"], ["check"], ["docx"], ["new"], ["preview"], ["watch"], ["fonts", "install"],
            ["fonts", "list"]]


def helped(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_command_list_gives_each_command_one_line():
    panel = helped().split("Commands")[1]
    rows = [line.strip("│ ").rstrip() for line in panel.splitlines() if line.startswith("│")]
    names = [row.split()[0] for row in rows]
    assert names == ["build", "text", "check", "docx", "new", "preview", "watch", "fonts"]
    for row in rows:                      # a sentence, not half of one
        assert row.endswith("."), row


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_commands_help_prints_each_paragraph_whole(command):
    text = helped(*command)
    description = text.split("Usage:")[1].split("╭")[0]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", description.split("\n", 1)[1]) if p.strip()]
    assert paragraphs, text
    for paragraph in paragraphs:
        assert "\n" not in paragraph, paragraph
        assert paragraph.endswith((".", ")", "。")), paragraph
