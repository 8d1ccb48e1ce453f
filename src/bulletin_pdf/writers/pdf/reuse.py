"""The pages a warm process wrote last, for the PDF writer to reuse (`bulletin-pdf watch`).

A page's content stream is a function of the page's frames and of what shows them: the
resource name each face key goes to, the code each glyph it shows has in its font (embed.py:
a TrueType face's own glyph id; a CFF face's id in the subset, which a glyph added before it
moves) and the names of its pictures. A page equal to the one written at the same place last
time, shown the same way, gets the same bytes without being written again: an edit rewrites
the pages it reflows, and the pages using a face only when a glyph they show got another code.

Pages are compared with the page at the same place, never looked up by hash: hashing a page's
frames costs more than writing it (6.2 against 5.2 ms for the sample's 11 pages), while
comparing two pages of warm builds is nearly free where they are equal (their lines hold the
very glyph tuples the line engine's memo returned: 4 ms for 203 pages) and stops at the first
difference where they are not.

Streams are Flate-encoded through `Deflated`, a memo of `serialize.flate` keyed by the data
itself: a face's subset, a kept page's content stream, an object stream whose objects did not
change are the same data as last time and get the same bytes without zlib (which, for the
sample's faces alone, cost more than Typst's whole incremental compile).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from collections.abc import Callable

from .serialize import flate, segment


class Deflated:
    """`encode(data)` (`flate`, or `serialize.segment` for a part of a font program), from what
    the last build (or this one) encoded when the data is the same.
    Keyed by the data (its hash is a fraction of deflating it: SipHash runs at GB/s, zlib's
    level 6 at tens of MB/s): never stale, whatever changed. Holds what the last finished build
    encoded and what this one did, so a long session keeps no more than two builds' streams."""

    def __init__(self, encode: Callable[[bytes], bytes] = flate) -> None:
        self.encode = encode
        self._last: dict[bytes, bytes] = {}
        self._now: dict[bytes, bytes] = {}
        self.hits = 0

    def __call__(self, data: bytes) -> bytes:
        found = self._now.get(data)
        if found is None:
            found = self._last.get(data)
            if found is None:
                found = self.encode(data)
            else:
                self.hits += 1
            self._now[data] = found
        return found

    def turn(self) -> None:
        """A build begins: what the last one encoded (its object streams too) is what this
        one may reuse."""
        self._last, self._now = self._now, {}


class Kept(NamedTuple):
    """One page as the last build wrote it."""

    page: Any
    images: Any                 # its pictures' names
    fonts: frozenset[str]       # the resource names of the faces it shows
    written: Any                # what writing it gave (the writer's `PageWriter`)
    uses: tuple                 # what it showed of each face (`DocumentFonts.collect_page`)


def _kept_codes(last: tuple | None, face: Any, code: dict[int, int]) -> bool:
    """Does `face` with `code` give every glyph it shows that the last build showed too the same
    code? (A page equal to the last build's shows only such glyphs.)"""
    if last is None or last[0] is not face:
        return False
    if last[1] is code:         # the face's font as it was (embed.py keeps it)
        return True
    get = code.get
    return all(get(gid, cid) == cid for gid, cid in last[1].items())


class PageStreams:
    """The last build's pages, each with what showed it and what writing it gave."""

    def __init__(self) -> None:
        self._last: list[Kept] = []
        self._now: list[Kept] = []
        self._fonts: Any = None         # the FontSet of the last build
        self._keys: Any = None          # face keys → resource names, of the last build
        self._shown: dict = {}          # resource name → (face, glyph id → code), of the last build
        self._new: tuple[Any, Any, dict] = (None, None, {})
        self._changed: set[str] | None = None
        #: for each page of the last finished build, whether it took its stream from the build
        #: before (it then looks exactly as it did: the preview keeps its image), and of the
        #: build in progress
        self.last_kept: tuple[bool, ...] = ()
        self._kept_now: list[bool] = []
        self.turns = 0                  # builds finished (`turn`): a PDF written in memory
        self.deflate = Deflated()       # the streams' Flate encoding (`PdfFile(deflate=…)`)
        self.segments = Deflated(segment)   # … and of the font programs' parts (`segment_of=…`)
        #: face → its last font (embed.py `UsedFace.font_object`): a face whose glyphs and
        #: their texts did not change is not subset, measured nor mapped again
        self.fonts: dict = {}

    @property
    def last_reused(self) -> int:
        """Pages of the last finished build that took their stream from the build before."""
        return sum(self.last_kept)

    def start(self, fonts: Any) -> None:
        """A build begins with `fonts` (another FontSet than last time: nothing is reused).
        A build that failed half-way leaves nothing."""
        self._now, self._changed, self._kept_now = [], None, []
        self._new = (fonts, None, {})
        self.deflate.turn()
        self.segments.turn()
        if fonts is not self._fonts:
            self._last = []
            self.fonts.clear()

    def same(self, index: int, page: Any) -> Kept | None:
        """The last build's page at `index` if it equals `page` (it showed the same glyphs)."""
        if index < len(self._last) and self._last[index].page == page:
            return self._last[index]
        return None

    def shown(self, keys: Any, shown: dict) -> None:
        """What shows the pages this time: `keys`, the face keys with their resource names
        (pages written under other names are never reused); `shown`, resource name → (face,
        glyph id → code): a page that showed a face that is another, or that gives a glyph it
        showed last time another code, is written again. A TrueType face's codes are its own
        glyph ids (embed.py): a character new to it changes no code of the others."""
        self._new = (self._new[0], keys, shown)
        self._changed = {name for name, (face, code) in shown.items()
                         if not _kept_codes(self._shown.get(name), face, code)}

    def reuse(self, kept: Kept, images: Any) -> Any | None:
        """What writing the equal page `kept` gave, if its faces and its pictures' names are
        as they were."""
        if self._keys != self._new[1] or kept.images != images or not kept.fonts.isdisjoint(self._changed):
            return None
        self._now.append(kept)
        self._kept_now.append(True)
        return kept.written

    def put(self, page: Any, images: Any, fonts: frozenset[str], written: Any, uses: tuple) -> None:
        self._now.append(Kept(page, images, fonts, written, uses))
        self._kept_now.append(False)

    def turn(self) -> None:
        """End of a build: what it wrote is what the next build may reuse."""
        self._last, self._now = self._now, []
        self._fonts, self._keys, self._shown = self._new
        self.last_kept, self._kept_now = tuple(self._kept_now), []
        self.turns += 1
