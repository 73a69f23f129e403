"""Burn-in covers what it must (issue 15, part 3), checked with real Tesseract.

- Turkish capitals keep their marks outside the letter's body (the dots of İ/Ö/Ü, the
  breve of Ğ above, the cedilla of Ş/Ç below): burned with the word boxes OCR gives,
  none of the values is read again, and none of their marks is left above or below.
- The padding follows the font size: a value printed twice as large loses marks
  twice as far out.
- On a card, the ID photo, the signature and the MRZ band are burned.
``benchmarks/burn_in_check.py`` measures the same over the sample cards and invoices.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docpipe.ingest import ingest
from docpipe.kvkk import export
from docpipe.ocr.tesseract import ocr_words
from docpipe.redact.photo import find_photo_regions
from docpipe.redact.regions import card_regions
from docpipe.settings import load_settings
from docpipe.text.turkish import fold
from tests.conftest import SAMPLES

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
VALUES = ("ÖZÇELİK", "ŞÜKRAN GÖZDE", "İĞDİR", "GÜLŞEN")


def _page(size: int) -> tuple[np.ndarray, list[list[float]]]:
    """A white page with a small label above each value, as on a card, and each value's
    box fitted to its letters' bodies (the box OCR gives a word whose dots, breve or
    cedilla came apart from it on a binarised scan)."""
    font, small = ImageFont.truetype(FONT, size), ImageFont.truetype(FONT, size // 2)
    image = Image.new("L", (size * 16, size * 3 * len(VALUES) + size), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    for i, value in enumerate(VALUES):
        y = size // 2 + i * size * 3
        draw.text((size, y), "Soyadı / Surname", font=small, fill=60)
        draw.text((size, y + size), value, font=font, fill=0)
        bodies = Image.new("L", image.size, 255)  # the same letters without their marks
        ImageDraw.Draw(bodies).text((size, y + size), fold(value).upper(), font=font, fill=0)
        ys, xs = np.nonzero(np.array(bodies) < 128)
        boxes.append([float(xs.min()), float(ys.min()), float(xs.max() + 1), float(ys.max() + 1)])
    return np.array(image), boxes


def _read(image: np.ndarray) -> str:
    return fold(" ".join(w.text for w in ocr_words(image, psm=11)))


def _ink(grey: np.ndarray) -> np.ndarray:
    return grey < 128


def _marks_left(image: np.ndarray, boxes: list[list[float]], covered: np.ndarray) -> int:
    """Dark pixels of marks within 0.45 of a box's height above or below it, inside its
    columns, not reaching the band's far edge (the label above is not the value's),
    that ``covered`` (where the burn-in painted) leaves."""
    left = 0
    for box in boxes:
        x0, y0, x1, y1 = (int(v) for v in box)
        band = round(0.45 * (y1 - y0))
        top, bottom = max(0, y0 - band), min(image.shape[0], y1 + band)
        marks = _ink(image[top:bottom, x0:x1]).astype(np.uint8)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
        for i in range(1, count):
            _, y, _, h, _ = (int(v) for v in stats[i])
            if y == 0 or y + h >= bottom - top:
                continue  # reaches the band's edge: the next line's, not the value's
            mask = labels == i
            mask[y0 - top : y1 - top] = False
            left += int(np.count_nonzero(mask & ~covered[top:bottom, x0:x1]))
    return left


def _covered(shape: tuple[int, ...], boxes: list[list[float]]) -> np.ndarray:
    return export.burn(np.full(shape, 255, np.uint8), boxes, scale=1.0) == 0


@pytest.mark.parametrize("size", [28, 56])
def test_turkish_marks_and_values_are_gone(size: int) -> None:
    image, boxes = _page(size)
    nothing = np.zeros(image.shape, bool)
    assert _marks_left(image, boxes, nothing) > 0  # the test can fail: marks lie outside
    assert all(fold(v.split()[0]) in _read(image) for v in VALUES)  # and OCR reads them
    assert _marks_left(image, boxes, _covered(image.shape, boxes)) == 0
    text = _read(export.burn(image, boxes, scale=1.0))
    assert [v for v in VALUES if any(fold(w) in text for w in v.split())] == []
    assert "surname" in text  # the labels (not personal) are still there


def test_padding_scales_with_the_font_size() -> None:
    boxes = [[100.0, 100.0, 200.0, 120.0], [100.0, 300.0, 300.0, 340.0]]
    burned = export.burn(np.full((500, 500), 255, np.uint8), boxes, scale=1.0)
    rows = np.flatnonzero(burned[:, 150] == 0)
    small = rows[rows < 200]
    large = rows[rows >= 200]
    above_small, above_large = 100 - small.min(), 300 - large.min()
    assert above_small >= 0.4 * 20 and above_large >= 0.4 * 30  # a share of the font size
    assert above_large > above_small


@pytest.fixture(scope="module")
def card_front() -> tuple[np.ndarray, np.ndarray]:
    """The ID card sample's front, in OCR's frame, unburned and burned (no value boxes)."""
    frame, burned, _ = _burn_card_regions("kimlik_01_front.jpg")
    return frame, burned


def _burn_card_regions(name: str) -> tuple[np.ndarray, np.ndarray, str]:
    """A card sample in OCR's frame, burned over its card regions only (MRZ band,
    signature, photo), and the text OCR read unburned."""
    settings = load_settings()
    path = SAMPLES / "id" / name
    page = ingest(path, settings, path.read_bytes()).pages[0]
    assert page.image is not None
    frame, _ = export.frame(page.image, page.dpi, settings)
    text, spans, pos = "", [], 0
    for w in ocr_words(frame, psm=11):
        spans.append((pos, pos + len(w.text), w.bbox))
        text += w.text + " "
        pos += len(w.text) + 1
    burned = export._burned_image_page(page, card_regions(text, spans), settings)
    return frame, burned, text


def test_card_photo_and_signature_are_burned(card_front: tuple[np.ndarray, np.ndarray]) -> None:
    frame, burned = card_front
    photos = find_photo_regions(frame)
    assert len(photos) == 1, "the card's photo is found in the frame the page is burned in"
    x0, y0, x1, y1 = photos[0]
    assert np.mean(burned[y0:y1, x0:x1] < 40) > 0.95
    # the signature: drawn under the "İmza / Signature" label, left of the values
    h, w = frame.shape[:2]
    area = (slice(int(0.8 * h), h), slice(0, int(0.3 * w)))
    assert np.count_nonzero(_ink(frame[area])) > 200  # there is one to burn
    assert np.count_nonzero(_ink(burned[area]) & (burned[area] > 40)) < 20


def test_mrz_band_is_burned() -> None:
    _, burned, text = _burn_card_regions("kimlik_01_back.jpg")
    assert "<<" in text  # the test can fail: the MRZ is legible unburned
    reread = [w.text for w in ocr_words(burned, psm=11)]
    assert "<<" not in " ".join(reread)
    assert "TUR" not in " ".join(t for t in reread if len(t) > 12)


def test_no_regions_without_mrz_or_signature() -> None:
    words = [(0, 5, (10.0, 10.0, 60.0, 30.0)), (6, 11, (70.0, 10.0, 120.0, 30.0))]
    assert card_regions("Fatur Tutar", words) == []


def test_a_photographed_card_keeps_no_mrz_ink_once_burned(tmp_path) -> None:
    """The photographed card back, through the pipeline (the boxes `export --redacted-pdf`
    and the API burn): no ink of any MRZ word is left and OCR reads no MRZ part again.
    ``burn_in_check`` once counted this band as left: Tesseract's box of its first line
    reaches 2.5 line heights up onto blank paper the band (rightly) leaves unburned."""
    import re

    from docpipe.pipeline import Pipeline
    from docpipe.store import Store

    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'd.db'}")
    path = SAMPLES / "photos" / "kimlik_03_back_photo.jpg"
    with Pipeline(settings) as pipeline:
        result = pipeline.process(path)
    with Store(settings.database_url) as store:
        boxes = (store.redaction_boxes(result.document_id or 0) or {}).get(1, [])
    page = ingest(path, settings, path.read_bytes()).pages[0]
    assert page.image is not None
    frame, _ = export.frame(page.image, page.dpi, settings)
    burned = export._burned_image_page(page, boxes, settings)
    grey_frame, grey_burned = (
        cv2.cvtColor(i, cv2.COLOR_RGB2GRAY) if i.ndim == 3 else i for i in (frame, burned)
    )
    mrz = [w for w in ocr_words(grey_frame, psm=11) if re.fullmatch(r"[A-Z0-9<]{20,}", w.text)]
    assert len(mrz) >= 2  # the test can fail: the MRZ is legible unburned
    for word in mrz:
        x0, y0, x1, y1 = (max(0, int(v)) for v in word.bbox)
        left = _ink(grey_frame[y0:y1, x0:x1]) & (grey_burned[y0:y1, x0:x1] >= 40)
        assert np.count_nonzero(left) <= 3
    assert "<<" not in " ".join(w.text for w in ocr_words(grey_burned, psm=11))
