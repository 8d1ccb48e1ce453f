"""Stage 5, writers: the composed frames turned into a file. A writer reads only the frames and
the faces; it decides nothing about layout and never reads the layout, so the formats of one
build (`pdf/`, `ofd/`) show the same glyphs at the same places. The format of
an output file is named by its suffix (`format_of`), or given (`--format pdf,ofd`).
"""

from __future__ import annotations

import enum
from pathlib import Path


class Format(enum.Enum):
    """An output format, by the suffix of its files."""

    PDF = "pdf"     # ISO 32000 (PDF/X-4 for print): the printed issue
    OFD = "ofd"     # GB/T 33190-2016: electronic distribution and archiving in government offices

    @property
    def suffix(self) -> str:
        return "." + self.value


def format_of(path: Path) -> Format | None:
    """The format a file name asks for by its suffix (case-insensitive), None for another."""
    suffix = Path(path).suffix.lower()
    return next((f for f in Format if f.suffix == suffix), None)


def parse_formats(spec: str) -> tuple[Format, ...]:
    """`pdf`, `ofd` or `pdf,ofd` (in the order given, each once); ValueError for another name."""
    names = [part.strip().lower().lstrip(".") for part in spec.split(",") if part.strip()]
    if not names:
        raise ValueError("no format given")
    known = {f.value: f for f in Format}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)}")
    return tuple(dict.fromkeys(known[n] for n in names))
