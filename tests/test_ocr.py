"""Real Tesseract: words with boxes and confidences; the MRZ band re-read with its alphabet."""

from __future__ import annotations

import json
import random
from pathlib import Path

import cv2
import numpy as np

from docpipe.ingest import ingest
from docpipe.ocr.tesseract import detect_orientation, ocr_words
from docpipe.read import read_text
from docpipe.settings import Settings, load_settings
from samplegen.idcard import card_back
from samplegen.identity import random_person, td1

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def test_words_have_boxes_and_confidences() -> None:
    image = np.full((120, 700), 255, np.uint8)
    cv2.putText(image, "FATURA 2024", (20, 80), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    words = ocr_words(image, dpi=300, scale=0.5)
    assert [w.text for w in words] == ["FATURA", "2024"]
    for w in words:
        assert 0 < w.conf <= 1
        assert 0 <= w.x0 < w.x1 <= 350 and 0 <= w.y0 < w.y1 <= 60  # scaled by 0.5


def test_blank_image_has_no_words_and_no_orientation() -> None:
    blank = np.full((400, 400), 255, np.uint8)
    assert ocr_words(blank) == ()
    assert detect_orientation(blank) is None


def test_card_back_mrz_is_read_exactly(settings: Settings) -> None:
    """The MRZ band is re-read with A-Z0-9< only: one word per line, exact characters."""
    truth = json.loads((SAMPLES / "id/kimlik_01_back.truth.json").read_text(encoding="utf-8"))
    doc = read_text(ingest(SAMPLES / "id/kimlik_01_back.jpg", settings), settings)
    lines = [w.text for w in doc.pages[0].words if "<" in w.text]
    assert lines == [truth["fields"][f"mrz_lines.{i}"] for i in range(3)]
    page = doc.pages[0]
    assert page.text_source == "ocr"
    assert {s.name for s in page.preprocessing} >= {"orient", "deskew", "resample"}
    assert (page.width, page.height) == (page.image.shape[1], page.image.shape[0])


def test_ocr_off_leaves_images_unread(tmp_path: Path) -> None:
    person = random_person(random.Random(9))
    path = tmp_path / "back.png"
    cv2.imwrite(str(path), card_back(person, 300)[:, :, ::-1])
    off = load_settings(ocr=False, store_results=False)
    doc = read_text(ingest(path, off), off)
    assert not doc.pages[0].has_text
    assert td1(person)[0].startswith("I<TUR")


# -- second look: words the Turkish model misreads, rules read as "|" -----------------------
from docpipe.document import Word  # noqa: E402
from docpipe.ocr.refine import reread_suspects, strip_rule_glyphs  # noqa: E402
from docpipe.ocr.tesseract import check_tesseract  # noqa: E402


def _rendered(text: str) -> tuple[np.ndarray, list[tuple[str, tuple[float, ...]]]]:
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=300, height=80)
    page.insert_text((20, 50), text, fontsize=18, fontname="helv")
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    image = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w).copy()
    k = 300 / 72
    words = [(w[4], (w[0] * k, w[1] * k, w[2] * k, w[3] * k)) for w in page.get_text("words")]
    return image, words


def test_a_percentage_read_as_digits_is_read_again_with_the_english_model() -> None:
    """tur has no "%": "%20" comes out as "9620"; the second look gives "%20" back."""
    image, boxes = _rendered("KDV %20 Tutar")
    words = tuple(
        Word("9620" if text == "%20" else text, box, 0.9)  # type: ignore[arg-type]
        for text, box in boxes
    )
    fixed = reread_suspects(image, words, exe=check_tesseract("eng"), dpi=300, timeout_s=30)
    assert [w.text for w in fixed] == ["KDV", "%20", "Tutar"]


def test_a_second_look_never_changes_the_number() -> None:
    """A re-reading that disagrees with the digits first read is not taken."""
    image, boxes = _rendered("KDV %20 Tutar")
    words = tuple(
        Word("9635" if text == "%20" else text, box, 0.9)  # type: ignore[arg-type]
        for text, box in boxes
    )
    fixed = reread_suspects(image, words, exe=check_tesseract("eng"), dpi=300, timeout_s=30)
    assert [w.text for w in fixed] == ["KDV", "9635", "Tutar"]


def test_rule_glyphs_are_stripped() -> None:
    words = (Word("Ay|", (0, 0, 10, 10), 0.9), Word("|", (12, 0, 14, 10), 0.9))
    assert [w.text for w in strip_rule_glyphs(words)] == ["Ay"]
