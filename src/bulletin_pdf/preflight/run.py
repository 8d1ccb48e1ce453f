"""Run every check on one file."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ..errors import InputError
from .model import Report
from .objects import scan_objects
from .typography import check_typography


def preflight(path: Path | str, block: tuple[float, float] | None = None) -> Report:
    path = Path(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise InputError("the PDF is encrypted: give the print shop an unencrypted file", file=str(path)) from None
    except (pikepdf.PdfError, OSError) as exc:
        raise InputError(f"not a readable PDF: {exc}", file=str(path)) from None
    with pdf:
        report = Report(str(path), len(pdf.pages))
        scan_objects(pdf, report)
    check_typography(str(path), report, block)
    return report
