"""Values of a line-item cell's words: numbers, amounts OCR may have misread, units.

Split from ``table`` (which finds the table and its cells): here a cell's
words become a value, and where OCR leaves several readings of an amount the
row's arithmetic picks one.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from docpipe.document import Word
from docpipe.extract.rules.found import Found
from docpipe.text.numbers import amount_readings, parse_number
from docpipe.text.turkish import fold

#: word texts ``is_number`` answered: the table's header search asks about every word of a
#: page, and a sender's invoices repeat theirs
NUMBER_WORDS_KEPT = 8192


@lru_cache(maxsize=NUMBER_WORDS_KEPT)
def is_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and bool(amount_readings(text))


MONEY = ("unit_price", "discount", "kdv_amount", "amount", "gross")
CENT = Decimal("0.01")


def ocr_read(words: Iterable[Word]) -> bool:
    """Whether any of the words was OCR-read (a text layer's words are exact: conf 1.0)."""
    return any(w.conf < 1.0 for w in words)


def first_amount(words: list[Word]) -> list[Decimal]:
    """Readings of the first amount among the words (OCR may have glued a ₺ onto it)."""
    for word in words:
        found = amount_readings(word.text)
        if found:
            if word.conf >= 1.0:  # a text layer is exact: no second guesses
                return found[:1] if parse_number(word.text) is None else [parse_number(word.text)]
            return found
    return []


def choose_readings(out: dict[str, Found], readings: dict[str, list[Decimal]]) -> None:
    """Where an amount has several readings, keep the one the row's arithmetic confirms.

    quantity × unit price = amount, amount × KDV rate = KDV amount,
    amount + KDV amount = gross; without a confirmation, an amount with more
    than two decimals loses its last digit (a ₺ read as a digit).
    """

    def value(name: str) -> Decimal | None:
        found = out.get(name)
        return found.value if found is not None and isinstance(found.value, Decimal) else None

    def holds(name: str, candidate: Decimal) -> bool:
        q, p, a = value("quantity"), value("unit_price"), value("amount")
        r, k, g = value("kdv_rate"), value("kdv_amount"), value("gross")
        vals = {"unit_price": p, "amount": a, "kdv_amount": k, "gross": g, name: candidate}
        p, a, k, g = vals["unit_price"], vals["amount"], vals["kdv_amount"], vals["gross"]
        checks = []
        if q is not None and p is not None and a is not None and name in ("unit_price", "amount"):
            checks.append(abs(q * p - a) <= CENT * max(1, q))
        if a is not None and r is not None and k is not None and name in ("amount", "kdv_amount"):
            checks.append(abs(a * r / 100 - k) <= CENT)
        if a is not None and k is not None and g is not None and name != "unit_price":
            checks.append(abs(a + k - g) <= CENT)
        return any(checks)

    for name, options in readings.items():
        if len(options) < 2 or name not in out:
            continue
        confirmed = [c for c in options if holds(name, c)]
        if confirmed:
            choice = confirmed[0]
        else:
            choice = next((c for c in options if -c.as_tuple().exponent <= 2), options[0])
        out[name] = Found(choice, out[name].runs, out[name].score)


def first_number(words: list[Word]) -> tuple[Decimal | None, list[Word]]:
    """The first number among the words ("% 20" counts), and the non-numeric words after it."""
    for i, word in enumerate(words):
        value = parse_number(word.text)
        # what follows the number on its right ("4 Adet"), not a word the cell caught on its left
        # or on a line below it inside the cell ("40,1" over "Kg")
        below = word.y1 - 0.3 * (word.y1 - word.y0)
        rest = [
            w
            for w in words[i + 1 :]
            if not is_number(w.text) and w.text != "%" and (w.x0 >= word.x0 or w.y0 >= below)
        ]
        if value is not None:
            return value, rest
        glued = _NUMBER_AND_UNIT.match(word.text)
        # OCR lost the space ("54Lt"), or the design prints none before a unit ("3Adet")
        if glued and (word.conf < 1.0 or is_unit(glued.group(2))):
            value = parse_number(glued.group(1))
            if value is not None:
                return value, [dataclasses.replace(word, text=glued.group(2)), *rest]
    return None, []


_NUMBER_AND_UNIT = re.compile(r"^(\d[\d.,]*)([^\W\d_]{1,6}[23]?\.?)$")


# units written out in full: a dot after one of these is a speck OCR read, not an abbreviation
_FULL_UNITS = frozenset(
    fold(u)
    for u in (
        "Adet Kg Gram Ton Litre Lt Metre M2 M3 Saat Gün Ay Yıl Hafta Kutu Paket Koli Kova "
        "Çuval Set Takım Çift Sefer Porsiyon Gece Kişi Varil Rulo Şişe Top Düzine Sayfa "
        "Ad Adt Mt M Cm Mm Km Gr Lt. Kwh Kutu Bidon Teneke Tabaka Palet Sepet Demet Dakika"
    ).split()
)


def is_unit(text: str) -> bool:
    """Whether ``text`` is a unit of measure written out ("Adet", "Kg", "Lt.")."""
    return fold(text.rstrip(".,;:")) in _FULL_UNITS


def clean_unit(text: str) -> str:
    """An OCR-read unit without a stray trailing dot or comma ("Adet." → "Adet"), and with
    a look-alike letter read back: ``It``/``1t`` → ``Lt`` (an L's foot lost), ``LI`` → ``Lt``
    (the t's bar lost), ``Pakel`` → ``Paket``, ``Adel`` → ``Adet`` (one letter off a unit of
    four letters or more, when only one unit is that near)."""
    stripped = text.rstrip(".,;:'")
    if fold(stripped) in _FULL_UNITS:
        return stripped
    if len(stripped) == 2 and stripped[0] in "Il1|" and fold("L" + stripped[1]) in _FULL_UNITS:
        return "L" + stripped[1]
    if len(stripped) == 2 and stripped[0] == "L" and stripped[1] in "Il1|ı":
        return "Lt"  # the t's bar lost: "LI"
    if len(stripped) >= 4 and stripped.isalpha():
        near = [u for u in _SPELLED if len(u) == len(stripped) and _one_off(u, stripped)]
        if len(near) == 1:
            return near[0] if not stripped.isupper() else near[0].upper()
    return text


def _one_off(unit: str, text: str) -> bool:
    return sum(a != b for a, b in zip(fold(unit), fold(text), strict=True)) == 1


# units as printed, for mending an OCR-read one (``clean_unit``)
_SPELLED = ("Adet", "Gram", "Litre", "Metre", "Paket", "Koli", "Kutu", "Kova", "Çuval", "Takım",
            "Çift", "Sefer", "Porsiyon", "Varil", "Rulo", "Şişe", "Düzine", "Sayfa", "Bidon",
            "Teneke", "Tabaka", "Palet", "Sepet", "Demet", "Dakika", "Hafta", "Saat")  # fmt: skip
