"""Words Tesseract reads out of pictures rather than text: logos, QR codes, rule remnants.

A scanned or photographed page carries graphics a text layer never has: the GİB
logo's ring of curved letters, a karekod, a stamp, the frayed edge of a thick bar.
Tesseract's sparse mode reads them as a scatter of short low-confidence "words"
(``we Mariya <a Ceres)``) that land on the same visual line as real text and glue
themselves onto a seller's name, phone or tax office. Two kinds are dropped:

- degenerate boxes: a "word" a few pixels tall or wide (a rule's frayed edge read as
  ``a`` 122×1 px, ``=`` 12×1 px) that no glyph of the page's text size makes;
- low-confidence clusters: a low-confidence word whose neighbourhood (a few text
  heights around it) is itself mostly low-confidence. A misread word inside real
  text has confident neighbours and stays; a graphic has none.

Hand-written: neither Tesseract nor OpenCV offers a text/graphics separation on
word boxes. Works on words only (boxes and confidences); never looks at or logs
their text beyond its character classes.
"""

from __future__ import annotations

import re
from statistics import median

from docpipe.document import Word

SURE = 0.85  # a word read at least this confidently is text wherever it lies
CLUSTER_CONF = 0.6  # median confidence of a word and its neighbours below this: a graphic
MIN_CLUSTER = 2  # ... when there are at least this many to judge by
REACH = 3.0  # neighbourhood: this many text heights around the word's box
# an amount or a run of digits is kept however poorly read (a fax's 63.780,81 at 0.26;
# 0,00 behind a misread ₺): graphics rarely read as one
_NUMBER = re.compile(r"\d{3}|\d[.,]\d{2}")
_DIGITS = re.compile(r"^[\d.,%]+$")  # a bare number (a quantity, a row number) needs no company
MIN_TEXT_WORDS = 10  # fewer confident words than this: no text size to judge by


def _text_height(words: tuple[Word, ...]) -> float | None:
    heights = [
        w.height
        for w in words
        if w.conf >= 0.8 and w.height > 0 and sum(map(str.isalnum, w.text)) >= 2
    ]
    return median(heights) if len(heights) >= MIN_TEXT_WORDS else None


def _degenerate(word: Word, text_h: float) -> bool:
    """A box no glyph makes: a letter a fraction of the text height tall or a sliver
    wide, or punctuation a pixel or two tall (a dash is flat, but not that flat)."""
    width = word.x1 - word.x0
    if not any(ch.isalnum() for ch in word.text):
        return word.height < 0.08 * text_h
    return word.height < 0.3 * text_h or (width < 0.12 * text_h and word.height < 0.6 * text_h)


def drop_noise(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """``words`` without those read from graphics (see the module docstring)."""
    text_h = _text_height(words)
    if text_h is None:
        return words
    reach = REACH * text_h
    shaped = [w for w in words if not _degenerate(w, text_h)]
    solid = [w for w in shaped if _solid(w, text_h)]
    kept = [
        w
        for w in shaped
        if not _picture_piece(w, text_h)
        and (
            w.conf >= SURE
            or _NUMBER.search(w.text)
            or (sum(ch.isalnum() for ch in w.text) >= 6 and w.conf >= 0.6)
            or not (
                _in_low_cluster(w, shaped, reach)
                or (not _DIGITS.match(w.text) and not _near(w, solid, reach))
            )
        )
    ]
    return tuple(kept) if len(kept) != len(words) else words


def _solid(word: Word, text_h: float) -> bool:
    """A word that is surely text: confident, of text size, with three letters or digits."""
    return (
        word.conf >= SURE
        and word.height <= 2.5 * text_h
        and sum(ch.isalnum() for ch in word.text) >= 3
    )


def _picture_piece(word: Word, text_h: float) -> bool:
    """A "word" several lines tall that Tesseract is not sure of: part of a logo or stamp."""
    return word.height > 3 * text_h and word.conf < 0.9


def _near(word: Word, others: list[Word], reach: float) -> bool:
    return any(_within(word, o, reach) for o in others)


def _within(word: Word, other: Word, reach: float) -> bool:
    return (
        other.x1 >= word.x0 - reach
        and other.x0 <= word.x1 + reach
        and other.y1 >= word.y0 - reach
        and other.y0 <= word.y1 + reach
    )


def _in_low_cluster(word: Word, words: list[Word], reach: float) -> bool:
    """Whether the word and the words around it were read with low confidence."""
    confs = [o.conf for o in words if _within(word, o, reach)]  # the word itself among them
    return len(confs) >= MIN_CLUSTER and median(confs) < CLUSTER_CONF


__all__ = ["drop_noise"]
