"""The .docx package (a ZIP file, ECMA-376 Part 2, Open Packaging Conventions) checked before
python-docx reads it: python-docx inflates every part into memory, so a part that inflates to
hundreds of megabytes from a few kilobytes (a ZIP bomb) must be refused by the sizes the ZIP
directory declares. Python's zipfile never inflates an entry past its declared size (it stops
and reports a bad CRC), so the declared sizes bound what is read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ...errors import InputError

#: Inflated size of one XML part (document.xml of a 200-page report is about 5 MB) …
MAX_XML_PART = 32 * 2**20
#: … of one picture or other binary part, and of the whole package: what a build can hold
#: within 300 MiB alongside python-docx's copies.
MAX_PART = 64 * 2**20
MAX_PACKAGE = 128 * 2**20
MAX_PARTS = 10_000


def check_package(path: Path) -> None:
    """Refuse a package whose ZIP directory declares more than the bounds above, naming the part."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return                      # python-docx's own refusal says what the file is
    if len(infos) > MAX_PARTS:
        raise InputError(f"a damaged .docx: {len(infos):,} parts in the package (a Word file has a few dozen)",
                         file=str(path), hint="open it in Word and save it again as .docx")
    total = 0
    for info in infos:
        most = MAX_XML_PART if info.filename.endswith((".xml", ".rels")) else MAX_PART
        if info.file_size > most:
            raise InputError(f"the part {info.filename} inflates to {info.file_size / 2**20:,.0f} MB; a part may take "
                             f"at most {most // 2**20} MB", file=str(path),
                             hint="open it in Word, make its pictures smaller (Compress Pictures) and save it again")
        total += info.file_size
    if total > MAX_PACKAGE:
        raise InputError(f"the package inflates to {total / 2**20:,.0f} MB; a Word file may take at most "
                         f"{MAX_PACKAGE // 2**20} MB", file=str(path),
                         hint="open it in Word, make its pictures smaller (Compress Pictures) and save it again")
