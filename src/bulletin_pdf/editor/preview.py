"""Pages as PNG images, to look at what was made (pdfium, through pypdfium2 — the renderer
pdfplumber already brings). Used by `bulletin-pdf preview` (files in a folder) and by
`bulletin-pdf watch` (images served to the preview page).

Readable by default: 120 dpi, where “” and "" and the ¼-em CJK–Latin gap can be told apart
(at 70 dpi a 16 pt character is 15 px wide and they cannot). The folder holds exactly the
pages of the last run: a page image we made earlier that this run did not make again (a
longer earlier issue, another `--pages`) is removed, so no stale page is ever looked at. Only
images we made are removed: each carries a PNG text chunk naming this program, and a file
without it is left alone whatever its name.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from ..messages import Message

DEFAULT_DPI = 120
#: The mark in every page image we write (PNG tEXt chunk `Software`).
MARK = "bulletin-pdf preview"
PAGE_NAME = re.compile(r"page-(\d{2,})\.png")
_RANGE = re.compile(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?")


class PageSpecError(ValueError):
    """A `--pages` value that is not a list of pages and ranges, or names a missing page."""


def parse_pages(spec: str) -> list[tuple[int, int]]:
    """`1,3-5` → [(1, 1), (3, 5)]: pages and inclusive ranges, 1-based, as printed."""
    ranges = []
    for part in spec.split(","):
        m = _RANGE.fullmatch(part)
        if not m:
            raise PageSpecError(Message("pages.bad", part=part.strip()))
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if first < 1 or last < first:
            raise PageSpecError(Message("pages.bad_range", part=part.strip()))
        ranges.append((first, last))
    return ranges


def select_pages(ranges: list[tuple[int, int]] | None, count: int) -> list[int]:
    """The 1-based page numbers `ranges` names in an issue of `count` pages, in order, once
    each; all pages when `ranges` is None."""
    if ranges is None:
        return list(range(1, count + 1))
    beyond = [last for _, last in ranges if last > count]
    if beyond:
        raise PageSpecError(Message("pages.none", page=max(beyond), count=count))
    return sorted({n for first, last in ranges for n in range(first, last + 1)})


class PageImages:
    """One PDF opened in pdfium, its pages rendered to PNG on demand. pdfium is not
    thread-safe: callers that share one across threads hold a lock around it."""

    def __init__(self, pdf: bytes, dpi: int = DEFAULT_DPI) -> None:
        import pypdfium2 as pdfium

        self.dpi = dpi
        self._document = pdfium.PdfDocument(pdf)

    def __len__(self) -> int:
        return len(self._document)

    def png(self, number: int) -> bytes:
        """Page `number` (1-based) as PNG bytes, marked as ours."""
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Software", MARK)
        page = self._document[number - 1]
        try:
            image = page.render(scale=self.dpi / 72).to_pil()
        finally:
            page.close()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", pnginfo=info)
        return buffer.getvalue()

    def close(self) -> None:
        self._document.close()


def render_pages(pdf: bytes, directory: Path, dpi: int = DEFAULT_DPI,
                 ranges: list[tuple[int, int]] | None = None) -> list[Path]:
    """Write the chosen pages (all when `ranges` is None) as `page-NN.png`, each replaced
    only when complete, then remove the page images of ours that this run did not write."""
    from ..pipeline import write_atomically

    images = PageImages(pdf, dpi)
    try:
        numbers = select_pages(ranges, len(images))
        width = max(2, len(str(len(images))))
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for number in numbers:
            path = directory / f"page-{number:0{width}d}.png"
            write_atomically(path, images.png(number))
            paths.append(path)
    finally:
        images.close()
    remove_stale(directory, keep=paths)
    return paths


def remove_stale(directory: Path, keep: Iterable[Path]) -> list[Path]:
    """Remove `page-NN.png` files in `directory` that we made (see `MARK`) and are not in
    `keep`; anything else stays."""
    keep = {p.name for p in keep}
    removed = []
    for path in sorted(directory.iterdir()):
        if PAGE_NAME.fullmatch(path.name) and path.name not in keep and is_ours(path):
            path.unlink()
            removed.append(path)
    return removed


def is_ours(path: Path) -> bool:
    """A regular PNG file carrying our mark (read from its header chunks, not decoded)."""
    from PIL import Image, UnidentifiedImageError

    if path.is_symlink() or not path.is_file():
        return False
    import warnings

    try:
        with warnings.catch_warnings():    # a PNG claiming a huge size is not ours: no bomb warning
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.format == "PNG" and image.text.get("Software") == MARK
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError, Image.DecompressionBombError):
        return False
