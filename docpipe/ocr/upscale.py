"""Small print read again, enlarged: how tall a page's words are, and a larger copy to OCR.

Tesseract's LSTM reads best with an x-height of about 20-30 pixels and falls apart
below about 8; a card or passport page scanned at 100-200 dpi, photographed from afar
or sent on by a messenger has labels a few pixels tall, and its dpi tag is often
missing or wrong. ``word_height`` measures the print from a first OCR pass (the median
height of the word boxes it found: even a poor pass finds the boxes of most words),
``zoom_for`` says how much to enlarge so those boxes reach ``TARGET_WORD_HEIGHT``, and
``enlarged`` does it with OpenCV's cubic interpolation (smooth edges, which the LSTM
reads better than nearest-neighbour staircases). Only the choice of factor is ours.
Never logs image content or text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from docpipe.document import Page, Word
from docpipe.ocr.mrz import reread_mrz
from docpipe.ocr.tesseract import OcrTimeout, ocr_words

#: Median word-box height (pixels) an enlarged page should have: the boxes of a 300 dpi
#: card, whose 4 pt labels (x-height about 9 px) Tesseract still reads.
TARGET_WORD_HEIGHT = 18.0
#: Below this gain an enlargement is not worth a second OCR pass.
MIN_ZOOM = 1.4
MAX_ZOOM = 3.5
#: The enlarged image's pixel budget (a 3.5× phone photo would be 150 Mpx).
MAX_PIXELS = 16_000_000
_MIN_WORDS = 5


def word_height(words: Sequence[Word], px_per_unit: float = 1.0) -> float | None:
    """Median height (image pixels) of the boxes of words of two characters or more, or
    None when too few were found to say."""
    heights = sorted(
        (w.y1 - w.y0) * px_per_unit for w in words if sum(ch.isalnum() for ch in w.text) >= 2
    )
    if len(heights) < _MIN_WORDS:
        return None
    return heights[len(heights) // 2]


def zoom_for(image: np.ndarray, words: Sequence[Word], px_per_unit: float = 1.0) -> float:
    """How much to enlarge ``image`` so its words' boxes reach ``TARGET_WORD_HEIGHT``: 1.0
    when they already nearly do, when they cannot be measured, or when ``MAX_PIXELS``
    leaves no room."""
    height = word_height(words, px_per_unit)
    if height is None or height <= 0:
        return 1.0
    zoom = min(MAX_ZOOM, TARGET_WORD_HEIGHT / height)
    zoom = min(zoom, (MAX_PIXELS / (image.shape[0] * image.shape[1])) ** 0.5)
    return zoom if zoom >= MIN_ZOOM else 1.0


def enlarged(image: np.ndarray, zoom: float) -> np.ndarray:
    """``image`` scaled by ``zoom`` with cubic interpolation."""
    size = (max(1, round(image.shape[1] * zoom)), max(1, round(image.shape[0] * zoom)))
    return cv2.resize(image, size, interpolation=cv2.INTER_CUBIC)


def read_enlarged(
    page: Page, *, languages: str = "tur+eng", timeout_s: float = 120.0
) -> Page | None:
    """``page`` read again from its image enlarged by ``zoom_for`` (full layout analysis,
    then the MRZ band re-read from the enlarged image), boxes in the page's units; None
    when the page has no OCR image, needs no enlarging, or the reading timed out."""
    image = page.image
    if image is None or page.text_source != "ocr" or not page.width:
        return None
    px_per_unit = image.shape[1] / page.width
    zoom = zoom_for(image, page.words, px_per_unit)
    if zoom == 1.0:
        return None
    big = enlarged(image, zoom)
    scale = 1.0 / (zoom * px_per_unit)  # enlarged pixels -> page units
    try:  # no dpi: a small copy's tag is often wrong, and Tesseract estimates its own
        words = ocr_words(big, languages=languages, timeout_s=timeout_s, scale=scale, psm=3)
        words = reread_mrz(big, words, dpi=None, scale=scale, timeout_s=timeout_s)
    except OcrTimeout:
        return None
    return replace(page, words=words) if words else None


__all__ = [
    "MAX_ZOOM",
    "TARGET_WORD_HEIGHT",
    "enlarged",
    "read_enlarged",
    "word_height",
    "zoom_for",
]
