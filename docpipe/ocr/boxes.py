"""OCR word boxes in the text layer's convention, so one set of layout rules reads both.

A PDF text layer gives every word its font box: from the line's ascender to its
descender, and from the first glyph's origin to the last one's advance, so the
words of a line share one top and bottom and the gap between two words is the
space character. Tesseract gives ink boxes: ``unu`` is shorter than ``Buğday``
on the same line, ``-`` is four pixels tall, and a gap includes both glyphs'
side bearings. Measured on the design corpus (9 tune designs), the median word
gap is 0.20–0.25 of the line height in the text layer and 0.30–0.41 on scans and
photos, so a rule that splits cells at 0.3 line heights cuts ``25 Çuval`` or
``9 mm kalibre`` apart on a photo and never on the PDF.

``font_boxes`` gives each OCR word the vertical extent of its visual line (the
union of the line's text-sized words) and widens every word by the side bearings
that bring the page's median word gap to the text layer's (``TEXT_LAYER_GAP``); a
punctuation mark (``-``, ``/``) gets at least its advance, which is far wider than
its ink (a hyphen's gap to ``9 mm`` otherwise splits a description cell in two).
Hand-written: Tesseract reports no font metrics in its TSV.
"""

from __future__ import annotations

from dataclasses import replace
from statistics import median

from docpipe.document import Page, Word
from docpipe.text.layout import Line, page_lines

TEXT_LAYER_GAP = 0.23  # median word gap / line height of the design corpus's PDFs
PUNCT_ADVANCE = 0.4  # a punctuation mark's advance, of the line height
MAX_BEARING = 0.12  # of the line height, each side: never more than this
_WORD_GAP = 0.8  # gaps wider than this many line heights are between cells, not words
_MIN_GAPS = 20  # fewer word gaps than this on a page: nothing to calibrate by


def font_boxes(page: Page) -> tuple[Word, ...]:
    """The page's words with text-layer-like boxes (see the module docstring)."""
    lines = [(line, *_extent(line)) for line in page_lines(page)]
    gaps = [
        (b.x0 - a.x1) / (bottom - top)
        for line, top, bottom in lines
        if bottom > top
        for a, b in zip(line.words, line.words[1:], strict=False)
        if 0 <= b.x0 - a.x1 < _WORD_GAP * (bottom - top)
    ]
    bearing = 0.0
    if len(gaps) >= _MIN_GAPS:
        bearing = min(MAX_BEARING, max(0.0, (median(gaps) - TEXT_LAYER_GAP) / 2))
    out: list[Word] = []
    for line, top, bottom in lines:
        pad = bearing * (bottom - top)
        typical = median(w.height for w in line.words)
        for w in line.words:
            # a taller word (a heading, a stamp) keeps its own extent
            y0, y1 = (w.y0, w.y1) if w.height > 1.6 * typical else (top, bottom)
            x0, x1 = w.x0 - pad, w.x1 + pad
            if not any(ch.isalnum() for ch in w.text):  # "-", "/": advance wider than ink
                widen = max(0.0, PUNCT_ADVANCE * (bottom - top) - (x1 - x0)) / 2
                x0, x1 = x0 - widen, x1 + widen
            out.append(replace(w, bbox=(x0, min(y0, w.y0), x1, max(y1, w.y1))))
    return tuple(out)


def _extent(line: Line) -> tuple[float, float]:
    """Top and bottom of the line's text-sized words (their union)."""
    typical = median(w.height for w in line.words)
    body = [w for w in line.words if 0.5 * typical <= w.height <= 1.6 * typical]
    body = body or list(line.words)
    return min(w.y0 for w in body), max(w.y1 for w in body)


__all__ = ["TEXT_LAYER_GAP", "font_boxes"]
