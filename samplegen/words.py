"""Amounts in Turkish words, as printed under invoice totals ("Yalnız …").

The number words come from ``num2words`` (lang="tr"), one group of three digits
at a time: num2words 0.5.14 drops the "bir" of a thousands group such as 361 000
("üçyüzaltmışbin" instead of "üçyüzaltmışbirbin"); below one thousand it is
right, and the scale words (bin, milyon, milyar) are added here. The joined words
num2words returns are split back into words with the vocabulary below so they
can be capitalised, spaced or joined the way GİB and integrators print them.
"""

from __future__ import annotations

import random
from decimal import Decimal

from num2words import num2words

from samplegen.casing import tr_capitalize, tr_upper

VOCABULARY = (
    "sıfır",
    "bir",
    "iki",
    "üç",
    "dört",
    "beş",
    "altı",
    "yedi",
    "sekiz",
    "dokuz",
    "on",
    "yirmi",
    "otuz",
    "kırk",
    "elli",
    "altmış",
    "yetmiş",
    "seksen",
    "doksan",
    "yüz",
    "bin",
    "milyon",
    "milyar",
    "trilyon",
)
_BY_LENGTH = sorted(VOCABULARY, key=len, reverse=True)
SCALES = ((10**12, "trilyon"), (10**9, "milyar"), (10**6, "milyon"), (10**3, "bin"))

# (major unit, minor unit) name choices per currency
CURRENCY_WORDS = {
    "TRY": (("Türk Lirası", "Kuruş"), ("TL", "Kr."), ("TL", "Kuruş"), ("Türk Lirası", "Kr.")),
    "EUR": (("Avro", "Sent"), ("Euro", "Cent"), ("EUR", "Cent"), ("Avro", "Avro Sent")),
    "USD": (("ABD Doları", "Sent"), ("Amerikan Doları", "Sent"), ("USD", "Cent")),
}
STYLES = ("joined", "spaced", "upper_spaced", "upper_joined", "lower_joined")


def split_words(joined: str) -> list[str]:
    """Split num2words' joined Turkish output ("bindörtyüz") into words (longest match)."""
    words: list[str] = []
    rest = joined
    while rest:
        for word in _BY_LENGTH:
            if rest.startswith(word):
                words.append(word)
                rest = rest[len(word) :]
                break
        else:
            raise ValueError(f"unexpected number word in {joined!r}")
    return words


def number_words(number: int) -> list[str]:
    """Turkish words of a non-negative integer: 1481 → ["bin", "dört", "yüz", "seksen", "bir"]."""
    if number < 0:
        raise ValueError("negative amounts are not written in words")
    if number == 0:
        return ["sıfır"]
    words: list[str] = []
    for scale, name in SCALES:
        group, number = divmod(number, scale)
        if not group:
            continue
        if not (scale == 1000 and group == 1):  # "bin", never "bir bin"
            words += split_words(num2words(group, lang="tr"))
        words.append(name)
    if number:
        words += split_words(num2words(number, lang="tr"))
    return words


def _render(words: list[str], style: str) -> str:
    if style == "joined":
        return "".join(tr_capitalize(w) for w in words)
    if style == "spaced":
        return " ".join(tr_capitalize(w) for w in words)
    if style == "upper_spaced":
        return tr_upper(" ".join(words))
    if style == "upper_joined":
        return tr_upper("".join(words))
    if style == "lower_joined":
        return "".join(words)
    raise ValueError(f"unknown style {style!r}")


def amount_in_words(
    amount: Decimal,
    currency: str,
    *,
    style: str = "joined",
    names: tuple[str, str] | None = None,
    zero_minor: bool = False,
) -> str:
    """E.g. 1481.47 TRY → "Yalnız BinDörtYüzSeksenBir Türk Lirası KırkYedi Kuruş".

    ``zero_minor`` writes "Sıfır Kuruş" when there are no kuruş; otherwise they are left out.
    """
    major_name, minor_name = names or CURRENCY_WORDS[currency][0]
    cents = int((amount * 100).to_integral_value())
    major, minor = divmod(cents, 100)
    upper = style.startswith("upper")
    parts = ["YALNIZ" if upper else "Yalnız", _render(number_words(major), style)]
    parts.append(tr_upper(major_name) if upper else major_name)
    if minor or zero_minor:
        parts.append(_render(number_words(minor), style))
        parts.append(tr_upper(minor_name) if upper else minor_name)
    return " ".join(parts)


def random_amount_in_words(
    rng: random.Random, amount: Decimal, currency: str, *, attack: bool = False
) -> str:
    """``amount_in_words`` with a randomly chosen printing style; with ``attack`` also one
    of the other ``WORDINGS`` real invoices print (drawn after the style, so a corpus
    without it keeps its words)."""
    style = rng.choice(STYLES)
    names = rng.choice(CURRENCY_WORDS[currency])
    zero_minor = rng.random() < 0.3
    if attack:
        wording = rng.choice(WORDINGS)
        return worded(amount, currency, wording, style=style, names=names, zero_minor=zero_minor)
    return amount_in_words(amount, currency, style=style, names=names, zero_minor=zero_minor)


# Wordings of the amount in words seen on Turkish invoices besides "Yalnız <lira> <name>
# <kuruş> <name>": ERP notes in hashes ("#YALNIZ …#", Odoo l10n-turkey's note form, which
# its design prints as "YALNIZ: …" with TRY turned into TL), "Yalnız" glued to the words,
# "Yalnızca", the currency code instead of its name, the kuruş in figures ("… TL 45 Kr.")
# or after a decimal comma ("BinİkiYüz,KırkBeş TL"), and "Krş." for kuruş.
WORDINGS = (
    "hashes",  # "#Yalnız BinİkiYüz Türk Lirası KırkBeş Kuruş#"
    "erp_note",  # "#YALNIZ BİNİKİYÜZ TRY KIRKBEŞ KURUŞ#"
    "glued",  # "YalnızBinİkiYüzTürkLirasıKırkBeşKuruş"
    "yalnizca",  # "Yalnızca Bin İki Yüz TL Kırk Beş Kr."
    "colon",  # "YALNIZ: Bin İki Yüz TL Kırk Beş Krş."
    "code",  # "Yalnız BinİkiYüz TRY KırkBeş Kuruş"
    "kurus_figures",  # "Yalnız BinİkiYüz Türk Lirası 45 Kr."
    "decimal_comma",  # "Yalnız BinİkiYüz,KırkBeş TL"
)
CODE_NAMES = {"TRY": ("TRY", "Kuruş"), "EUR": ("EUR", "Cent"), "USD": ("USD", "Cent")}


def worded(
    amount: Decimal,
    currency: str,
    wording: str,
    *,
    style: str = "joined",
    names: tuple[str, str] | None = None,
    zero_minor: bool = False,
) -> str:
    """``amount`` in words in one of ``WORDINGS`` (see there); the words themselves in
    ``style`` as in ``amount_in_words``."""
    major_name, minor_name = names or CURRENCY_WORDS[currency][0]
    if wording in ("code", "erp_note"):
        major_name, minor_name = CODE_NAMES[currency]
    if wording == "colon" and minor_name == "Kuruş":
        minor_name = "Krş."
    cents = int((amount * 100).to_integral_value())
    major, minor = divmod(cents, 100)
    upper = style.startswith("upper") or wording == "erp_note"
    case = tr_upper if upper else (lambda text: text)
    lira = _render(number_words(major), style)
    kurus = _render(number_words(minor), style) if minor or zero_minor else ""
    if upper:
        lira, kurus = tr_upper(lira), tr_upper(kurus)
    if wording == "decimal_comma":
        words = f"{lira},{kurus or case('Sıfır')} {case(major_name)}"
    elif wording == "kurus_figures":
        words = f"{lira} {case(major_name)}" + (f" {minor:02d} Kr." if kurus else "")
    else:
        words = " ".join([lira, case(major_name), *([kurus, case(minor_name)] if kurus else [])])
    lead = case("Yalnız")
    if wording == "hashes":
        return f"#{lead} {words}#"
    if wording == "erp_note":
        return f"#YALNIZ {words}#"
    if wording == "glued":
        return lead + words.replace(" ", "")
    if wording == "yalnizca":
        return f"{case('Yalnızca')} {words}"
    if wording == "colon":
        return f"{lead}: {words}"
    return f"{lead} {words}"
