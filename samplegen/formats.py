"""How numbers, dates and percents are printed; one ``Formats`` is drawn per document.

Money is always Turkish style ("1.234,56"), optionally without thousands dots,
with a currency mark chosen per document ("1.234,56 TL", "₺1.234,56",
"1.234,56 EUR", or none).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MONTHS = (
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
)
DATE_STYLES = ("dot", "slash", "dash", "long")
CURRENCY_MARKS = {
    "TRY": (("", " TL"), ("₺", ""), ("", " ₺"), ("", " TRY")),
    "EUR": (("", " EUR"), ("€", ""), ("", " €"), ("", " Euro")),
    "USD": (("", " USD"), ("$", ""), ("", " $"), ("", " ABD Doları")),
}


def group_thousands(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return sep.join(reversed(out))


def turkish_number(value: Decimal, places: int | None, thousands: bool = True) -> str:
    """1234.5 → "1.234,50" (places=2) or "1.234,5" (places=None: as few as needed)."""
    if places is None:
        text = format(value.normalize(), "f")
    else:
        text = format(value.quantize(Decimal(1).scaleb(-places)), "f")
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    whole = group_thousands(whole, ".") if thousands else whole
    return sign + whole + ("," + frac if frac else "")


def format_date(value: date, style: str) -> str:
    if style == "dot":
        return f"{value.day:02d}.{value.month:02d}.{value.year}"
    if style == "slash":
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if style == "dash":
        return f"{value.day:02d}-{value.month:02d}-{value.year}"
    if style == "long":
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    raise ValueError(style)


@dataclass(frozen=True)
class Formats:
    currency: str
    date_style: str = "dot"
    thousands: bool = True
    mark_lines: bool = False  # currency mark on table cells
    mark_totals: bool = True  # currency mark on totals
    prefix: str = ""
    suffix: str = " TL"
    percent_style: str = "%20"  # "%20", "%20,00", "20", "% 20", "20%"
    quantity_places: int | None = None  # None: as few as needed

    def date(self, value: date) -> str:
        return format_date(value, self.date_style)

    def number(self, value: Decimal, places: int | None = 2) -> str:
        return turkish_number(value, places, self.thousands)

    def money(self, value: Decimal, marked: bool) -> str:
        text = self.number(value, 2)
        if not marked:
            return text
        if self.prefix and text.startswith("-"):
            return "-" + self.prefix + text[1:]
        return self.prefix + text + self.suffix

    def line_money(self, value: Decimal) -> str:
        return self.money(value, self.mark_lines)

    def total_money(self, value: Decimal) -> str:
        return self.money(value, self.mark_totals)

    def quantity(self, value: Decimal) -> str:
        places = self.quantity_places
        if places is not None and value != value.to_integral_value():
            places = max(places, -value.normalize().as_tuple().exponent)  # never hide digits
        return turkish_number(value, places, self.thousands)

    def percent(self, value: Decimal) -> str:
        whole = turkish_number(value, None, False)
        return {
            "%20": f"%{whole}",
            "%20,00": f"%{turkish_number(value, 2, False)}",
            "20": whole,
            "% 20": f"% {whole}",
            "20%": f"{whole}%",
        }[self.percent_style]


def random_formats(
    rng: random.Random, currency: str, *, date_styles: tuple[str, ...] = DATE_STYLES
) -> Formats:
    prefix, suffix = rng.choice(CURRENCY_MARKS[currency])
    if currency == "TRY" and rng.random() < 0.5:
        prefix, suffix = "", " TL"  # by far the most common
    return Formats(
        currency=currency,
        date_style=rng.choice(date_styles),
        thousands=rng.random() < 0.85,
        mark_lines=rng.random() < 0.4,
        mark_totals=rng.random() < 0.75,
        prefix=prefix,
        suffix=suffix,
        percent_style=rng.choice(("%20", "%20", "%20,00", "20", "% 20", "20%")),
        quantity_places=rng.choice((None, None, None, 2)),
    )
