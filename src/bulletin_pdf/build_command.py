"""The work of `bulletin-pdf build`, apart from the command-line library that parses it.

Both ways into `build` run this: the typer command (cli.py) and the console entry's fast
path (entry.py), which parses a plain `build` itself so that a build imports neither typer
nor rich (issue 20, "a lean cold path"). What it prints it prints through `terminal`.
"""

from __future__ import annotations

from pathlib import Path

from .errors import one_line
from .terminal import LANG, err, print_warnings, say


def build_files(issue: Path, output: Path | None, layout: str | None, pdfx: bool | None, formats: str | None):
    """Build `issue` and write each file asked for (atomically: the previous file is replaced
    only by a complete new one); say what was written, the warnings, and the proofreading
    errors that would print. Returns the build and the files written, with their formats."""
    from .pipeline import build as run_build, output_targets, write_atomically

    targets = output_targets(output, issue, formats)
    result = run_build(issue, layout, pdfx, formats=tuple(fmt for _path, fmt in targets))
    for target, fmt in targets:
        write_atomically(target, result.data(fmt))
    print_warnings(result.document.warnings)
    for target, fmt in targets:
        err.line(one_line(say("build.wrote", target=str(target), pages=len(result.document.pages),
                              kb=f"{len(result.data(fmt)) / 1024:.0f}", seconds=f"{result.seconds:.2f}")))
    _warn_proof_errors(issue, result)
    return result, targets


def _warn_proof_errors(issue: Path, result) -> None:
    """What `check ISSUE.yaml` counts as an error (a placeholder left, a bracket not closed)
    prints wrong: a build says so, rather than leave it to a reader of the printed issue.
    The proofreader reads the issue file as the build read it (`result.issue_source`)."""
    from .editor.proofread import findings_of

    errors = [f.problem for f in findings_of(result.issue, result.issue_source, errors_only=True)]
    for problem in errors[:5]:
        print_warnings([problem.headline(LANG["messages"])])
    if errors:
        err.line(say("build.to_fix", n=len(errors), issue=str(issue)))
