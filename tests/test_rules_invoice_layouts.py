"""Invoice rules on layouts the samples do not have (issue 13), page by page.

Each test builds a page of positioned words the way a print design lays them
out, so it states one layout fact: a party block beside another box, a seller
column with no heading, a bare KDV rate, a tight table with middle-aligned
descriptions, a description printed in the code cell, a rounded quantity.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from docpipe.document import Page, Word
from docpipe.extract.rules.parties import party_fields
from docpipe.extract.rules.table import read_table
from docpipe.extract.rules.totals import totals_fields
from docpipe.text.layout import page_lines
from docpipe.text.numbers import product_tolerance
from docpipe.validate.invoice import check_invoice

CHAR = 4.0  # width of one character at 8 pt
SPACE = 2.0  # a word space
HEIGHT = 8.3


def _page(
    cells: list[tuple[float, float, str]], width: float = 596.0, source: str = "text"
) -> Page:
    """A page from (x, y, text) cells; each cell's words are spaced one blank apart
    (``source``: "text" for a PDF text layer, "ocr" for words read off pixels)."""
    words: list[Word] = []
    for x, y, text in cells:
        for token in text.split():
            w = CHAR * len(token)
            words.append(Word(token, (x, y, x + w, y + HEIGHT)))
            x += w + SPACE
    return Page(number=1, width=width, height=842.0, words=tuple(words), text_source=source)


def test_party_block_ends_at_a_labelled_box_beside_its_heading() -> None:
    page = _page(
        [
            (21, 58, "SATICI / SELLER"),
            (304, 58, "Fatura No / Invoice No"),
            (21, 66, "KARADAĞLI TARIM TİCARET LTD. ŞTİ."),
            (304, 66, "ARS2024000020236"),
            (21, 75, "Güzeltepe Mah. Şair Nedim Caddesi"),
            (304, 80.5, "Fatura Tarihi / Invoice Date"),
            (21, 84, "No 223 Merkezefendi DENİZLİ"),
            (304, 88.3, "08-02-2024"),
            (21, 93, "Tel / Phone: 02585239646 · E-posta / E-mail: destek@karadagli.com.tr"),
            (21, 101.5, "Vergi Dairesi / Tax Office: SARAYLAR"),
            (21, 109.3, "VKN / Tax ID: 5735724245"),
        ]
    )
    seller = party_fields(page_lines(page), page.width)["seller"]
    values = {k: v.value for k, v in seller.items()}
    assert values["name"] == "KARADAĞLI TARIM TİCARET LTD. ŞTİ."
    assert values["address"] == "Güzeltepe Mah. Şair Nedim Caddesi No 223 Merkezefendi DENİZLİ"
    assert values["vkn"] == "5735724245"
    assert values["tax_office"] == "SARAYLAR"
    assert values["phone"] == "02585239646"
    assert values["email"] == "destek@karadagli.com.tr"


def test_unheaded_seller_column_beside_the_buyer_block() -> None:
    page = _page(
        [
            (32, 144, "SAYIN"),
            (32, 160, "Ilıca Yemek Üretim San. ve Tic. Ltd. Şti."),
            (32, 176, "Gökçeyurt Mah. Cumhuriyet Cad."),
            (355, 176, "Işıklar Kardeşler Kırtasiye Pazarlama A.Ş."),
            (32, 185, "Odunpazarı / ESKİŞEHİR"),
            (355, 191, "Şehitler Mah. Fıstıklı Caddesi No: 221 Muratpaşa / Antalya"),
            (355, 207, "Ticaret Sicil No: 744820"),
            (355, 215, "Vergi Dairesi: Muratpaşa"),
            (355, 222.3, "Vergi No: 8360431191"),
        ]
    )
    parties = party_fields(page_lines(page), page.width)
    seller = {k: v.value for k, v in parties["seller"].items()}
    assert seller["name"] == "Işıklar Kardeşler Kırtasiye Pazarlama A.Ş."
    assert seller["address"].startswith("Şehitler Mah.")
    assert seller["tax_office"] == "Muratpaşa"
    assert seller["vkn"] == "8360431191"
    assert parties["buyer"]["name"].value == "Ilıca Yemek Üretim San. ve Tic. Ltd. Şti."


def test_heading_gloss_is_not_the_name() -> None:
    page = _page(
        [
            (34, 34, "Satıcı"),
            (358, 34, "Alıcı (Müşteri)"),
            (32, 51, "Boğaziçi Otomotiv A.Ş."),
            (357, 51, "Mehmet Dağdelen"),
            (32, 66, "Güzeltepe Mah. Öğretmenler Bulvarı No:78"),
            (357, 66, "Kızılırmak Mahallesi Ayçiçeği Caddesi No:127/27"),
            (32, 90, "VKN: 6991857347"),
            (357, 90, "TCKN: 69542959368"),
        ]
    )
    buyer = party_fields(page_lines(page), page.width)["buyer"]
    assert buyer["name"].value == "Mehmet Dağdelen"
    assert buyer["address"].value.startswith("Kızılırmak Mahallesi")


def test_bare_kdv_rate_and_base_by_arithmetic() -> None:
    page = _page(
        [
            (332, 350, "Mal Hizmet Toplamı"),
            (500, 350, "138.356,64 TL"),
            (332, 364, "KDV 20"),
            (505, 364, "27.671,33 TL"),
            (332, 378, "Vergiler Dahil Toplam"),
            (500, 378, "166.027,97 TL"),
        ]
    )
    found = {k: v.value for k, v in totals_fields(page_lines(page), None).items()}
    assert found["kdv.0.rate"] == Decimal(20)
    assert found["kdv.0.amount"] == Decimal("27671.33")
    assert found["kdv.0.base"] == Decimal("138356.64")  # 20 % of it is the printed KDV
    assert found["kdv_total"] == Decimal("27671.33")


def test_a_word_run_out_of_its_cell_over_a_label_leaves_the_label_its_value() -> None:
    """An amount in words printed as one unbroken word runs out of its cell, over the
    totals' column beside it: the label it is printed over still starts its own cell
    (matbu form, test_rules_variants seed 104529868: "MATRAH %1" lost its base)."""
    words = "YALNIZKIRKDOKUZBİNDOKUZYÜZYETMİŞALTITLOTUZALTIKURUŞ"
    page = _page(
        [
            (300, 350, "MATRAH %10"),
            (450, 350, "40.030,82"),
            (120, 363, words),  # ends at 120 + 4 × 50 = 320, over the label below at 300
            (300, 364, "MATRAH %1"),
            (450, 364, "5.883,62"),
            (300, 378, "K.D.V. %1"),
            (450, 378, "58,84"),
            (300, 392, "K.D.V. %10"),
            (450, 392, "4.003,08"),
        ]
    )
    found = {k: v.value for k, v in totals_fields(page_lines(page), None).items()}
    assert found["kdv.0.base"] == Decimal("5883.62")
    assert found["kdv.1.base"] == Decimal("40030.82")


def test_a_lone_yalniz_over_its_words_in_a_narrow_cell() -> None:
    """'YALNIZ' alone on its line, the words glued on the next and the currency on the one
    after, beside the totals' rows (test_rules_variants seed 8203, integrator layout); a
    form's 'YALNIZ:' over a line that opens with its own 'YALNIZ…' still reads that line."""
    from docpipe.extract.rules.totals import amount_in_words

    words = "DOKUZYÜZSEKSENYEDİBİNDOKUZYÜZYETMİŞALTI,KIRKYEDİ"
    page = _page(
        [
            (40, 420, "YALNIZ"),
            (310, 422, "Ara Toplam"),
            (490, 422, "825611,84 TL"),
            (40, 432, words),
            (40, 443, "TÜRK LİRASI"),
            (310, 440, "KDV Matrahı (%1)"),
            (500, 440, "6753,91 TL"),
        ]
    )
    found = amount_in_words(page_lines(page))
    assert found is not None and found.value == f"YALNIZ {words} TÜRK LİRASI"
    form = _page([(40, 400, "YALNIZ:"), (40, 412, "YALNIZKIRKBİNTLONKURUŞ")])
    found = amount_in_words(page_lines(form))
    assert found is not None and found.value == "YALNIZKIRKBİNTLONKURUŞ"


def test_withholding_label_with_its_reason_takes_the_amount_at_the_line_end() -> None:
    page = _page(
        [
            (305, 375, "Hesaplanan KDV(%20,00)"),
            (476, 375, ":"),
            (525, 375, "49.780,20 TL"),
            (305, 388, "Tevkifat Temizlik hizmeti(%90,00)"),
            (476, 388, ":"),
            (525, 388, "44.802,18 TL"),
        ]
    )
    found = totals_fields(page_lines(page), None)
    assert found["withholding.amount"].value == Decimal("44802.18")


@pytest.mark.parametrize("beside", ["KDV Matrahı (%10):", "KDV Tutarı %20:", "Genel Toplam:"])
def test_a_withholding_note_beside_the_totals_box_takes_no_amount_from_its_labels(
    beside: str,
) -> None:
    """The note "Tevkifat: 604 - …" printed left of the totals box, level with one of the
    box's labels: that label (and its rate) is the next field, not the note's amount; the
    amount is the one printed beside the box's own withholding label."""
    page = _page(
        [
            (346, 310, "Matrah:"),
            (505, 310, "6.552,00 TL"),
            (43, 322, "Tevkifat: 604 - Yemek servis hizmeti"),
            (346, 326, beside),
            (505, 326, "6.552,00 TL"),
            (346, 342, "KDV (%10):"),
            (512, 342, "655,20 TL"),
            (346, 358, "Genel Toplam:"),
            (505, 358, "7.207,20 TL"),
            (346, 374, "KDV Tevkifatı (5/10):"),
            (512, 374, "327,60 TL"),
            (346, 390, "Ödenecek Toplam:"),
            (505, 390, "6.879,60 TL"),
        ]
    )
    found = totals_fields(page_lines(page), None)
    assert found["withholding.amount"].value == Decimal("327.60")
    assert (found["withholding.code"].value, found["withholding.rate"].value) == ("604", "5/10")


def test_tight_table_with_middle_aligned_descriptions() -> None:
    cells = [
        (29, 274, "No"),
        (79, 274, "Mal Hizmet"),
        (190, 274, "Miktar"),
        (240, 274, "Birim Fiyat"),
        (339, 274, "KDV Oranı"),
        (523, 274, "Tutarı"),
    ]
    rows = [  # (y, index, description lines above/at/below, numbers)
        (291.9, ["Teknik servis işçiliği"], "90", "1.214,10 TL", "109.269,00 TL"),
        (302.1, ["Ofis temizliği"], "2", "29.067,00 TL", "58.134,00 TL"),
        (
            320.5,
            ["İç cephe boyası, kırık", "beyaz, ıslak alan uyumlu,", "silinebilir"],
            "6",
            "2.043,67 TL",
            "12.262,02 TL",
        ),
        (343.0, ["Kamera kurulumu", "MP IP kamera"], "9", "3.871,00 TL", "34.839,00 TL"),
        (357.3, ["Çelik profil 40x40x2 mm"], "35,34", "119,00 TL", "4.205,46 TL"),
    ]
    for i, (y, text, qty, price, amount) in enumerate(rows, 1):
        top = y - 8.15 * (len(text) - 1) / 2  # middle-aligned, rows 2 pt apart
        cells += [(79, top + 8.15 * k, line) for k, line in enumerate(text)]
        cells += [
            (31, y, str(i)),
            (195, y, qty),
            (245, y, price),
            (342, y, "%20"),
            (525, y, amount),
        ]
    cells.append((425, 420, "Mal Hizmet Toplam Tutarı"))
    page = _page(cells)
    table = read_table([page_lines(page)])
    got = [(it["description"].value, it["amount"].value) for it in table.items]
    assert got == [
        ("Teknik servis işçiliği", Decimal("109269.00")),
        ("Ofis temizliği", Decimal("58134.00")),
        ("İç cephe boyası, kırık beyaz, ıslak alan uyumlu, silinebilir", Decimal("12262.02")),
        ("Kamera kurulumu MP IP kamera", Decimal("34839.00")),
        ("Çelik profil 40x40x2 mm", Decimal("4205.46")),
    ]


def test_description_printed_in_the_code_cell() -> None:
    page = _page(
        [
            (39, 206, "#"),
            (133, 206, "[Ürün Kodu] Açıklama"),
            (320, 206, "Miktar"),
            (365, 206, "Birim Fiyat"),
            (480, 206, "KDV"),
            (531, 206, "Tutar"),
            (39, 217, "1"),
            (133, 217, "[STK20656] Kargo bedeli"),
            (312, 217, "89,49 M2"),
            (354, 217, "336,32 TL"),
            (480, 217, "%20"),
            (508, 217, "30.097,28 TL"),
            (422, 250, "Toplam Tutar :"),
            (499, 250, "30.097,28 TL"),
        ]
    )
    items = read_table([page_lines(page)]).items
    assert items[0]["description"].value == "Kargo bedeli"
    assert items[0]["quantity"].value == Decimal("89.49")


def test_rounded_quantity_passes_a_wrong_amount_does_not() -> None:
    assert product_tolerance(Decimal("187.69"), Decimal(287)) > Decimal("1.15")
    assert product_tolerance(Decimal("5.00"), Decimal("349.21")) == Decimal("0.035")

    def line_check(amount: str) -> bool:
        record = {
            "line_items": [
                {
                    "description": "Dökme siyah çay",
                    "quantity": "187.69",
                    "unit_price": "287",
                    "discount": "4039.94",
                    "amount": amount,
                }
            ]
        }
        checks = [c for c in check_invoice(record) if c.name == "line_amount"]
        return checks[0].passed

    assert line_check("49825.94")  # 187,686 × 287 − 4039,94, quantity printed rounded
    assert not line_check("49852.94")  # transposed digits


def test_a_wrapped_description_ending_in_a_figure_keeps_its_column() -> None:
    """ "14 gündür" wrapped under a description, level with the "₺" of the row's amount
    wrapped at the far end of the line: the mark is the amount's, not glued to the
    description's last line (one run spanning the table would make every column one)."""
    head = [(44, 252, "Kod"), (202, 252, "Ürün Adı"), (356, 252, "Miktar"), (390, 252, "Birim"),
            (423, 252, "Fiyat"), (455, 252, "KDV %"), (485, 252, "KDV Tut."),
            (520, 252, "Net Tutar")]  # fmt: skip
    rows = [
        (273, "HZM88070 Kuru fasulye (Çalı) - 2024 hasadı", "41,00", "68,87", "28,24", "2.823,67"),
        (300, "STK54508 Bulgur (pilavlık), iade ve değişim süresi", "76,10", "44,5", "33,86",
         "3.386,45"),
        (326, "MLZ96386 Yufka (taze), el açması, soğuk zincirde", "7,00", "51,8", "3,63",
         "362,60"),
    ]  # fmt: skip
    cells = list(head)
    for y, text, qty, price, kdv, amount in rows:
        cells += [(44, y, text), (364, y, qty), (390, y, "Kg"), (427, y, f"{price} ₺")]
        cells += [(460, y, "%1"), (482, y, f"{kdv} ₺"), (515, y, amount)]
        cells.append((547, y + 10, "₺"))  # the amount's mark, wrapped under it
    cells += [(90, 310, "14 gündür"), (90, 336, "alıcı deposuna yapılacaktır")]
    cells.append((307, 380, "Mal Hizmet Toplamı 6.572,72"))
    table = read_table([page_lines(_page(cells))])
    got = [(it["description"].value, it["quantity"].value) for it in table.items]
    assert got == [
        ("Kuru fasulye (Çalı) - 2024 hasadı", Decimal(41)),
        ("Bulgur (pilavlık), iade ve değişim süresi 14 gündür", Decimal("76.10")),
        ("Yufka (taze), el açması, soğuk zincirde alıcı deposuna yapılacaktır", Decimal(7)),
    ]


def test_units_under_the_birim_of_birim_fiyati_are_the_unit() -> None:
    """A matbu form heads "MİKTARI | BİRİM FİYATI" and prints the unit beside the quantity,
    under "BİRİM": with no unit column named, units alone there are the unit, not words
    of the unit price."""
    cells = [(55, 225, "KODU"), (182, 225, "CİNSİ"), (298, 225, "MİKTARI"),
             (340, 225, "BİRİM FİYATI"), (477, 225, "TUTAR")]  # fmt: skip
    for y, code, text, qty, unit, price, amount in [
        (246, "MLZ54013", "Baldo pirinç", "191,8", "Kg", "₺78,5", "₺15.056,30"),
        (262, "HZM19321", "Pamuklu tişört (baskılı)", "16", "Adet", "₺280", "₺4.480,00"),
    ]:
        cells += [(46, y, code), (94, y, text), (335 - CHAR * len(qty), y, qty), (340, y, unit)]
        cells += [(376, y, price), (469, y, amount)]
    cells.append((325, 300, "MAL HİZMET TOPLAMI ₺19.536,30"))
    items = read_table([page_lines(_page(cells))]).items
    got = [(it["unit"].value, it["unit_price"].value) for it in items]
    assert got == [("Kg", Decimal("78.5")), ("Adet", Decimal(280))]


@pytest.mark.parametrize(
    ("cell", "description"),
    [
        ("Kaşar peyniri Kaşar peyniri", "Kaşar peyniri"),  # name and description side by side
        ("STK00226 Baldo pirinç Baldo pirinç", "Baldo pirinç"),  # behind a stock code
        ("HZM14505Bahçe bakımı Bahçe bakımı", "Bahçe bakımı"),  # glued to the code
        ("A4 kağıt A4 kağıt", "A4 kağıt"),  # a figure of the name is no code
        ("Boya 2 kat 2 kat", "Boya 2 kat 2 kat"),  # a repeated tail is no second copy
        ("STK00226 Kablosuz klavye", "Kablosuz klavye"),
    ],
)
def test_a_description_printed_twice_is_read_once(cell: str, description: str) -> None:
    page = _page(
        [
            (28, 148, "Sıra"),
            (60, 148, "Mal/Hizmet"),
            (330, 148, "Miktar"),
            (390, 148, "Birim Fiyat"),
            (480, 148, "Toplam"),
            (28, 160, "1"),
            (60, 160, cell),
            (330, 160, "10 KG"),
            (390, 160, "347,67 TL"),
            (480, 160, "3.476,70 TL"),
            (400, 200, "Ödenecek Tutar :"),
            (480, 200, "3.476,70 TL"),
        ]
    )
    items = read_table([page_lines(page)]).items
    assert items[0]["description"].value == description
    assert items[0]["amount"].value == Decimal("3476.70")


def test_a_contact_person_label_ends_the_address() -> None:
    page = _page(
        [
            (22, 189, "SAYIN"),
            (22, 205, "Gökçeyurt Kimya Ltd. Şti."),
            (22, 214, "Gökçeyurt Mah. Kuşdili Bulvarı No:51/22"),
            (22, 223, "Ortahisar / TRABZON"),
            (22, 232, "Yetkili Kişi : Hüseyin Ünal"),
            (22, 241, "VKN: 6276543403"),
        ]
    )
    buyer = party_fields(page_lines(page), page.width)["buyer"]
    assert buyer["address"].value == "Gökçeyurt Mah. Kuşdili Bulvarı No:51/22 Ortahisar / TRABZON"
    assert buyer["name"].value == "Gökçeyurt Kimya Ltd. Şti."
    assert "contact" not in buyer


def test_two_unheaded_parties_in_the_letterhead_and_the_sellers_id_box_beside() -> None:
    page = _page(
        [
            (26, 23, "{{LOGO}}"),
            (26, 39, "Şenocak Turizm Ticaret Ltd. Şti."),
            (391, 40, "Vergi No"),
            (440, 40, ": 2739242939"),
            (26, 48, "Ülkü Mahallesi Menekşe Cd. 78"),
            (391, 49, "Vergi Dairesi"),
            (440, 49, ": 19 Mayıs"),
            (26, 57, "Atakum / Samsun"),
            (391, 58, "E-Posta"),
            (440, 58, ": satis@senocak.com.tr"),
            (33, 78, "Çiğdem Dağdelen"),
            (33, 87, "Yenişehir Mahallesi Cumhuriyet Bulvarı No : 109/18"),
            (33, 96, "İzmit / KOCAELİ"),
            (33, 105, "Vergi Dairesi : Tepecik"),
            (33, 114, "Vergi No : 1489438062"),
            (28, 148, "Sıra Mal/Hizmet Miktar Birim Fiyat Toplam"),
        ]
    )
    parties = party_fields(page_lines(page), page.width)
    seller = {k: v.value for k, v in parties["seller"].items()}
    buyer = {k: v.value for k, v in parties["buyer"].items()}
    assert seller["name"] == "Şenocak Turizm Ticaret Ltd. Şti."  # no placeholder in it
    assert seller["address"] == "Ülkü Mahallesi Menekşe Cd. 78 Atakum / Samsun"
    assert (seller["vkn"], seller["tax_office"]) == ("2739242939", "19 Mayıs")
    assert seller["email"] == "satis@senocak.com.tr"
    assert buyer["name"] == "Çiğdem Dağdelen"
    assert buyer["address"] == "Yenişehir Mahallesi Cumhuriyet Bulvarı No : 109/18 İzmit / KOCAELİ"
    assert (buyer["vkn"], buyer["tax_office"]) == ("1489438062", "Tepecik")


def test_one_unheaded_letterhead_stays_the_seller() -> None:
    page = _page(
        [
            (26, 39, "Şenocak Turizm Ticaret Ltd. Şti."),
            (26, 48, "Ülkü Mahallesi Menekşe Cd. 78"),
            (26, 57, "Atakum / Samsun"),
            (26, 75, "Tel: 0362 596 50 12"),
            (26, 84, "VKN: 2739242939"),
            (28, 148, "Sıra Mal/Hizmet Miktar Birim Fiyat Toplam"),
        ]
    )
    parties = party_fields(page_lines(page), page.width)
    assert "buyer" not in parties
    assert parties["seller"]["vkn"].value == "2739242939"


@pytest.mark.parametrize("label", ["İskonto/(A)rtırım", "İskonto/Artırım", "İskonto/Arttırım"])
def test_discount_columns_in_either_spelling_of_artirim(label: str) -> None:
    page = _page(
        [
            (24, 293, "Sıra"),
            (40, 293, "Mal Hizmet"),
            (230, 293, "Miktar"),
            (280, 293, "Fiyat"),
            (330, 293, f"{label} Oranı"),
            (420, 293, f"{label} Tutarı"),
            (510, 293, "Tutar"),
            (24, 315, "1"),
            (40, 315, "Tavuk göğsü (pirzola)"),
            (230, 315, "54,3 KG"),
            (280, 315, "208,44"),
            (330, 315, "%3,00"),
            (420, 315, "339,55 TL"),
            (510, 315, "10.978,74 TL"),
            (400, 360, "Ödenecek Tutar :"),
            (480, 360, "10.978,74 TL"),
        ]
    )
    item = read_table([page_lines(page)]).items[0]
    assert item["discount"].value == Decimal("339.55")
    assert item["discount_rate"].value == Decimal("3.00")
    assert item["amount"].value == Decimal("10978.74")


@pytest.mark.parametrize("rate", ["% 20", "%20"])
def test_a_rate_cell_run_on_into_the_amount_after_it(rate: str) -> None:
    page = _page(
        [
            (25, 140, "Sıra"),
            (42, 140, "Mal/Hizmet"),
            (306, 140, "Miktar"),
            (370, 140, "Birim Fiyat"),
            (440, 140, "KDV Oranı"),
            (486, 140, "KDV Tutarı"),
            (540, 140, "Toplam"),
            (25, 151, "1"),
            (42, 151, "Nakliye hizmeti"),
            (306, 151, "5 Adet"),
            (370, 151, "13.488,67 TL"),
            (440, 151, f"{rate} 13.488,67 TL"),
            (534, 151, "67.443,35 TL"),
            (400, 200, "Ödenecek Tutar :"),
            (480, 200, "80.932,02 TL"),
        ]
    )
    item = read_table([page_lines(page)]).items[0]
    assert item["kdv_rate"].value == Decimal("20")
    assert item["kdv_amount"].value == Decimal("13488.67")
    assert item["amount"].value == Decimal("67443.35")


def test_code_glued_to_the_text_only_on_a_rows_first_line() -> None:
    """Under "Stok Kodu" and "Açıklama", a row prints its code glued to its text; a wrapped
    line that starts with a grade ("S235 JR") is the description going on, not a code."""
    cells = [
        (29, 200, "No"),
        (60, 200, "Stok Kodu"),
        (130, 200, "Açıklama"),
        (300, 200, "Miktar"),
        (360, 200, "Birim Fiyat"),
        (500, 200, "Tutar"),
        (29, 214, "1"),
        (60, 214, "MLZ40210 Çelik profil 40x40"),
        (300, 214, "12"),
        (360, 214, "150,00"),
        (500, 214, "1.800,00"),
        (60, 222.5, "S235JR galvanizli"),
        (29, 238, "2"),
        (60, 238, "HZM10022 Kaynak işçiliği"),
        (300, 238, "3"),
        (360, 238, "400,00"),
        (500, 238, "1.200,00"),
        (425, 270, "Mal Hizmet Toplam Tutarı"),
    ]
    table = read_table([page_lines(_page(cells))])
    assert [it["description"].value for it in table.items] == [
        "Çelik profil 40x40 S235JR galvanizli",
        "Kaynak işçiliği",
    ]


def test_two_party_labels_starting_with_a_column_word_are_no_table_header() -> None:
    """ "Vergi Dairesi … Vergi Kimlik No …" across two party columns: "Vergi" alone names an
    item column on some designs, but inside a party's label it is no header, and the seller's
    block goes on to its tax office, VKN and MERSİS below."""
    page = _page(
        [
            (28, 100, "SATICI BİLGİLERİ"),
            (300, 100, "Alıcı Bilgileri"),
            (28, 110, "Unvanı AKSÖĞÜT AMBALAJ TİC. LTD. ŞTİ."),
            (300, 110, "Ünvan Yeşilvadi Turizm Limited Şirketi"),
            (28, 120, "Adres Çiçekli Mah. Ihlamur Sk. No 156"),
            (300, 120, "Adres Gülbahçe Mah. Gül Sk. No 199"),
            (28, 130, "Telefon +90 212 963 26 10"),
            (300, 130, "V.D. GAZİKENT"),
            (28, 140, "Vergi Dairesi BOĞAZİÇİ KURUMLAR"),
            (300, 140, "Vergi Kimlik No 3738841615"),
            (28, 150, "VKN 5494937806"),
            (28, 160, "Mersis No 0991736328500013"),
        ]
    )
    seller = {k: v.value for k, v in party_fields(page_lines(page), page.width)["seller"].items()}
    assert seller["vkn"] == "5494937806"
    assert seller["tax_office"] == "BOĞAZİÇİ KURUMLAR"
    assert seller["mersis"] == "0991736328500013"
