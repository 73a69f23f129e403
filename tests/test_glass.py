"""An identity document alone on a flatbed's A4 glass is found and read as itself."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from docpipe.pipeline import Pipeline
from docpipe.preprocess import PageState, steps
from docpipe.preprocess.glass import document_on_glass, page_dpi
from samplegen import idcorpus, iddesign, scan
from samplegen.identity import random_person
from tests.conftest import fresh_seed

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DPI = 300
MM = DPI / 25.4


def _document(kind: str, rng: random.Random) -> np.ndarray:
    design = iddesign.random_design(rng)
    person = random_person(rng, passport=kind == "passport", booklet=kind == "cuzdan")
    draw = {
        "front": iddesign.card_front,
        "back": iddesign.card_back,
        "passport": iddesign.passport_page,
        "cuzdan": iddesign.nufus_cuzdani,
    }[kind]
    return cv2.cvtColor(draw(person, design, rng, DPI), cv2.COLOR_RGB2GRAY)


@pytest.mark.parametrize("kind", ["front", "back", "passport", "cuzdan"])
def test_a_document_alone_on_the_glass_is_found_around_its_print(kind: str) -> None:
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    doc = scan.rotate(_document(kind, rng), rng.uniform(-2, 2))
    page = np.full((round(297 * MM), round(210 * MM)), rng.randint(238, 252), np.uint8)
    dh, dw = doc.shape
    y, x = rng.randint(0, page.shape[0] - dh), rng.randint(0, page.shape[1] - dw)
    page[y : y + dh, x : x + dw] = np.minimum(page[y : y + dh, x : x + dw], doc)
    page = scan.noise(page, rng, 4)
    box = document_on_glass(page, DPI)
    assert box is not None, seed
    x0, y0, x1, y1 = box
    inside, outside = 6 * MM, 10 * MM  # the print may stop short of a pale edge
    assert x - outside <= x0 <= x + inside and y - outside <= y0 <= y + inside, (seed, box)
    assert x + dw - inside <= x1 <= x + dw + outside, (seed, box)
    assert y + dh - inside <= y1 <= y + dh + outside, (seed, box)


@pytest.mark.parametrize("kind", ["front", "back", "passport", "cuzdan"])
def test_a_document_beside_the_open_lids_shadow_is_found(kind: str) -> None:
    """A large glass (A3 or Legal) whose top or bottom the open lid darkens by a third
    to a half: the shadow, a page wide, is no document, and the document is still found."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    doc = scan.rotate(_document(kind, rng), rng.uniform(-2, 2))
    short, long = (round(mm * MM) for mm in rng.choice(idcorpus.WIDE_GLASSES_MM))
    page_h, page_w = (short, long) if rng.random() < 0.5 else (long, short)
    page = np.full((page_h, page_w), rng.randint(236, 250), np.float32)
    depth = rng.randint(page_h // 20, page_h // 8)
    shade = np.linspace(rng.uniform(0.5, 0.7), 1.0, depth, dtype=np.float32)[:, None]
    at_top = rng.random() < 0.5
    if at_top:
        page[:depth] *= shade
    else:
        page[page_h - depth :] *= shade[::-1]
    dh, dw = doc.shape
    top = depth if at_top else 0
    y = rng.randint(top, top + page_h - depth - dh)
    x = rng.randint(0, page_w - dw)
    page[y : y + dh, x : x + dw] = np.minimum(page[y : y + dh, x : x + dw], doc)
    box = document_on_glass(scan.noise(page.astype(np.uint8), rng, 4), DPI)
    assert box is not None, seed
    x0, y0, x1, y1 = box
    inside, outside = 12 * MM, 10 * MM  # a back's print may begin 10 mm below its top
    assert x - outside <= x0 <= x + inside and y - outside <= y0 <= y + inside, (seed, box)
    assert x + dw - inside <= x1 <= x + dw + outside, (seed, box)
    assert y + dh - inside <= y1 <= y + dh + outside, (seed, box)


@pytest.mark.parametrize(
    "path",
    sorted((SAMPLES / "scans").glob("*.jpg")) + sorted((SAMPLES / "id").glob("*.jpg")),
    ids=lambda p: p.name,
)
def test_a_page_that_is_the_document_is_never_cut(path: Path) -> None:
    """Invoice scans (A4, printed edge to edge) and cards scanned to their own size."""
    grey = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    dpi = Image.open(path).info.get("dpi", (None,))[0]
    assert document_on_glass(grey, dpi) is None


def test_a_receipt_on_the_glass_is_not_an_identity_document() -> None:
    """A till receipt (80 mm wide, 200 mm long) alone on the glass: too long and narrow."""
    page = np.full((round(297 * MM), round(210 * MM)), 245, np.uint8)
    x, y, w, h = round(20 * MM), round(15 * MM), round(80 * MM), round(200 * MM)
    for i, row in enumerate(range(y, y + h, round(4 * MM))):
        page[row : row + round(2 * MM), x : x + w - round((i * 7 % 30) * MM)] = 40
    assert document_on_glass(page, DPI) is None


def test_an_untagged_page_of_a4_shape_is_taken_at_a4_size() -> None:
    assert page_dpi((3508, 2480), None) == pytest.approx(300, rel=0.01)
    assert page_dpi((1200, 1600), None) is None  # a photo's frame: no paper size
    assert page_dpi((1000, 1000), 200) == 200


def test_a_passport_scanned_open_on_a4_glass_reads_its_zone(tmp_path: Path, settings) -> None:
    """The tune style ``a4glass``: an open passport on a whole A4 scan (300 dpi), cut to the
    booklet and read as a passport page, its MRZ passing every check digit. A fixed seed:
    OCR on a freshly drawn page can miss a field, and a test must not fail by chance."""
    data, truth = idcorpus.make("passport", "a4glass", "one_line", random.Random("1/tune/30"))
    path = tmp_path / "passport.jpg"
    path.write_bytes(data)
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(path)
    record = result.record or {}
    fields = truth["fields"]
    assert result.doc_type == "passport"
    assert record.get("mrz_lines") == [fields["mrz_lines.0"], fields["mrz_lines.1"]]
    for name in ("document_number", "birth_date", "expiry_date", "tckn", "surname"):
        assert str(record.get(name)) == str(fields[name]), name


def test_a_turned_document_on_the_glass_is_turned_without_the_perspective_step() -> None:
    """With ``preprocess_perspective`` off no step cuts the document out, so ``orient`` must
    not leave its turn to that step: the whole page is turned as the document on it reads
    upright (it was never turned at all)."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    kind, turn = rng.choice(["front", "back", "passport"]), rng.choice([90, 180, 270])
    doc = scan.rotate(_document(kind, rng), rng.uniform(-2, 2))
    page = np.full((round(297 * MM), round(210 * MM)), rng.randint(238, 252), np.uint8)
    dh, dw = doc.shape
    y, x = rng.randint(0, page.shape[0] - dh), rng.randint(0, page.shape[1] - dw)
    page[y : y + dh, x : x + dw] = np.minimum(page[y : y + dh, x : x + dw], doc)
    page = scan.noise(page, rng, 4)
    turned = steps._turned(page, turn)
    state = PageState(dpi=DPI, target_dpi=300, languages="tur+eng", timeout_s=60.0)
    state.perspective_follows = False
    out, measured = steps.orient(turned, state)
    assert measured["on_glass"] and measured["rotated"] == 360 - turn, (seed, kind, turn)
    assert out.shape == page.shape and not state.orient_on_glass, (seed, kind, turn)
