"""Invoice rules on what the sixth pass's public designs do (issue 13), one layout fact each.

Found on tune designs from two desktop invoice viewers and a designs repository: a
totals table whose value cells sit half a line below their labels, a "Genel Toplam"
heading over the totals rows, item columns whose labels name price and amount loosely,
a KDV breakdown printing base and KDV before the rate, Item/Name glued to
Item/Description, VKN and MERSİS printed as one run of digits, "Yalnız" glued to the
note before it, a phone alone on its line, an address beside the other column's label.
Randomised tests draw a fresh seed every run (``DOCPIPE_TEST_SEED`` replays one).
"""

from __future__ import annotations

import random
import sys
from decimal import Decimal

import pytest
from stdnum.tr import vkn as stdnum_vkn

from docpipe.extract.rules.parties import party_fields
from docpipe.extract.rules.table import read_table
from docpipe.extract.rules.totals import amount_in_words, totals_fields
from docpipe.text.layout import page_lines
from tests.conftest import fresh_seed
from tests.text_pages import HEIGHT
from tests.text_pages import text_page as _page

FRESH = fresh_seed(__name__)
CENT = Decimal("0.01")

_DESCRIPTIONS = [
    "Kargo gönderim bedeli",
    "Toner kartuşu (siyah)",
    "LED panel armatür 60x60 cm",
    "Yönetim danışmanlığı hizmeti - Şubat dönemi",
    "Otel konaklama hizmeti (oda + kahvaltı)",
    "Sızma zeytinyağı",
]


def _money(rng: random.Random, low: int = 1000, high: int = 900000) -> Decimal:
    return Decimal(rng.randint(low, high)) / 100


@pytest.mark.parametrize("offset", range(4))
def test_totals_whose_values_sit_half_a_line_below_their_labels(offset: int) -> None:
    """A totals table whose label cells are top-aligned and value cells middle-aligned:
    each value is half a line lower, on a line of its own, right of its label; a label
    with an empty value cell ("Net Toplam") takes no neighbour's value."""
    rng = random.Random(f"{FRESH}/half-line/{offset}")
    subtotal, discount = _money(rng), _money(rng, 0, 5000)
    total = (subtotal * Decimal("1.2")).quantize(CENT)
    rows = [
        ("Vergiler Hariç, İskonto Dahil Toplam", subtotal),
        ("Vergiler Dahil Toplam", total),
        ("İskonto Toplam", discount),
        ("Net Toplam", None),
        ("Ödenecek Tutar", total),
    ]
    cells = [(30, 560, "Genel Toplam")]
    for i, (label, value) in enumerate(rows):
        y = 600 + 32 * i
        cells.append((130, y, label))
        if value is not None:
            cells.append((500, y + 0.55 * HEIGHT, f"{value:.2f}TRY"))
    found = totals_fields(page_lines(_page(cells)), None)
    assert found["subtotal"].value == subtotal
    assert found["total_with_taxes"].value == total
    assert found["payable_amount"].value == total
    assert found["discount_total"].value == discount


def _viewer_table(rng: random.Random, loose: bool) -> tuple[list, list[dict]]:
    """An item table headed "ID | Ürün/Hizmet | Miktar | İskonto | Fiyat | Vergi | Vergi
    Dahil Fiyat". ``loose``: as a viewer prints it, the line's amount under "Fiyat" and
    the unit price under the last column; else in the labels' ordinary meaning."""
    cells = [
        (33, 480, "ID"),
        (104, 480, "Ürün/Hizmet"),
        (300, 480, "Miktar"),
        (345, 480, "İskonto"),
        (400, 480, "Fiyat"),
        (460, 480, "Vergi"),
        (500, 473, "Vergi Dahil"),
        (520, 487, "Fiyat"),
    ]
    rows = []
    for i in range(rng.randint(2, 4)):
        qty = rng.randint(2, 60)
        price = _money(rng, 100, 300000)
        discount = _money(rng, 1, 2000) if rng.random() < 0.5 else Decimal("0.00")
        amount = qty * price - discount
        kdv = (amount * Decimal("0.2")).quantize(CENT)
        y = 515 + 22 * i
        under_fiyat, last = (amount, price) if loose else (price, amount)
        cells += [
            (33, y, str(i + 1)),
            (51, y, rng.choice(_DESCRIPTIONS)),
            (305, y, str(qty)),
            (355, y, f"{discount:.2f}TRY"),
            (380, y, f"{under_fiyat:.2f}TRY"),
            (450, y, f"{kdv:.2f}TRY"),
            (515, y, f"{last:.2f} TRY"),
        ]
        rows.append({"quantity": qty, "unit_price": price, "amount": amount})
    bottom = 515 + 22 * len(rows) + 20
    cells += [
        (30, bottom, "Genel Toplam"),
        (130, bottom + 35, "Vergiler Dahil Toplam"),
        (500, bottom + 35 + 0.55 * HEIGHT, "1.00TRY"),
    ]
    return cells, rows


@pytest.mark.parametrize("offset", range(4))
@pytest.mark.parametrize("loose", [True, False])
def test_price_and_amount_told_apart_by_the_rows_arithmetic(offset: int, loose: bool) -> None:
    """Where every row's quantity × the figure under the last column, less the discount,
    is the figure under "Fiyat", "Fiyat" holds the amount and the last column the unit
    price; a table whose figures fit the labels reads as printed. The "Genel Toplam"
    heading alone on its line ends the table."""
    rng = random.Random(f"{FRESH}/loose-labels/{offset}")
    cells, rows = _viewer_table(rng, loose)
    read = read_table([page_lines(_page(cells))])
    assert len(read.items) == len(rows)
    for item, row in zip(read.items, rows, strict=True):
        for name in ("quantity", "unit_price", "amount"):
            assert item[name].value == row[name]


@pytest.mark.parametrize("offset", range(4))
@pytest.mark.parametrize("loose", [True, False])
def test_a_quantity_printed_with_a_decimal_point_before_three_digits(
    offset: int, loose: bool
) -> None:
    """A viewer prints UBL's quantity as it is ("124.974"): where the row's arithmetic
    says so, the point is a decimal point, not thousands; and such a row, or any row that
    fits neither reading, does not keep price and amount from being told apart."""
    rng = random.Random(f"{FRESH}/point-quantity/{offset}")
    cells, rows = _viewer_table(rng, loose)
    y = 515 + 22 * len(rows)
    qty = Decimal(rng.randint(100001, 999999)) / 1000  # three decimals, never "…000"
    while qty == qty.to_integral_value():
        qty = Decimal(rng.randint(100001, 999999)) / 1000
    price = _money(rng, 100, 90000)
    amount = (qty * price).quantize(CENT)
    under_fiyat, last = (amount, price) if loose else (price, amount)
    tail = [c for c in cells if c[1] > y - 5]
    cells = [c for c in cells if c[1] <= y - 5]
    cells += [
        (33, y, str(len(rows) + 1)),
        (51, y, rng.choice(_DESCRIPTIONS)),
        (305, y, f"{qty:.3f}" + rng.choice(("", " KG"))),
        (355, y, "0.00TRY"),
        (380, y, f"{under_fiyat:.2f}TRY"),
        (450, y, f"{(amount * Decimal('0.2')).quantize(CENT):.2f}TRY"),
        (515, y, f"{last:.2f} TRY"),
    ]
    cells += [(x, yy + 22, text) for x, yy, text in tail]
    rows.append({"quantity": qty, "unit_price": price, "amount": amount})
    read = read_table([page_lines(_page(cells))])
    assert len(read.items) == len(rows)
    for item, row in zip(read.items, rows, strict=True):
        for name in ("quantity", "unit_price", "amount"):
            assert item[name].value == row[name], name


@pytest.mark.parametrize(("seed", "offset"), [(149, 3), (183, 0), (250, 2)])
def test_a_discount_inside_the_rounding_slack_leaves_net_amounts_alone(
    seed: int, offset: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seeds that drew a row discount of a few kuruş, inside the slack of quantity × price:
    the row fits the gross reading and the net one, so it cannot say the design prints
    amounts before discounts, and the printed (net) amounts stand."""
    monkeypatch.setattr(sys.modules[__name__], "FRESH", seed)
    for loose in (True, False):
        test_a_quantity_printed_with_a_decimal_point_before_three_digits(offset, loose)


@pytest.mark.parametrize("offset", range(4))
def test_a_breakdown_printing_base_and_kdv_before_the_rate(offset: int) -> None:
    """ "Vergilendirilecek Tutar | Vergi Tutarı | Oran (%) | Vergi Türü": base, KDV, rate
    and GİB's code of the KDV scheme (0015), one row per rate."""
    rng = random.Random(f"{FRESH}/base-first/{offset}")
    rates = sorted(rng.sample([1, 10, 20], rng.randint(1, 2)))
    cells = [
        (28, 484, "VERGİ BİLGİLERİ"),
        (31, 498, "Vergilendirilecek Tutar"),
        (199, 498, "Vergi Tutarı"),
        (291, 498, "Oran (%)"),
        (366, 498, "Vergi Türü"),
    ]
    expected = []
    for i, rate in enumerate(rates):
        base = _money(rng)
        kdv = (base * rate / 100).quantize(CENT)
        y = 509 + 11 * i
        cells += [(31, y, f"{base:.2f}"), (199, y, f"{kdv:.2f}"), (291, y, str(rate))]
        cells.append((366, y, "0015"))
        expected.append((rate, base, kdv))
    found = totals_fields(page_lines(_page(cells)), None)
    for i, (rate, base, kdv) in enumerate(expected):
        assert found[f"kdv.{i}.rate"].value == rate
        assert found[f"kdv.{i}.base"].value == base
        assert found[f"kdv.{i}.amount"].value == kdv


@pytest.mark.parametrize("offset", range(4))
def test_item_name_glued_to_its_description_and_a_code_after_them(offset: int) -> None:
    """ "Toner kartuşu (siyah)Toner kartuşu (siyah) HZM12066": the description once."""
    rng = random.Random(f"{FRESH}/glued/{offset}")
    name = rng.choice(_DESCRIPTIONS)
    code = rng.choice((f"HZM{rng.randint(10000, 99999)}", f"{rng.randint(10000, 99999):05d}"))
    cells = [  # the numeric columns right of the widest doubled description
        (31, 417, "Sıra No"),
        (61, 417, "Mal/Hizmet"),
        (478, 417, "Miktar"),
        (515, 417, "Fiyat"),
        (560, 417, "Tutar"),
        (31, 428, "1"),
        (61, 428, f"{name}{name} {code}"),
        (490, 428, "3"),
        (512, 428, "7.15 USD"),
        (556, 428, "21.45USD"),
    ]
    read = read_table([page_lines(_page(cells))])
    assert read.items[0]["description"].value == name


def test_a_description_that_is_no_repeat_keeps_its_words() -> None:
    cells = [
        (31, 417, "Sıra No"),
        (61, 417, "Mal/Hizmet"),
        (399, 417, "Miktar"),
        (458, 417, "Birim Fiyat"),
        (502, 417, "Mal/Hizmet Tutarı"),
        (31, 428, "1"),
        (61, 428, "Vida M8 Vida M8x"),
        (418, 428, "3"),
        (470, 428, "7.15 USD"),
        (535, 428, "21.45USD"),
    ]
    read = read_table([page_lines(_page(cells))])
    assert read.items[0]["description"].value == "Vida M8 Vida M8x"


def _valid_vkn(rng: random.Random) -> str:
    head = f"{rng.randint(1, 9)}{rng.randint(0, 10**8 - 1):08d}"
    return head + stdnum_vkn.calc_check_digit(head)


@pytest.mark.parametrize("offset", range(4))
def test_vkn_and_mersis_printed_as_one_run_of_digits(offset: int) -> None:
    """A design printing every PartyIdentification/ID with no separator: the VKN and the
    16-digit MERSİS number (it starts with 0) as 26 digits after "VKN:"."""
    rng = random.Random(f"{FRESH}/vkn-mersis/{offset}")
    vkn, mersis = _valid_vkn(rng), f"0{rng.randint(0, 10**15 - 1):015d}"
    cells = [
        (20, 40, "Özdemirler Medikal A.Ş."),
        (20, 60, "Adres: Hürriyet Mah. Şair Nedim Sokak"),
        (20, 70, "Telefon: (222) 211-8928"),
        (20, 80, "Vergi Dairesi: Tepebaşı"),
        (20, 90, f"VKN: {vkn}{mersis}"),
    ]
    seller = party_fields(page_lines(_page(cells)), 596.0)["seller"]
    assert seller["vkn"].value == vkn
    assert seller["mersis"].value == mersis


def test_in_words_glued_to_the_note_before_them() -> None:
    """Notes joined without a space: "…hizmetiYalnız Yüz …" holds the amount in words."""
    cells = [
        (317, 266, "Açıklama:"),
        (389, 266, "Tevkifat: 614 - Servis taşımacılığı"),
        (389, 278, "hizmetiYalnız Yüz Seksen Yedi Bin Üç"),
        (389, 290, "Yüz Yirmi Sekiz TL Altmış Bir Kuruş"),
    ]
    found = amount_in_words(page_lines(_page(cells)))
    assert found is not None
    assert found.value == "Yalnız Yüz Seksen Yedi Bin Üç Yüz Yirmi Sekiz TL Altmış Bir Kuruş"


def test_a_phone_alone_on_a_letterhead_line_is_no_address_line() -> None:
    """A viewer's seller block: identifier, name, address, then the phone alone on its
    line (a second number after it, the fax, is no address either)."""
    cells = [
        (29, 100, "Satıcı Bilgileri"),
        (301, 100, "Fatura Bilgileri"),
        (31, 131, "7350744304"),
        (322, 131, "Sıra No: GIB2024000010434"),
        (31, 143, "Ertuğrul Enerji Pazarlama Sanayi ve Ticaret Anonim Şirketi"),
        (31, 155, "Ülkü Mah. Şair Nedim Caddesi No 93 Daire:26 01024"),
        (31, 167, "Seyhan/ADANA /Türkiye"),
        (33, 179, "0322 361 20 46"),
        (33, 191, "+90 322 622 23 93"),
        (29, 290, "Alıcı Bilgileri"),
        (31, 324, "4686067730"),
        (31, 336, "Akçağlar Mobilya San. ve Tic. Ltd. Şti."),
        (31, 348, "Çiçekli Mah. Şair Nedim Bulvarı No:233/25 Tepebaşı / ESKİŞEHİR"),
    ]
    seller = party_fields(page_lines(_page(cells)), 596.0)["seller"]
    assert seller["phone"].value == "0322 361 20 46"
    address = "Ülkü Mah. Şair Nedim Caddesi No 93 Daire:26 01024 Seyhan/ADANA"
    assert seller["address"].value == address


def test_an_address_line_beside_the_other_columns_label() -> None:
    """A buyer block printed in two columns: "E-posta:" comes last on the address's line,
    and the address's next line ("ANKARA, Türkiye") sits beside "Web Sitesi URI:"."""
    cells = [
        (31, 216, "SATICI BİLGİLERİ"),
        (301, 216, "FATURA BİLGİLERİ"),
        (33, 228, "VKN/TCKN:"),
        (92, 228, "8571967081"),
        (303, 228, "Fatura Numarası: KAR2024000013728"),
        (33, 238, "Unvanı/Adı Soyadı: Karaçam Gıda Ticaret Ltd. Şti."),
        (303, 238, "Fatura Tarihi: 2024-04-23"),
        (28, 334, "ALICI BİLGİLERİ"),
        (33, 349, "Unvanı/Adı Soyadı: Bozkırlı Isıtma Soğutma A.Ş."),
        (303, 349, "VKN:"),
        (351, 349, "4974973980"),
        (33, 359, "Adres:"),
        (94, 359, "Gökçeyurt Mahallesi Fıstıklı Sokak No: 47 Çankaya"),
        (303, 359, "E-posta:"),
        (351, 359, "destek@bozkirligrup.com"),
        (94, 369, "ANKARA, Türkiye"),
        (303, 369, "Web Sitesi URI: bozkirligrup.com"),
        (303, 379, "Vergi Dairesi:"),
        (351, 379, "Maltepe"),
    ]
    buyer = party_fields(page_lines(_page(cells)), 596.0)["buyer"]
    assert buyer["name"].value == "Bozkırlı Isıtma Soğutma A.Ş."
    assert buyer["address"].value == "Gökçeyurt Mahallesi Fıstıklı Sokak No: 47 Çankaya ANKARA"
