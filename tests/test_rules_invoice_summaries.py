"""KDV per rate and the amount in words as designs the rules were not written against
print them (issue 13): the base and its KDV on the rate's line, a breakdown table under
its own header, the rate in a cell of its own, GİB's name of the KDV scheme, and kuruş in
figures after lira in words. Pages are built word by word as a design lays them out."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

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
