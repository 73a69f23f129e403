"""Upright or upside down, from where the letters of each word line up.

Latin letters sit on a common baseline (only ``g j p q y`` and the cedillas of
``ç ş`` hang below it), while their tops are spread between the x-height and
the ascender or capital height. Turned 180°, it is the other way round: the
tops line up and the bottoms are spread. So, over the character-sized ink
blobs of every word, the share whose bottom lies on the word's median bottom
minus the share whose top lies on its median top is clearly positive on an
upright page, clearly negative on an upside-down one, and near zero where the
text is all capitals and digits or the page is sideways.

Measured on the committed samples (scans, photos, ID cards, each as is and
turned 180°): upright pages score +0.057 to +0.18, the same pages upside down
-0.058 to -0.22; one ID-card photo's back (+0.013) and sideways pages (about
0) are left undecided, for Tesseract's orientation detection. A page costs
about 0.1 CPU s here, against 0.7-1.3 s for Tesseract's OSD.

Written here because no maintained Python library answers the question:
Leptonica's ``pixUpDownDetect`` does, but it is not reachable from Python
without a compiled binding, and Tesseract exposes only its full OSD.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

#: pages are measured at this longest side (pixels): a 300 dpi A4 page's letters stay
#: 15-25 px tall, an ID card (about 1000 px at 300 dpi) is measured as it is
_LONGEST = 2000
#: a share of aligned bottoms minus aligned tops beyond this decides (samples: >= 0.057)
DECISIVE = 0.04
#: letters (in words of three or more) needed before the score means anything
MIN_LETTERS = 80
#: a page with fewer letters than this (a card: capitals, digits and an OCR-B zone, whose
#: ``<`` line up with neither) decides only beyond ``DECISIVE_FEW``: upright noisy card
#: scans of the ID corpus's tune split measured -0.065 to +0.18
FEW_LETTERS = 150
DECISIVE_FEW = 0.1
#: upright text forms many more words along the rows than across them; a page whose words
#: do not clearly run along its rows may be sideways, which this measure cannot tell
_ALONG_THE_ROWS = 2.0


@dataclass(frozen=True)
class Alignment:
    score: float  # aligned bottoms minus aligned tops, as a share of the letters
    letters: int


def alignment(grey: np.ndarray) -> Alignment:
    """The bottoms-minus-tops alignment of ``grey``'s letters, word by word."""
    return _alignment(_ink(grey))


def _ink(grey: np.ndarray) -> np.ndarray:
    return cv2.adaptiveThreshold(
        _downscaled(grey), 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15
    )


def _alignment(ink: np.ndarray) -> Alignment:
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h = (stats[1:count, i] for i in range(4))
    letter = (h >= 6) & (h <= 80) & (w >= 2) & (w <= 3 * h)
    if letter.sum() < MIN_LETTERS:
        return Alignment(0.0, 0)
    typical = float(np.median(h[letter]))
    # diacritics, dots and commas are no letters; they would blur both alignments
    letter &= h >= 0.4 * typical
    x, y, w, h = x[letter], y[letter], w[letter], h[letter]
    # words: letters joined along the row by a gap narrower than half a letter's height
    joined = cv2.dilate(ink, np.ones((1, max(1, int(0.5 * typical))), np.uint8))
    _, words, _, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    word = words[y + h // 2, x + w // 2]
    tolerance = max(1.0, 0.12 * typical)
    # words of three letters or more; every word's median bottom and top at once
    sizes = np.bincount(word)
    counted = sizes[word] >= 3
    letters = int(counted.sum())
    if not letters:
        return Alignment(0.0, 0)
    word = word[counted]
    bottoms = _near_word_median((y + h)[counted], word, tolerance)
    tops = _near_word_median(y[counted], word, tolerance)
    return Alignment((bottoms - tops) / letters, letters)


def _near_word_median(values: np.ndarray, word: np.ndarray, tolerance: float) -> int:
    """How many ``values`` lie within ``tolerance`` of their word's median (as np.median:
    the mean of the two middle values of an even-sized word)."""
    order = np.lexsort((values, word))
    ordered, words = values[order].astype(np.float64), word[order]
    starts = np.flatnonzero(np.r_[True, words[1:] != words[:-1]])
    sizes = np.diff(np.r_[starts, len(words)])
    medians = (ordered[starts + (sizes - 1) // 2] + ordered[starts + sizes // 2]) / 2
    return int((np.abs(ordered - np.repeat(medians, sizes)) <= tolerance).sum())


def upright_turn(grey: np.ndarray) -> tuple[int | None, dict]:
    """0 (upright) or 180 (upside down) when the letters decide it, else None; and what
    was measured (numbers only)."""
    ink = _ink(grey)
    along = _alignment(ink)
    measured = {"baseline_score": round(along.score, 3), "baseline_letters": along.letters}
    needed = DECISIVE_FEW if along.letters < FEW_LETTERS else DECISIVE
    if along.letters < MIN_LETTERS or abs(along.score) < needed:
        return None, measured
    # the page turned a quarter: its ink turned, not measured again from the grey page
    across = _alignment(cv2.rotate(ink, cv2.ROTATE_90_CLOCKWISE))
    measured["baseline_letters_across"] = across.letters
    if along.letters < _ALONG_THE_ROWS * across.letters:
        return None, measured
    return (0 if along.score > 0 else 180), measured


def _downscaled(grey: np.ndarray) -> np.ndarray:
    factor = max(grey.shape) / _LONGEST
    if factor <= 1:
        return grey
    size = (max(1, round(grey.shape[1] / factor)), max(1, round(grey.shape[0] / factor)))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
