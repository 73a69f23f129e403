"""Rebuild visual lines and segments from word boxes.

A *line* is every word whose vertical centre falls inside the same band,
left to right, across the whole page width (so two side-by-side boxes share
a line). A *segment* is a run of words in a line with no wide horizontal gap:
one cell, one label, one value. Engines work on these rather than on the
reader's own block/line ids, which differ between PDF producers and OCR.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import StatisticsError

from docpipe.document import BBox, Document, Page, Word, union_boxes


@dataclass(frozen=True, slots=True)
class Run:
    """A left-to-right sequence of words on one page (a line or a segment)."""

    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """Words joined by spaces, except pieces of one word that was split (touching boxes)."""
        words = self.words
        if not words:
            return ""
        prev = words[0]
        parts = [prev.text]
        for w in words[1:]:
            if not (0 <= w.x0 - prev.x1 < 0.01 and w.y0 == prev.y0):
                parts.append(" ")
            parts.append(w.text)
            prev = w
        return "".join(parts)

    @property
    def bbox(self) -> BBox:
        return union_bbox(self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def height(self) -> float:
        return median_height(self.words)

    @property
    def conf(self) -> float:
        return min(w.conf for w in self.words)


@dataclass(frozen=True, slots=True)
class Line(Run):
    def segments(self, gap_factor: float = 1.0) -> list[Run]:
        """Split where the gap between words exceeds ``gap_factor`` × line height."""
        key = (id(self), gap_factor)
        known = _SEGMENTS.get(key)
        if known is not None and known[0] is self:
            return list(known[1])
        runs = self._segments(gap_factor)
        if len(_SEGMENTS) >= _SEGMENT_LINES:
            _SEGMENTS.clear()
        _SEGMENTS[key] = (self, runs)
        return list(runs)

    def _segments(self, gap_factor: float) -> list[Run]:
        limit = gap_factor * self.height
        out: list[list[Word]] = [[self.words[0]]]
        for prev, word in zip(self.words, self.words[1:], strict=False):
            # a word starting a line height inside the one before it is printed over it: a
            # long unbroken word run out of its cell into the next column (an amount in
            # words glued into one word, over the totals' labels), not one phrase with it
            if word.x0 - prev.x1 > limit or prev.x1 - word.x0 > self.height:
                out.append([word])
            else:
                out[-1].append(word)
        return [Run(self.page, tuple(ws)) for ws in out]

    def slice(self, x0: float, x1: float) -> Run | None:
        """The words whose centre lies in [x0, x1), or None."""
        words = tuple(w for w in self.words if x0 <= (w.x0 + w.x1) / 2 < x1)
        return Run(self.page, words) if words else None


#: segments of recent lines by (line identity, gap factor), kept with the line (so the id
#: is not reused): the rules split the same lines once per vocabulary they read
_SEGMENTS: dict[tuple[int, float], tuple[Line, list[Run]]] = {}
_SEGMENT_LINES = 1024  # a few documents' lines: the rules ask within one document


def union_bbox(words: tuple[Word, ...] | list[Word]) -> BBox:
    return union_boxes(w.bbox for w in words)


#: the last pages' lines by the identity of their words (kept with them, so the id is
#: not reused): classification, extraction and redaction each ask for a page's lines
_RECENT: dict[int, tuple[tuple[Word, ...], int, list[Line]]] = {}
_RECENT_PAGES = 8


def page_lines(page: Page) -> list[Line]:
    """Visual lines of ``page``, top to bottom."""
    words = page.words
    known = _RECENT.get(id(words))
    if known is not None and known[0] is words and known[1] == page.number:
        return list(known[2])
    lines = _page_lines(page)
    if len(_RECENT) >= _RECENT_PAGES:
        _RECENT.pop(next(iter(_RECENT)), None)
    _RECENT[id(words)] = (words, page.number, lines)
    return list(lines)


def median_height(words: tuple[Word, ...] | list[Word]) -> float:
    """``statistics.median`` of the words' heights, the same value by the same steps
    (sort, middle one or the mean of the middle two), without its generic iterator and
    checks: the rules ask a run's height about 500 times a digital invoice (measured:
    2 % of a document's time went to ``median``)."""
    heights = sorted([w.bbox[3] - w.bbox[1] for w in words])  # ``Word.height``
    n = len(heights)
    if n == 0:
        raise StatisticsError("no median for empty data")
    half = n // 2
    return heights[half] if n % 2 else (heights[half - 1] + heights[half]) / 2


#: a word taller than this many of the page's median word heights (a logo or a stamp OCR
#: read as "fi", a rule read as "|") widens its line's band by no more than that height
TALL_WORD = 2.0


def _page_lines(page: Page) -> list[Line]:
    words = sorted(page.words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0))
    if not words:
        return []
    cap = TALL_WORD * median_height(words)
    bands: list[list[Word]] = []
    band_lo = band_hi = 0.0
    for word in words:
        centre = (word.y0 + word.y1) / 2
        height = min(word.height, cap)
        if bands and band_lo <= centre <= band_hi:
            bands[-1].append(word)
            band_lo = min(band_lo, centre - height * 0.3)
            band_hi = max(band_hi, centre + height * 0.3)
        else:
            bands.append([word])
            band_lo, band_hi = centre - height * 0.35, centre + height * 0.35
    return [Line(page.number, tuple(sorted(band, key=lambda w: w.x0))) for band in bands]


def document_text(doc: Document) -> str:
    """Plain text of all pages, lines rebuilt from word boxes; pages end with a form feed."""
    return "\n\f".join("\n".join(ln.text for ln in page_lines(p)) for p in doc.pages)
