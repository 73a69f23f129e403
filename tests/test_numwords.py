"""Turkish amounts in words back into numbers, checked against num2words' spelling."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from num2words import num2words

from docpipe.text.numwords import words_to_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Yirmibeşbin Türk Lirası", "25000"),
        ("YİRMİBEŞBİN TÜRK LİRASI", "25000"),
        ("yirmi beş bin TL", "25000"),
        ("YirmiBeşBin TL", "25000"),
        ("Yalnız BinDörtYüzSeksenBir Türk Lirası KırkYedi Kuruş", "1481.47"),
        ("yalnız: iki yüz elli ABD Doları", "250"),
        ("Birmilyonikiyüzbin Avro", "1200000"),
        ("Dokuzyüzdoksandokuzbin Dokuzyüzdoksandokuz TL Doksandokuz Kr.", "999999.99"),
        ("Yüz Türk Lirası", "100"),
        ("on bin", "10000"),
        ("Sıfır TL Elli Kuruş", "0.50"),
        # how contracts print it (issue 13): glued to "Yalnız", to the currency, in hashes
        ("yüzbin Türk Lirası", "100000"),
        ("YalnızOnBinTL", "10000"),
        ("OnBinTürkLirası", "10000"),
        ("#OnBin#TL", "10000"),
        ("Yalnız: YirmiBeşBin TL", "25000"),
        ("YALNIZYİRMİBEŞBİNTÜRKLİRASI", "25000"),
        ("yalnızca yirmi beş bin türk lirası", "25000"),
        ("Kırkikibin TL", "42000"),
        ("YüzOnBeşBinYediYüzElliTL", "115750"),
        ("BinDörtYüzSeksenBirTürkLirasıKırkYediKuruş", "1481.47"),
        ("ÜçBinABDDoları", "3000"),
        ("İkiBinBeşYüzAvro", "2500"),
        # public templates: one glued word after the figures, a sale price in millions
        ("OnbeşbinTürkLirası", "15000"),
        ("Birmilyonbeşyüzbin TL", "1500000"),
        # the kuruş after a decimal comma, the currency's name after both
        ("BinİkiYüzOtuzDört,On TL", "1234.10"),
        ("Yalnız: OnBin,Elli Türk Lirası", "10000.50"),
        ("bin iki yüz otuz dört virgül kırk beş", "1234.45"),
        ("Otuz Dört, Kırk Beş Kuruş", "34.45"),
        # a comma that cuts no fraction off
        ("Yalnız, Bin Türk Lirası", "1000"),
        ("YüzElli TL, Kırk Kuruş", "150.40"),
        ("Bir Milyon, İki Yüz Bin Türk Lirası", "1200000"),
    ],
)
def test_words_to_number(text: str, value: str) -> None:
    assert words_to_number(text) == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Türk Lirası",
        "Kadıköy / İSTANBUL",
        "yirmi beş elma",
        "Bin TL Yüzelli Kuruş",
        "YalnızTL",
        "Kuruş Bin TL",
        "Bin TL Elli Kuruş Yirmi TL",
    ],
)
def test_what_is_not_an_amount_is_none(text: str) -> None:
    assert words_to_number(text) is None


def test_agrees_with_num2words_below_a_thousand() -> None:
    # num2words 0.5.14 drops the "bir" of thousands groups ending in 1 (421 698 →
    # "dörtyüzyirmibin…"), so it is the oracle for groups only; samplegen's
    # number_words adds the scale words and is checked against it in test_samplegen.
    for n in range(1000):
        spelled = num2words(n, lang="tr")
        assert words_to_number(spelled) == n, n
        assert words_to_number(spelled.upper() + " TÜRK LİRASI") == n, n


def test_agrees_with_samplegen_spelling() -> None:
    words = pytest.importorskip("samplegen.words")
    rng = random.Random(6698)
    numbers = [rng.randrange(0, 10 ** rng.randrange(1, 13)) for _ in range(300)]
    for n in [*numbers, 1000, 1001, 100000, 361000, 421698, 1_000_000]:
        for style in words.STYLES:
            spelled = words.amount_in_words(Decimal(n), "TRY", style=style)
            assert words_to_number(spelled) == n, (n, style)
