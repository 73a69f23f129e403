"""A washed-out scan's contrast is stretched back (``docpipe.preprocess.contrast``).

Pages are drawn from fresh seeds: a table header shaded grey with white column names over
rows of dark values, then washed out the way a pale copy is (``samplegen.designs.corpus``'s
``low_contrast`` scan: print lifted to mid grey, paper left white).
"""

from __future__ import annotations

import random

import cv2
import numpy as np

from docpipe.preprocess import STEP_NAMES, PageState, preprocess_image, steps
from docpipe.preprocess.contrast import WASHED_OUT, contrast, washed_out_range
from docpipe.settings import load_settings
from samplegen import scan
from tests.conftest import fresh_seed


def _state(**kw: object) -> PageState:
    base = {"dpi": 300.0, "target_dpi": 300, "languages": "tur+eng", "timeout_s": 60.0}
    return PageState(**{**base, **kw})  # type: ignore[arg-type]


def _page(rng: random.Random) -> tuple[np.ndarray, int, int]:
    """A grey header band with white names, dark rows under it; its top and depth."""
    page = np.full((1000, 1400), 250, np.uint8)
    top, depth = rng.randint(60, 300), rng.randint(45, 80)
    page[top : top + depth, 40:1360] = rng.randint(50, 85)  # stretched back below 100
    for x, name in ((60, "Sira No"), (330, "Mal Hizmet"), (800, "Miktar"), (1080, "Tutar")):
        cv2.putText(page, name, (x, top + depth - 16), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 250, 2)
    for y in range(top + depth + 40, 990, 40):
        cv2.putText(page, "1  Nohut  7 KG  504,70", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                    rng.randint(0, 30), 2)  # fmt: skip
    page = cv2.GaussianBlur(page, (0, 0), rng.uniform(0.8, 1.3))
    return scan.noise(page, rng, rng.uniform(2, 6)), top, depth


def _washed_out(page: np.ndarray, rng: random.Random) -> np.ndarray:
    gain = rng.uniform(0.4, 0.55)
    lifted = page.astype(np.float32) * gain + (250 - 250 * gain)
    return np.clip(lifted, 0, 255).astype(np.uint8)


def test_a_washed_out_scan_gets_black_ink_and_white_paper() -> None:
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page, _, _ = _page(rng)
    pale = _washed_out(page, rng)
    assert washed_out_range(pale) is not None, seed
    out, info = contrast(pale, _state())
    assert info["stretched"] is True and info["ink"] > WASHED_OUT, (seed, info)
    assert float(np.percentile(out, 0.2)) < 20, seed
    assert float(np.percentile(out, 90)) > 245, seed


def test_the_header_of_a_washed_out_scan_is_inverted_once_stretched() -> None:
    """Washed out, the grey band is too light for ``invert_regions`` to take; stretched
    first, its white names come out dark on white."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page, top, depth = _page(rng)
    pale = _washed_out(page, rng)
    _, before = steps.invert_regions(pale, _state())
    assert before["regions"] == 0, (seed, before)
    stretched, _ = contrast(pale, _state())
    out, after = steps.invert_regions(stretched, _state())
    assert after["regions"] >= 1, (seed, after)
    band = out[top + 6 : top + depth - 6, 60:1300]
    assert band.mean() > 180 and (band < 100).any(), seed  # dark names on white


def test_a_page_with_dark_print_and_a_photo_pass_through() -> None:
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page, _, _ = _page(rng)
    out, info = contrast(page, _state())
    assert info == {"stretched": False} and out is page, seed
    pale = _washed_out(page, rng)
    out, info = contrast(pale, _state(is_photo=True))
    assert info == {"stretched": False} and out is pale, seed
    blank = np.full((600, 800), 240, np.uint8)
    assert contrast(blank, _state())[0] is blank


def test_the_step_runs_before_the_bands_are_inverted_and_can_be_switched_off() -> None:
    assert STEP_NAMES.index("contrast") < STEP_NAMES.index("invert_regions")
    settings = load_settings().model_copy(update={"preprocess_contrast": False})
    done = preprocess_image(np.full((600, 800), 200, np.uint8), 300.0, settings)
    assert "contrast" not in [s.name for s in done.steps]


def test_a_grey_header_framed_by_dark_rules_is_inverted() -> None:
    """A mid-grey header with white names inside the table's dark frame (a washed-out
    copy stretched back looks so: builder_iv_arsiv's header): the frame on the band's rim
    is a rule, not dark print on a grey shade, and the names come out dark on white."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page = np.full((900, 1400), 250, np.uint8)
    top, depth = rng.randint(60, 300), rng.randint(50, 80)
    page[top : top + depth, 40:1360] = rng.randint(110, 160)
    for x, name in ((60, "Sira No"), (330, "Malzeme"), (800, "Miktar"), (1080, "Tutar")):
        cv2.putText(page, name, (x, top + depth - 16), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 250, 2)
    cv2.rectangle(page, (40, top), (1359, top + depth - 1), rng.randint(0, 40), 2)
    for y in range(top + depth + 70, 890, 40):  # the page's own dark print, below the header
        cv2.putText(page, "1  Nohut  7 KG  504,70", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 20, 2)
    page = scan.noise(cv2.GaussianBlur(page, (0, 0), rng.uniform(0.8, 1.2)), rng, 3)
    out, info = steps.invert_regions(page, _state())
    assert info["grey_regions"] == 1, (seed, info)
    band = out[top + 8 : top + depth - 8, 60:1300]
    assert band.mean() > 200 and (band < 100).any(), seed  # dark names on white
