"""The .docx package (a ZIP file, ECMA-376 Part 2, Open Packaging Conventions) checked before
python-docx reads it: python-docx inflates every part into memory, so a part that inflates to
hundreds of megabytes from a few kilobytes (a ZIP bomb) must be refused by the sizes the ZIP
directory declares. Python's zipfile never inflates an entry past its declared size (it stops
and reports a bad CRC), so the declared sizes bound what is read.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ...errors import InputError
from ...messages import Message

#: Inflated size of one XML part (document.xml of a 200-page report is about 5 MB) …
MAX_XML_PART = 32 * 2**20
#: … of one picture or other binary part, and of the whole package: what a build can hold
#: within 300 MiB alongside python-docx's copies.
MAX_PART = 64 * 2**20
MAX_PACKAGE = 128 * 2**20
MAX_PARTS = 10_000
#: Elements of one XML part: a 10,000-paragraph article has about 100,000 in document.xml, a
#: 5,000-row table 95,000. Each costs python-docx and the reader time and memory (2 million
#: empty paragraphs, 12 MB that zip to 20 KB, took 40 s and 330 MB).
MAX_ELEMENTS = 200_000


def check_package(path: Path) -> None:
    """Refuse a package whose ZIP directory declares more than the bounds above, naming the part."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return                      # python-docx's own refusal says what the file is
    if len(infos) > MAX_PARTS:
        raise InputError(Message("word.too_many_parts", n=len(infos)), file=str(path), hint=Message("hint.word_resave"))
    total = 0
    for info in infos:
        most = MAX_XML_PART if info.filename.endswith((".xml", ".rels")) else MAX_PART
        if info.file_size > most:
            raise InputError(Message("word.part_too_big", part=info.filename, mb=info.file_size / 2**20,
                                     most=most // 2**20), file=str(path), hint=Message("hint.word_compress"))
        total += info.file_size
        if info.filename.endswith(".xml") and (elements := _elements(path, info, MAX_ELEMENTS)) > MAX_ELEMENTS:
            raise InputError(Message("word.too_many_elements", part=info.filename, n=elements, most=MAX_ELEMENTS),
                             file=str(path), hint=Message("hint.word_split"))
    if total > MAX_PACKAGE:
        raise InputError(Message("word.package_too_big", mb=total / 2**20, most=MAX_PACKAGE // 2**20), file=str(path),
                         hint=Message("hint.word_compress"))


def _elements(path: Path, info: zipfile.ZipInfo, most: int) -> int:
    """Start tags in one XML part (`<` not followed by `/`, `?` or `!`), counted a chunk at a
    time while it inflates; stops counting past `most`."""
    count, last = 0, b""
    try:
        with zipfile.ZipFile(path) as z, z.open(info) as fh:
            while count <= most and (chunk := fh.read(1 << 20)):
                data = last + chunk
                count += data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")
                count -= last.count(b"<")          # the carried byte was counted with its chunk
                last = data[-1:]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
        return 0                  # a damaged part: python-docx's own refusal says what is wrong
    return count


#: The first bytes of an OLE2 compound file (MS-CFB 2.2): a Word 97–2003 .doc, a WPS .wps, and
#: a .docx saved with a password (MS-OFFCRYPTO 2.3.4: the encrypted package stands in an OLE2
#: file as the streams EncryptionInfo and EncryptedPackage).
OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def what_it_is(path: Path) -> tuple[Message, Message] | None:
    """What a file python-docx could not open really is, in the editor's words, and what to
    do: None when it cannot be told (the library's own reason is said then). Read from its
    first bytes and, for a ZIP file, its list of parts."""
    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return None
    if name.startswith("~$"):
        return Message("word.is_lock_file"), Message("hint.word_lock_file", name=name[2:])
    if not head:
        return Message("word.is_empty"), Message("hint.word_ask_again")
    if head.startswith(OLE2):
        with path.open("rb") as fh:
            encrypted = ENCRYPTED in fh.read(MAX_PACKAGE)
        if encrypted:
            return Message("word.is_encrypted"), Message("hint.word_remove_password")
        return Message("word.is_old_format"), Message("hint.word_save_as_docx")
    if head.startswith(b"{\\rtf"):
        return Message("word.is_rtf"), Message("hint.word_save_as_docx")
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
                damaged = z.testzip() is not None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, zlib.error):
            return Message("word.is_damaged_zip"), Message("hint.word_ask_again")
        if damaged:
            return Message("word.is_damaged_zip"), Message("hint.word_ask_again")
        for part, kind in (("xl/workbook.xml", "Excel"), ("ppt/presentation.xml", "PowerPoint")):
            if part in names:
                return Message("word.is_other_office", kind=kind), Message("hint.word_copy_into_word")
        if "word/document.xml" not in names:
            return Message("word.is_other_zip"), Message("hint.word_save_as_docx")
        return None
    if b"\0" not in head and any(_decodes(head, encoding) for encoding in ("utf-8", "gb18030")):
        return Message("word.is_text"), Message("hint.word_save_as_docx")
    return None


def _decodes(head: bytes, encoding: str) -> bool:
    """Whether the first bytes of a file read as text in `encoding` (a character cut at the
    end of what was read does not count against it)."""
    try:
        head.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 4
    return True
