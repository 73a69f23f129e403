"""A second, closer reading of a few text lines: each cropped, enlarged, read as one line.

A full page read with ``tur+eng`` in sparse mode often loses the marks of
upper-case Turkish letters (``ŞİMŞEK`` read ``SIMSEK``) even on a clean
image: the letters are small, the English model competes, and a lone line
gets no context. Cropping the line, enlarging it so its letters stand about
``TARGET_HEIGHT`` pixels tall, and reading it with the Turkish model alone as
a single line (``--psm 7``) brings the marks back. All crops of a call go
through one Tesseract process (``docpipe.ocr.refine.run_batch``), so the cost
is one start-up plus a few tens of milliseconds per crop.

What to do with a reading is the caller's decision: this module only reads.
Never logs text.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from docpipe.document import BBox
from docpipe.ocr.refine import run_batch
from docpipe.ocr.tesseract import check_tesseract

#: Box height (pixels) the crop is enlarged to: a word box of capitals with their marks;
#: Tesseract reads best with an x-height of 20-30 px, about 40 px for such a box.
TARGET_HEIGHT = 40.0
MAX_ZOOM = 4.0
#: Crops per call: a few personal fields, never a page's worth.
MAX_LINES = 8
_NOMINAL_DPI = 300  # the enlarged crop has no resolution of its own; Tesseract wants one


def reread_lines(
    image: np.ndarray,
    boxes: Sequence[BBox],
    *,
    others: Sequence[BBox] = (),
    languages: str = "tur",
    timeout_s: float = 30.0,
) -> list[tuple[str, float] | None]:
    """For each box (image pixels, one printed line), its text read again as a single line
    and the mean word confidence (0..1); None where nothing was read or the box is empty.
    ``others``: boxes of words that are not these lines (a label just above a value),
    painted over with the background where the margin catches them, so that the single
    line mode sees one line. Only the first ``MAX_LINES`` boxes are read."""
    exe = check_tesseract(languages)
    crops: list[np.ndarray] = []
    spans: list[tuple[float, float]] = []
    index: list[int] = []
    for i, box in enumerate(boxes[:MAX_LINES]):
        made = _crop(image, box, others)
        if made is None:
            continue
        crop, span = made
        crops.append(crop)
        spans.append(span)
        index.append(i)
    out: list[tuple[str, float] | None] = [None] * len(boxes)
    if not crops:
        return out
    results = run_batch(
        crops, exe=exe, languages=languages, psm=7, dpi=_NOMINAL_DPI, timeout_s=timeout_s
    )
    for i, found, (x0, x1) in zip(index, results, spans, strict=True):
        # the margin may catch a neighbour's edge: keep the words over the old line
        kept = [(t, c) for t, c, b in found if x0 <= (b[0] + b[2]) / 2 <= x1]
        if kept:
            out[i] = (" ".join(t for t, _ in kept), sum(c for _, c in kept) / len(kept))
    return out


def _crop(
    image: np.ndarray, box: BBox, others: Sequence[BBox]
) -> tuple[np.ndarray, tuple[float, float]] | None:
    """The box with a margin (marks above and below the letters, a little air each side),
    grey, enlarged to ``TARGET_HEIGHT``; and the old line's horizontal span in the crop."""
    x0, y0, x1, y1 = box
    height = y1 - y0
    if height <= 1 or x1 - x0 <= 1:
        return None
    h, w = image.shape[:2]
    pad_y, pad_x = 0.45 * height, 0.6 * height
    top, bottom = max(0, int(y0 - pad_y)), min(h, int(y1 + pad_y + 1))
    left, right = max(0, int(x0 - pad_x)), min(w, int(x1 + pad_x + 1))
    crop = image[top:bottom, left:right]
    if crop.size == 0:
        return None
    crop = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY) if crop.ndim == 3 else crop.copy()
    paper = int(np.percentile(crop, 90))
    for ox0, oy0, ox1, oy1 in others:
        if ox1 <= left or ox0 >= right or oy1 <= top or oy0 >= bottom:
            continue
        # only what lies outside the line itself: a neighbour's box may overlap its edge
        cy0, cy1 = max(oy0, top) - top, min(oy1, bottom) - top
        if cy0 >= y0 - top and cy1 <= y1 - top:
            continue  # on the line's own row: a word beside it, cut off by the span filter
        # a gap kept next to the line: an İ's dot or a Ş's cedilla may stand outside its box
        if oy1 <= (y0 + y1) / 2:
            cy1 = min(cy1, y0 - top - 0.3 * height)
        elif oy0 >= (y0 + y1) / 2:
            cy0 = max(cy0, y1 - top + 0.3 * height)
        if cy1 <= cy0:
            continue
        crop[int(cy0) : int(np.ceil(cy1)), max(0, int(ox0 - left)) : int(ox1 - left) + 1] = paper
    zoom = min(MAX_ZOOM, max(1.0, TARGET_HEIGHT / height))
    if zoom > 1.0:
        crop = cv2.resize(crop, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC)
    border = int(0.5 * TARGET_HEIGHT)
    crop = cv2.copyMakeBorder(crop, border, border, border, border, cv2.BORDER_REPLICATE)
    span = (border + (x0 - left) * zoom, border + (x1 - left) * zoom)
    return crop, span
