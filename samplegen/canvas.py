"""Drawing on PDF pages with PyMuPDF: embedded Unicode fonts, text, wrapping, rules, boxes.

Text goes in through fonts from ``pymupdf-fonts`` so the text layer carries
correct Unicode (İ ı ş ğ …). Every string is checked against the font's glyphs.
Output is byte-reproducible: fixed metadata, no new /ID, subset fonts, garbage=4.
"""

from __future__ import annotations

import functools
from datetime import date

import pymupdf

A4 = (595.28, 841.89)
BLACK = (0.0, 0.0, 0.0)
# (regular, bold) pairs from pymupdf-fonts with full Turkish coverage
FONT_FAMILIES = {
    "noto": ("notos", "notosbo"),
    "fira": ("figo", "figbo"),
    "ubuntu": ("ubuntu", "ubuntubo"),
}


class MissingGlyphError(ValueError):
    """The chosen font cannot draw a character of the text."""


@functools.cache
def load_font(code: str) -> pymupdf.Font:
    return pymupdf.Font(code)


@functools.cache
def _advances(code: str) -> dict[str, float]:
    return {}


def text_width(code: str, text: str, size: float) -> float:
    """Width of ``text`` in font ``code`` (sum of glyph advances, cached per character)."""
    cache = _advances(code)
    total = 0.0
    for ch in text:
        advance = cache.get(ch)
        if advance is None:
            advance = cache[ch] = load_font(code).text_length(ch, fontsize=1.0)
        total += advance
    return total * size


class Canvas:
    """One document being drawn; ``page`` is the current page."""

    def __init__(self, family: str = "noto", page_size: tuple[float, float] = A4) -> None:
        regular, bold = FONT_FAMILIES[family]
        self.fonts = {"R": load_font(regular), "B": load_font(bold)}
        self.codes = {"R": regular, "B": bold}
        self.width, self.height = page_size
        self.doc = pymupdf.open()
        self.page: pymupdf.Page | None = None
        # One Shape per visit of a page, committed once: page-level draw calls re-scan the
        # whole content stream each time. A Shape puts all text after all drawings.
        self.shape: pymupdf.Shape | None = None

    # --- pages
    def _commit(self) -> None:
        if self.shape is not None:
            self.shape.commit()
            self.shape = None

    def new_page(self) -> pymupdf.Page:
        self._commit()
        self.page = self.doc.new_page(width=self.width, height=self.height)
        for key, font in self.fonts.items():
            self.page.insert_font(fontname=f"F{key}{self.codes[key]}", fontbuffer=font.buffer)
        self.shape = self.page.new_shape()
        return self.page

    @property
    def page_count(self) -> int:
        return self.doc.page_count

    def goto(self, index: int) -> None:
        self._commit()
        self.page = self.doc[index]
        self.shape = self.page.new_shape()

    # --- text
    def _key(self, bold: bool) -> str:
        return "B" if bold else "R"

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        return text_width(self.codes[self._key(bold)], text, size)

    def check_glyphs(self, text: str, bold: bool = False) -> None:
        font = self.fonts[self._key(bold)]
        missing = {ch for ch in text if not ch.isspace() and not font.has_glyph(ord(ch))}
        if missing:
            raise MissingGlyphError(f"font {font.name} has no glyph for {sorted(missing)!r}")

    def text(
        self,
        x: float,
        top: float,
        text: str,
        size: float,
        bold: bool = False,
        color: tuple[float, float, float] = BLACK,
        align: str = "l",
        max_width: float | None = None,
    ) -> float:
        """Draw one line whose box starts at ``top``; x is the left, right or centre per align.
        A line wider than ``max_width`` is drawn smaller so that it fits.

        Returns the bottom of the line box.
        """
        bottom = top + line_height(size)
        if text:
            self.check_glyphs(text, bold)
            width = self.measure(text, size, bold)
            if max_width is not None and width > max_width:
                size *= max_width / width
                width = max_width
            if align == "r":
                x -= width
            elif align == "c":
                x -= width / 2
            key = self._key(bold)
            assert self.shape is not None
            self.shape.insert_text(
                (x, top + size * 0.92),
                text,
                fontname=f"F{key}{self.codes[key]}",
                fontsize=size,
                color=color,
            )
        return bottom

    def lines(
        self,
        x: float,
        top: float,
        lines: list[str],
        size: float,
        bold: bool = False,
        align: str = "l",
        color: tuple[float, float, float] = BLACK,
        leading: float = 1.0,
        max_width: float | None = None,
    ) -> float:
        for line in lines:
            self.text(x, top, line, size, bold, color, align, max_width)
            top += line_height(size) * leading
        return top

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """Break ``text`` at spaces so each line fits ``width`` (a too-long word stays whole)."""
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and self.measure(candidate, size, bold) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines or [""]

    # --- shapes
    def hline(self, x0: float, x1: float, y: float, width: float = 0.5, color=BLACK) -> None:
        assert self.shape is not None
        self.shape.draw_line((x0, y), (x1, y))
        self.shape.finish(color=color, width=width)

    def circle(self, x: float, y: float, radius: float, width: float = 0.8, color=BLACK) -> None:
        assert self.shape is not None
        self.shape.draw_circle((x, y), radius)
        self.shape.finish(color=color, width=width)

    def box(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        color=BLACK,
        fill=None,
        width: float = 0.5,
    ) -> None:
        assert self.shape is not None
        self.shape.draw_rect(pymupdf.Rect(x0, y0, x1, y1))
        self.shape.finish(color=color, fill=fill, width=width)

    # --- output
    def to_bytes(self, *, title: str, author: str, when: date) -> bytes:
        self._commit()
        stamp = f"D:{when:%Y%m%d}120000+03'00'"
        self.doc.set_metadata(
            {
                "title": title,
                "author": author,
                "subject": "",
                "keywords": "",
                "creator": "samplegen",
                "producer": "samplegen (PyMuPDF)",
                "creationDate": stamp,
                "modDate": stamp,
            }
        )
        self.doc.subset_fonts()
        data = self.doc.tobytes(garbage=4, deflate=True, no_new_id=True)
        self.doc.close()
        return data


def line_height(size: float) -> float:
    return size * 1.28
