"""Pages of a PDF text layer built from (x, y, text) cells, for the rules' layout tests:
each cell's words are spaced one blank apart at 8 pt."""

from __future__ import annotations

from decimal import Decimal

from docpipe.document import Page, Word

CHAR = 4.0  # width of one character at 8 pt
SPACE = 2.0  # a word space
HEIGHT = 8.3


def words_at(x: float, y: float, text: str) -> list[Word]:
    out = []
    for token in text.split():
        w = CHAR * len(token)
        out.append(Word(token, (x, y, x + w, y + HEIGHT)))
        x += w + SPACE
    return out


def text_page(cells: list[tuple[float, float, str]]) -> Page:
    words = [w for x, y, text in cells for w in words_at(x, y, text)]
    return Page(number=1, width=596.0, height=842.0, words=tuple(words), text_source="text")


def tr_amount(value: Decimal) -> str:
    """``value`` as Turkish invoices print it: "1.234.567,89"."""
    whole, _, frac = f"{value:.2f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ".".join([whole, *groups]) + "," + frac
