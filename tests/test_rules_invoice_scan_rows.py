"""Line items of scanned invoices (OCR words, confidence below 1): a figure that straddles
the row cut, a figure misread by one digit that the row's arithmetic mends, a description
printed twice and read with a letter apart, and the unit read into the description."""

from __future__ import annotations

from decimal import Decimal

from docpipe.document import Page, Word
from docpipe.extract.rules.cells import clean_unit
from docpipe.extract.rules.table import read_table
from docpipe.ocr.numbers import mend_numbers
from docpipe.text.layout import page_lines

CHAR, SPACE, HEIGHT = 4.0, 2.0, 8.3


def _page(cells: list[tuple[float, float, str]], conf: float = 0.93) -> Page:
    """A page of (x, y, text) cells as OCR read them (``conf`` 1.0: a text layer)."""
    words: list[Word] = []
    for x, y, text in cells:
        for token in text.split():
            w = CHAR * len(token)
            words.append(Word(token, (x, y, x + w, y + HEIGHT), conf))
            x += w + SPACE
    source = "text" if conf >= 1.0 else "ocr"
    return Page(number=1, width=596.0, height=842.0, words=tuple(words), text_source=source)


_HEADER = [
    (20, 180, "Açıklama"),
    (200, 180, "Miktar"),
    (260, 180, "Birim Fiyat"),
    (340, 180, "KDV Oranı"),
    (410, 180, "KDV Tutarı"),
    (500, 180, "Tutar"),
]


def _items(cells: list[tuple[float, float, str]], conf: float = 0.93) -> list[dict]:
    table = read_table([page_lines(_page(_HEADER + cells, conf))])
    return [{k: f.value for k, f in item.items()} for item in table.items]


def test_a_wrapped_kdv_amount_that_starts_in_the_row_above_goes_back_to_its_row() -> None:
    # the second row's KDV amount 2.012,00 wraps in its narrow cell ("2.01" over "2,00")
    # and, centred in a tall row, starts on the first row's last line
    cells = [
        (20, 200, "Öğle yemeği servisi"),
        (200, 200, "47"),
        (260, 200, "136,00"),
        (340, 200, "%10"),
        (410, 200, "639,20"),
        (500, 200, "6.392,00"),
        (410, 210, "2.01"),
        (20, 222, "Otel konaklama hizmeti"),
        (200, 222, "8"),
        (260, 222, "2.515,00"),
        (340, 222, "%10"),
        (410, 221, "2,00"),
        (500, 222, "20.120,00"),
    ]
    items = _items(cells)
    assert [it.get("kdv_amount") for it in items] == [Decimal("639.20"), Decimal("2012.00")]


def test_a_figure_misread_by_one_digit_is_mended_by_the_rows_arithmetic() -> None:
    cells = [
        (20, 200, "Laminat parke"),
        (200, 200, "2"),
        (260, 200, "22.245,22"),
        (340, 200, "%10"),
        (410, 200, "4.449,04"),
        (500, 200, "4.490,44"),  # 44.490,44 with a digit lost
    ]
    [item] = _items(cells)
    assert item["amount"] == Decimal("44490.44")
    assert item["kdv_amount"] == Decimal("4449.04")
    # a text layer is exact: a wrong amount there is the validator's to flag
    [item] = _items(cells, conf=1.0)
    assert item["amount"] == Decimal("4490.44")


def test_a_figure_far_from_the_arithmetic_is_left_as_read() -> None:
    cells = [
        (20, 200, "Laminat parke"),
        (200, 200, "2"),
        (260, 200, "22.245,22"),
        (340, 200, "%10"),
        (410, 200, "4.449,04"),
        (500, 200, "31.000,00"),  # no misreading of 44.490,44: two figures disagree
    ]
    [item] = _items(cells)
    assert item["amount"] == Decimal("31000.00")


def test_a_description_printed_twice_and_read_a_letter_apart_is_kept_once() -> None:
    words = [
        Word("Buğday", (20, 200, 44, 208.3), 0.97),
        Word("unu", (46, 200, 58, 208.3), 0.97),
        Word("(Tip", (60, 200, 76, 208.3), 0.97),
        Word("550)", (78, 200, 94, 208.3), 0.97),
        Word("Buğday", (100, 200, 124, 208.3), 0.96),
        Word("unu", (126, 200, 138, 208.3), 0.96),
        Word("(Tıp", (140, 200, 156, 208.3), 0.90),
        Word("550)", (158, 200, 174, 208.3), 0.96),
    ]
    figures = _page([(200, 200, "16"), (260, 200, "862,00"), (340, 200, "%1"),
                     (410, 200, "137,92"), (500, 200, "13.792,00")])  # fmt: skip
    header = _page(_HEADER)
    words = header.words + tuple(words) + figures.words
    page = Page(number=1, width=596.0, height=842.0, words=words, text_source="ocr")
    [item] = read_table([page_lines(page)]).items
    assert item["description"].value == "Buğday unu (Tip 550)"


def test_the_unit_read_into_the_description_is_the_unit() -> None:
    cells = [
        (20, 200, "Kırmızı mercimek"),
        (150, 200, "KG"),
        (200, 200, "40"),
        (260, 200, "78,00"),
        (340, 200, "%1"),
        (410, 200, "31,20"),
        (500, 200, "3.120,00"),
    ]
    [item] = _items(cells)
    assert (item["description"], item["unit"]) == ("Kırmızı mercimek", "KG")
    # a unit word inside the text ("… 5 Litre") stays there
    [item] = _items([(20, 200, "Zeytinyağı teneke 5 Litre"), *cells[2:]])
    assert item["description"] == "Zeytinyağı teneke 5 Litre"


def test_units_one_letter_off_are_read_back() -> None:
    assert clean_unit("Adel") == "Adet"
    assert clean_unit("LI") == "Lt"
    assert clean_unit("Kutu") == "Kutu"
    assert clean_unit("Kalem") == "Kalem"  # no unit one letter away


def _word(text: str, x: float) -> Word:
    return Word(text, (x, 100, x + 4 * len(text), 108), 0.9)


def test_a_gib_invoice_numbers_series_read_as_digits_is_letters_again() -> None:
    def mended(*texts: str) -> list[str]:
        x, words = 10.0, []
        for t in texts:
            words.append(_word(t, x))
            x += 4 * len(t) + 3
        return [w.text for w in mend_numbers(tuple(words))]

    assert mended("G1B2024000003993") == ["GIB2024000003993"]
    assert mended("1L12023000033589") == ["ILI2023000033589"]
    assert mended("(G1B2024000003993") == ["GIB2024000003993"]
    # a series of digits only: after a number label, and never one with a 0 (a MERSİS no)
    assert mended("Fatura", "No:", "1512025000008164") == ["Fatura", "No:", "ISI2025000008164"]
    assert mended("1512025000008164") == ["1512025000008164"]
    assert mended("Mersis", "No:", "0999201195000017") == ["Mersis", "No:", "0999201195000017"]


def test_a_kdv_rate_whose_percent_ocr_read_as_96_is_read_beside_another_rate() -> None:
    from docpipe.extract.rules.totals import totals_fields

    cells = [
        (380, 500, "Mal Hizmet Toplam Tutarı"),
        (500, 500, "91.422,16 TL"),
        (380, 512, "Hesaplanan KDV(9610)"),
        (500, 512, "1.020,28 TL"),
        (380, 524, "Hesaplanan KDV(% 20)"),
        (500, 524, "15.444,24 TL"),
    ]
    found = totals_fields(page_lines(_page(cells)), None)
    got = {k: v.value for k, v in found.items() if k.startswith("kdv.")}
    assert got["kdv.0.rate"] == Decimal(10)
    assert got["kdv.0.amount"] == Decimal("1020.28")
    assert got["kdv.1.rate"] == Decimal(20)
