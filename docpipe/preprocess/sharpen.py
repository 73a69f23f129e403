"""Sharpen a blurred photo of a page before OCR (a shaken hand, a messenger's downscale).

A phone photo taken with a shaking hand smears every letter along a short line, and one
sent on through a messenger is downscaled and then enlarged back to the target dpi; both
widen the letters' edges until Tesseract merges strokes (``rn`` → ``m``, ``8`` → ``B``)
and drops pale small print. The blur is measured, not assumed (``edge_width``): only a
photo whose letter edges are wider than a sharp photo's at the target dpi is sharpened,
with an unsharp mask whose radius follows the measured width. Scans are left to
themselves (their blur is the scanner's, small and even).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:
    from docpipe.preprocess.state import PageState

#: px at 300 dpi: median edge width (``edge_width``) of sharp phone photos of a page
#: (2.7-3.1 on the designs tune photos without motion blur or messenger downscale; a
#: curled page's bent print 3.4-3.6) and of blurred ones (3.6-4.7)
SHARP_WIDTH = 3.3
#: how strongly an edge as wide again as ``SHARP_WIDTH`` is sharpened (unsharp amount)
_GAIN = 2.0
_MAX_AMOUNT = 1.5
#: the unsharp mask's radius as a share of the measured edge width
_SIGMA = 0.5
#: grey span within a letter's neighbourhood for its edge to count (print on paper)
_CONTRAST = 80


def edge_width(grey: np.ndarray) -> float | None:
    """Median width in pixels of the page's print edges: the grey span around each
    edge pixel where the gradient peaks, divided by the gradient there (a sharp step
    spans one or two pixels, a blurred one its blur's length). Measured on the page's
    middle (no table or frame); None on a page with too little print to tell."""
    h, w = grey.shape
    middle = grey[h // 8 : h - h // 8, w // 8 : w - w // 8]
    g = middle.astype(np.float32)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3) / 8
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3) / 8
    magnitude = cv2.magnitude(gx, gy)
    box = np.ones((9, 9), np.uint8)
    span = cv2.dilate(g, box) - cv2.erode(g, box)
    peak = magnitude >= cv2.dilate(magnitude, np.ones((3, 3), np.uint8))
    edges = (span > _CONTRAST) & peak & (magnitude > 5)
    if int(np.count_nonzero(edges)) < 500:
        return None
    return float(np.median(span[edges] / magnitude[edges]))


def sharpen(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Unsharp-mask a photo whose print edges are wider than a sharp photo's."""
    if not state.is_photo or not state.document_found:
        return grey, {"photo": state.is_photo}
    width = edge_width(grey)
    if width is None or width <= SHARP_WIDTH:
        return grey, {"edge_width": None if width is None else round(width, 2), "amount": 0.0}
    amount = min(_MAX_AMOUNT, _GAIN * (width - SHARP_WIDTH) / SHARP_WIDTH + 0.5)
    sigma = width * _SIGMA
    blurred = cv2.GaussianBlur(grey, (0, 0), sigma)
    out = cv2.addWeighted(grey, 1 + amount, blurred, -amount, 0)
    return out, {"edge_width": round(width, 2), "amount": round(amount, 2)}
