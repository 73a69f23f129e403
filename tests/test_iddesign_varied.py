"""Varied identity designs (``iddesign.random_design(varied=True)``): what the published
specimens vary beyond the label set-up, drawn so that plain designs stay as they were, and
read like the plain ones."""

from __future__ import annotations

import dataclasses
import random

import cv2
import pytest

from docpipe.ocr.mrz import reread_mrz
from docpipe.ocr.tesseract import ocr_words
from docpipe.validate.mrz import repair_mrz
from samplegen import idcorpus, iddesign
from samplegen.iddesign import OCR_B
from samplegen.identity import random_person, td1, td3
from tests.conftest import fresh_seed

_PLAIN = {
    "label_ink": None,
    "value_grey": 0.1,
    "mrz_panel": True,
    "mrz_pitch": 0.0,
    "ghost_over": False,
}


def test_a_varied_design_is_the_plain_one_with_its_variations_drawn_after() -> None:
    """The variations are drawn after every plain choice: the same seed gives the same
    plain design, varied or not, so documents measured before stay as they were."""
    seed = fresh_seed(__name__)
    layout = random.Random(seed).choice(("one_line", "two_lines", "wrapped"))
    plain = iddesign.random_design(random.Random(seed), label_layout=layout)
    varied = iddesign.random_design(random.Random(seed), label_layout=layout, varied=True)
    assert dataclasses.replace(varied, **_PLAIN) == plain, seed
    assert {k: getattr(plain, k) for k in _PLAIN} == _PLAIN, seed
    assert varied.label_ink in iddesign.LABEL_INKS and varied.mrz_pitch > 0, seed


def test_every_kind_is_varied_on_the_tune_split_and_none_held_out() -> None:
    seed = fresh_seed(__name__, 1, 10**4)
    tune = list(idcorpus.plan("tune", 48, seed))
    varied = {kind for _, kind, _, layout, _ in tune if layout.endswith(idcorpus.VARIED)}
    assert varied == set(idcorpus.KINDS), seed
    held = idcorpus.plan("heldout", 48, seed)
    assert not any(idcorpus.VARIED in layout for _, _, _, layout, _ in held), seed


@pytest.mark.skipif(not OCR_B.is_file(), reason="the OCR-B font (fonts-ocr-b) is not installed")
@pytest.mark.parametrize("kind", ["back", "passport"])
def test_a_zone_on_the_security_print_at_its_own_pitch_is_read(kind: str) -> None:
    """The zone printed on the guilloche, no plain panel, at the design's line pitch: its
    re-reading passes every check digit and gives the zone's data rows."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    design = dataclasses.replace(
        iddesign.random_design(rng, label_layout="one_line", varied=True), mrz_panel=False
    )
    passport = kind == "passport"
    person = random_person(rng, passport=passport)
    draw = iddesign.passport_page if passport else iddesign.card_back
    grey = cv2.cvtColor(draw(person, design, rng, 300), cv2.COLOR_RGB2GRAY)
    words = ocr_words(grey, languages="tur+eng", dpi=300, psm=11)
    again = reread_mrz(grey, words, dpi=300, scale=1.0, timeout_s=60, search=True)
    rows = sorted((w for w in again if w.block == 900), key=lambda w: w.y0)
    # the number as the card prints it beside the zone (the pipeline passes it too): G and
    # 6 (or A and 0) weigh the same modulo 10, so no check digit tells them apart
    prefer = {"document_number": person.document_number}
    repaired = repair_mrz([w.text for w in rows], prefer=prefer)
    assert repaired is not None and repaired.mrz.valid, (seed, [w.text for w in rows])
    lines = td3(person) if passport else td1(person)
    data = slice(1, 2) if passport else slice(0, 2)
    assert repaired.lines[data] == lines[data], seed
