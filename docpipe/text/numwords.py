"""Turkish amounts written in words, back into numbers: "Yirmibeşbin Türk Lirası" → 25000.

Contracts and invoices print an amount twice, in figures and in words; the
validators compare the two. ``num2words`` (lang="tr") goes only the other way
(figures → words) and its Turkish output is one fixed spelling, while printed
words come joined ("YirmiBeşBin"), spaced ("yirmi beş bin"), upper-cased, with
"Yalnız", currency and kuruş names around them; comparing numbers is robust
where comparing spellings is not. No maintained library parses Turkish number
words, so this parser is written by hand (tests check it against num2words).
"""

from __future__ import annotations

import re
from decimal import Decimal

from docpipe.text.turkish import fold

_UNITS = {
    "sifir": 0, "bir": 1, "iki": 2, "uc": 3, "dort": 4, "bes": 5, "alti": 6, "yedi": 7,
    "sekiz": 8, "dokuz": 9, "on": 10, "yirmi": 20, "otuz": 30, "kirk": 40, "elli": 50,
    "altmis": 60, "yetmis": 70, "seksen": 80, "doksan": 90,
}  # fmt: skip
_SCALES = {"bin": 10**3, "milyon": 10**6, "milyar": 10**9, "trilyon": 10**12}
_VOCAB = sorted([*_UNITS, "yuz", *_SCALES], key=len, reverse=True)
_MAJOR = re.compile(
    r"\b(turk\s*lirasi|turk\s*lira|lira(?:si)?|tl|try|abd\s*dolari|amerikan\s*dolari|dolar(?:i)?|"
    r"usd|avro|euro|eur|ingiliz\s*sterlini|sterlin|gbp|isvicre\s*frangi|chf)\b"
)
_MINOR = re.compile(r"\b(kurus|kr\.?|sent|cent|penny|pens|santim)\b")
_NOISE = re.compile(r"\b(yalniz|yalnizca|sadece)\b|[^a-z ]")


def _tokens(joined: str) -> list[str] | None:
    """Split letters into number words by longest match; None when something else is there."""
    out: list[str] = []
    rest = joined
    while rest:
        word = next((w for w in _VOCAB if rest.startswith(w)), None)
        if word is None:
            return None
        out.append(word)
        rest = rest[len(word) :]
    return out


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


def _integer(text: str) -> int | None:
    joined = _NOISE.sub(" ", text).replace(" ", "")
    if not joined:
        return None
    words = _tokens(joined)
    return _value(words) if words else None


def words_to_number(text: str) -> Decimal | None:
    """The amount ``text`` spells out, or None when it is not (only) Turkish number words.

    "Yalnız BinDörtYüzSeksenBir Türk Lirası KırkYedi Kuruş" → Decimal("1481.47");
    "yirmi beş bin TL" → Decimal("25000").
    """
    folded = fold(text)
    major = _MAJOR.search(folded)
    if major:
        whole_text, rest = folded[: major.start()], folded[major.end() :]
    else:
        whole_text, rest = folded, ""
    whole = _integer(whole_text)
    if whole is None:
        return None
    minor_text = _MINOR.split(rest)[0] if rest else ""
    cents = _integer(minor_text) if minor_text.strip() else 0
    if cents is None or cents >= 100:
        return None
    return Decimal(whole) + Decimal(cents) / 100
