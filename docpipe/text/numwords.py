"""Turkish amounts written in words, back into numbers: "Yirmibeşbin Türk Lirası" → 25000.

Contracts and invoices print an amount twice, in figures and in words; the
validators compare the two. ``num2words`` (lang="tr") goes only the other way
(figures → words) and its Turkish output is one fixed spelling, while printed
words come joined ("YirmiBeşBin"), spaced ("yirmi beş bin"), upper-cased, with
"Yalnız", currency and kuruş names around them; comparing numbers is robust
where comparing spellings is not. No maintained library parses Turkish number
words, so this parser is written by hand (tests check it against num2words);
num2words spells the figures some designs mix in ("… TL 45 Kr.").
"""

from __future__ import annotations

import re
from decimal import Decimal

from num2words import num2words

from docpipe.text.turkish import fold

_UNITS = {
    "sifir": 0, "bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6, "yedi": 7,
    "sekiz": 8, "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kirk": 40, "elli": 50,
    "altmis": 60, "yetmis": 70, "seksen": 80, "doksan": 90,
}  # fmt: skip
_SCALES = {"bin": 10**3, "milyon": 10**6, "milyar": 10**9, "trilyon": 10**12}
# currency names (major, then minor), split into the pieces they are printed in; folded
_MAJOR_WORDS = (
    "turk", "lirasi", "lira", "tl", "try", "abd", "amerikan", "dolari", "dolar", "usd",
    "avro", "euro", "eur", "ingiliz", "sterlini", "sterlin", "gbp", "isvicre", "frangi", "chf",
)  # fmt: skip
_MINOR_WORDS = ("kurus", "krs", "kr", "sent", "cent", "penny", "pens", "santim")
_FILLER = ("yalnizca", "yalniz", "sadece", "ve")  # "… Türk Lirası ve Kırk Beş Kuruş"
_VOCAB = sorted(
    [*_UNITS, "yuz", *_SCALES, *_MAJOR_WORDS, *_MINOR_WORDS, *_FILLER], key=len, reverse=True
)
_NOT_LETTERS = re.compile(r"[^a-z]")
# the kuruş in figures after the lira in words ("… Türk Lirası 45 Kr.")
_KURUS_FIGURES = re.compile(r"(?<![\d.,])(\d{1,2})\s*(?=(kuru[sş]|kr[sş]?\b|sent|cent))", re.I)


def _spell_kurus(text: str) -> str:
    """``text`` with kuruş printed in figures spelled out ("… TL 45 Kr." → "… TL kırk beş
    Kr."), as some designs print them; the letters-only parse would drop the 45 and read
    no kuruş at all."""
    return _KURUS_FIGURES.sub(lambda m: f" {num2words(int(m.group(1)), lang='tr')} ", text)


def _tokens(joined: str) -> list[str] | None:
    """Split letters into words, longest first with backtracking; None when no split
    covers them.

    Printed words come spaced, joined ("YirmiBeşBinTL") or glued to "Yalnız", so the
    letters are split with the vocabulary (number words, currency names, fillers).
    Backtracking, because the longest word is not always the right one: "EUROtuz" is
    "EUR" + "Otuz", not "EURO" + "tuz".
    """
    splits: dict[int, list[str] | None] = {len(joined): []}

    def from_(at: int) -> list[str] | None:
        if at not in splits:
            splits[at] = None
            for word in _VOCAB:
                if joined.startswith(word, at) and (rest := from_(at + len(word))) is not None:
                    splits[at] = [word, *rest]
                    break
        return splits[at]

    return from_(0)


def _value(words: list[str]) -> int | None:
    total = current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "yuz":
            current = (current or 1) * 100
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
    return total + current


def _number(words: list[str]) -> int | None:
    return _value(words) if words else None


def names_currency(text: str) -> bool:
    """Whether ``text`` names a currency or its fraction ("… TL", "… Kuruş")."""
    return any(
        t in _MAJOR_WORDS or t in _MINOR_WORDS
        for t in _tokens(_NOT_LETTERS.sub("", fold(text))) or ()
    )


def names_fraction(text: str) -> bool:
    """Whether ``text`` spells a fraction unit (kuruş, cent, …): "… TL" alone does not."""
    return any(t in _MINOR_WORDS for t in _tokens(_NOT_LETTERS.sub("", fold(text))) or ())


# a decimal comma cutting number words: a comma between letters, or the word "virgül"
# (a comma between figures is no such cut)
_DECIMAL_COMMA = re.compile(r"(?<=[^\W\d_])\s*,\s*(?=[^\W\d_])|\s+virg[uü]l\s+", re.I)


def _with_fraction(whole_text: str, fraction_text: str) -> Decimal | None:
    """Lira in words, then the kuruş in words after a decimal comma, the currency's names
    after both ("BinİkiYüzOtuzDört,On TL", "… otuz dört virgül on"); None when the text
    is not that (a comma after "Yalnız", after the currency's name, in a long amount)."""
    names = (*_MAJOR_WORDS, *_MINOR_WORDS)
    whole_words = [
        t for t in _tokens(_NOT_LETTERS.sub("", fold(whole_text))) or () if t not in _FILLER
    ]
    tokens = [t for t in _tokens(_NOT_LETTERS.sub("", fold(fraction_text))) or () if t != "ve"]
    cut = next((i for i, t in enumerate(tokens) if t in names), len(tokens))
    if not whole_words or not cut or any(t in names for t in whole_words):
        return None
    if any(t not in names for t in tokens[cut:]):
        return None
    whole, cents = _number(whole_words), _number(tokens[:cut])
    if whole is None or cents is None or cents >= 100:
        return None
    return Decimal(whole) + Decimal(cents) / 100


def words_to_number(text: str) -> Decimal | None:
    """The amount ``text`` spells out, or None when it is not (only) Turkish number words.

    "Yalnız BinDörtYüzSeksenBir Türk Lirası KırkYedi Kuruş" → Decimal("1481.47");
    "yirmi beş bin TL" → Decimal("25000"); "YalnızOnBinTL", "#OnBinTürkLirası#" → 10000.
    """
    text = _spell_kurus(text)
    parts = _DECIMAL_COMMA.split(text, maxsplit=1)
    if len(parts) == 2 and (value := _with_fraction(parts[0], parts[1])) is not None:
        return value
    tokens = _tokens(_NOT_LETTERS.sub("", fold(text)))
    if not tokens:
        return None
    tokens = [t for t in tokens if t not in _FILLER]
    major_at = next((i for i, t in enumerate(tokens) if t in _MAJOR_WORDS), len(tokens))
    whole_words, rest = tokens[:major_at], tokens[major_at:]
    while rest and rest[0] in _MAJOR_WORDS:  # "Türk Lirası", "ABD Doları"
        rest = rest[1:]
    names = (*_MAJOR_WORDS, *_MINOR_WORDS)
    minor_at = next((i for i, t in enumerate(rest) if t in names), len(rest))
    minor_words, tail = rest[:minor_at], rest[minor_at:]
    # after the kuruş words only currency names ("Sent", "Avro Sent"), and kuruş need a name
    if any(t in _MINOR_WORDS for t in whole_words) or any(t not in names for t in tail):
        return None
    if minor_words and not any(t in _MINOR_WORDS for t in tail):
        return None
    whole = _number(whole_words)
    if whole is None:
        return None
    cents = _number(minor_words) if minor_words else 0
    if cents is None or cents >= 100:
        return None
    return Decimal(whole) + Decimal(cents) / 100
