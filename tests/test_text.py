"""Turkish numbers, dates and case folding: one table per parser."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from docpipe.text.dates import find_dates, parse_date
from docpipe.text.numbers import find_currency, parse_number
from docpipe.text.turkish import fold, lower_tr, normalise_for_compare, upper_tr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1 234,56 TL", "1234.56"),
        ("₺1.234,56", "1234.56"),
        ("1.234,56 EUR", "1234.56"),
        ("(12,50)", "-12.50"),
        ("-3,5", "-3.5"),
        ("12,50-", "-12.50"),
        ("%20", "20"),
        ("20,00%", "20.00"),
        ("1.500", "1500"),
        ("2.5", "2.5"),
        ("1.234.567,89", "1234567.89"),
        ("0,125", "0.125"),
        ("12", "12"),
    ],
)
def test_parse_number(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "15.03.2024", "12,34,5", "TL"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("1.234,56 TL", "TRY"), ("₺5", "TRY"), ("5 €", "EUR"), ("USD 3", "USD"), ("%20", None)],
)
def test_find_currency(text: str, code: str | None) -> None:
    assert find_currency(text) == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14.03.2024", date(2024, 3, 14)),
        ("14/03/2024", date(2024, 3, 14)),
        ("14-03-2024 10:22", date(2024, 3, 14)),
        ("2024-03-14", date(2024, 3, 14)),
        ("14 Mart 2024", date(2024, 3, 14)),
        ("14 MART 2024", date(2024, 3, 14)),
        ("5 Ağustos 2023", date(2023, 8, 5)),
        ("5 Agustos 2023", date(2023, 8, 5)),
        ("1 ŞUBAT 2024", date(2024, 2, 1)),
        ("03 Ara 2024", date(2024, 12, 3)),
        ("14.03.24", date(2024, 3, 14)),
        ("Tarih: 1.9.2024", date(2024, 9, 1)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2024", "14.13.2024", "no date here", "1234567890"])
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_in_order() -> None:
    found = find_dates("Başlangıç 01.01.2024, bitiş 31 Aralık 2024")
    assert [d for d, _, _ in found] == [date(2024, 1, 1), date(2024, 12, 31)]


def test_turkish_case() -> None:
    assert lower_tr("İSTANBUL ISPARTA") == "istanbul ısparta"
    assert upper_tr("istanbul ısparta") == "İSTANBUL ISPARTA"
    assert fold("ŞİŞLİ Çağrı Öğüt") == "sisli cagri ogut"
    assert normalise_for_compare("  Ayşe   YILMAZ ") == normalise_for_compare("ayşe yılmaz")


# -- OCR repairs: amounts with a glued ₺, tax offices and trade names without their marks --
from docpipe.text.diacritics import TRADE_NAME_WORDS, restore_words  # noqa: E402
from docpipe.text.numbers import amount_readings  # noqa: E402
from docpipe.text.tax_offices import snap_tax_office  # noqa: E402


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("15.611,05¢", ["15611.05"]),  # a ₺ read as a glyph: dropped
        ("51.026,34&", ["51026.34"]),
        ("332,156", ["332.156", "332.15"]),  # a ₺ read as a digit: both, arithmetic decides
        ("2.203,21", ["2203.21"]),
        ("%20", ["20"]),
        ("abc", []),
    ],
)
def test_amount_readings(text: str, readings: list[str]) -> None:
    assert amount_readings(text) == [Decimal(r) for r in readings]


@pytest.mark.parametrize(
    ("read", "snapped"),
    [
        ("KOZYATAGI", "KOZYATAĞI"),
        ("BOĞAZIÇI KURUMLAR", "BOĞAZİÇİ KURUMLAR"),
        ("Hizirbey", "Hızırbey"),
        ("Kadıköy", "Kadıköy"),  # already right: unchanged
        ("Bilinmeyen", "Bilinmeyen"),  # not in the list: left as read
    ],
)
def test_tax_office_names_get_their_turkish_letters_back(read: str, snapped: str) -> None:
    assert snap_tax_office(read) == snapped


def test_trade_name_words_are_respelled_in_the_case_read() -> None:
    got = restore_words("KARADAĞLI MEDİKAL SAN. TIC. A.S.", TRADE_NAME_WORDS)
    assert got == "KARADAĞLI MEDİKAL SAN. TİC. A.Ş."
    assert restore_words("Ataturk Mah. Sanayi Cad.", TRADE_NAME_WORDS) == (
        "Atatürk Mah. Sanayi Cad."
    )
    assert restore_words("Tasarim Ofisi", TRADE_NAME_WORDS) == "Tasarim Ofisi"  # unknown word


def test_amount_in_words_gets_its_turkish_letters_back() -> None:
    from docpipe.text.diacritics import respell_number_words

    assert respell_number_words("YALNIZ OTUZIKIBINIKIYUZSEKSEN TL YETMİŞUÇ KR.") == (
        "YALNIZ OTUZİKİBİNİKİYÜZSEKSEN TL YETMİŞÜÇ KR."
    )
    assert respell_number_words("Yalnız BinIkiYuz TL") == "Yalnız BinİkiYüz TL"
    assert respell_number_words("Yalnız Tasarim TL") == "Yalnız Tasarim TL"  # not a number


from docpipe.document import Page, Word  # noqa: E402
from docpipe.text.layout import page_lines  # noqa: E402


def test_a_logo_read_as_a_tall_word_joins_no_lines() -> None:
    # a scan's letterhead: two lines of 25 px, and beside them a logo Tesseract read as
    # "fi", 158 px tall; its box must not make the two lines (and every word's box) one
    words = [
        Word("Web", (115, 303, 167, 324), 0.96),
        Word("Sitesi:", (177, 304, 247, 324), 0.93),
        Word("E-Posta:", (116, 341, 212, 360), 0.93),
        Word("info@example.com.tr", (223, 339, 615, 366), 0.91),
        Word("Vergi", (116, 379, 177, 405), 0.93),
        Word("Dairesi:", (186, 379, 276, 399), 0.92),
        Word("fi", (1189, 248, 1230, 406), 0.4),
    ]
    page = Page(number=1, width=2480, height=3508, unit="px", words=tuple(words))
    texts = [line.text for line in page_lines(page)]
    assert "E-Posta: info@example.com.tr" in texts
    assert "Vergi Dairesi:" in texts


from docpipe.text import turkish  # noqa: E402


def test_fold_keeps_its_answers_for_short_texts_only() -> None:
    """``fold`` answers a text it folded before from what it kept (the rules fold the same
    label words and lines hundreds of times a document), the same answer as folding anew;
    a page-long text is folded each time and not kept."""
    texts = [
        "FATURA TARİHİ:",
        "Fatura  Tarihi",
        "  Iğdır\tÇANKIRI  ",
        "Düzenleme\nTarihi",
        "ﬁrma Ünvanı",  # a ligature NFKD spells as two letters
        "Vergi Dairesi / Tax Office",
        "",
    ]
    for text in texts:
        first = fold(text)
        assert first == turkish._fold(text)
        assert fold(text) is first  # the kept answer, not a new string
    long_text = "Sayın İlgili, " * 40
    kept = turkish._fold_kept.cache_info().currsize
    assert fold(long_text) == turkish._fold(long_text)
    assert fold(long_text) is not fold(long_text)
    assert turkish._fold_kept.cache_info().currsize == kept
