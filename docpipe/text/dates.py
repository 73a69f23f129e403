"""Dates as printed on Turkish documents.

``14.03.2024``, ``14/03/2024``, ``14-03-2024``, ``14.03.24``, ``2024-03-14``,
``14 Mart 2024``, ``14 MART 2024``, ``14 Mar 2024``, ``14 Ağustos 2024`` and
the same without Turkish letters (``Agustos``, ``Subat``, OCR output). Day
comes before month: Turkish documents never print month-first dates.
Written by hand: dateparser would do it but pulls a large dependency tree for
a dozen month names.
"""

from __future__ import annotations

import re
from datetime import date

from docpipe.text.turkish import fold_chars

# month names as ``fold_chars`` leaves them, in calendar order
MONTH_NAMES = (
    "ocak", "subat", "mart", "nisan", "mayis", "haziran",
    "temmuz", "agustos", "eylul", "ekim", "kasim", "aralik",
)  # fmt: skip
_MONTHS = {
    **{name: number for number, name in enumerate(MONTH_NAMES, 1)},
    **{"oca": 1, "sub": 2, "mar": 3, "nis": 4, "may": 5, "haz": 6, "tem": 7},
    **{"agu": 8, "agus": 8, "eyl": 9, "eki": 10, "kas": 11, "ara": 12},
}

_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDED = re.compile(r"(?<!\d)(\d{1,2})\.?\s+([a-z]{3,8})\.?\s+(\d{4})(?!\d)")


def _make(year: int, month: int, day: int) -> date | None:
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, int, int]]:
    """Every date in ``text`` as (date, start, end), in order of appearance.

    Offsets refer to ``text`` (folding is character for character).
    """
    found: list[tuple[date, int, int]] = []
    for m in _NUMERIC.finditer(text):
        d = _make(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if d:
            found.append((d, m.start(), m.end()))
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            found.append((d, m.start(), m.end()))
    folded = fold_chars(text)
    if folded:
        for m in _WORDED.finditer(folded):
            month = _MONTHS.get(m.group(2))
            d = _make(int(m.group(3)), month, int(m.group(1))) if month else None
            if d:
                found.append((d, m.start(), m.end()))
    found.sort(key=lambda item: item[1])
    return found


def parse_date(text: str) -> date | None:
    """The first date in ``text``, or None."""
    found = find_dates(text)
    return found[0][0] if found else None
