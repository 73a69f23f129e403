"""Parsing amounts, quantities and rates as printed on Turkish documents.

Handles ``1.234,56`` (Turkish), ``1,234.56`` (foreign/ERP exports), ``1234,56``,
``1 234,56``, currency marks (``TL``, ``TRY``, ``₺``, ``EUR``, ``€``, ``USD``,
``$``), percent signs and negative forms (``-12,50``, ``(12,50)``). A single
comma is always the decimal mark (Turkish usage); a single dot followed by
exactly three digits is a thousands separator (``1.500`` is fifteen hundred).
Written by hand: no maintained library parses Turkish-formatted numbers
leniently out of OCR/text-layer noise (Babel parses one locale strictly).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

CURRENCY_MARKS = {
    "TL": "TRY",
    "TRY": "TRY",
    "₺": "TRY",
    "YTL": "TRY",
    "EUR": "EUR",
    "EURO": "EUR",
    "€": "EUR",
    "USD": "USD",
    "$": "USD",
    "GBP": "GBP",
    "£": "GBP",
    "CHF": "CHF",
}

# A number as it can appear in a text run: optional sign/paren, digits with separators.
NUMBER_RE = re.compile(r"[-−]?\d[\d.,]*\d|[-−]?\d")
_MARKS_RE = re.compile(r"(₺|€|\$|£|%|\bY?TL\b|\bTRY\b|\bEURO?\b|\bUSD\b|\bGBP\b|\bCHF\b)", re.I)

#: Cell texts ``parse_number`` keeps (least recently used dropped): the rules read a cell's
#: text several times within its document, and rates and small counts recur across
#: documents; amounts rarely do, so a few documents' worth keeps nearly every hit
#: while a worker's memory stays flat over thousands of documents.
NUMBERS_KEPT = 4096


@lru_cache(maxsize=NUMBERS_KEPT)  # the rules read a cell's text several times
def parse_number(text: str) -> Decimal | None:
    """The number in ``text`` or None when it is not (only) a number."""
    if not text:
        return None
    s = _MARKS_RE.sub("", text).strip().replace("−", "-")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    if s.startswith("-"):
        negative, s = True, s[1:].strip()
    elif s.endswith("-"):
        negative, s = True, s[:-1].strip()
    s = s.replace(" ", "").replace("'", "").replace("\u00a0", "")
    if not s or not re.fullmatch(r"[\d.,]+", s) or not s[0].isdigit() or not s[-1].isdigit():
        return None
    normalised = _normalise_separators(s)
    if normalised is None:
        return None
    try:
        value = Decimal(normalised)
    except InvalidOperation:
        return None
    return -value if negative else value


def _normalise_separators(s: str) -> str | None:
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_mark = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        if s.count(decimal_mark) > 1:
            return None
        integer, _, fraction = s.partition(decimal_mark)
        if not _valid_grouping(integer, thousands):
            return None
        return integer.replace(thousands, "") + "." + fraction
    if commas:
        if commas == 1:
            return s.replace(",", ".")
        return s.replace(",", "") if _valid_grouping(s, ",") else None
    if dots:
        if dots > 1:
            return s.replace(".", "") if _valid_grouping(s, ".") else None
        integer, _, fraction = s.partition(".")
        return integer + fraction if len(fraction) == 3 else s
    return s


def _valid_grouping(integer: str, sep: str) -> bool:
    groups = integer.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


ISO_CURRENCIES = frozenset(
    {"TRY", "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "RUB", "SAR", "AED", "AZN", "KZT"}
)

CURRENCY_NAMES = (
    (re.compile(r"\b(turk lirasi|turk lira)\b"), "TRY"),
    (re.compile(r"\b(abd dolari|amerikan dolari|dolar)\b"), "USD"),
    (re.compile(r"\b(avro|euro)\b"), "EUR"),
    (re.compile(r"\b(ingiliz sterlini|sterlin)\b"), "GBP"),
    (re.compile(r"\bisvicre frangi\b"), "CHF"),
)


def currency_from_name(text: str) -> str | None:
    """ISO code for a currency written out ("ABD Doları", "Türk Lirası", "Avro")."""
    from docpipe.text.turkish import fold

    folded = fold(text)
    return next((code for rx, code in CURRENCY_NAMES if rx.search(folded)), None)


def find_currency(text: str) -> str | None:
    """The ISO code of the first currency mark in ``text``, if any."""
    match = _MARKS_RE.search(text)
    if not match or match.group(0) == "%":
        return None
    return CURRENCY_MARKS.get(match.group(0).upper())


# an amount with two decimals followed by one or two glyphs: a currency sign OCR could not
# read (no Tesseract model knows "₺"; it comes out as &, $, %, ¢, t, b …)
_GLUED_GLYPH = re.compile(r"^([-(]?\d[\d.,]*[.,]\d{2})[^\d\s]{1,2}$")
# "t54.756,12" where "₺54.756,12" was printed: the sign in front, read as a letter or glyph
_GLUED_PREFIX = re.compile(r"^[^\d\s(+-]([-(]?\d[\d.,]*[.,]\d{2})$")
# "332,156" where "332,15₺" was printed: the sign read as a digit
_GLUED_DIGIT = re.compile(r"^(\d{1,3}(?:\.\d{3})*,\d{2})\d$")
# "19.366TL", "1.787,1TL": a currency printed glued to an amount of any number format
_GLUED_CURRENCY = re.compile(r"^([-(]?\d[\d.,]*?)(?:TL|TRY|YTL|EUR|USD|GBP|₺|€|\$|£)$")


def amount_readings(text: str) -> list[Decimal]:
    """Plausible values of an OCR-read amount, most likely first.

    ``parse_number`` as read, then, for an amount with a currency sign glued on
    as a glyph or a digit, the amount without it. Callers that know the
    arithmetic (quantity × price, base × rate) pick among them.
    """
    return list(_amount_readings(text))


@lru_cache(maxsize=65_536)
def _amount_readings(text: str) -> tuple[Decimal, ...]:
    out: list[Decimal] = []
    value = parse_number(text)
    glyph = (
        _GLUED_GLYPH.match(text.strip())
        or _GLUED_PREFIX.match(text.strip())
        or _GLUED_CURRENCY.match(text.strip())
    )
    digit = _GLUED_DIGIT.match(text.strip())
    if glyph is not None:
        stripped = parse_number(glyph.group(1))
        if stripped is not None:
            out.append(stripped)
    if value is not None and value not in out:
        out.append(value)
    if digit is not None:
        stripped = parse_number(digit.group(1))
        if stripped is not None and stripped not in out:
            out.append(stripped)
    return tuple(out)


def find_numbers(text: str) -> list[tuple[Decimal, int, int]]:
    """Every number in ``text`` as (value, start, end)."""
    found = []
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group(0))
        if value is not None:
            found.append((value, m.start(), m.end()))
    return found


def product_tolerance(quantity: Decimal, price: Decimal) -> Decimal:
    """How far quantity × price may sit from a printed line amount through rounding.

    A kuruş, half a kuruş per unit (the printed unit price may be rounded), and,
    for a fractional quantity, half its last printed digit times the price (the
    quantity may be rounded too: 187,69 printed for 187,686).
    """
    tolerance = Decimal("0.01") + abs(quantity) * Decimal("0.005")
    if quantity != quantity.to_integral_value():
        exponent = quantity.as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            tolerance += abs(price) * Decimal(5) * Decimal(10) ** (exponent - 1)
    return tolerance
