"""The MRZ band read again straightened when its rows slant (a photo's residual tilt), and
found by its shape on a card-sized page whose first reading saw no zone row at all."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docpipe.document import Word
from docpipe.ocr.mrz import fillers_by_shape, reread_mrz
from docpipe.ocr.tesseract import ocr_words
from docpipe.text.turkish import fold
from docpipe.validate.mrz import repair_mrz
from samplegen import idcorpus, iddesign
from samplegen.iddesign import OCR_B
from samplegen.identity import random_person, td1, td3
from tests.conftest import fresh_seed


def _slanted_zone(lines: list[str], angle: float) -> np.ndarray:
    """The zone in OCR-B on a pale strip, turned by ``angle`` degrees."""
    font = ImageFont.truetype(str(OCR_B), 40)
    width = 40 + 29 * len(lines[0]) + 40
    strip = Image.new("L", (width, 120 + 62 * len(lines)), 245)
    draw = ImageDraw.Draw(strip)
    for i, line in enumerate(lines):
        draw.text((40, 60 + 62 * i), line, font=font, fill=20)
    grey = np.array(strip)
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)


# fixed draws (Tesseract's reading of a given image is deterministic): a TD3 and a TD1
# zone slanted 3-6 degrees either way, which the first sparse reading breaks into fragments
@pytest.mark.skipif(not OCR_B.is_file(), reason="the OCR-B font (fonts-ocr-b) is not installed")
@pytest.mark.parametrize("seed", [1, 4, 5, 6, 7])
def test_a_slanted_zone_is_read_straightened(seed: int) -> None:
    rng = random.Random(seed)
    passport = rng.random() < 0.5
    person = random_person(rng, passport=passport)
    lines = td3(person) if passport else td1(person)
    angle = rng.uniform(3, 6) * rng.choice((-1, 1))
    image = _slanted_zone(lines, angle)
    words = ocr_words(image, languages="tur+eng", dpi=300, psm=11)
    again = reread_mrz(image, words, dpi=300, scale=1.0, timeout_s=60)
    rows = [w for w in again if w.block == 900]
    repaired = repair_mrz([w.text for w in sorted(rows, key=lambda w: w.y0)])
    assert repaired is not None and repaired.mrz.valid
    data = slice(1, 2) if passport else slice(0, 2)  # the rows the check digits cover
    assert repaired.lines[data] == lines[data]
    assert repaired.mrz.tckn == person.tckn


def _page(kind: str, rng: random.Random) -> np.ndarray:
    """A drawn document's page in grey, a little turned, with a lamp's glare somewhere."""
    design = iddesign.random_design(rng, label_layout="one_line")
    person = random_person(rng, passport=kind == "passport")
    draw = {"passport": iddesign.passport_page, "back": iddesign.card_back}
    rgb = draw.get(kind, iddesign.card_front)(person, design, rng, 300)
    rgb = idcorpus.glare(rgb, rng)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-3, 3), 1.0)
    grey = cv2.warpAffine(grey, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)
    return grey


@pytest.mark.skipif(not OCR_B.is_file(), reason="the OCR-B font (fonts-ocr-b) is not installed")
@pytest.mark.parametrize("kind", ["passport", "back"])
def test_a_zone_the_first_reading_missed_is_found_by_its_shape(kind: str) -> None:
    """No MRZ-like row in the first reading (glare, slant): the page's image is searched for
    the band, and its reading is the zone: its rows, check digits passing (the glare may
    still cost a letter where it is brightest: a document code's)."""
    seed = fresh_seed(__name__)
    image = _page(kind, random.Random(seed))
    assert reread_mrz(image, (), dpi=300, scale=1.0, timeout_s=60) == ()  # no search
    again = reread_mrz(image, (), dpi=300, scale=1.0, timeout_s=60, search=True)
    rows = sorted((w for w in again if w.block == 900), key=lambda w: w.y0)
    assert len(rows) == (2 if kind == "passport" else 3), seed
    repaired = repair_mrz([w.text for w in rows])
    assert repaired is not None and sum(repaired.mrz.checks.values()) >= 3, seed
    assert repaired.mrz.birth() is not None and repaired.mrz.expiry() is not None, seed


def test_a_card_front_has_no_zone_to_find() -> None:
    """The search finds no zone where none is printed: a card's front gives no words."""
    seed = fresh_seed(__name__)
    image = _page("front", random.Random(seed))
    assert reread_mrz(image, (), dpi=300, scale=1.0, timeout_s=60, search=True) == (), seed


@pytest.mark.skipif(not OCR_B.is_file(), reason="the OCR-B font (fonts-ocr-b) is not installed")
def test_a_filler_read_as_k_is_told_from_a_k_by_its_shape() -> None:
    """A zone's name row with fillers OCR read as ``K`` (``HUSEYINK<K<<``): each K among
    fillers that has no upright stem in the print is a ``<`` again, a name's own K
    (``BURAK<<``) stays."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    person = random_person(rng)
    surname = rng.choice(["OZTURK", "CELIK", "KOK", person.surname])
    given = rng.choice(["BURAK", "MELEK", "HUSEYIN", "AYSE<NUR"])
    printed = f"{fold(surname).upper()}<<{given}".ljust(30, "<")[:30]
    read = list(printed)
    for i in range(1, 29):
        if printed[i] != "<" or "<" not in printed[i - 1] + printed[i + 1]:
            continue  # a name's letter, or the one filler between two given names
        if printed[i - 1] != "<" and rng.random() < 0.7:
            read[i] = "K"  # the filler right after a name
        elif rng.random() < 0.2:
            read[i] = "K"  # one further on
    size = rng.randint(16, 44)
    font = ImageFont.truetype(str(OCR_B), size)
    strip = Image.new("L", (2 * size + size * 30, 3 * size), rng.randint(225, 250))
    ImageDraw.Draw(strip).text((size, size), printed, font=font, fill=rng.randint(10, 60))
    grey = np.array(strip)
    ys, xs = np.nonzero(grey < 128)
    word = Word("".join(read), (xs.min(), ys.min(), xs.max() + 1, ys.max() + 1), 0.8, 900)
    assert fillers_by_shape(grey, [word])[0].text == printed, (seed, "".join(read))
