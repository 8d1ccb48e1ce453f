"""Run every check on one file: a PDF, or an OFD (`.ofd`, GB/T 33190; `ofd.py`).

A PDF given to `check` may be damaged or hostile (issue 12): it is read only if it is a
regular file within the bounds of `bounds`, and any failure of the PDF readers on it is one
located message (exit 2), never an internal error. A PDF with no readable page is a fault.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from ..errors import BulletinError, InputError
from ..input.files import check_regular_file, first_bytes
from ..messages import Message
from .bounds import MAX_PDF_BYTES, check_bounds
from .model import Report
from .objects import scan_objects
from .typography import check_typography


def preflight(path: Path | str, block: tuple[float, float] | None = None) -> Report:
    path = Path(path)
    name = str(path)
    if path.suffix.lower() == ".ofd":
        return _preflight_ofd(path, block)
    check_regular_file(path, MAX_PDF_BYTES, "PDF")
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError(Message("pdf.not_pdf", head=first_bytes(head)), file=name, hint=Message("hint.pdf_itself"))
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise InputError(Message("pdf.encrypted"), file=name) from None
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as exc:
        raise _damaged(name, exc) from None
    try:
        with pdf:
            check_bounds(pdf, name)
            report = Report(name, len(pdf.pages))
            if report.pages:
                scan_objects(pdf, report)
        if report.pages:
            check_typography(name, report, block)
        else:
            report.add("fault", "no-pages", Message("pre.no_pages_pdf"))
    except BulletinError:
        raise
    except (Exception, RecursionError) as exc:   # noqa: BLE001 - a reader failing on the file's damage
        raise _damaged(name, exc) from None
    return report


def _damaged(name: str, exc: BaseException) -> InputError:
    detail = " ".join(str(exc).split())[:160] or type(exc).__name__
    return InputError(Message("pdf.damaged", detail=detail), file=name, hint=Message("hint.pdf_again"))


def _preflight_ofd(path: Path, block: tuple[float, float] | None) -> Report:
    from .ofd import preflight_ofd

    name = str(path)
    check_regular_file(path, MAX_PDF_BYTES, "OFD")
    with open(path, "rb") as fh:
        head = fh.read(1024)
    if not head.startswith(b"PK\x03\x04"):
        hint = (Message("hint.is_pdf", name=path.with_suffix(".pdf").name)
                if head.startswith(b"%PDF-") else Message("hint.ofd_itself"))
        raise InputError(Message("ofd.not_ofd", head=first_bytes(head)), file=name, hint=hint)
    try:
        return preflight_ofd(name, block)
    except BulletinError:
        raise
    except (Exception, RecursionError) as exc:   # noqa: BLE001 - a reader failing on the file's damage
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise InputError(Message("ofd.damaged", detail=detail), file=name, hint=Message("hint.ofd_again")) from None
