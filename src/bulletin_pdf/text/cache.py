"""A memo of the line engine for a warm process (`bulletin-pdf watch`).

The engine's entry points are pure functions of their arguments: `set_paragraph(spans,
metrics, spec)` and `set_balanced(spans, metrics, spec, max_lines, tolerance)` read nothing
else, and return frozen `SetParagraph`s. So the key of a paragraph is exactly its arguments:
the spans (every character with its `RunStyle` — face key, size, cell, colour, fake bold),
the `ParagraphSpec` (measure, indents, justification, every `LineRules` value, end
compression) and the metrics object itself. A paragraph whose text and style did not change
between two builds is found here and not set again; any change to one of those values is a
different key (docs/typography.md, "Line breaking": the lines depend on nothing else).

Fonts are not part of the key by value: the cache is bound to one `Metrics` object (a loaded
`FontSet`); given another (the layout named other faces, a font file changed), it empties
itself, because face keys such as `body#1` would then mean other glyphs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from .balance import set_balanced
from .engine import looseness_estimate, set_paragraph_lines, set_prepared
from .prepare import prepare
from .types import Metrics, ParagraphSpec, Prepared, SetParagraph, Span

T = TypeVar("T")


class ParagraphCache:
    """Set paragraphs, reusing the lines of any paragraph set before with the same arguments.

    Bounded (least recently used entries go first): a long watch session does not grow. The
    bound holds a few builds of a long issue: a paragraph takes up to five entries (its spans,
    lines, guess, settings for the optimiser and units; the bench's ~200-page issue, whose
    articles repeat the sample's with varied text, holds 3 996 after six builds), and a build
    that evicted what it needs would set it again every time."""

    def __init__(self, max_entries: int = 60_000) -> None:
        self.max_entries = max_entries
        self._metrics: Metrics | None = None
        self._entries: OrderedDict[Hashable, SetParagraph] = OrderedDict()
        self.hits = 0
        self.misses = 0
        self._prepared: tuple[Hashable, Prepared] | None = None    # the last paragraph set, prepared
        self._units: OrderedDict[Hashable, object] = OrderedDict()  # `units`, for `_layout`
        self._layout: object = None

    def __len__(self) -> int:
        return len(self._entries)

    def paragraph(self, spans: Iterable[Span], metrics: Metrics, spec: ParagraphSpec) -> SetParagraph:
        """`set_paragraph(spans, metrics, spec)`, from the cache when it was set before."""
        spans = tuple(spans)
        key = ("paragraph", spans, spec)
        return self._get(key, metrics, lambda: self._set(key, spans, metrics, spec))

    def _set(self, key: Hashable, spans: tuple[Span, ...], metrics: Metrics, spec: ParagraphSpec) -> SetParagraph:
        """`set_paragraph`, its atoms kept for the optimiser's call that follows (`looseness`:
        the paragraph just set is the one it asks about, when it asks)."""
        prep = prepare(spans, metrics, spec.rules)
        self._prepared = (key, prep)
        return set_prepared(prep, spec)

    def balanced(self, spans: Iterable[Span], metrics: Metrics, spec: ParagraphSpec, max_lines: int,
                 tolerance: int) -> SetParagraph:
        """`set_balanced(…)` (titles), from the cache when it was set before."""
        spans = tuple(spans)
        return self._get(("balanced", spans, spec, max_lines, tolerance), metrics,
                         lambda: set_balanced(spans, metrics, spec, max_lines, tolerance))

    def looseness(self, spans: Iterable[Span], metrics: Metrics, spec: ParagraphSpec,
                  natural: SetParagraph) -> dict[int, tuple[SetParagraph, float]]:
        """`set_paragraph_lines(prepare(spans, …), spec, natural)`: the paragraph a line tighter
        and looser, for the page optimiser (compose/pagebreak.py), from the cache when it was
        set before. `natural` is `paragraph(spans, metrics, spec)`, a function of the same
        key. Not counted as a paragraph set."""
        spans = tuple(spans)

        def make() -> dict[int, tuple[SetParagraph, float]]:
            last = self._prepared
            prep = last[1] if last is not None and last[0] == ("paragraph", spans, spec) else None
            return set_paragraph_lines(prep or prepare(spans, metrics, spec.rules), spec, natural)

        return self.memo(("looseness", spans, spec), metrics, make)

    def estimate(self, spans: Iterable[Span], metrics: Metrics, spec: ParagraphSpec,
                 natural: SetParagraph) -> dict[int, float]:
        """`looseness_estimate(natural, spec)` (the optimiser's guess), kept like `looseness`."""
        return self.memo(("estimate", tuple(spans), spec), metrics, lambda: looseness_estimate(natural, spec))

    def units(self, key: Hashable, metrics: Metrics, make: Callable[[], T], layout: object) -> T:
        """What the composer made of a paragraph, title, byline, the contents… with `layout`
        (their units, warnings and settings for the page optimiser: compose/flow.py), kept
        with the paragraphs and emptied with them, and when the layout is another object (the
        warm process keeps its layout while its files do not change); found here counts as a
        paragraph not set again."""
        if metrics is not self._metrics:
            self._bind(metrics)
        if layout is not self._layout:
            self._units.clear()
            self._layout = layout
        found = self._units.get(key)
        if found is not None:
            self._units.move_to_end(key)
            self.hits += 1
            return found
        found = self._units[key] = make()
        if len(self._units) > self.max_entries:
            self._units.popitem(last=False)
        return found

    def memo(self, key: Hashable, metrics: Metrics, make: Callable[[], T]) -> T:
        """Any other pure function of `key` and the fonts (the composer's run splitting), kept
        with the paragraphs and emptied with them; not counted as a paragraph."""
        if metrics is not self._metrics:
            self._bind(metrics)
        key = ("memo", key)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = make()
            self._trim()
        return found

    def reset_counts(self) -> None:
        self.hits = self.misses = 0

    def _bind(self, metrics: Metrics) -> None:
        self._entries.clear()
        self._units.clear()
        self._prepared = None
        self._metrics = metrics

    def _trim(self) -> None:
        if len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def _get(self, key: Hashable, metrics: Metrics, make: Callable[[], SetParagraph]) -> SetParagraph:
        if metrics is not self._metrics:
            self._bind(metrics)
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            self.hits += 1
            return found
        self.misses += 1
        found = self._entries[key] = make()
        self._trim()
        return found
