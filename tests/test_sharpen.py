"""The sharpen step: a blurred photo of a page is measured blurred and sharpened; a sharp
photo and a scan are left alone."""

from __future__ import annotations

import random

import cv2
import numpy as np

from docpipe.preprocess.sharpen import SHARP_WIDTH, edge_width, sharpen
from docpipe.preprocess.state import PageState
from tests.conftest import fresh_seed

SEED = fresh_seed(__name__)


def state(photo: bool) -> PageState:
    return PageState(dpi=300.0, target_dpi=300, languages="tur+eng", timeout_s=60.0,
                     is_photo=photo)  # fmt: skip


def letter_page(rng: random.Random) -> np.ndarray:
    """An A5-sized page at 300 dpi of rows of letters and figures, 10-12 pt (grey print
    on light paper, as a photo's page looks after ``illumination``)."""
    page = np.full((1800, 1300), rng.randint(235, 250), np.uint8)
    alphabet = "ABCDEFGHKLMNPRSTUVYZabcdefghklmnoprstuvyz0123456789.,:/"
    y = 120
    while y < 1700:
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(20, 34)))
        cv2.putText(page, text, (100, y), cv2.FONT_HERSHEY_SIMPLEX, rng.uniform(0.9, 1.1),
                    rng.randint(20, 70), 2, cv2.LINE_AA)  # fmt: skip
        y += rng.randint(55, 75)
    return page


def shaken(page: np.ndarray, length: int, angle: float) -> np.ndarray:
    """A hand's shake: the page blurred along a line of ``length`` px at ``angle``°."""
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1
    turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1)
    kernel = cv2.warpAffine(kernel, turn, (length, length))
    return cv2.filter2D(page, -1, kernel / float(kernel.sum()))


def test_a_sharp_photo_is_left_alone() -> None:
    page = letter_page(random.Random(SEED))
    width = edge_width(page)
    assert width is not None and width <= SHARP_WIDTH
    out, measured = sharpen(page, state(photo=True))
    assert out is page and measured["amount"] == 0.0


def test_a_shaken_photo_is_measured_blurred_and_sharpened() -> None:
    rng = random.Random(SEED)
    page = letter_page(rng)
    blurred = shaken(page, rng.randint(9, 12), rng.uniform(0, 180))
    width = edge_width(blurred)
    assert width is not None and width > SHARP_WIDTH
    out, measured = sharpen(blurred, state(photo=True))
    assert measured["amount"] > 0
    after = edge_width(out)
    assert after is not None and after < width


def test_a_scan_is_never_sharpened() -> None:
    rng = random.Random(SEED)
    blurred = shaken(letter_page(rng), 9, rng.uniform(0, 180))
    out, measured = sharpen(blurred, state(photo=False))
    assert out is blurred and measured == {"photo": False}


def test_a_page_without_print_is_left_alone() -> None:
    blank = np.full((1200, 900), 240, np.uint8)
    out, measured = sharpen(blank, state(photo=True))
    assert out is blank and measured["edge_width"] is None
