"""Dates in a contract's text: every form ``find_dates`` reads, dates spelt out in words, and
counts of a duration in words ("bir yıl", "on iki ay").

Formal contracts also name the day of a month of a year ("2025 yılı Şubat ayının 15. günü").
Notarial and formal contracts write dates in words ("on iki Mart iki bin yirmi beş"),
alone or after the figures ("12.03.2025 (on iki Mart iki bin yirmi beş)"). A date in words
is read with ``docpipe.text.numwords``; when it repeats the figures just before it, the two
are one date whose span covers both, so the cue after it ("… tarihinde başlar") stays next
to it. Written by hand: no library reads Turkish dates in words.
"""

from __future__ import annotations

import re
from datetime import date

from docpipe.text.dates import MONTH_NAMES, find_dates
from docpipe.text.numwords import words_to_number
from docpipe.text.turkish import fold_chars

_UNITS = r"bir|iki|uc|dort|bes|alti|yedi|sekiz|dokuz"
_TENS = r"on|yirmi|otuz|kirk|elli|altmis|yetmis|seksen|doksan"
_IN_WORDS = re.compile(
    rf"\b(?P<day>(?:(?:{_TENS})\s?)?(?:{_UNITS})|{_TENS})\s+(?P<month>{'|'.join(MONTH_NAMES)})"
    rf"\s+(?P<year>(?:iki\s?bin|bin\s?dokuz\s?yuz)(?:\s?(?:{_TENS}|{_UNITS})){{0,2}})\b"
)

# the day of a month of a year, as formal contracts write it: "2025 yılı Şubat ayının 15.
# günü", "2025 yılının Mart ayının 3'üncü günü", "2024 senesi Ocak ayının 2 nci günü",
# "2026 yılı Ocak ayının 1'i"
_DAY_OF_MONTH = re.compile(
    rf"(?<!\d)(?P<year>(?:19|20)\d\d)\s+(?:yili|senesi)(?:nin)?\s+"
    rf"(?P<month>{'|'.join(MONTH_NAMES)})\s+ayi(?:nin)?\s+(?P<day>\d{{1,2}})"
    r"(?:(?:\s?\.|\s?'?\s?(?:inci|nci|uncu|ncu|ci|cu))?\s+gun(?:u|unde|unden)?\b"
    # "Ocak ayının 1'i", "Mart ayının 3'ünde", "Mayıs ayının 6'sı": the day with its suffix
    r"|'\s?s?[iu](?:n?(?:da|de))?\b)"
)

# a count in words before a time unit: "bir yıl", "on iki ay", "otuz gün"
COUNT_WORDS = rf"(?:(?:{_TENS})\s?)?(?:{_UNITS})|(?:{_TENS})"


# the time units of a duration (folded); "sene" is an older word for a year ("1 sene")
DURATION_UNITS = r"gun|hafta|ay|yil|sene"


def duration_unit(m: re.Match[str]) -> str:
    """The unit of a duration match (group ``unit``): gun, hafta, ay or yil."""
    unit = m.group("unit")
    return "yil" if unit == "sene" else unit


def duration_count(m: re.Match[str]) -> int:
    """The count of a duration match with groups ``a``/``b`` (figures) or ``w`` (words)."""
    if m.group("w"):
        spelled = words_to_number(m.group("w"))
        return int(spelled) if spelled is not None else 0
    return int(m.group("a") or m.group("b"))


def dates_in_words(text: str) -> list[tuple[date, int, int]]:
    """Every date spelt out in words in ``text`` as (date, start, end)."""
    found = []
    for m in _IN_WORDS.finditer(fold_chars(text)):
        day, year = words_to_number(m.group("day")), words_to_number(m.group("year"))
        if day is None or year is None:
            continue
        try:
            value = date(int(year), MONTH_NAMES.index(m.group("month")) + 1, int(day))
        except ValueError:
            continue
        found.append((value, m.start(), m.end()))
    return found


def days_of_months(text: str) -> list[tuple[date, int, int]]:
    """Every "2025 yılı Şubat ayının 15. günü" in ``text`` as (date, start, end)."""
    found = []
    for m in _DAY_OF_MONTH.finditer(fold_chars(text)):
        try:
            value = date(
                int(m.group("year")), MONTH_NAMES.index(m.group("month")) + 1, int(m.group("day"))
            )
        except ValueError:
            continue
        found.append((value, m.start(), m.end()))
    return found


def contract_dates(text: str) -> list[tuple[date, int, int]]:
    """Every date in ``text`` in order; figures followed by the same date in words in
    parentheses are one date spanning both."""
    figures = find_dates(text)
    words = dates_in_words(text) + days_of_months(text)
    out: list[tuple[date, int, int]] = []
    for value, a, b in sorted(figures + words, key=lambda d: d[1]):
        if out and a < out[-1][2]:
            continue  # inside the previous one
        prev = out[-1] if out else None
        if prev and prev[0] == value and re.fullmatch(r"\s*\(\s*", text[prev[2] : a]):
            close = re.match(r"\s*\)", text[b:])
            out[-1] = (value, prev[1], b + (close.end() if close else 0))
            continue
        out.append((value, a, b))
    return out
