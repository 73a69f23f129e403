"""Blocks onto A4 pages with PyMuPDF: text flows across page breaks; headers, footers
("Sayfa 2/5"), the parties' initials on every page, signatures and (optionally) a stamp.

Returns the PDF bytes and, per clause, the pages it starts and ends on (for the truth file).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from samplegen.canvas import A4, FONT_FAMILIES, Canvas, line_height
from samplegen.casing import tr_upper
from samplegen.contracts.compose import (
    Block,
    Grid,
    Heading,
    Para,
    Section,
    Signatures,
    Table,
    Title,
)

LEFT, RIGHT, TOP, BOTTOM = 62.0, A4[0] - 62.0, 64.0, A4[1] - 74.0
STAMP = (0.25, 0.3, 0.75)


@dataclass
class ClauseSpan:
    number: int
    heading: str
    section: str | None
    page_start: int
    page_end: int


class _Flow:
    def __init__(self, canvas: Canvas, size: float, rng: random.Random) -> None:
        self.c = canvas
        self.size = size
        self.lh = line_height(size) * rng.choice((1.0, 1.08, 1.15))
        self.para_gap = self.lh * rng.choice((0.55, 0.7, 0.9))
        self.y = TOP
        self.page = 0
        self.new_page()

    def new_page(self) -> None:
        self.c.new_page()
        self.page += 1
        self.y = TOP

    def need(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.new_page()

    def line(self, x: float, text: str, *, bold: bool = False, size: float | None = None,
             align: str = "l") -> None:  # fmt: skip
        size = size or self.size
        self.need(self.lh)
        self.c.text(x, self.y, text, size, bold=bold, align=align)
        self.y += self.lh if size == self.size else line_height(size) * 1.1


def _initials(name: str) -> str:
    return "".join(tr_upper(part[0]) + "." for part in name.split()[:3] if part[:1].isalpha())


def render_contract(
    blocks: list[Block], rng: random.Random, *, title: str, when: date, stamp: bool = False
) -> tuple[bytes, list[ClauseSpan]]:
    family = rng.choice(sorted(FONT_FAMILIES))
    canvas = Canvas(family)
    size = rng.choice((9.5, 10.0, 10.5))
    flow = _Flow(canvas, size, rng)
    spans: list[ClauseSpan] = []
    width = RIGHT - LEFT
    parties = ()
    for block in blocks:
        if isinstance(block, Title):
            flow.y += 6
            canvas.text(A4[0] / 2, flow.y, block.text, size + 4, bold=True, align="c")
            flow.y += line_height(size + 4) + flow.lh
        elif isinstance(block, Section):
            flow.need(flow.lh * 4)
            flow.y += flow.para_gap
            flow.line(A4[0] / 2, block.text, bold=True, align="c")
            flow.y += flow.para_gap
        elif isinstance(block, Heading):
            flow.need(flow.lh * 3.5)
            flow.y += flow.para_gap
            for text in _wrap(canvas, block.printed, width, size, True):
                flow.line(LEFT, text, bold=True)
            spans.append(
                ClauseSpan(block.number, block.heading, block.section, flow.page, flow.page)
            )
        elif isinstance(block, Para):
            for text in _wrap(canvas, block.text, width, size, block.bold):
                flow.line(LEFT, text, bold=block.bold)
                if spans:
                    spans[-1].page_end = flow.page
            flow.y += flow.para_gap
        elif isinstance(block, Table):
            _table(flow, block, width)
            if spans:
                spans[-1].page_end = flow.page
            flow.y += flow.para_gap
        elif isinstance(block, Grid):
            _grid(flow, block, width)
            if spans:
                spans[-1].page_end = flow.page
            flow.y += flow.para_gap
        elif isinstance(block, Signatures):
            parties = block.parties
            _signatures(flow, block, stamp)
    total = canvas.page_count
    footer = rng.choice(("Sayfa {i}/{n}", "Sayfa {i} / {n}", "{i}/{n}", "- {i} -"))
    header = rng.random() < 0.6
    initials = rng.choice(("Paraf: {a}   {b}", "{ra}: {a}     {rb}: {b}", "Paraflar: {a} / {b}"))
    for index in range(total):
        canvas.goto(index)
        small = size - 2
        if header and index > 0:
            canvas.text(RIGHT, 30, title, small, align="r")
            canvas.hline(LEFT, RIGHT, 30 + line_height(small) + 1, 0.3)
        canvas.text(RIGHT, A4[1] - 48, footer.format(i=index + 1, n=total), small, align="r")
        if parties:
            a, b = parties[:2]
            text = initials.format(a=_initials(a.name), b=_initials(b.name), ra=a.role_word,
                                   rb=b.role_word)  # fmt: skip
            canvas.text(LEFT, A4[1] - 48, text, small)
    pdf = canvas.to_bytes(title=title, author="samplegen", when=when)
    return pdf, spans


def _wrap(canvas: Canvas, text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Lines of ``text`` that fit ``width``: a line break in the text starts a new line
    (``Canvas.wrap`` breaks at spaces only, and a drawn ``\\n`` ran over the next block)."""
    return [line for part in text.split("\n") for line in canvas.wrap(part, width, size, bold)]


def _table(flow: _Flow, table: Table, width: float) -> None:
    c, size = flow.c, flow.size
    label_w = 200.0 if table.boxed else 150.0
    pad = 3.0 if table.boxed else 0.0
    value_x = LEFT + label_w + (pad if table.boxed else 12.0)
    value_w = width - label_w - (2 * pad if table.boxed else 12.0)
    for label, value in table.rows:
        lines = _wrap(c, value, value_w, size)
        height = len(lines) * flow.lh + 2 * pad
        flow.need(height)
        top = flow.y
        c.text(LEFT + pad, top + pad, label, size)
        if not table.boxed:
            c.text(LEFT + label_w, top, ":", size)
        y = top + pad
        for text in lines:
            c.text(value_x, y, text, size)
            y += flow.lh
        if table.boxed:
            c.box(LEFT, top, LEFT + label_w, top + height, width=0.4)
            c.box(LEFT + label_w, top, RIGHT, top + height, width=0.4)
        flow.y = top + height


def _grid(flow: _Flow, grid: Grid, width: float) -> None:
    """A label column and one boxed column per party; the header row in bold."""
    c, size, pad = flow.c, flow.size, 3.0
    label_w = 130.0
    col_w = (width - label_w) / (len(grid.header) - 1)
    xs = [LEFT, *(LEFT + label_w + k * col_w for k in range(len(grid.header) - 1))]
    widths = [label_w, *([col_w] * (len(grid.header) - 1))]
    for index, row in enumerate((grid.header, *grid.rows)):
        cells = [
            _wrap(c, text, w - 2 * pad, size, index == 0)
            for text, w in zip(row, widths, strict=True)
        ]
        height = max(len(lines) for lines in cells) * flow.lh + 2 * pad
        flow.need(height)
        top = flow.y
        for x, w, lines in zip(xs, widths, cells, strict=True):
            y = top + pad
            for text in lines:
                c.text(x + pad, y, text, size, bold=index == 0)
                y += flow.lh
            c.box(x, top, x + w, top + height, width=0.4)
        flow.y = top + height


def _signatures(flow: _Flow, block: Signatures, stamp: bool) -> None:
    c, size = flow.c, flow.size
    flow.need(flow.lh * 9)
    flow.y += flow.lh
    if block.place_date:
        for text in _wrap(c, block.place_date, RIGHT - LEFT, size):
            flow.line(LEFT, text)
        flow.y += flow.lh
    count = len(block.parties)
    columns = tuple(LEFT + 20 + k * (RIGHT - LEFT) / count for k in range(count))
    top = flow.y
    for x, party in zip(columns, block.parties, strict=True):
        c.text(x, top, tr_upper(party.role_word), size, bold=True)
        c.text(x, top + flow.lh, party.name, size, max_width=(RIGHT - LEFT) / count - 30)
        c.text(x, top + 3.2 * flow.lh, block.sign_label, size - 1)
        c.hline(x, x + 120, top + 3.1 * flow.lh, 0.4)
        if stamp and not party.person:
            cx, cy = x + 150, top + 2.2 * flow.lh
            c.circle(cx, cy, 34, 1.2, STAMP)
            c.circle(cx, cy, 28, 0.6, STAMP)
            word = party.name.split()[0][:12]
            c.text(cx, cy - 9, tr_upper(word), 6.5, bold=True, color=STAMP, align="c")
            c.text(cx, cy + 1, "KAŞE", 6.5, color=STAMP, align="c")
    flow.y = top + 4.5 * flow.lh
