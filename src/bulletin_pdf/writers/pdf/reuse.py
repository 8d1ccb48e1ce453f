"""The pages a warm process wrote last, for the PDF writer to reuse (`bulletin-pdf watch`).

A page's content stream is a function of the page's frames and of what shows them: the
resource name each face key goes to, the glyph set of each face the page uses (the glyph set
fixes the codes the stream shows, the subset being cut from it: `Face.subset`) and the names
of its pictures. A page equal to the one written at the same place last time, shown the same
way, gets the same bytes without being written again: an edit rewrites the pages it reflows,
and the pages using a face only when that face gains or loses a glyph (its codes change).

Pages are compared with the page at the same place, never looked up by hash: hashing a page's
frames costs more than writing it (6.2 against 5.2 ms for the sample's 11 pages), while
comparing two pages of warm builds is nearly free where they are equal (their lines hold the
very glyph tuples the line engine's memo returned: 4 ms for 203 pages) and stops at the first
difference where they are not.
"""

from __future__ import annotations

from typing import Any


class PageStreams:
    """The last build's pages, each with the names of what showed it and what writing it gave."""

    def __init__(self) -> None:
        self._last: list[tuple[Any, Any, frozenset[str], Any]] = []
        self._now: list[tuple[Any, Any, frozenset[str], Any]] = []
        self._keys: Any = None          # face keys → resource names, of the last build
        self._shown: dict = {}          # resource name → (face, glyph set), of the last build
        self._new: tuple[Any, dict] = (None, {})
        self._changed: set[str] = set()
        self.reused = 0                 # pages the build in progress took from the last one
        self.last_reused = 0            # … and of the last finished build

    def start(self, keys: Any, shown: dict) -> None:
        """A build begins. `keys`: its face keys with their resource names (pages written
        under other names are never reused); `shown`: resource name → (face, glyph set) now;
        a page that used a resource whose face or glyph set changed is written again. A build
        that failed half-way leaves nothing."""
        self._now, self._new, self.reused = [], (keys, shown), 0
        self._changed = {name for name, now in shown.items() if self._shown.get(name) != now}

    def get(self, index: int, page: Any, images: Any) -> Any | None:
        """What writing `page` gave last time at `index`, if that page was equal, its faces
        are unchanged and its pictures have the same names."""
        if index >= len(self._last) or self._keys != self._new[0]:
            return None
        entry = self._last[index]
        page_then, images_then, used, written = entry
        if images_then != images or not used.isdisjoint(self._changed) or page_then != page:
            return None
        self.reused += 1
        self._now.append(entry)
        return written

    def put(self, page: Any, images: Any, used: frozenset[str], written: Any) -> None:
        """`used`: the resource names of the faces the page shows."""
        self._now.append((page, images, used, written))

    def turn(self) -> None:
        """End of a build: what it wrote is what the next build may reuse."""
        self._last, self._now = self._now, []
        self._keys, self._shown = self._new
        self.last_reused, self.reused = self.reused, 0
