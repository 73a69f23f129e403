"""The angle that makes a page's text rows horizontal, measured by projection profiles.

Used by the page clean-up (``preprocess.steps.deskew``) and by the MRZ band's re-read
(``ocr.mrz``): it lives with the OCR code so that OCR needs nothing from preprocessing.
"""

from __future__ import annotations

import cv2
import numpy as np


def measuring_copy(grey: np.ndarray, longest: int = 1000) -> tuple[np.ndarray, float]:
    """A downscaled copy for measuring, and the factor back to full size."""
    factor = max(grey.shape) / longest
    if factor <= 1:
        return grey, 1.0
    # at least one pixel each way: a 50 000×20 strip would otherwise shrink to no rows
    size = (max(1, round(grey.shape[1] / factor)), max(1, round(grey.shape[0] / factor)))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA), factor


def _projection_score(ink: np.ndarray, angle: float) -> float:
    h, w = ink.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST)
    # ink is 0/1: OpenCV's integer row sums, not numpy's in float64 (0.5 ms each, 53 a page)
    rows = cv2.reduce(rotated, 1, cv2.REDUCE_SUM, dtype=cv2.CV_32S)
    return float(np.var(rows, dtype=np.float64))


def skew_angle(grey: np.ndarray, limit: float = 10.0) -> tuple[float, float]:
    """Angle (degrees, counter-clockwise positive) that makes text rows horizontal; score gain."""
    small, _ = measuring_copy(grey, 1200)
    # adaptive, not Otsu: a shadow over half the page must not count as ink
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    coarse = np.arange(-limit, limit + 0.01, 0.5)
    scores = [_projection_score(ink, a) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.51, 0.1)
    fine_scores = [_projection_score(ink, a) for a in fine]
    angle = float(fine[int(np.argmax(fine_scores))])
    base = _projection_score(ink, 0.0) or 1.0
    return angle, max(fine_scores) / base
