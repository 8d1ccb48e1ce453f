"""Where a build finds what the user names by name: the layout folders (the current folder's
`layouts/`, the issue's project's, the package's own) and the font folders. Part of loading:
`extends` resolves a layout's `extends:` here, so nothing in `input/` points back up the pipeline."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..messages import Message
from ..model import Issue, Layout

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def layout_dirs(issue_path: Path | None = None) -> list[Path]:
    dirs = [Path.cwd() / "layouts"]
    if issue_path is not None:
        dirs += [issue_path.resolve().parent / "layouts", issue_path.resolve().parent.parent / "layouts"]
    dirs.append(PROJECT_ROOT / "layouts")
    return list(dict.fromkeys(dirs))


def find_layout(ref: str, issue_path: Path | None = None) -> Path:
    """A layout by path (`layouts/x.yaml`, `my.yaml`) or by name (`jianbao`)."""
    as_path = Path(ref)
    if as_path.suffix in (".yaml", ".yml") or os.sep in ref:
        if as_path.exists():
            return as_path
        raise InputError(Message("layout.file_not_found", ref=ref))
    for folder in layout_dirs(issue_path):
        candidate = folder / f"{ref}.yaml"
        if candidate.exists():
            return candidate
    known = sorted({p.stem for d in layout_dirs(issue_path) if d.is_dir() for p in d.glob("*.yaml")})
    raise InputError(Message("layout.no_such_known", ref=ref, known=tuple(known)) if known else
                     Message("layout.no_such", ref=ref))


#: The layout a command uses when neither `--layout` nor the issue's `layout:` names one.
DEFAULT_LAYOUT = "jianbao"


def issue_layout(option: str | None, issue: Issue) -> Path:
    """The layout file a command uses for `issue`: `--layout` when given, else the issue's
    `layout:` line (a name, or a path from the issue file's folder; an error there is located
    at that line), else the default layout."""
    if option is not None or issue.layout is None:
        return find_layout(option or DEFAULT_LAYOUT, Path(issue.file))
    try:
        return find_layout(issue.layout_ref, Path(issue.file))
    except InputError as exc:
        src = issue.layout_source
        raise InputError(exc.message, file=issue.file, line=src.line if src else None, field="layout",
                         hint=exc.hint or Message("hint.layout_line")) from None


def font_dirs(layout: Layout) -> list[Path]:
    dirs = []
    if os.environ.get("BULLETIN_PDF_FONTS"):
        dirs.append(Path(os.environ["BULLETIN_PDF_FONTS"]))
    if layout.file:
        here = Path(layout.file).resolve().parent
        dirs += [here.parent / "fonts", here]
    dirs += [Path.cwd() / "fonts", PROJECT_ROOT / "fonts"]
    return list(dict.fromkeys(dirs))
