"""Invoice rules on tables and summaries as OCR leaves them (scans and phone photos):
cells slightly off their headers, one cell read or wrapped on its own."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from docpipe.document import Page, Word
from docpipe.extract.rules.found import Fields, Found
from docpipe.extract.rules.invoice import _rate_from_amounts, _rates_of_one_rate_invoice
from docpipe.extract.rules.table import read_table
from docpipe.extract.rules.totals import totals_fields
from docpipe.text.layout import page_lines
from tests.test_rules_invoice_layouts import _page as layout_page


def _page(cells: list[tuple[float, float, str]], width: float = 596.0) -> Page:
    """The layouts tests' page of (x, y, text) cells, as OCR read it."""
    return layout_page(cells, width, source="ocr")


def test_a_description_line_of_figures_does_not_make_the_column_numeric() -> None:
    # a matbu form: narrow column labels, cells printed to the right of them; the third
    # description wraps, and its second line ("9 mm kalibre") is all figures and a unit
    cells = [
        (20, 200, "Cinsi"),
        (290, 200, "Miktar"),
        (370, 200, "Birim Fiyatı"),
        (455, 200, "KDV %"),
        (515, 200, "Tutarı"),
    ]
    rows = [
        (215, ["Buğday unu (Tip 550)"], "25 Çuval", "19,31", "%1", "482,75"),
        (230, ["Öğle yemeği servisi"], "28 Porsiyon", "4,36", "%10", "122,08"),
        (245, ["Nohut (Koçbaşı) -", "9 mm kalibre"], "40 Kg", "1,78", "%1", "71,20"),
        (268, ["Kaşar peyniri"], "46 Kg", "10,03", "%10", "461,38"),
    ]
    for y, text, qty, price, rate, amount in rows:
        cells += [(20, y + 10 * k, line) for k, line in enumerate(text)]
        cells += [(320, y, qty), (420, y, price), (490, y, rate), (545, y, amount)]
    cells += [(430, 300, "Toplam"), (545, 300, "1.137,41")]
    table = read_table([page_lines(_page(cells))])
    got = [
        (it["description"].value, it["quantity"].value, it["unit_price"].value, it["amount"].value)
        for it in table.items
    ]
    assert got == [
        ("Buğday unu (Tip 550)", Decimal(25), Decimal("19.31"), Decimal("482.75")),
        ("Öğle yemeği servisi", Decimal(28), Decimal("4.36"), Decimal("122.08")),
        ("Nohut (Koçbaşı) - 9 mm kalibre", Decimal(40), Decimal("1.78"), Decimal("71.20")),
        ("Kaşar peyniri", Decimal(46), Decimal("10.03"), Decimal("461.38")),
    ]


def _breakdown(rows: list[tuple[str, str]]) -> dict[str, object]:
    cells = [
        c
        for i, (label, value) in enumerate(rows)
        for c in ((380, 500 + 12 * i, label), (500, 500 + 12 * i, value))
    ]
    found = totals_fields(page_lines(_page(cells)), None)
    return {k: v.value for k, v in found.items() if k.startswith("kdv")}


def test_a_kdv_amount_not_read_keeps_its_rate_from_the_total() -> None:
    # the %1 line's amount came out as noise: its base and the KDV total give it back,
    # and the %10 pair stays the second, not shifted into the first
    got = _breakdown(
        [
            ("KDV Matrahı %1", "599,52 Euro"),
            ("KDV %1", "Evo"),
            ("KDV Matrahı %10", "846,72 Euro"),
            ("KDV %10", "84,67 Euro"),
            ("Toplam KDV", "90,67 Euro"),
        ]
    )
    assert got["kdv.0.rate"] == Decimal(1)
    assert got["kdv.0.base"] == Decimal("599.52")
    assert got["kdv.0.amount"] == Decimal("6.00")
    assert (got["kdv.1.rate"], got["kdv.1.base"], got["kdv.1.amount"]) == (
        Decimal(10),
        Decimal("846.72"),
        Decimal("84.67"),
    )


def test_a_kdv_amount_the_total_does_not_confirm_stays_unread() -> None:
    got = _breakdown(
        [
            ("KDV Matrahı %1", "599,52 Euro"),
            ("KDV %1", "Evo"),
            ("KDV Matrahı %10", "846,72 Euro"),
            ("KDV %10", "84,67 Euro"),
            ("Toplam KDV", "98,67 Euro"),  # 14,00 left for 599,52 at 1 %: no
        ]
    )
    assert got["kdv.0.rate"] == Decimal(10)
    assert "kdv.1.rate" not in got


def test_a_misread_rate_on_the_kdv_line_is_paired_with_its_base() -> None:
    got = _breakdown(
        [
            ("KDV Matrahı %10", "846,72 TL"),
            ("KDV %18", "84,67 TL"),  # "%10" misread
            ("KDV Matrahı %20", "1.000,00 TL"),
            ("KDV %20", "200,00 TL"),
        ]
    )
    assert (got["kdv.0.rate"], got["kdv.0.base"], got["kdv.0.amount"]) == (
        Decimal(10),
        Decimal("846.72"),
        Decimal("84.67"),
    )
    assert got["kdv.1.base"] == Decimal("1000.00")


def test_an_unread_kdv_rate_is_the_legal_rate_its_base_gives() -> None:
    # "(%20)" read as "(9620)": the subtotal and the amount give 20 % and no other rate
    got = _breakdown(
        [
            ("Mal Hizmet Toplam Tutarı", "38.557,28 TL"),
            ("Hesaplanan KDV(9620)", "7.711,46 TL"),
            ("Vergiler Dahil Toplam Tutar", "46.268,74 TL"),
        ]
    )
    assert (got["kdv.0.rate"], got["kdv.0.amount"]) == (Decimal(20), Decimal("7711.46"))
    assert got["kdv_total"] == Decimal("7711.46")
    # a KDV that is no legal rate of the subtotal keeps no rate
    got = _breakdown(
        [
            ("Mal Hizmet Toplam Tutarı", "38.557,28 TL"),
            ("Hesaplanan KDV(9620)", "7.000,00 TL"),
        ]
    )
    assert "kdv.0.rate" not in got and got["kdv_total"] == Decimal("7000.00")


def test_a_unit_wrapped_under_its_quantity_is_no_description() -> None:
    """Quantity and unit in one narrow cell, the unit wrapped under the figure ("12,5" /
    "KG"), and one quantity printed flush against its price ("11 18.779,62"): the body's
    number columns run together; the unit is the row's, the figures are cut apart."""
    cells = [(24, 200, "Sıra"), (40, 200, "Mal Hizmet"), (300, 200, "Miktar"),
             (336, 200, "Birim Fiyat"), (420, 200, "Tutarı")]  # fmt: skip
    cells += [(24, 215, "1"), (40, 215, "Kuru fasulye (Çalı)"), (308, 211, "12,5"),
              (316, 219, "KG"), (336, 215, "80,00 TL"), (412, 215, "1.000,00")]  # fmt: skip
    cells += [(24, 235, "2"), (40, 235, "Nakliye hizmeti"), (316, 235, "11 18.779,62"),
              (404, 235, "206.575,82")]  # fmt: skip
    cells += [(24, 255, "3"), (40, 255, "Teknik servis işçiliği"), (320, 251, "4"),
              (308, 259, "Saat TL"), (338, 255, "150,00"), (420, 255, "600,00")]  # fmt: skip
    cells += [(330, 290, "Toplam"), (404, 290, "207.175,82")]
    table = read_table([page_lines(layout_page(cells, source="text"))])
    got = [
        (
            it["description"].value,
            it["quantity"].value,
            it["unit"].value if "unit" in it else None,
            it["unit_price"].value,
        )
        for it in table.items
    ]
    assert got == [
        ("Kuru fasulye (Çalı)", Decimal("12.5"), "KG", Decimal("80.00")),
        ("Nakliye hizmeti", Decimal(11), None, Decimal("18779.62")),
        ("Teknik servis işçiliği", Decimal(4), "Saat", Decimal("150.00")),
    ]


def test_a_stock_code_glued_to_the_name_is_no_part_of_the_description() -> None:
    """A design that prints the seller's item code and the name with nothing between
    ("HZM91856Laminat parke") under a table that has a code column."""
    cells = [(24, 200, "Sıra"), (44, 200, "Kod"), (90, 200, "Mal Hizmet"),
             (300, 200, "Miktar"), (350, 200, "Birim Fiyat"), (440, 200, "Tutar")]  # fmt: skip
    cells += [(24, 215, "1"), (44, 215, "HZM91856Laminat parke (8 mm)"), (316, 215, "3"),
              (350, 215, "9,50"), (440, 215, "28,50")]  # fmt: skip
    cells += [(24, 230, "2"), (44, 230, "STK-0042 Kablosuz klavye"), (316, 230, "2"),
              (350, 230, "100,00"), (440, 230, "200,00")]  # fmt: skip
    cells += [(380, 260, "Toplam"), (440, 260, "228,50")]
    table = read_table([page_lines(layout_page(cells, source="text"))])
    assert [it["description"].value for it in table.items] == [
        "Laminat parke (8 mm)",
        "Kablosuz klavye",
    ]


def test_columns_whose_labels_ocr_lost_come_from_the_rows() -> None:
    """A blurred scan's header: "KDV Oranı" read "Oram" and "Mal Hizmet Tutarı" read
    "Tari", neither a label; the rates right before the KDV amount and the amounts right
    of every label are those columns all the same. A stray "_" under the header (a rule's
    end, two pixels tall) measures no gap that would end the table."""
    cells = [(20, 200, "Mal Hizmet"), (150, 200, "Miktar"), (200, 200, "Birim Fiyat"),
             (260, 206, "Oram"), (300, 200, "KDV Tutarı"), (380, 200, "Diğer Vergiler"),
             (470, 206, "Tari")]  # fmt: skip
    rows = [
        ("Bulgur (pilavlık)", "40 KG", "37,30 TL", "%1,00", "14,92 TL", "1.492,00 TL"),
        ("Nohut (Koçbaşı)", "52 KG", "69,29 TL", "%1,00", "36,03 TL", "3.603,08 TL"),
        ("Dökme siyah çay", "16 KG", "292,00 TL", "%10,00", "467,20 TL", "4.672,00 TL"),
    ]
    for k, (text, qty, price, rate, kdv, amount) in enumerate(rows):
        y = 222 + 14 * k
        cells += [(20, y, text), (150, y, qty), (200, y, price), (262, y, rate),
                  (300, y, kdv), (460, y, amount)]  # fmt: skip
    cells += [(330, 280, "Mal Hizmet Toplam Tutarı"), (460, 280, "9.767,08 TL")]
    page = _page(cells)
    speck = Word("_", (120.0, 216.0, 128.0, 216.6), 0.9)
    page = replace(page, words=(*page.words, speck))
    table = read_table([page_lines(page)])
    got = [(it["quantity"].value, it["kdv_rate"].value, it["amount"].value) for it in table.items]
    assert got == [
        (Decimal(40), Decimal("1.00"), Decimal("1492.00")),
        (Decimal(52), Decimal("1.00"), Decimal("3603.08")),
        (Decimal(16), Decimal("10.00"), Decimal("4672.00")),
    ]


def test_a_line_rate_ocr_lost_comes_from_its_amounts_or_the_one_rate_summary() -> None:
    # "%20" read as "Ye" (no rate) and as "41,00": 20 % of the amount is the KDV amount
    lost = {"amount": Found(Decimal("1492.00"), ()), "kdv_amount": Found(Decimal("298.40"), ())}
    mangled = {**lost, "kdv_rate": Found(Decimal("41.00"), ())}
    # a tiny amount fits several rates: left unread
    tiny = {"amount": Found(Decimal("0.40"), ()), "kdv_amount": Found(Decimal("0.04"), ())}
    for item in (lost, mangled, tiny):
        _rate_from_amounts(item)
    assert lost["kdv_rate"].value == mangled["kdv_rate"].value == Decimal(20)
    assert lost["kdv_rate"].derived and "kdv_rate" not in tiny
    # no KDV amount printed on the lines, one rate in the summary: that rate, where the
    # line has an amount and no legal rate; a legal rate read stays
    fields = Fields()
    fields.set("kdv.0.rate", Found(Decimal(10), ()))
    for i, rate in enumerate((None, "4", "20")):
        fields.set(f"line_items.{i}.amount", Found(Decimal("100.00"), ()))
        fields.set(f"line_items.{i}.kdv_rate", Found(Decimal(rate), ()) if rate else None)
    _rates_of_one_rate_invoice(fields, 3)
    got = [fields.items[f"line_items.{i}.kdv_rate"].value for i in range(3)]
    assert got == [Decimal(10), Decimal(10), Decimal(20)]
    fields.set("kdv.1.rate", Found(Decimal(20), ()))
    fields.items.pop("line_items.0.kdv_rate")
    _rates_of_one_rate_invoice(fields, 3)  # two rates in the summary: no guess
    assert "line_items.0.kdv_rate" not in fields.items


def test_kdv_lines_whose_percent_sign_ocr_read_as_a_digit() -> None:
    # "%1,00" read "901,00", "%10,00" read "9610,00", "%20,00" read "920,00"; the figures
    # in the next cell are the base and the KDV
    rows = [
        ("KDV Matrahı 901,00", "3.150,60"),
        ("Hesaplanan KDV 901,00", "31,51"),
        ("KDV Matrahı 9610,00", "31.968,49"),
        ("Hesaplanan KDV 9610,00", "3.196,85"),
        ("KDV Matrahı 920,00", "5.847,00"),
        ("Hesaplanan KDV 920,00", "1.169,40"),
    ]
    cells = [
        c for i, (label, value) in enumerate(rows)
        for c in ((330, 500 + 12 * i, label), (520, 500 + 12 * i, value))
    ]  # fmt: skip
    got = {k: v.value for k, v in totals_fields(page_lines(_page(cells)), None).items()}
    assert [got[f"kdv.{i}.rate"] for i in range(3)] == [Decimal(1), Decimal(10), Decimal(20)]
    assert [got[f"kdv.{i}.base"] for i in range(3)] == [
        Decimal("3150.60"), Decimal("31968.49"), Decimal("5847.00"),
    ]  # fmt: skip
    assert got["kdv_total"] == Decimal("4397.76")


def test_a_header_of_five_ocr_lines_under_a_short_first_line_is_read_whole() -> None:
    """A photo's OCR splits a header into five lines, the first a lone "Mal" (of "Mal Hizmet
    Tutarı") shorter than the rest, under a rule read as "—": the band is measured by its
    median line, so the amount column's "Tutarı" stays in it, and the rule starts no band."""
    boxes = [  # (x0, y0, x1, y1, text): a tune photo's words, 300 dpi after rectifying
        (300, 1110, 2300, 1115, "—"),
        (2208, 1153, 2260, 1180, "Mal"),
        *((x, 1173, x + 110, 1214, t) for x, t in ((1094, "Birim"), (1264, "İskonto"),
                                                    (1450, "İskonto"), (1644, "KDV"),
                                                    (1819, "KDV"), (2005, "Diğer"))),
        (406, 1201, 466, 1229, "Mal"), (480, 1201, 590, 1229, "Hizmet"),
        (875, 1201, 985, 1229, "Miktar"), (2183, 1201, 2295, 1229, "Hizmet"),
        *((x, 1225, x + 110, 1261, t) for x, t in ((1099, "Fiyat"), (1276, "Oranı"),
                                                    (1459, "Tutarı"), (1639, "Oranı"),
                                                    (1810, "Tutarı"), (1985, "Vergiler"))),
        (2190, 1249, 2290, 1275, "Tutarı"),
        (197, 1329, 560, 1362, "Çelik profil"), (1831, 1329, 1960, 1362, "4.940,22"),
        (2198, 1329, 2330, 1362, "24.701,10"),
        (140, 1349, 160, 1378, "1"), (881, 1349, 960, 1378, "180,3"), (980, 1349, 1010, 1378, "M"),
        (1088, 1349, 1180, 1378, "137,00"), (1637, 1349, 1750, 1378, "%20,00"),
        (1600, 1500, 1900, 1530, "Toplam"), (2198, 1500, 2330, 1530, "24.701,10"),
    ]  # fmt: skip
    words = tuple(Word(t, (x0, y0, x1, y1)) for x0, y0, x1, y1, t in boxes)
    page = Page(number=1, width=2456.0, height=3508.0, words=words, text_source="ocr")
    table = read_table([page_lines(page)])
    assert [(it["quantity"].value, it["amount"].value) for it in table.items] == [
        (Decimal("180.3"), Decimal("24701.10"))
    ]
