"""Designs printed to the paper's edge: a dark banner across the top, a bar down one side.

Scanned, such a page has dark margins along one or two sides, as a photo of a page on a
table has along all four: it must still be read as a scan (no perspective warp), its
band's white print turned dark on white, and its fields read. Bands are drawn by
``samplegen.scan.bleed_band`` from fresh seeds on a tune design's page.
"""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from docpipe.evaluate import load_truth, score_fields
from docpipe.pipeline import Pipeline
from docpipe.preprocess import PageState, steps
from docpipe.preprocess.glass import document_on_glass, is_sheet
from samplegen import scan
from samplegen.photo import photograph
from tests.conftest import fresh_seed

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "designs" / "gib_default_01.pdf"
DPI = 150


def _state(dpi: float | None = DPI) -> PageState:
    return PageState(dpi=dpi, target_dpi=300, languages="tur+eng", timeout_s=60.0)


def _banded(
    rng: random.Random, edges: tuple[str, ...], dpi: int = DPI, noise: float = 10
) -> np.ndarray:
    grey = scan.rasterise(SAMPLE.read_bytes(), dpi)
    for edge in edges:
        grey = scan.bleed_band(grey, rng, dpi, edge)
    grey = scan.rotate(grey, rng.uniform(-2.5, 2.5))
    return scan.noise(grey, rng, rng.uniform(3, noise))


EDGE_SETS = [(e,) for e in scan.EDGES] + [("top", "bottom"), ("left", "top")]


@pytest.mark.parametrize("edges", EDGE_SETS, ids="+".join)
def test_a_scan_printed_to_its_edge_is_not_taken_for_a_photo(edges: tuple[str, ...]) -> None:
    seed = fresh_seed(__name__)
    page = _banded(random.Random(seed), edges)
    assert steps.looks_like_photo(page) is False, seed
    out, info = steps.perspective(page, _state())
    assert info == {"photo": False} and out is page, seed


@pytest.mark.parametrize(
    "edges", [("top", "left", "right"), ("left", "bottom", "right"), scan.EDGES], ids="+".join
)
def test_a_scan_printed_to_its_edge_all_round_is_a_scan_by_its_size(
    edges: tuple[str, ...],
) -> None:
    """Bands on three or four sides leave a scan no paper margin to tell it by; its size at
    the dpi its file states (A4 at 150 dpi) still says it is a sheet from a scanner."""
    seed = fresh_seed(__name__)
    page = _banded(random.Random(seed), edges)
    out, info = steps.perspective(page, _state())
    assert info == {"photo": False} and out is page, seed
    assert is_sheet(page.shape, DPI) and not is_sheet(page.shape, 72), seed


def test_the_same_page_photographed_on_a_table_is_a_photo() -> None:
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page = _banded(rng, (rng.choice(scan.EDGES),))
    photo = photograph(cv2.cvtColor(page, cv2.COLOR_GRAY2RGB), rng, fill=rng.uniform(0.75, 0.88))
    grey = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)
    assert steps.looks_like_photo(grey) is True, seed
    _, info = steps.perspective(grey, _state(None))
    assert info["photo"] is True and info["quad_found"] is True, seed


def test_a_band_joined_to_a_karekod_is_inverted_within_its_own_outline() -> None:
    """A dark band with a karekod-like block hanging under one end: the band's white words
    turn dark on white, and the paper beside the block stays paper."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page = np.full((900, 1200), 250, np.uint8)
    top, depth = rng.randint(20, 200), rng.randint(40, 90)
    page[top : top + depth, 50:1150] = rng.randint(30, 90)
    cv2.putText(page, "FATURA BILGILERI", (80, top + depth - 15), cv2.FONT_HERSHEY_SIMPLEX,
                1.0, 250, 2)  # fmt: skip
    size = 10 * rng.randint(15, 25)
    gen = np.random.default_rng(seed)
    block = np.where(gen.random((size // 10, size // 10)) < 0.5, 0, 250).astype(np.uint8)
    page[top + depth : top + depth + size, 1150 - size : 1150] = np.kron(
        block, np.ones((10, 10), np.uint8)
    )[:size, :size]
    out, info = steps.invert_regions(page, _state())
    assert info["regions"] >= 1, seed
    band = out[top + 5 : top + depth - 5, 60:700]
    assert band.mean() > 180 and (band < 128).any(), seed  # dark words on white
    beside = out[top + depth + 5 : top + depth + size - 5, 60 : 1150 - size - 5]
    assert beside.min() >= 200, seed  # the paper left of the block is still paper


def _grey_header(rng: random.Random, fill: int, print_grey: int) -> tuple[np.ndarray, int, int]:
    """A table header shaded ``fill`` with its column names in ``print_grey``, a row of
    dark values just under it (as close as a design's cell padding puts them), blurred as
    a scanner blurs. Returns the page, the band's top and its depth."""
    page = np.full((900, 1400), 250, np.uint8)
    top, depth = rng.randint(60, 300), rng.randint(45, 80)
    page[top : top + depth, 40:1360] = fill
    for x, name in ((60, "Sira No"), (330, "Malzeme"), (800, "Miktar"), (1080, "Tutar")):
        cv2.putText(page, name, (x, top + depth - 16), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                    print_grey, 2)  # fmt: skip
    row = top + depth + rng.randint(8, 14) + 26
    for y in range(row, 890, 40):  # the table's rows: the page's own dark print
        cv2.putText(page, "1  MLZ23395  Nohut  7 KG  504,70", (60, y), cv2.FONT_HERSHEY_SIMPLEX,
                    1.0, 20, 2)  # fmt: skip
    page = cv2.GaussianBlur(page, (0, 0), rng.uniform(0.8, 1.3))
    return scan.noise(page, rng, rng.uniform(2, 6)), top, depth


def test_a_grey_header_band_with_white_names_is_turned_dark_on_white() -> None:
    """A mid-grey shade (below the dark pass's 100) with white print, as tune
    builder_iv_arsiv prints its item table's header: its names come out dark on white, and
    the row of values under it keeps its dark print on white paper."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page, top, depth = _grey_header(rng, rng.randint(110, 160), 250)
    out, info = steps.invert_regions(page, _state())
    assert info["grey_regions"] == 1, (seed, info)
    band = out[top + 4 : top + depth - 4, 60:1300]
    assert band.mean() > 200 and (band < 100).any(), seed  # dark names on white
    below = out[top + depth + 6 : top + depth + 40, 40:1360]
    assert np.array_equal(below, page[top + depth + 6 : top + depth + 40, 40:1360]), seed


def test_dark_print_on_a_grey_shade_is_left_as_it_is() -> None:
    """A highlighted total: dark print on a mid-grey shade reads as it is, also when the
    row of values just under it closes onto the shade (seeds 3, 826191573: the paper
    between those values' letters was taken for light print on the band)."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page, top, depth = _grey_header(rng, rng.randint(110, 160), 20)
    out, info = steps.invert_regions(page, _state())
    assert info["grey_regions"] == 0, (seed, info)
    names = out[top + 4 : top + depth - 4, 60:1300]
    assert (names < 100).any() and float(np.median(names)) < 200, seed  # still grey, dark print


def test_a_block_of_a_page_is_not_a_document_alone_on_the_glass() -> None:
    """A sparse page whose header block is card- or passport-sized, with more print a few
    centimetres below it (a notes box, a signature line): the page is read whole."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    mm = 300 / 25.4
    page = np.full((round(297 * mm), round(210 * mm)), 250, np.uint8)
    x, y = round(rng.uniform(10, 20) * mm), round(rng.uniform(10, 30) * mm)
    width, height = round(rng.uniform(90, 150) * mm), round(rng.uniform(55, 90) * mm)
    for row in range(y, y + height, round(5 * mm)):
        page[row : row + round(2.5 * mm), x : x + width - rng.randint(0, width // 3)] = 40
    below = y + height + round(rng.uniform(30, 60) * mm)
    for row in range(below, below + round(rng.uniform(20, 40) * mm), round(5 * mm)):
        page[row : row + round(2.5 * mm), x : x + round(rng.uniform(80, 180) * mm)] = 40
    assert document_on_glass(page, 300) is None, seed


def test_a_scan_with_a_banner_header_reads_its_fields(tmp_path: Path, settings) -> None:
    """One end to end read: the sample scanned at 300 dpi with a dark banner across the top
    (its seller block printed white in it) and a bar down one side reads the invoice's
    fields. A sanity read, not the guard of the photo mistake: OCR of a noisy 200 dpi
    scan of its thin serif varies more (0.44-0.85 of the fields, banded or not) than that
    mistake costs; the tests above guard it step by step."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    page = _banded(rng, ("top", rng.choice(("left", "right"))), dpi=300, noise=6)
    path = tmp_path / "banded_scan.jpg"
    path.write_bytes(scan.encode(page, "jpg", 300, quality=85))
    truth = load_truth(SAMPLE.with_suffix(".truth.json"))
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(path)
    outcomes = score_fields(truth, result.record)
    correct = sum(o == "correct" for o in outcomes.values())
    assert result.doc_type == "invoice", seed
    # 0.79-0.97 of the fields over most seeds; seed 51003 reads 0.59 (a page skewed under
    # its banner: item rows read across each other, open in the session note), failing on
    # main before this floor too. The floor still fails a page whose banner is lost.
    assert correct >= 0.55 * len(outcomes), (seed, correct, len(outcomes))
