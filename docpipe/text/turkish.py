"""Turkish-aware case folding and diacritic folding.

Python's ``str.lower()`` maps ``I`` to ``i`` and ``İ`` to ``i̇`` (with a
combining dot): both wrong for Turkish. These helpers get ``I→ı``, ``İ→i``
right, and ``fold`` additionally drops diacritics so that OCR output, MRZ
text and label variants written without Turkish letters still match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LOWER = str.maketrans({"I": "ı", "İ": "i"})
_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_ASCII = str.maketrans(
    {"ç": "c", "ğ": "g", "ı": "i", "ö": "o", "ş": "s", "ü": "u", "â": "a", "î": "i", "û": "u"}
)
_SPACE = re.compile(r"\s+")


def lower_tr(text: str) -> str:
    """Lower-case with Turkish dotted/dotless i rules."""
    return unicodedata.normalize("NFC", text).translate(_LOWER).lower()


def upper_tr(text: str) -> str:
    """Upper-case with Turkish dotted/dotless i rules."""
    return unicodedata.normalize("NFC", text).translate(_UPPER).upper()


def squash_spaces(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


#: ``fold`` keeps its answers for texts up to this long (a word, a label, a line)...
FOLD_KEPT_CHARS = 200
#: ...this many of them, least recently used dropped first. Measured on the digital
#: invoice benchmark: 600 folds a document (rules, classification, redaction), 83 % of them
#: of a text folded before in the same run (label words, a sender's own lines); at most a
#: few MiB over any number of documents.
FOLDS_KEPT = 16384


def fold(text: str) -> str:
    """Lower-case, strip Turkish diacritics and collapse whitespace: for matching only."""
    if len(text) > FOLD_KEPT_CHARS:  # a page or a document: folded once, not kept
        return _fold(text)
    return _fold_kept(text)


def _fold(text: str) -> str:
    if text.isascii():  # the same as below: "I" lowers to "ı", which folds back to "i"
        return squash_spaces(text.lower())
    lowered = lower_tr(text).translate(_ASCII)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return squash_spaces(decomposed.translate(_NO_COMBINING))


_fold_kept = lru_cache(maxsize=FOLDS_KEPT)(_fold)


def normalise_for_compare(text: str) -> str:
    """Case- and whitespace-insensitive form (diacritics kept): for scoring."""
    return squash_spaces(lower_tr(text))


def fold_chars(text: str) -> str:
    """Like ``fold`` but character for character (no whitespace squashing), so offsets
    found in the folded text are offsets in ``text``.

    One ``str.translate`` pass through a table that folds each distinct character
    once (a page uses a few dozen): the same result as folding every character.
    """
    return text.translate(_FOLD_CHARS)


def _fold_char(ch: str) -> str:
    low = ch.translate(_LOWER).lower()
    low = low.translate(_ASCII)
    decomposed = unicodedata.normalize("NFKD", low)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base[:1] if base else ch


class _FoldTable(dict[int, str]):
    """``str.translate`` table for ``fold_chars``, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_CHARS = _FoldTable()


class _CombiningTable(dict[int, str | None]):
    """``str.translate`` table that drops combining marks (``unicodedata.combining``) and
    keeps every other character, filled as characters are met."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        kept = self[code] = None if unicodedata.combining(ch) else ch
        return kept


_NO_COMBINING = _CombiningTable()
