"""Invoice rules on tables and summaries as OCR leaves them (scans and phone photos):
cells slightly off their headers, one cell read or wrapped on its own."""

from __future__ import annotations

from decimal import Decimal

from docpipe.document import Page, Word
from docpipe.extract.rules.table import read_table
from docpipe.text.layout import page_lines

CHAR = 4.0  # width of one character at 8 pt
SPACE = 2.0  # a word space
HEIGHT = 8.3


def _page(cells: list[tuple[float, float, str]], width: float = 596.0) -> Page:
    """A page from (x, y, text) cells; each cell's words are spaced one blank apart."""
    words: list[Word] = []
    for x, y, text in cells:
        for token in text.split():
            w = CHAR * len(token)
            words.append(Word(token, (x, y, x + w, y + HEIGHT)))
            x += w + SPACE
    return Page(number=1, width=width, height=842.0, words=tuple(words), text_source="ocr")


def test_a_description_line_of_figures_does_not_make_the_column_numeric() -> None:
    # a matbu form: narrow column labels, cells printed to the right of them; the third
    # description wraps, and its second line ("9 mm kalibre") is all figures and a unit
    cells = [
        (20, 200, "Cinsi"),
        (290, 200, "Miktar"),
        (370, 200, "Birim Fiyatı"),
        (455, 200, "KDV %"),
        (515, 200, "Tutarı"),
    ]
    rows = [
        (215, ["Buğday unu (Tip 550)"], "25 Çuval", "19,31", "%1", "482,75"),
        (230, ["Öğle yemeği servisi"], "28 Porsiyon", "4,36", "%10", "122,08"),
        (245, ["Nohut (Koçbaşı) -", "9 mm kalibre"], "40 Kg", "1,78", "%1", "71,20"),
        (268, ["Kaşar peyniri"], "46 Kg", "10,03", "%10", "461,38"),
    ]
    for y, text, qty, price, rate, amount in rows:
        cells += [(20, y + 10 * k, line) for k, line in enumerate(text)]
        cells += [(320, y, qty), (420, y, price), (490, y, rate), (545, y, amount)]
    cells += [(430, 300, "Toplam"), (545, 300, "1.137,41")]
    table = read_table([page_lines(_page(cells))])
    got = [
        (it["description"].value, it["quantity"].value, it["unit_price"].value, it["amount"].value)
        for it in table.items
    ]
    assert got == [
        ("Buğday unu (Tip 550)", Decimal(25), Decimal("19.31"), Decimal("482.75")),
        ("Öğle yemeği servisi", Decimal(28), Decimal("4.36"), Decimal("122.08")),
        ("Nohut (Koçbaşı) - 9 mm kalibre", Decimal(40), Decimal("1.78"), Decimal("71.20")),
        ("Kaşar peyniri", Decimal(46), Decimal("10.03"), Decimal("461.38")),
    ]
