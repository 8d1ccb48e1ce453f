"""The OFD container (GB/T 33190-2016 §7.1: a ZIP package of XML parts and resource files),
written so that the same parts give the same bytes: entries in the order given, every one
dated 1980-01-01 00:00 (the earliest a ZIP date can say), the same attributes and the same
compression level, no extra fields, no comment.
"""

from __future__ import annotations

import io
import zipfile

#: The ZIP date of every entry: the file carries no clock, only its content.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
LEVEL = 6


def zip_parts(parts: list[tuple[str, bytes, bool]]) -> bytes:
    """The package of `parts` (name, bytes, deflate?) in that order. Already-compressed files
    (images) are stored: deflating them again costs time and saves nothing."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data, deflate in parts:
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
            info.create_system = 3                 # Unix: attributes below are Unix mode bits
            info.external_attr = 0o100644 << 16    # a regular file, rw-r--r--
            archive.writestr(info, data, compresslevel=LEVEL if deflate else None)
    return out.getvalue()
