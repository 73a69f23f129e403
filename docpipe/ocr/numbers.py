"""Amounts that OCR cut in two or misspelled, put back together before any rule reads them.

On scans and photos Tesseract often reads a space inside an amount: a comma
with a wide right bearing leaves ``132416,`` and ``00`` as two words, a lost
thousands dot leaves ``1`` and ``234,56``; and inside a number it reads a round
``0`` as ``O``/``C`` or a ``1`` as ``l`` (``%20,0C``). Two things are done, and
only inside numeric tokens, never in words:

- neighbours on one line a fraction of a letter apart are joined when they are
  the two halves of one amount (``132416,`` + ``00``, ``23.487`` + ``,60``,
  ``1`` + ``234,56``);
- in a token of digits and separators with at most two letter look-alikes between
  or after digits (``O o C D Q`` → 0, ``l I |`` → 1, ``S`` → 5, ``B`` → 8), those are
  read as the digits, when the result is a well-formed amount or percentage;
- a decimal comma read as a dot behind thousands groups (``1.389.33``, ``39.471.00``:
  groups of three then two digits, which no number format writes) is a comma again;
- identifiers with one misread symbol: a GİB invoice number's series letter read as a
  currency sign (``£AR2025000023520``) and a non-hex look-alike inside an ETTN
  (``4e76{303931b``, ``{`` for ``f``), when the mended token has the identifier's shape;
- a GİB invoice number's series letters read as digits (``G1B…``, ``1L1…``: ``I`` as
  ``1``, ``S`` as ``5``, ``O`` as ``0``, ``B`` as ``8``): the series is letters on every
  GİB number seen, so a series mixing letters and look-alike digits is read as letters;
  a series of digits only (``151…`` for ``ISI``) only right after a ``No``/``Numarası``
  label and without a ``0`` (a 16-digit MERSİS number starts with one).

Hand-written: this is about where Tesseract puts word breaks, which no number
parser sees. Words keep their confidence; a joined word's box is the union.
"""

from __future__ import annotations

import re

from docpipe.document import Word

_GAP = 0.45  # of the line height: wider is a real space between two tokens
_TAIL_SEP = re.compile(r"^\d[\d.]*[.,]$")  # "132416," "1.234,"
_DECIMALS = re.compile(r"^\d{2}(?:\D{0,3})$")  # "00", "71", "00TL"
_LEAD_SEP = re.compile(r"^[.,]\d{1,2}\S{0,3}$")  # ",60" ",6C"
_ENDS_DIGIT = re.compile(r"^\d[\d.]*\d$|^\d$")
_GROUP_HEAD = re.compile(r"^\d{1,3}$")
_GROUP_TAIL = re.compile(r"^\d{3}(?:\.\d{3})*,\d{2}$")
_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "C": "0", "D": "0", "Q": "0",
                            "l": "1", "I": "1", "|": "1", "S": "5", "B": "8"})  # fmt: skip
_NUMERIC_SHAPE = re.compile(r"^(%?)([\dOoCDQlI|SB][\d.,OoCDQlI|SB]*)(\)?)$")
# a comma read as a dot after thousands groups ("1.389.33"); or dots read as commas ("1,389,33")
_DOT_DECIMAL = re.compile(r"^(\d{1,3}(?:\.\d{3})+)\.(\d{2})(\D{0,3})$")
_COMMA_GROUPS = re.compile(r"^(\d{1,3}(?:,\d{3})+),(\d{2})(\D{0,3})$")
# a GİB invoice number (series, year, sequence) whose series has a symbol for a letter
_GIB_SHAPE = re.compile(r"^([A-Z0-9£€$¢]{3})(20\d{11})$")
_SERIES_LOOKALIKE = str.maketrans({"£": "E", "€": "E", "$": "S", "¢": "C"})
_SERIES_DIGITS = str.maketrans({"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"})
_RULE_REMNANTS = "(|[!"
_NUMBER_LABEL = re.compile(r"^(?:No|Numaras[ıi]|Number|Nr)\.?:?$", re.I)
# an ETTN (UUID) with a non-hex look-alike: "{" for f, O/o for 0, l/I/| for 1
_HEX = "[0-9a-fA-F{}Oo|lI]"
_UUID_SHAPE = re.compile(
    rf"^(.*?)({_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}})(\W?)$"
)
_HEX_LOOKALIKE = str.maketrans({"{": "f", "}": "f", "O": "0", "o": "0", "|": "1", "l": "1",
                                "I": "1"})  # fmt: skip
_WELL_FORMED = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}$|^\d+,\d{2}$|^\d+(?:[.,]\d{1,2})?$")


def mend_numbers(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """``words`` with split amounts joined and look-alike letters in numbers read as digits."""
    joined = _join_split(list(words))
    out = [_read_identifier(_read_separators(_read_lookalikes(w))) for w in joined]
    out = [_read_series(w, out[i - 1] if i else None) for i, w in enumerate(out)]
    changed = len(out) != len(words) or any(a is not b for a, b in zip(out, words, strict=False))
    return tuple(out) if changed else words


def _same_line(a: Word, b: Word) -> bool:
    h = min(a.height, b.height) or 1.0
    return abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.4 * h


def _halves(a: str, b: str) -> bool:
    """Whether ``a`` then ``b`` are the two halves of one amount."""
    if _TAIL_SEP.match(a) and _DECIMALS.match(b):
        return True
    if _ENDS_DIGIT.match(a) and _LEAD_SEP.match(b):
        return True
    return bool(_GROUP_HEAD.match(a) and _GROUP_TAIL.match(b))


def _join_split(words: list[Word]) -> list[Word]:
    lefts = [i for i, w in enumerate(words) if _TAIL_SEP.match(w.text) or _ENDS_DIGIT.match(w.text)]
    rights = [j for j, w in enumerate(words) if w.text[:1].isdigit() or w.text[:1] in ".,"]
    pairs: dict[int, int] = {}
    for i in lefts:
        a = words[i]
        nearest = None
        for j in rights:
            b = words[j]
            gap = b.x0 - a.x1
            height = max(a.height, b.height)
            closer = nearest is None or b.x0 < words[nearest].x0
            if j != i and closer and -0.1 * height <= gap < _GAP * height and _same_line(a, b):
                nearest = j
        if nearest is not None and _halves(a.text, words[nearest].text):
            pairs[i] = nearest
    if not pairs:
        return words
    used: set[int] = set()
    joined: dict[int, Word] = {}
    for i, j in sorted(pairs.items(), key=lambda p: words[p[0]].x0):
        if i in used or j in used:
            continue
        a, b = words[i], words[j]
        box = (min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1))
        joined[i] = Word(a.text + b.text, box, min(a.conf, b.conf), a.block, a.line)
        used.update((i, j))
    return [joined.get(i, w) for i, w in enumerate(words) if i in joined or i not in used]


def _read_lookalikes(word: Word) -> Word:
    m = _NUMERIC_SHAPE.match(word.text)
    if not m or sum(ch.isdigit() for ch in m.group(2)) < 2:
        return word
    body = m.group(2)
    letters = sum(ch.isalpha() or ch == "|" for ch in body)
    if not letters or letters > 2:
        return word
    digits = body.translate(_LOOKALIKE)
    if not _WELL_FORMED.match(digits):
        return word
    return Word(m.group(1) + digits + m.group(3), word.bbox, word.conf, word.block, word.line)


def _read_separators(word: Word) -> Word:
    """``1.389.33`` → ``1.389,33`` and ``1,389,33`` → ``1.389,33`` (see the module docstring)."""
    text = word.text
    m = _DOT_DECIMAL.match(text)
    if m:
        text = f"{m.group(1)},{m.group(2)}{m.group(3)}"
    elif m := _COMMA_GROUPS.match(text):
        text = f"{m.group(1).replace(',', '.')},{m.group(2)}{m.group(3)}"
    return word if text == word.text else _with_text(word, text)


def _read_identifier(word: Word) -> Word:
    """A GİB invoice number or an ETTN with one or two look-alike symbols, mended."""
    text = word.text
    m = _GIB_SHAPE.match(text)
    if m and not m.group(1).isalnum():
        series = m.group(1).translate(_SERIES_LOOKALIKE)
        if series.isalnum():
            return _with_text(word, series + m.group(2))
    m = _UUID_SHAPE.match(text)
    if m:
        uuid = m.group(2)
        misread = sum(ch in "{}Oo|lI" for ch in uuid)
        if 0 < misread <= 2:
            return _with_text(word, m.group(1) + uuid.translate(_HEX_LOOKALIKE) + m.group(3))
    return word


def _read_series(word: Word, before: Word | None) -> Word:
    """A GİB invoice number whose series letters were read as digits (module docstring)."""
    text = word.text.lstrip(_RULE_REMNANTS)  # "(G1B…": a cell's rule read as a bracket
    m = _GIB_SHAPE.match(text)
    if not m or not any(ch.isdigit() for ch in m.group(1)):
        return word
    series = m.group(1).translate(_SERIES_DIGITS)
    if not series.isalpha():
        return word
    if m.group(1).isdigit():
        labelled = (
            before is not None
            and _same_line(before, word)
            and bool(_NUMBER_LABEL.match(before.text))
        )
        if not labelled or "0" in m.group(1):
            return word
    return _with_text(word, series + m.group(2))


def _with_text(word: Word, text: str) -> Word:
    return Word(text, word.bbox, word.conf, word.block, word.line)


__all__ = ["mend_numbers"]
