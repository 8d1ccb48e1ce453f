"""Pages a warm process wrote last, for the PDF writer to reuse (`bulletin-pdf watch`).

A page's content stream is a function of the page's frames and of what shows them: each
face's resource name and glyph set (the glyph set fixes the codes the stream shows, the subset
being cut from it: `Face.subset`) and the names of its pictures. So the key is exactly those,
and a page equal to one written last time, shown with the same fonts, gets the same bytes
without being written again: an edit rewrites the pages it reflows, and every page only when
a face gains or loses a glyph (its codes change).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any


class PageStreams:
    """One build's written pages by key; the next build keeps only those it wrote or reused."""

    def __init__(self) -> None:
        self._last: dict[Hashable, Any] = {}
        self._now: dict[Hashable, Any] = {}
        self.reused = 0         # pages the build in progress took from the last one
        self.last_reused = 0    # … and of the last finished build

    def start(self) -> None:
        """A build begins (one that failed half-way left nothing the next one counts)."""
        self._now, self.reused = {}, 0

    def get(self, key: Hashable) -> Any | None:
        found = self._last.get(key)
        if found is not None:
            self._now[key] = found
            self.reused += 1
        return found

    def put(self, key: Hashable, page: Any) -> None:
        self._now[key] = page

    def turn(self) -> None:
        """End of a build: what it wrote is what the next build may reuse."""
        self._last, self._now = self._now, {}
        self.last_reused, self.reused = self.reused, 0
