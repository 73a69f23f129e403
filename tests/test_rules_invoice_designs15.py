"""Invoice rules on what the public designs added in issue 13's designs15 pass do.

Found on tune designs (a firm's own e-Fatura sheet, İzibiz's default, an e-Logo customer
sheet): a notice sentence printed over the seller's letterhead, a party block that opens
with its address (a person's block of a design printing only PartyName), an e-mail
wrapped at its hyphen in a narrow box, an item code printed alone over the item's name,
a discount's reason word under the name, and notes printed under the amount in words.
Randomised tests draw a fresh seed every run (``DOCPIPE_TEST_SEED`` replays one).
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from docpipe.extract.rules.notes import read_notes
from docpipe.extract.rules.parties import party_fields
from docpipe.extract.rules.table import read_table
from docpipe.text.layout import page_lines
from tests.conftest import fresh_seed
from tests.text_pages import text_page as _page

FRESH = fresh_seed(__name__)

_COMPANIES = [
    "YEŞİLVADİ GRUP YAZILIM A.Ş.",
    "Aksöğüt Yemek Üretim San. ve Tic. Ltd. Şti.",
    "Gökçeada Otomotiv Limited Şirketi",
    "Ilıca Isıtma Soğutma Ticaret Ltd. Şti.",
]
_STREETS = [
    ("Söğütlüçeşme Mah. Kavaklı Cad.112", "Üsküdar / İSTANBUL"),
    ("Güzeltepe Mahallesi Atatürk Sk.199/28", "Selçuklu / KONYA"),
    ("Esentepe Mahallesi Güvercin Cd.117", "Ortahisar / TRABZON"),
    ("Ülkü Mah. Kuşdili Sokak 112 Daire:15", "Pamukkale / DENİZLİ"),
]
_DESCRIPTIONS = [
    "Forklift periyodik bakım hizmeti",
    "Hidrolik yağ (46 numara), varil",
    "Bahçe bakım hizmeti - ilaçlama",
    "Personel servis taşımacılığı",
]


def _id(rng: random.Random, digits: int) -> str:
    return f"{rng.randint(1, 9)}{rng.randint(0, 10 ** (digits - 1) - 1):0{digits - 1}d}"


@pytest.mark.parametrize("offset", range(4))
def test_a_notice_over_the_letterhead_is_no_party_line(offset: int) -> None:
    """A design that prints a notice sentence across the top when the seller is not the
    firm it was made for: the seller's name and address are still the letterhead's; the
    buyer's block opens with its address (no name printed for a person)."""
    rng = random.Random(f"{FRESH}/notice/{offset}")
    name = rng.choice(_COMPANIES)
    (street, city), (b_street, b_city) = rng.sample(_STREETS, 2)
    vkn, tckn = _id(rng, 10), _id(rng, 11)
    cells = [
        (33, 30, f"BU FATURA TASARIMI {_id(rng, 10)} vergi nolu firma için oluşturulmuştur."),
        (33, 40, "Lütfen başka bir VKN için kullanmayınız."),
        (29, 60, name),
        (29, 70, street),
        (29, 80, city),
        (29, 90, "Vergi No"),
        (91, 90, f": {vkn}"),
        (29, 100, "Telefon"),
        (91, 100, ": 0216 566 65 47"),
        (29, 130, "Sayın"),
        (29, 150, b_street),
        (29, 160, b_city),
        (29, 170, "Vergi No"),
        (91, 170, f": {tckn}"),
        (402, 170, "FATURA NO : YES2024000037035"),
    ]
    found = party_fields(page_lines(_page(cells)), 596.0)
    seller, buyer = found["seller"], found["buyer"]
    assert seller["name"].value == name
    assert seller["address"].value == f"{street} {city}"
    assert "name" not in buyer
    assert buyer["address"].value == f"{b_street} {b_city}"


def test_an_email_wrapped_at_its_hyphen_is_read_whole() -> None:
    cells = [
        (29, 60, "Yeşilvadi Otomotiv Ltd. Şti."),
        (29, 70, "Vergi No"),
        (91, 70, ": 4046383647"),
        (29, 80, "E-Posta"),
        (91, 80, ": fatura@yesilvadi-"),
        (95, 88, "otomotiv.com.tr"),
        (29, 96, "Web Sitesi"),
        (91, 96, ": www.yesilvadi.com.tr"),
    ]
    seller = party_fields(page_lines(_page(cells)), 596.0)["seller"]
    assert seller["email"].value == "fatura@yesilvadi-otomotiv.com.tr"


def _table(rows: list[list[tuple[float, float, str]]]) -> list[tuple[float, float, str]]:
    header = [
        (29, 300, "#"),
        (45, 300, "Malzeme / Hizmet"),
        (325, 300, "Miktar"),
        (364, 300, "Birim Fiyat"),
        (470, 300, "İskonto"),
        (524, 300, "Tutar"),
    ]
    return header + [c for row in rows for c in row]


@pytest.mark.parametrize("offset", range(4))
def test_an_item_code_alone_over_the_name_is_no_description(offset: int) -> None:
    """ "48852" on the cell's first line, the name under it: the name is the description;
    a number the name runs on from on the same line stays in it."""
    rng = random.Random(f"{FRESH}/code-line/{offset}")
    names = rng.sample(_DESCRIPTIONS, 2)
    code = f"{rng.randint(0, 99999):05d}"
    qty, price = rng.randint(2, 40), Decimal(rng.randint(1000, 90000)) / 100
    amount = f"{qty * price:.2f}".replace(".", ",")
    p = f"{price:.2f}".replace(".", ",")
    rows = [
        [(27, 312, "1"), (43, 312, code), (323, 312, f"{qty} Adet"), (362, 312, f"{p} TL"),
         (521, 312, f"{amount} TL"), (43, 321, names[0])],
        [(27, 334, "2"), (43, 334, f"2024 {names[1]}"), (323, 334, f"{qty} Adet"),
         (362, 334, f"{p} TL"), (521, 334, f"{amount} TL")],
    ]  # fmt: skip
    items = read_table([page_lines(_page(_table(rows)))]).items
    assert items[0]["description"].value == names[0]
    assert items[1]["description"].value == f"2024 {names[1]}"


def test_a_discount_word_under_the_name_is_no_description() -> None:
    rows = [
        [(27, 312, "1"), (43, 312, "Bahçe bakım"), (323, 312, "9 Ay"), (362, 312, "1.000,00 TL"),
         (470, 321, "675,00 TL"), (521, 312, "8.325,00 TL"), (43, 321, "hizmeti - ilaçlama"),
         (43, 330, "İndirim")],
    ]  # fmt: skip
    items = read_table([page_lines(_page(_table(rows)))]).items
    assert items[0]["description"].value == "Bahçe bakım hizmeti - ilaçlama"


@pytest.mark.parametrize("offset", range(3))
def test_notes_under_the_amount_in_words_beside_the_totals(offset: int) -> None:
    """A design's own "Yalnız: …" line left of the totals and the notes in a box below
    them: the notes are read; a label line under them ends them."""
    rng = random.Random(f"{FRESH}/notes-under/{offset}")
    note = rng.choice(
        (
            "Bu satış internet üzerinden yapılmıştır.",
            "İşbu fatura muhteviyatına 7 gün içerisinde itiraz edilmediği takdirde aynen "
            "kabul edilmiş sayılır.",
            "Malın tesliminden sonra doğabilecek hasarlardan firmamız sorumlu değildir.",
        )
    )
    cells = [
        (344, 600, "Mal Hizmet Toplam Tutarı"),
        (496, 600, "18.021,40 TL"),
        (29, 614, "Yalnız :On Sekiz Bin İki Yüz Bir Türk Lirası Altmış Bir Kuruş"),
        (344, 614, "KDV % 1"),
        (496, 614, "180,21 TL"),
        (344, 628, "Vergiler Dahil Toplam Tutar"),
        (496, 628, "18.201,61 TL"),
        (344, 642, "Ödenecek Tutar"),
        (496, 642, "18.201,61 TL"),
        (29, 660, note),
        (32, 690, "Banka Adı"),
        (198, 690, "Döviz"),
        (240, 690, "IBAN"),
    ]
    found = read_notes(page_lines(_page(cells)))
    assert found is not None and found.value == note


def test_a_discount_line_under_a_row_is_no_total() -> None:
    """ "İndirim %20,00 740,41TL" under a row's figures, its figures under the discount
    columns: the row's discount line; the rows after it are still read."""
    header = [
        (29, 300, "Sıra"),
        (45, 300, "Malzeme/Hizmet"),
        (180, 300, "Miktar"),
        (230, 300, "Birim Fiyat"),
        (280, 300, "İskonto Oranı"),
        (330, 300, "İskonto Tutarı"),
        (520, 300, "Tutar"),
    ]
    rows = [
        (30, 312, "1"), (42, 312, "Nohut (Koçbaşı)"), (180, 312, "46 KG"),
        (242, 312, "79,70TL"), (525, 312, "2.961,66TL"), (42, 321, "İndirim"),
        (285, 321, "%20,00"), (335, 321, "740,41TL"),
        (30, 334, "2"), (42, 334, "Bulgur (pilavlık)"), (180, 334, "84 KG"),
        (242, 334, "39,50TL"), (525, 334, "3.318,00TL"),
        (344, 360, "Toplam İskonto"), (525, 360, "740,41 TL"),
    ]  # fmt: skip
    items = read_table([page_lines(_page(header + rows))]).items
    assert [i["description"].value for i in items] == ["Nohut (Koçbaşı)", "Bulgur (pilavlık)"]
