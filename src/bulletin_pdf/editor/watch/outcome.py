"""What one build of `watch` did: whether it made a PDF, the last good PDF, and its messages
(errors and warnings, as the CLI prints them), shared by the builder, the loop and the server."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass, field
from pathlib import Path


class Level(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One message of a build: its headline (`FILE:LINE:COL: field: message`) and the lines
    shown under it (the source line with a caret, the hint)."""

    level: Level
    headline: str
    details: tuple[str, ...] = ()
    label: str = ""                 # "error" / "错误": the level in the reader's language

    def as_json(self) -> dict:
        return {"level": self.level.value, "label": self.label or self.level.value, "headline": self.headline,
                "details": list(self.details)}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one build did. `pdf` is the last good PDF (this build's when `ok`, else the one
    before, or None if there has never been one)."""

    generation: int
    ok: bool
    output: Path
    pdf: bytes | None
    pdf_version: int                # generation that made `pdf` (0: none yet)
    pages: int                      # pages of `pdf`
    seconds: float
    diagnostics: tuple[Diagnostic, ...]
    stages: tuple[tuple[str, float], ...] = ()
    set_paragraphs: int = 0         # paragraphs the line engine set in this build
    reused_paragraphs: int = 0      # paragraphs found in the cache
    warm: bool = False              # an earlier build had filled the cache
    reused_pages: int = 0           # pages whose content stream the PDF writer took from the last build
    #: for each page of `pdf`, the version of the PDF that first showed it as it is now (a page
    #: whose stream the writer took from the build before keeps that build's): the preview
    #: shows an unchanged page's image on, without rendering or loading it again
    page_versions: tuple[int, ...] = ()
    finished: float = field(default_factory=time.time)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.level is Level.ERROR)
