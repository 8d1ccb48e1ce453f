"""Pages as PNG images, to look at what was made (pdfium, through pypdfium2 — the renderer
pdfplumber already brings)."""

from __future__ import annotations

from pathlib import Path


def render_pages(pdf: bytes, directory: Path, dpi: int = 70) -> list[Path]:
    import pypdfium2 as pdfium

    directory.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(pdf)
    paths = []
    try:
        for index in range(len(document)):
            image = document[index].render(scale=dpi / 72).to_pil()
            path = directory / f"page-{index + 1:02d}.png"
            image.save(path)
            paths.append(path)
    finally:
        document.close()
    return paths
