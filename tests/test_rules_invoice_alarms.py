"""Clean invoices that must not cry wolf, and planted faults that must still be named
(issue 13): a wrapped amount in words, a line's misread KDV rate, a total without a
printed subtotal, an issue date with no label beside it; and what print designs the
rules were not written against put around values (TL equivalents of a foreign-currency
invoice, notes without a label). Pages are built word by word as a design lays them out."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

from docpipe.extract.rules.invoice import _unlabelled_issue_date
from docpipe.extract.rules.notes import read_notes
from docpipe.extract.rules.table import read_table
from docpipe.extract.rules.totals import amount_in_words, totals_fields
from docpipe.text.layout import page_lines
from docpipe.text.numwords import words_to_number
from docpipe.validate.invoice import check_invoice
from tests.test_rules_invoice_layouts import _page
from tests.test_validate import GOOD


def _failed(record: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c.name, c.field) for c in check_invoice(record) if not c.passed}


def test_words_wrapped_with_a_note_after_the_kurus_are_read_to_the_kurus() -> None:
    page = _page(
        [
            (30, 500, "NOTLAR"),
            (30, 510, "Yalnız KırkAltıBinİkiYüz"),
            (30, 519.5, "AltmışSekiz TL"),
            (30, 529, "YetmişDört Kuruş Bu satış internet üzerinden yapılmıştır."),
            (30, 538.5, "Teslim eden: 12 koli"),
        ]
    )
    found = amount_in_words(page_lines(page))
    assert found is not None
    assert words_to_number(found.value) == Decimal("46268.74")


def test_words_without_their_kurus_are_no_evidence_but_another_lira_amount_is() -> None:
    record = {**GOOD, "amount_in_words": "Yalnız DörtYüzAltmışDokuz TL"}  # 469.99: no kuruş read
    assert ("amount_in_words", "amount_in_words") not in _failed(record)
    record = {**GOOD, "amount_in_words": "Yalnız DörtYüzAltmışSekiz TL"}
    assert ("amount_in_words", "amount_in_words") in _failed(record)
    whole = {**GOOD, "total_with_taxes": "469.00", "payable_amount": "469.00"}
    assert ("amount_in_words", "amount_in_words") in _failed(
        {**whole, "amount_in_words": "Yalnız DörtYüzAltmışDokuz TL OnBeş Kuruş"}
    )


def _two_rates() -> dict[str, Any]:
    record = copy.deepcopy(GOOD)  # lines 300.00 at 20 % and 99.99 at 10 %
    record["line_items"][1]["kdv_rate"] = "10"
    return record


def test_a_misread_line_rate_is_not_a_wrong_kdv_when_the_summary_fits_the_goods() -> None:
    record = _two_rates()
    assert _failed(record) == set()
    misread = copy.deepcopy(record)
    misread["line_items"][1]["kdv_rate"] = "20"  # the discount rate column read as KDV
    misread["line_items"][1]["kdv_amount"] = "20.00"
    assert not {c for c in _failed(misread) if c[0] == "kdv_amount"}
    # a KDV computed at another rate (10 % of 300 as if 20 %) still shows
    wrong = copy.deepcopy(record)
    wrong["kdv"][0]["amount"] = "20.00"
    wrong["kdv_total"], wrong["total_with_taxes"] = "80.00", "479.99"
    wrong["payable_amount"] = "479.99"
    assert ("kdv_amount", "kdv.0.amount") in _failed(wrong)


def test_a_transposed_total_is_caught_when_no_subtotal_is_printed() -> None:
    record = copy.deepcopy(GOOD)
    del record["subtotal"]
    assert _failed(record) == set()
    record["total_with_taxes"] = record["payable_amount"] = "496.99"  # 469.99 swapped
    total = [c for c in check_invoice(record) if c.name == "total" and not c.passed]
    assert total and "transposed" in total[0].reason
    # a total the lines do not explain but that is no transposition is not judged:
    # a row may be missing from the read table
    record["total_with_taxes"] = record["payable_amount"] = "569.99"
    assert not [c for c in check_invoice(record) if c.name == "total"]


def test_an_issue_date_without_its_label_beside_it_is_the_first_unclaimed_date() -> None:
    page = _page(
        [
            (300, 60, "e-ARŞİV FATURA"),
            (30, 80, "Vade Tarihi"),
            (30, 89, "15.04.2024"),
            (300, 80, "Belge Bilgileri"),
            (300, 89, "Düzenlenme Anı 14.03.2024 10:22"),
            (300, 98, "İrsaliye 12.03.2024"),
        ]
    )
    found = _unlabelled_issue_date(page_lines(page))
    assert found is not None and found.value == date(2024, 3, 14)


def test_a_foreign_currency_invoice_stays_in_its_currency_beside_its_tl_equivalents() -> None:
    page = _page(
        [
            (300, 400, "Mal Hizmet Toplam Tutarı 3.091,66 USD"),
            (300, 410, "Hesaplanan KDV (%20) 618,33 USD"),
            (300, 420, "Vergiler Dahil Toplam Tutar 3.709,99 USD"),
            (300, 430, "Ödenecek Tutar 3.709,99 USD"),
            (300, 450, "Mal Hizmet Toplam Tutarı (TL) 98.921,06 TL"),
            (300, 460, "Hesaplanan KDV (%20) (TL) 19.784,15 TL"),
            (300, 470, "Ödenecek Tutar (TL) 118.705,21 TL"),
        ]
    )
    found = totals_fields(page_lines(page), None)
    assert found["currency"].value == "USD"
    assert found["total_with_taxes"].value == Decimal("3709.99")


def test_notes_under_a_heading_centred_over_their_box_and_unlabelled_above_the_words() -> None:
    centred = _page(
        [
            (285, 540, "Notlar"),
            (31, 552, "Bu satış internet üzerinden yapılmıştır."),
            (31, 561.5, "YALNIZ BİN ALTI YÜZ YİRMİ TÜRK LİRASI SEKSEN YEDİ KURUŞ"),
        ]
    )
    notes = read_notes(page_lines(centred))
    assert notes is not None and notes.value == "Bu satış internet üzerinden yapılmıştır."
    unlabelled = _page(
        [
            (31, 500, "Ödeme Şekli: HAVALE"),
            (31, 509.5, "Bu satış internet üzerinden yapılmıştır."),
            (31, 519, "Tevkifat: 614 - Servis taşımacılığı hizmeti"),
            (31, 528.5, "Yalnız Bin Altı Yüz Yirmi Türk Lirası Seksen Yedi Kuruş"),
        ]
    )
    notes = read_notes(page_lines(unlabelled))
    assert notes is not None
    assert notes.value.split("\n") == [
        "Bu satış internet üzerinden yapılmıştır.",
        "Tevkifat: 614 - Servis taşımacılığı hizmeti",
    ]


def test_a_currency_code_wrapped_under_its_amount_stays_out_of_the_description() -> None:
    page = _page(
        [
            (31, 270, "Sıra"),
            (47, 270, "Mal Hizmet"),
            (173, 270, "Miktar"),
            (210, 270, "Birim Fiyat"),
            (300, 270, "KDV Oranı"),
            (390, 270, "KDV Tutarı"),
            (470, 270, "ÖTV"),
            (530, 270, "Tutar"),
            (31, 289, "1"),
            (47, 289, "Mimari proje danışmanlığı"),
            (173, 289, "2 Saat"),
            (210, 289, "119,65 USD"),
            (300, 289, "%20,00"),
            (390, 289, "47,86 USD"),
            (470, 289, "0,00"),
            (530, 289, "239,30 USD"),
            (500, 296, "USD"),
            (31, 310, "2"),
            (47, 310, "Yönetim danışmanlığı hizmeti"),
            (173, 310, "6 Saat"),
            (210, 310, "44,70 USD"),
            (300, 310, "%20,00"),
            (390, 310, "53,64 USD"),
            (470, 310, "0,00"),
            (530, 310, "268,20 USD"),
            (500, 317, "USD"),
            (300, 340, "Mal Hizmet Toplam Tutarı 507,50 USD"),
        ]
    )
    table = read_table([page_lines(page)])
    descriptions = [str(it["description"].value) for it in table.items]
    assert descriptions == ["Mimari proje danışmanlığı", "Yönetim danışmanlığı hizmeti"]


def test_centred_words_wrapped_mid_amount_are_read_whole_and_a_fragment_is_not_judged() -> None:
    page = _page(
        [
            (200, 600, "Yalnız KırkAltıBinİkiYüz"),
            (188, 609.5, "AltmışSekiz TL YetmişDört Kuruş"),  # centred under the first
        ]
    )
    found = amount_in_words(page_lines(page))
    assert found is not None
    assert words_to_number(found.value) == Decimal("46268.74")
    # a fragment cut before its currency is no other amount; a whole other amount is
    assert ("amount_in_words", "amount_in_words") not in _failed(
        {**GOOD, "amount_in_words": "Yalnız DörtYüz"}
    )
    assert ("amount_in_words", "amount_in_words") in _failed(
        {**GOOD, "amount_in_words": "Yalnız DörtYüz TL"}
    )
