"""Pieces of a party's lines that run together on real letterheads.

- ``Tel: 0212 555 12 12 · info@firma.com`` holds a phone and an e-mail;
- ``KARAÇAM GIDA LTD. ŞTİ. Atatürk Mah. İnönü Cad. No:5`` holds a name and the
  start of the address;
- an address line may run on into ``Vergi D./No …`` or ``Tel …`` (the key/value
  reader bounds values by the next label; here the name/address split).

Written by hand: no library splits Turkish letterhead lines.
"""

from __future__ import annotations

import re

from docpipe.text.layout import Run
from docpipe.text.turkish import fold

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# a phone as printed: +90, brackets, spaces, dots, dashes, slashes between digit groups
_PHONE = re.compile(r"\+?\(?\d[\d\s()./-]{5,}\d")
# where a legal form ends a trade name ("… San. ve Tic. Ltd. Şti.", "… A.Ş.")
_LEGAL_END = re.compile(
    r"^(a\.?s\.?|as\.?|sti\.?|ltd\.?|ltd\.?\s*sti\.?|limited|sirketi|anonim|inc\.?|gmbh|llc|"
    r"koop\.?|kooperatifi)$"
)
# neighbourhood and street words, folded: written out, and abbreviated with or without a dot
_NEIGHBOURHOOD_WORDS = (("mahallesi",), ("mah", "mh"))
_STREET_WORDS = (
    ("caddesi", "sokak", "sokagi", "bulvari"),
    ("cad", "cd", "sok", "sk", "blv", "bul"),
)


def _word_pattern(words: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
    full, short = words
    return "|".join([*full, *(rf"{w}\.?" for w in short)])


_NEIGHBOURHOOD = re.compile(rf"^({_word_pattern(_NEIGHBOURHOOD_WORDS)})$")
_STREET = re.compile(rf"^({_word_pattern(_STREET_WORDS)})$")
# the same words opening a token, a number glued on ("Sk.199/28", "Cad.112")
_ADDRESS_WORD_START = re.compile(
    rf"^(?:{_word_pattern(_NEIGHBOURHOOD_WORDS)}|{_word_pattern(_STREET_WORDS)})\b"
)


def opens_with_address_word(folded: str) -> bool:
    """Whether a folded word is a neighbourhood's or street's word, a number glued on or not
    ("mahallesi", "mah.", "sk.199/28")."""
    return _ADDRESS_WORD_START.match(folded) is not None


def phone_part(text: str) -> str | None:
    """The phone number at the start of ``text`` ("0212 555 12 12 · info@…" → the number)."""
    head = EMAIL.split(text, maxsplit=1)[0]
    head = re.split(r"[·•|,;]|\b(?:faks|fax|e-?posta|e-?mail|gsm|cep|web)\b", head, flags=re.I)[0]
    match = _PHONE.search(head)
    return match.group(0).strip() if match else None


def email_in(text: str) -> str | None:
    match = EMAIL.search(text)
    return match.group(0).rstrip(".") if match else None


def address_start(run: Run) -> int | None:
    """Index of the word where an address begins inside a name line, if it does.

    After a legal form that is followed by more words ("… A.Ş. Karşıyaka Mah.");
    else one word before a neighbourhood or street word that is not the first
    or second word ("Nurgül Gündoğdu Ilıcaboğazı Mahallesi …").
    """
    words = [fold(w.text) for w in run.words]
    legal = [i for i, w in enumerate(words) if _LEGAL_END.match(w)]
    if legal:
        cut = legal[-1] + 1
        while cut < len(words) and _LEGAL_END.match(words[cut]):
            cut += 1
        return cut if 0 < cut < len(words) else None
    for i, w in enumerate(words):
        if _NEIGHBOURHOOD.match(w) or _STREET.match(w):
            return i - 1 if i >= 3 else None  # the first such word decides
    return None


_NAME_TAIL = re.compile(r"^(ve|san\.?|sanayi|tic\.?|ticaret|ith\.?|ihr\.?|ithalat|ihracat|dis)$")


def name_tail(run: Run) -> int | None:
    """How many leading words of an address line still end a wrapped trade name
    ("Şirketi Şehitler Mah. …" → 1, "Tic. Ltd. Şti. Esentepe Mah." → 3)."""
    words = [fold(w.text) for w in run.words]
    cut = 0
    for i, w in enumerate(words):
        if _LEGAL_END.match(w):
            cut = i + 1
        elif not _NAME_TAIL.match(w):
            break
    return cut if 0 < cut < len(words) else None
