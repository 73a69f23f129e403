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


# -- a full page's words as the rules see them: graphics out, amounts mended, font boxes ---
from docpipe.document import Page  # noqa: E402
from docpipe.ocr.boxes import font_boxes  # noqa: E402
from docpipe.ocr.noise import drop_noise  # noqa: E402
from docpipe.ocr.numbers import mend_numbers  # noqa: E402
from docpipe.text.layout import page_lines  # noqa: E402


def _text_lines(n: int = 12, top: float = 100.0) -> list[Word]:
    """Confident text: n lines of three words, 25 px tall, 40 px apart."""
    words = []
    for i in range(n):
        y = top + 40 * i
        for j, text in enumerate(("Vergi", "Dairesi:", "GÖKPINAR")):
            words.append(Word(text, (100 + 130 * j, y, 210 + 130 * j, y + 25), 0.95))
    return words


def test_words_read_out_of_a_logo_are_dropped_and_text_beside_it_stays() -> None:
    text = _text_lines()
    rng = random.Random(13)
    logo = []  # a scatter of short low-confidence "words" in a logo's ring, far right
    for i, t in enumerate(("we", "Mariya", "<a", "Ceres)", "8%", "ath,")):
        x = 1200 + rng.uniform(0, 150)
        logo.append(Word(t, (x, 150 + 30 * i, x + 40, 175 + 30 * i), rng.uniform(0.05, 0.55)))
    sliver = Word("a", (600, 90, 720, 91), 0.01)  # a rule's frayed edge
    shaky = Word("Pamukkale", (490, 100, 600, 125), 0.55)  # misread, but among text
    number = Word("60562980332", (100, 700, 270, 725), 0.4)  # a poorly read number stays
    kept = drop_noise((*text, *logo, sliver, shaky, number))
    assert set(kept) == {*text, shaky, number}


def test_a_page_without_enough_text_is_left_alone() -> None:
    words = tuple(Word("ea", (10 * i, 0, 10 * i + 8, 20), 0.2) for i in range(5))
    assert drop_noise(words) == words


def test_amounts_split_by_ocr_spaces_are_joined() -> None:
    def w(text: str, x0: float, x1: float) -> Word:
        return Word(text, (x0, 100, x1, 130), 0.9)

    cases = {
        ("132416,", "00"): ["132416,00"],  # the comma's bearing read as a space
        ("23.487", ",6C"): ["23.487,60"],  # ... and a 0 read as C
        ("1", "234,56"): ["1234,56"],  # a lost thousands dot
        ("No:194",): ["No:194"],
        ("%20,0C",): ["%20,00"],
        ("1O0,5O",): ["100,50"],
        ("SOS",): ["SOS"],  # a word, not a number
        ("1.389.33",): ["1.389,33"],  # the decimal comma read as a dot behind thousands
        ("39,471,00",): ["39.471,00"],  # ... the dots read as commas
        ("33.40",): ["33.40"],  # one dot: a decimal point, left to the number parser
        ("15.01.2024",): ["15.01.2024"],  # a date is no amount
        ("£AR2025000023520",): ["EAR2025000023520"],  # a series letter read as a symbol
        ("ef57bbde-3e10-406b-92e0-4e76{303931b",): ["ef57bbde-3e10-406b-92e0-4e76f303931b"],
        ("ef57bbde-3e10-406b-92e0-4e76f303931b",): ["ef57bbde-3e10-406b-92e0-4e76f303931b"],
        ("2024",): ["2024"],
    }
    for parts, expected in cases.items():
        words, x = [], 0.0
        for part in parts:
            words.append(w(part, x, x + 20 * len(part)))
            x += 20 * len(part) + 8
        assert [m.text for m in mend_numbers(tuple(words))] == expected, parts
    far = (w("1", 0, 15), w("234,56", 80, 180))  # a column apart: two cells
    assert [m.text for m in mend_numbers(far)] == ["1", "234,56"]


def test_ocr_boxes_get_the_text_layers_line_height_and_word_spacing() -> None:
    """On a text layer a line's words share top and bottom and a word gap is ~0.23 of
    the line height; Tesseract's ink boxes differ per glyph and leave wider gaps."""
    words = []
    for i in range(12):
        y = 100 + 60 * i
        x = 100.0
        for text, top, bottom in (("Buğday", 0, 38), ("unu", 7, 30), ("-", 17, 21), ("50", 1, 30)):
            width = 18 * len(text)
            words.append(Word(text, (x, y + top, x + width, y + bottom), 0.95))
            x += width + 15  # 0.39 of the 38 px line
    page = Page(number=1, width=1000, height=1000, unit="px", words=tuple(words))
    boxed = font_boxes(page)
    for line in page_lines(Page(number=1, width=1000, height=1000, unit="px", words=boxed)):
        assert len({(w.y0, w.y1) for w in line.words}) == 1
        gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:], strict=False)]
        assert all(abs(g / 38 - 0.23) < 0.02 for g in gaps)
        assert [r.text for r in line.segments(gap_factor=0.3)] == ["Buğday unu - 50"]


def test_an_ocr_read_unit_gets_its_look_alike_letter_back() -> None:
    from docpipe.extract.rules.cells import clean_unit

    assert clean_unit("It") == "Lt"  # an L's foot lost
    assert clean_unit("Adet.") == "Adet"  # a speck read as a dot
    assert clean_unit("Pakel") == "Paket"  # one letter off, and only Paket is that near
    assert clean_unit("Kablo") == "Kablo"  # no unit one letter away: left as read
    assert clean_unit("Kg") == "Kg"


def test_an_ocr_read_company_name_gets_its_legal_form_spelled_in_full() -> None:
    from docpipe.text.diacritics import restore_legal_form

    assert restore_legal_form("YILDIZ PAZARLAMA AŞ.") == "YILDIZ PAZARLAMA A.Ş."  # a dot lost
    assert restore_legal_form("GÜNEY ISITMA LTD. ŞTİ") == "GÜNEY ISITMA LTD. ŞTİ."
    assert restore_legal_form("Deniz Ltd. Sti") == "Deniz Ltd. Şti."  # the mark lost too
    assert restore_legal_form("Kara Tic. A.Ş.") == "Kara Tic. A.Ş."
    assert restore_legal_form("Ayşe Kasa") == "Ayşe Kasa"  # no legal form: unchanged


def test_an_ocr_read_amount_in_words_gets_its_currency_words_respelled() -> None:
    from docpipe.text.diacritics import respell_number_words

    read = "Yalniz otuz bes bin Turk Lirasi"
    assert respell_number_words(read) == "Yalnız otuz beş bin Türk Lirası"
