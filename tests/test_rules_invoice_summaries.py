"""KDV per rate and the amount in words as designs the rules were not written against
print them (issue 13): the base and its KDV on the rate's line, a breakdown table under
its own header, the rate in a cell of its own, GİB's name of the KDV scheme, and kuruş in
figures after lira in words. Pages are built word by word as a design lays them out."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from docpipe.extract.rules.table import read_table
from docpipe.extract.rules.totals import totals_fields
from docpipe.text.layout import page_lines
from docpipe.text.numwords import words_to_number
from docpipe.validate.invoice import check_invoice
from tests.test_rules_invoice_layouts import _page
from tests.test_validate import GOOD

LINES = Decimal("1500.00")  # 1.000,00 at 20 % and 500,00 at 10 %
TWO_RATES = {
    "kdv.0.rate": Decimal("10"),
    "kdv.0.amount": Decimal("50.00"),
    "kdv.1.rate": Decimal("20"),
    "kdv.1.amount": Decimal("200.00"),
    "kdv_total": Decimal("250.00"),
}


def _read(cells: list[tuple[float, float, str]]) -> dict[str, object]:
    found = totals_fields(page_lines(_page(cells)), LINES)
    return {k: f.value for k, f in found.items()}


def _subset(read: dict[str, object], expected: dict[str, object]) -> None:
    assert {k: read.get(k) for k in expected} == expected


def test_base_and_kdv_on_the_rate_line_are_told_apart_by_arithmetic() -> None:
    read = _read(
        [
            (300, 500, "Mal Hizmet Toplam Tutarı"), (470, 500, "1.500,00"),
            (300, 510, "KDV %20"), (400, 510, "1.000,00"), (470, 510, "200,00"),
            (300, 520, "KDV %10"), (400, 520, "500,00"), (470, 520, "50,00"),
            (300, 535, "Genel Toplam"), (470, 535, "1.750,00"),
        ]
    )  # fmt: skip
    _subset(read, {**TWO_RATES, "kdv.0.base": Decimal("500.00"),
                   "kdv.1.base": Decimal("1000.00")})  # fmt: skip
    # an amount right of the KDV that base × rate does not give is not taken as it
    read = _read(
        [
            (300, 510, "KDV %20"), (400, 510, "200,00"), (470, 510, "1.750,00"),
            (300, 535, "Genel Toplam"), (470, 535, "1.750,00"),
        ]
    )  # fmt: skip
    _subset(read, {"kdv.0.rate": Decimal("20"), "kdv.0.amount": Decimal("200.00")})
    assert "kdv.0.base" not in read


@pytest.mark.parametrize("first", [None, "KDV"])
def test_a_breakdown_table_under_its_own_header_gives_each_rate(first: str | None) -> None:
    x = 300 if first is None else 340
    rows = [
        (x, 500, "KDV Oranı"), (x + 80, 500, "Matrah"), (x + 150, 500, "KDV Tutarı"),
        (x, 510, "%20"), (x + 80, 510, "1.000,00"), (x + 150, 510, "200,00"),
        (x, 520, "%10"), (x + 80, 520, "500,00"), (x + 150, 520, "50,00"),
        (300, 535, "Genel Toplam"), (x + 150, 535, "1.750,00"),
    ]  # fmt: skip
    if first:
        rows += [(300, 510, first), (300, 520, first)]
    read = _read(rows)
    _subset(read, {**TWO_RATES, "kdv.1.base": Decimal("1000.00")})


def test_an_item_row_is_no_breakdown_row() -> None:
    # description, rate, amount and its KDV: base × rate fits, but the row is an item
    read = _read(
        [
            (30, 500, "Vida seti"), (300, 500, "%20"), (400, 500, "1.000,00"),
            (470, 500, "200,00"),
            (30, 510, "2"), (300, 510, "%10"), (400, 510, "500,00"), (470, 510, "50,00"),
        ]
    )  # fmt: skip
    assert not any(k.startswith("kdv.") for k in read)


def test_a_rate_in_its_own_cell_and_the_gib_scheme_name() -> None:
    own_cell = _read(
        [
            (300, 510, "Hesaplanan KDV"), (400, 510, "(%20)"), (470, 510, "200,00"),
            (300, 520, "Hesaplanan KDV"), (400, 520, "(%10)"), (470, 520, "50,00"),
        ]
    )  # fmt: skip
    _subset(own_cell, TWO_RATES)
    scheme = _read(
        [
            (250, 510, "Hesaplanan GERÇEK USULDE KATMA DEĞER VERGİSİ(%20)"),
            (470, 510, "200,00"),
            (250, 520, "Hesaplanan GERÇEK USULDE KATMA DEĞER VERGİSİ(%10)"),
            (470, 520, "50,00"),
        ]
    )
    _subset(scheme, TWO_RATES)


def test_kuruş_in_figures_after_lira_in_words() -> None:
    assert words_to_number("Yalnız BinYediYüzElli TL 45 Kr.") == Decimal("1750.45")
    assert words_to_number("YALNIZ BİN YEDİ YÜZ ELLİ TÜRK LİRASI 5 KURUŞ") == Decimal("1750.05")
    assert words_to_number("Yalnız Bin Türk Lirası ve Kırk Beş Kuruş") == Decimal("1000.45")
    assert words_to_number("Yalnız: BinYediYüzElli TL KırkBeş Krş.") == Decimal("1750.45")
    record = copy.deepcopy(GOOD)  # total 469.99
    record["amount_in_words"] = "Yalnız DörtYüzAltmışDokuz TL 99 Kr."
    assert not [c for c in check_invoice(record) if not c.passed]
    record["amount_in_words"] = "Yalnız DörtYüzAltmışDokuz TL 90 Kr."
    assert [c.name for c in check_invoice(record) if not c.passed] == ["amount_in_words"]


def _items_page(rows: list[tuple[float, str, str, str, str]], after: list) -> list:
    cells = [(30, 200, "Açıklama"), (300, 200, "Miktar"), (380, 200, "Birim Fiyat"),
             (470, 200, "Tutar")]  # fmt: skip
    for y, text, qty, price, amount in rows:
        cells += [(30, y, text), (300, y, qty), (380, y, price), (470, y, amount)]
    return cells + after


def test_the_item_table_stops_at_words_after_a_label_and_at_a_kdv_breakdown() -> None:
    rows = [(212, "Vida seti", "2 Adet", "500,00", "1.000,00"),
            (224, "Somun", "1 Adet", "500,00", "500,00")]  # fmt: skip
    words = [(30, 240, "Yazı ile / In words: Yalnız Bin Yedi Yüz Elli TL"),
             (300, 240, "KDV Oranı / VAT"), (380, 240, "KDV Matrahı"), (470, 240, "KDV Tutarı"),
             (30, 250, "Tevkifat: 603 - Makine"), (300, 250, "20"), (380, 250, "1.000,00"),
             (470, 250, "200,00")]  # fmt: skip
    for after in (words, words[1:]):
        items = read_table([page_lines(_page(_items_page(rows, after)))]).items
        assert [it["description"].value for it in items] == ["Vida seti", "Somun"]
    # the bare rate of the breakdown under its Matrah header, left of it other text
    found = totals_fields(page_lines(_page(_items_page(rows, words))), LINES)
    assert (found["kdv.0.rate"].value, found["kdv.0.base"].value) == (20, Decimal("1000.00"))
    # a description that says "yalnız" does not end the table
    rows[1] = (224, "Somun, yalnız bir adet", "1 Adet", "500,00", "500,00")
    items = read_table([page_lines(_page(_items_page(rows, [])))]).items
    assert len(items) == 2


def test_rows_run_on_onto_a_page_without_a_header() -> None:
    first = _page(_items_page([(212, "Vida seti", "2 Adet", "500,00", "1.000,00")], []))
    second = _page(
        [
            (30, 40, "Somun (M8,"), (300, 45, "1 Adet"), (380, 45, "500,00"),
            (470, 45, "500,00"), (30, 49.5, "galvaniz)"),
            (300, 70, "Mal Hizmet Toplam Tutarı"), (470, 70, "1.500,00"),
        ]
    )  # fmt: skip
    items = read_table([page_lines(first), page_lines(second)]).items
    assert [(it["description"].value, it["amount"].value) for it in items] == [
        ("Vida seti", Decimal("1000.00")),
        ("Somun (M8, galvaniz)", Decimal("500.00")),
    ]
    # a next page with no rows under the columns (notes, bank details) adds none
    notes = _page([(30, 40, "IBAN: TR33 0006 1005 1978 6457 8413 26"), (30, 50, "Tel 4")])
    assert len(read_table([page_lines(first), page_lines(notes)]).items) == 1
    # nor does one after a page whose rows ended at a wide gap (blank ruled rows, then
    # the page's other boxes): what runs on there is another table's
    gap = _page(_items_page([(212, "Vida seti", "2 Adet", "500,00", "1.000,00")],
                            [(30, 400, "Teslim Eden")]))  # fmt: skip
    assert len(read_table([page_lines(gap), page_lines(second)]).items) == 1


def test_a_description_wrapped_after_a_hyphen_joins_without_a_space() -> None:
    rows = [(212, "Baldo pirinç, Osmancık-", "2 Adet", "500,00", "1.000,00"),
            (221.5, "Baldo karışımsız - 5 kg", "", "", "")]  # fmt: skip
    cells = [c for c in _items_page(rows, []) if c[2]]
    items = read_table([page_lines(_page(cells))]).items
    assert items[0]["description"].value == "Baldo pirinç, Osmancık-Baldo karışımsız - 5 kg"


def test_a_bilingual_kdv_label_and_a_rate_wrapped_under_its_cell() -> None:
    read = _read(
        [
            (300, 510, "Hesaplanan KDV / VAT"), (430, 510, "(%"), (470, 510, "200,00"),
            (430, 519, "20)"),
            (300, 530, "Hesaplanan KDV / VAT (%"), (470, 530, "50,00"),
            (376, 539, "10)"),
        ]
    )  # fmt: skip
    _subset(read, TWO_RATES)
    assert "withholding.amount" not in read


def test_a_rate_never_takes_an_amounts_figures_and_one_run_may_hold_base_and_kdv() -> None:
    read = _read(
        [
            (300, 510, "Hesaplanan KDV / VAT (% 1.767,25"), (376, 519, "10)"),
            (300, 530, "KDV %20"), (420, 530, "1.000,00  200,00"),
        ]
    )  # fmt: skip
    _subset(read, {"kdv.0.rate": Decimal("10"), "kdv.0.amount": Decimal("1767.25"),
                   "kdv.1.rate": Decimal("20"), "kdv.1.amount": Decimal("200.00"),
                   "kdv.1.base": Decimal("1000.00")})  # fmt: skip


def test_english_halves_wrapped_under_the_header_are_no_rows_text() -> None:
    cells = [
        (30, 200, "Mal /"), (300, 200, "Miktar /"), (380, 200, "Birim Fiyat /"),
        (470, 200, "Tutar /"),
        (30, 209, "Hizmet Item"), (300, 209, "Quantity"), (380, 209, "Unit Price"),
        (470, 209, "Amount"),
        (30, 218, "Name"),
        (30, 232, "Vida seti"), (300, 232, "2 Adet"), (380, 232, "500,00"),
        (470, 232, "1.000,00"),
    ]  # fmt: skip
    items = read_table([page_lines(_page(cells))]).items
    assert [it["description"].value for it in items] == ["Vida seti"]


def test_a_bare_rate_in_parentheses_or_beside_base_and_kdv_in_one_cell() -> None:
    read = _read(
        [
            (300, 510, "Hesaplanan KDV / VAT (10) 50,00 ABD Doları"),
            (300, 520, "KDV 20"), (420, 520, "1000,00 ₺  200,00 ₺"),
        ]
    )  # fmt: skip
    _subset(read, {**TWO_RATES, "kdv.1.base": Decimal("1000.00")})


def test_bottom_aligned_rows_and_a_percent_mark_wrapped_under_its_label() -> None:
    cells = [
        (30, 191, "Açıklama"), (250, 191, "Miktar"), (300, 191, "Birim Fiyat"),
        (360, 191, "İskonto %"), (360, 200, "/ Discount"), (360, 209, "%"),
        (420, 191, "İskonto"), (470, 191, "Tutar"),
        # cells aligned to the bottom of their rows, rows touching
        (30, 223, "Vida seti,"), (30, 232, "galvaniz,"), (30, 241, "M8 x 40"),
        (250, 241, "10"), (300, 241, "100,00"), (360, 241, "%10"), (420, 241, "100,00"),
        (470, 241, "900,00"),
        (30, 250, "Somun (M8),"), (30, 259, "galvaniz,"), (30, 268, "100'lü kutu"),
        (250, 268, "2"), (300, 268, "50,00"), (360, 268, "%0"), (420, 268, "0,00"),
        (470, 268, "100,00"),
    ]  # fmt: skip
    items = read_table([page_lines(_page(cells))]).items
    assert [(it["description"].value, it["discount"].value) for it in items] == [
        ("Vida seti, galvaniz, M8 x 40", Decimal("100.00")),
        ("Somun (M8), galvaniz, 100'lü kutu", Decimal("0.00")),
    ]


def test_a_breakdown_row_whose_kdv_is_wrong_is_read_as_printed_and_caught() -> None:
    """A KDV computed at another rate (the planted wrong_kdv) in a breakdown table: read
    as printed, so the KDV check names it instead of the row going unread."""
    cells = [
        (300, 500, "KDV Oranı"), (380, 500, "Matrah"), (450, 500, "KDV Tutarı"),
        (300, 510, "%1,00"), (380, 510, "300,00"), (450, 510, "60,00"),
    ]  # fmt: skip
    found = totals_fields(page_lines(_page(cells)), None)
    assert (found["kdv.0.rate"].value, found["kdv.0.amount"].value) == (1, Decimal("60.00"))
    record = copy.deepcopy(GOOD)  # one line of 300.00 at 20 %, one of 99.99
    record["line_items"][1]["kdv_rate"] = "1"
    record["line_items"][0]["kdv_rate"] = "1"
    record["kdv"] = [{"rate": "1", "base": "399.99", "amount": "80.00"}]
    assert ("kdv_amount", "kdv.0.amount") in {
        (c.name, c.field) for c in check_invoice(record) if not c.passed
    }


def test_numbers_lines_between_touching_text_lines_each_join_their_row() -> None:
    """Middle-aligned cells in rows that touch: each row's numbers sit half a line below
    its first text line, on lines of their own; the second row's numbers still find the
    block the first row's joined."""
    cells = [(30, 200, "Açıklama"), (300, 200, "Miktar"), (380, 200, "Birim Fiyat"),
             (470, 200, "Tutar")]  # fmt: skip
    for y, first, second, qty, price, amount in [
        (212.0, "Kırmızı mercimek,", "ayıklanmış", "2 Kg", "50,00", "100,00"),
        (231.5, "Buğday unu,", "Konya yöresi", "3 Kg", "10,00", "30,00"),
    ]:
        cells += [(30, y, first), (30, y + 9.7, second)]
        cells += [(300, y + 4.85, qty), (380, y + 4.85, price), (470, y + 4.85, amount)]
    items = read_table([page_lines(_page(cells))]).items
    assert [(it["description"].value, it["amount"].value) for it in items] == [
        ("Kırmızı mercimek, ayıklanmış", Decimal("100.00")),
        ("Buğday unu, Konya yöresi", Decimal("30.00")),
    ]


@pytest.mark.parametrize("label", ["Toplam Matrah", "KDV Matrahı Toplamı", "VAT Base"])
def test_a_base_per_rate_under_a_totals_wording(label: str) -> None:
    """'Toplam Matrah (%10) : 500,00 TL' above 'Hesaplanan KDV(%10) : 50,00 TL': the
    base of each rate under the totals' own wording, beside its KDV."""
    read = _read(
        [
            (300, 500, f"{label} (%10) :"), (470, 500, "500,00 TL"),
            (300, 510, "Hesaplanan KDV(%10) :"), (470, 510, "50,00 TL"),
            (300, 520, f"{label} (%20) :"), (470, 520, "1.000,00 TL"),
            (300, 530, "Hesaplanan KDV(%20) :"), (470, 530, "200,00 TL"),
        ]
    )  # fmt: skip
    _subset(read, TWO_RATES | {"kdv.0.base": Decimal("500.00"), "kdv.1.base": Decimal("1000.00")})
