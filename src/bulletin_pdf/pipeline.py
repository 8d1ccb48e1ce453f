"""The pipeline in one call: load → fonts → compose → render → atomic write.

Finds the layout and the fonts the way a user expects: a layout by name in a `layouts/`
folder (the working directory's, the issue's project's, this project's) or by path; fonts in
the `fonts/` folder beside the layout's folder (or `BULLETIN_PDF_FONTS`), else installed.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .compose import Document, compose, issue_text
from .compose import page_of_articles, placement
from .errors import InputError
from .fonts import FaceSpec, FontSet, load_fontset
from .load import load_issue, load_layout
from .model import BlockKind, FontChoice, Issue, Layout
from .render import write_pdf

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def layout_dirs(issue_path: Path | None = None) -> list[Path]:
    dirs = [Path.cwd() / "layouts"]
    if issue_path is not None:
        dirs.append(issue_path.resolve().parent.parent / "layouts")
    dirs.append(PROJECT_ROOT / "layouts")
    return list(dict.fromkeys(dirs))


def find_layout(ref: str, issue_path: Path | None = None) -> Path:
    """A layout by path (`layouts/x.yaml`, `my.yaml`) or by name (`jianbao`)."""
    as_path = Path(ref)
    if as_path.suffix in (".yaml", ".yml") or os.sep in ref:
        if as_path.exists():
            return as_path
        raise InputError(f"layout file {ref} not found")
    for folder in layout_dirs(issue_path):
        candidate = folder / f"{ref}.yaml"
        if candidate.exists():
            return candidate
    known = sorted({p.stem for d in layout_dirs(issue_path) if d.is_dir() for p in d.glob("*.yaml")})
    raise InputError(f"no layout named '{ref}'" + (f"; known: {', '.join(known)}" if known else ""))


def font_dirs(layout: Layout) -> list[Path]:
    dirs = []
    if os.environ.get("BULLETIN_PDF_FONTS"):
        dirs.append(Path(os.environ["BULLETIN_PDF_FONTS"]))
    if layout.file:
        here = Path(layout.file).resolve().parent
        dirs += [here.parent / "fonts", here]
    dirs += [Path.cwd() / "fonts", PROJECT_ROOT / "fonts"]
    return list(dict.fromkeys(dirs))


def _face_spec(role: str, choice: FontChoice) -> FaceSpec:
    return FaceSpec(role, choice.file, choice.family, tuple(_face_spec(role, f) for f in choice.fallbacks))


def load_fonts(layout: Layout) -> FontSet:
    return load_fontset({role: _face_spec(role, c) for role, c in layout.fonts.items()}, font_dirs(layout),
                        layout.file)


@dataclass(frozen=True, slots=True)
class Build:
    issue: Issue
    layout: Layout
    document: Document
    pdf: bytes
    seconds: float


def build(issue_path: Path | str, layout_ref: str = "jianbao", pdfx: bool | None = None) -> Build:
    """`pdfx`: PDF/X-4 keys on or off; None follows the layout (`output.pdfx`)."""
    start = time.perf_counter()
    issue_path = Path(issue_path)
    issue = load_issue(issue_path)
    layout = load_layout(find_layout(layout_ref, issue_path))
    fonts = load_fonts(layout)
    document = compose(issue, layout, fonts)
    pdf = write_pdf(document, fonts, pdfx=layout.output.pdfx if pdfx is None else pdfx)
    return Build(issue, layout, document, pdf, time.perf_counter() - start)


def text_of(issue_path: Path | str, layout_ref: str = "jianbao") -> list[str]:
    """The strings the PDF sets (see `compose.issue_text`); composes only when the contents
    show page numbers, which come from pagination."""
    issue_path = Path(issue_path)
    issue = load_issue(issue_path)
    layout = load_layout(find_layout(layout_ref, issue_path))
    page_of = where = None
    fonts = None
    if layout.contents.page_numbers:
        fonts = load_fonts(layout)
        page_of = page_of_articles(compose(issue, layout, fonts), issue)
    if any(block.kind in (BlockKind.TABLE, BlockKind.FIGURE) for col in issue.columns for art in col.articles
           for block in art.body):
        where = placement(issue, layout, fonts or load_fonts(layout), page_of)   # 续表 parts, floated figures
    return issue_text(issue, layout, page_of, where)


def write_atomically(path: Path, data: bytes) -> None:
    """Write next to the target and rename over it: a failed build never leaves a broken or
    half-written file, and the previous good PDF stays until the new one is complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
