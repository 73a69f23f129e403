"""Contrast of a washed-out scan: its darkest ink stretched back to black.

A pale copy (a worn toner cartridge, a copy of a copy, a scanner set light) keeps
its paper white but lifts all of its print to mid grey: black letters come out at
130-170, a table header shaded grey with white column names at 160-170, and a label
printed light grey at 200 or more. Tesseract binarises the page itself, so the
letters it sees are much the same; the steps after this one, though, measure grey
against fixed levels (a shaded band is darker than 100 or 170, rule removal counts
grey below 200 as ink, speckle removal below 128), and on a pale page they find
nothing: the white column names of a grey header stay white on light grey and are
never read (measured on the tune scans of issue 13: the line table of such a copy
lost every field for want of its header).

The stretch is one lookup table: the page's darkest ink (a low percentile of a
sampled copy) to black, its paper (a high percentile) to white. It runs only on a
scan whose darkest ink is lighter than ``WASHED_OUT``; a page printed black, a fax
and a photo (its light is the ``illumination`` step's) pass through unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

if TYPE_CHECKING:
    from docpipe.preprocess.state import PageState

#: darkest ink (grey) above which a scan is washed out: black print scanned well is
#: below 90 even when blurred; the pale tune copies' is 135-175
WASHED_OUT = 110.0
#: percentiles of the sampled page taken as its darkest ink and its paper: ink covers
#: 2-15 % of an invoice page, so 0.2 % is inside its letters' cores
_INK_PERCENTILE, _PAPER_PERCENTILE = 0.2, 90.0
#: paper less than this much lighter than the ink: a blank or a tinted sheet, left alone
_MIN_RANGE = 40.0
_SAMPLE_STEP = 3  # every third pixel each way: strided, so thin strokes keep their grey


def washed_out_range(grey: np.ndarray) -> tuple[float, float] | None:
    """(darkest ink, paper) of a washed-out page, or None for a page with dark print."""
    sample = grey[::_SAMPLE_STEP, ::_SAMPLE_STEP]
    ink, paper = (float(v) for v in np.percentile(sample, (_INK_PERCENTILE, _PAPER_PERCENTILE)))
    if ink < WASHED_OUT or paper - ink < _MIN_RANGE:
        return None
    return ink, paper


def contrast(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Stretch a washed-out scan so its darkest ink is black and its paper white."""
    if state.is_photo:
        return grey, {"stretched": False}
    found = washed_out_range(grey)
    if found is None:
        return grey, {"stretched": False}
    ink, paper = found
    levels = (np.arange(256, dtype=np.float32) - ink) * (255.0 / (paper - ink))
    table = np.clip(np.round(levels), 0, 255).astype(np.uint8)
    state.stretched = True
    return cv2.LUT(grey, table), {"stretched": True, "ink": round(ink), "paper": round(paper)}
