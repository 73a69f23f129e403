"""How a contract prints numbers, money, dates, durations and clause headings."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from samplegen.casing import tr_capitalize, tr_upper
from samplegen.formats import format_date, turkish_number
from samplegen.words import _render, number_words

CURRENCY_MARK = {"TRY": (" TL", " TL", " TRY"), "USD": (" USD", " ABD Doları"),
                 "EUR": (" EUR", " Avro", " Euro")}  # fmt: skip
CURRENCY_NAME = {"TRY": ("Türk Lirası", "TL"), "USD": ("ABD Doları", "Amerikan Doları"),
                 "EUR": ("Avro", "Euro")}  # fmt: skip
ORDINALS = (
    "Birinci", "İkinci", "Üçüncü", "Dördüncü", "Beşinci", "Altıncı", "Yedinci", "Sekizinci",
    "Dokuzuncu", "Onuncu",
)  # fmt: skip
TENS_ORDINAL = {1: "Onuncu", 2: "Yirminci", 3: "Otuzuncu", 4: "Kırkıncı"}
TENS = {1: "On", 2: "Yirmi", 3: "Otuz", 4: "Kırk"}
DIGIT_WORDS = ("", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz")


def ordinal(n: int) -> str:
    """5 → "Beşinci", 12 → "On İkinci", 20 → "Yirminci" (clause numbers up to 49)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return ORDINALS[ones - 1]
    if ones == 0:
        return TENS_ORDINAL[tens]
    return f"{TENS[tens]} {ORDINALS[ones - 1]}"


def small_words(n: int) -> str:
    """Lower-case words for small counts: 12 → "oniki" or "on iki"."""
    return "".join(number_words(n))


class Wording:
    """One document's printing choices, drawn once."""

    def __init__(self, rng: random.Random, currency: str, date_style: str, words_style: str):
        self.rng = rng
        self.currency = currency
        self.date_style = date_style
        self.words_style = words_style
        self.mark = rng.choice(CURRENCY_MARK[currency])
        self.name = rng.choice(CURRENCY_NAME[currency])
        self.thousands = rng.random() < 0.9
        # "25.000,00 TL", "25.000 TL", "25.000.-TL"
        self.money_style = rng.choice(("cents", "cents", "whole", "dash"))
        self.count_style = rng.choice(("digits_words", "digits_words", "words_digits", "digits"))
        # fields a style prints only now and then, named as the truth's paths once printed
        self.printed: set[str] = set()

    def date(self, value: date) -> str:
        return format_date(value, self.date_style)

    def money(self, value: Decimal) -> str:
        whole = value == value.to_integral_value()
        if self.money_style == "whole" and whole:
            return turkish_number(value, 0, True) + self.mark
        if self.money_style == "dash" and whole:
            return turkish_number(value, 0, True) + ".-" + self.mark.strip()
        return turkish_number(value, 2, self.thousands) + self.mark

    def words(self, whole: int) -> str:
        """ "Yirmibeşbin Türk Lirası" (the text printed inside the parentheses)."""
        if self.words_style == "sentence":  # "Yirmibeşbin"
            text = tr_capitalize("".join(number_words(whole)))
        else:
            text = _render(number_words(whole), self.words_style)
        name = tr_upper(self.name) if self.words_style.startswith("upper") else self.name
        return f"{text} {name}"

    def money_words(self, value: Decimal, whole: int | None = None) -> str:
        return f"{self.money(value)} ({self.words(int(value) if whole is None else whole)})"

    def count(self, n: int, unit: str) -> str:
        """12 ay → "12 (oniki) ay" or "12 ay"."""
        if self.count_style == "digits":
            return f"{n} {unit}"
        words = small_words(n)
        if self.rng.random() < 0.4:
            words = tr_capitalize(words)
        if self.count_style == "words_digits":  # "otuz (30) gün"
            return f"{words} ({n}) {unit}"
        return f"{n} ({words}) {unit}"


def term_text(w: Wording, months: int) -> str:
    if months % 12 == 0 and w.rng.random() < 0.6:
        return w.count(months // 12, "yıl")
    return w.count(months, "ay")


def clause_heading(style: str, number: int, heading: str, rng: random.Random) -> str:
    """The printed heading line of clause ``number``."""
    sep = rng.choice((" – ", " - ", ": ", " — "))
    if style == "madde":
        return f"Madde {number}{sep}{heading}"
    if style == "madde_upper":
        return f"MADDE {number}{sep}{tr_upper(heading)}"
    if style == "decimal":
        return f"{number}. {tr_upper(heading) if rng.random() < 0.5 else heading}"
    if style == "madde_split":  # number and heading on two lines
        return f"MADDE {number}\n{tr_upper(heading) if rng.random() < 0.5 else heading}"
    if style == "ordinal":
        return f"{tr_upper(ordinal(number))} MADDE{sep}{tr_upper(heading)}"
    raise ValueError(style)
