"""One .docx → `FromWord`: open it, read its body, assemble the article or items."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...errors import InputError
from ...messages import Message
from .assemble import assemble
from .blocks import FromWord, WordArticle
from .package import check_package, what_it_is
from .pictures import ImageStore
from .ooxml import q
from .pieces import RawParagraph
from .reader import Reader


def extract(path: Path | str, clean: Callable[[str], str], images: Path, base: Path,
            as_items: bool = False, as_article: bool = False) -> FromWord:
    """The article (or items) in `path`; pictures are saved in `images`, referenced relative
    to `base` (the folder of the issue file). `clean` tidies every text (punctuation, spaces).
    `as_items`: read it as short items for a column of items."""
    try:
        import docx  # python-docx
    except ImportError:  # pragma: no cover - installed with the package
        raise InputError(Message("word.needs_docx")) from None
    if not Path(path).exists():
        raise InputError(Message("word.not_found"), file=str(path))
    if not Path(path).is_file():
        raise InputError(Message("word.not_file"), file=str(path))
    check_package(Path(path))
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is not .docx
        known = what_it_is(Path(path))
        if known is not None:
            raise InputError(known[0], file=str(path), hint=known[1]) from None
        detail = " ".join(str(exc).split())[:200]       # lxml's messages run over lines
        raise InputError(Message("word.not_docx", problem=detail), file=str(path), hint=Message("hint.word_again")) from None
    if document.element.tag != q("w:document"):
        raise InputError(Message("word.root", root=_local(document.element.tag)), file=str(path),
                         hint=Message("hint.word_resave"))
    try:
        document.styles      # python-docx reads it on the first style asked for
    except AttributeError:   # the part is there, but [Content_Types].xml does not call it styles
        raise InputError(Message("word.part_type", part="word/styles.xml", what="styles"), file=str(path),
                         hint=Message("hint.word_resave")) from None
    if document.element.body is None:
        raise InputError(Message("word.damaged"), file=str(path), hint=Message("hint.word_again"))
    try:
        reader = Reader(document, ImageStore(images, base, Path(path).stem), clean)
        reader.read()
    except InputError as exc:          # a problem of one part, said by the reader: the file is this one
        if not exc.file:
            exc.file = str(path)
        raise
    warnings = list(reader.warnings)
    if not any(p.plain if isinstance(p, RawParagraph) else True for p in reader.pieces):
        raise InputError(Message("word.no_text"), file=str(path))
    content = assemble(reader.pieces, reader.notes, clean, warnings, as_items, as_article)
    if content is None and as_items:
        raise InputError(Message("word.items_only_paragraphs"), file=str(path), hint=Message("hint.items_only_paragraphs"))
    if content is None:
        raise InputError(Message("word.no_title"), file=str(path), hint=Message("hint.word_no_title"))
    if isinstance(content, WordArticle) and not content.body:
        raise InputError(Message("word.no_body"), file=str(path))
    return FromWord(content, tuple(warnings))


def _local(tag: str) -> str:
    """`w:body` for `{…wordprocessingml…}body`: an element's name as the file writes it."""
    return ("w:" if "wordprocessingml" in tag else "") + tag.rsplit("}", 1)[-1]
