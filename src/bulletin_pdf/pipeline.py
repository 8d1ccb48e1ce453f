"""The pipeline in one call: load → fonts → compose → render → atomic write.

Finds the layout and the fonts the way a user expects: a layout by name in a `layouts/`
folder (the working directory's, the issue's project's, this project's) or by path; fonts in
the `fonts/` folder beside the layout's folder (or `BULLETIN_PDF_FONTS`), else installed.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from .errors import InputError
from .load import load_issue, load_layout
from .model import FontChoice, Issue, Layout

if TYPE_CHECKING:
    from .compose import Document
    from .fonts import FaceSpec, FontSet
    from .text.cache import ParagraphCache

# The stages after loading are imported where they run (issue #9, "each command imports only
# what it uses"): `text`, `new` and `docx` import this module but never parse a font, render
# or touch a PDF library.

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
    from .fonts import FaceSpec

    return FaceSpec(role, choice.file, choice.family, tuple(_face_spec(role, f) for f in choice.fallbacks))


def face_specs(layout: Layout) -> dict[str, FaceSpec]:
    """The layout's face choice for each role, as `fonts` takes it."""
    return {role: _face_spec(role, c) for role, c in layout.fonts.items()}


def load_fonts(layout: Layout) -> FontSet:
    from .fonts import load_fontset

    return load_fontset(face_specs(layout), font_dirs(layout), layout.file)


@dataclass(frozen=True, slots=True)
class Build:
    issue: Issue
    layout: Layout
    document: Document
    pdf: bytes
    seconds: float
    #: the files this build read: issue, layout, font files (what `watch` watches)
    inputs: tuple[Path, ...] = ()
    #: seconds per stage, in order: load, fonts, compose, write
    stages: tuple[tuple[str, float], ...] = ()


def build(issue_path: Path | str, layout_ref: str = "jianbao", pdfx: bool | None = None, *,
          layout_for: Callable[[Path], Layout] = load_layout, fonts_for: Callable[[Layout], FontSet] = load_fonts,
          cache: ParagraphCache | None = None) -> Build:
    """`pdfx`: PDF/X-4 keys on or off; None follows the layout (`output.pdfx`).

    A warm process (`bulletin-pdf watch`) passes `layout_for` and `fonts_for`, which keep the
    layout and the faces loaded while their files do not change, and `cache`, which keeps the
    paragraphs set before (text/cache.py)."""
    from .compose import compose
    from .render import write_pdf

    start = time.perf_counter()
    clock = [("start", start)]
    issue_path = Path(issue_path)
    issue = load_issue(issue_path)
    layout_path = find_layout(layout_ref, issue_path)
    layout = layout_for(layout_path)
    clock.append(("load", time.perf_counter()))
    fonts = fonts_for(layout)
    clock.append(("fonts", time.perf_counter()))
    document = compose(issue, layout, fonts, cache)
    clock.append(("compose", time.perf_counter()))
    pdf = write_pdf(document, fonts, pdfx=layout.output.pdfx if pdfx is None else pdfx)
    clock.append(("write", time.perf_counter()))
    faces = dict.fromkeys(face.path for faces in fonts.faces.values() for face in faces)
    stages = tuple((name, t - clock[k][1]) for k, (name, t) in enumerate(clock[1:]))
    return Build(issue, layout, document, pdf, time.perf_counter() - start,
                 (issue_path, layout_path, *faces), stages)


def text_of(issue_path: Path | str, layout_ref: str = "jianbao") -> list[str]:
    """The strings the PDF sets (see `compose.issue_text`); composes only when the contents
    show page numbers, which come from pagination."""
    from .compose import compose, issue_text, page_of_articles

    issue_path = Path(issue_path)
    issue = load_issue(issue_path)
    layout = load_layout(find_layout(layout_ref, issue_path))
    page_of = None
    if layout.contents.page_numbers:
        page_of = page_of_articles(compose(issue, layout, load_fonts(layout)), issue)
    return issue_text(issue, layout, page_of)


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
