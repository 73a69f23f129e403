"""How senders fill a line's item text in the UBL (``samplegen.designs.items``), what a
design's row then prints of it, and that the table rules read the description however it
is printed: Item/Name beside a different Item/Description, a stock code in the name's
column beside the text, the text beside a line note, a note printed under the name.
Randomised tests draw a fresh seed every run (``DOCPIPE_TEST_SEED`` replays one)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from lxml import etree

from docpipe.extract.rules.table import read_table
from docpipe.text.layout import page_lines
from samplegen.designs.corpus import cells_of
from samplegen.designs.items import (
    REASONS,
    STYLES,
    ItemText,
    draw_reason,
    fill_items,
    printed_description,
    split_text,
)
from samplegen.invoice_spec import random_invoice_spec
from samplegen.ubl import invoice_xml
from tests.conftest import fresh_seed
from tests.text_pages import text_page

FRESH = fresh_seed(__name__)
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


def _lines(xml: bytes) -> list[etree._Element]:
    return etree.fromstring(xml).findall("cac:InvoiceLine", NS)


@pytest.mark.parametrize("style", STYLES)
def test_each_style_fills_the_items_as_its_senders_do(style: str) -> None:
    rng = random.Random(f"{FRESH}/{style}")
    spec = random_invoice_spec(rng, kind=rng.choice(("e-fatura", "e-arsiv")))
    xml, texts = fill_items(invoice_xml(spec), style, rng)
    lines = _lines(xml)
    assert len(lines) == len(texts) == len(spec.lines)
    for line, text, source in zip(lines, texts, spec.lines, strict=True):
        item = line.find("cac:Item", NS)
        assert item.findtext("cbc:Name", namespaces=NS) == text.name  # mandatory in UBL-TR
        assert item.findtext("cbc:Description", namespaces=NS) == text.description
        assert line.findtext("cbc:Note", namespaces=NS) == text.note
        assert item.findtext("cbc:BrandName", namespaces=NS) == text.brand
        # the item's own text is always somewhere in it, and first among the pieces
        assert source.description.startswith(text.pieces[0]) or text.pieces[0] in (
            source.description
        )
        if style == "code":
            assert text.code_name and text.description == source.description
        # UBL 2.1 order: Description before Name, Note right after the line's ID
        tags = [etree.QName(el).localname for el in item]
        if text.description:
            assert tags.index("Description") < tags.index("Name")
        if text.note:
            assert etree.QName(line[1]).localname == "Note"


def test_the_discount_reason_is_the_senders() -> None:
    rng = random.Random(f"{FRESH}/reason")
    spec = random_invoice_spec(rng, kind="e-fatura", discounts=True)
    for reason in REASONS:
        xml, _ = fill_items(invoice_xml(spec), "name", rng, reason)
        reasons = [
            line.findtext("cac:AllowanceCharge/cbc:AllowanceChargeReason", namespaces=NS)
            for line in _lines(xml)
            if line.find("cac:AllowanceCharge", NS) is not None
        ]
        assert reasons and set(reasons) == {reason}


def test_filled_items_stay_valid_ubl21() -> None:
    from tests.ubl_xsd import ubl21_schema

    schema = ubl21_schema()
    rng = random.Random(f"{FRESH}/xsd")
    spec = random_invoice_spec(rng, kind="e-fatura")
    for style in STYLES:
        xml, _ = fill_items(invoice_xml(spec), style, rng, draw_reason(rng))
        assert schema.validate(etree.fromstring(xml)), (style, schema.error_log.last_error)


def test_split_text_keeps_brackets_whole() -> None:
    assert split_text("Ofis temizlik hizmeti (aylık) - haftada beş gün") == (
        "Ofis temizlik hizmeti (aylık)",
        "haftada beş gün",
    )
    bread = "Ekmek (somun, 250 g)"
    assert split_text(f"{bread}, günlük taze") == (bread, "günlük taze")
    assert split_text("Buğday unu (Tip 550)") is None


def test_the_printed_description_is_what_the_row_shows() -> None:
    name_desc = ItemText("Kaşar peyniri", description="vakumlu, 1 kg")
    # one cell: the name alone; a design printing Description in a column of its own
    assert printed_description(name_desc, [["1", "Kaşar peyniri", "3 Adet"]]) == "Kaşar peyniri"
    assert (
        printed_description(name_desc, [["1", "Kaşar peyniri", "vakumlu, 1 kg", "3 Adet"]])
        == "Kaşar peyniri vakumlu, 1 kg"
    )
    noted = ItemText("Bahçe bakımı", note="Sipariş No: 4411")
    # "(note)" under the name in a smaller font: the closing bracket is the cell's
    assert (
        printed_description(noted, [["1", "Bahçe bakımı (Sipariş No: 4411)", "2 Ay"]])
        == "Bahçe bakımı (Sipariş No: 4411)"
    )
    # a design printing only the note (Item/Name nowhere)
    assert printed_description(noted, [["1", "Sipariş No: 4411", "2 Ay"]]) == "Sipariş No: 4411"
    coded = ItemText("ST04412", description="Toner kartuşu", code_name=True)
    assert printed_description(coded, [["ST04412"], ["Toner kartuşu"]]) == "Toner kartuşu"
    assert printed_description(coded, [["1", "Laminat parke"]]) is None


def test_cells_of_reads_innermost_rows_cell_by_cell() -> None:
    html = (
        "<html><body><table><tr><td><table><tr><td>1</td><td>Kaşar <b>peyniri</b><br/>"
        "(vakumlu)</td></tr></table></td></tr></table></body></html>"
    )
    assert cells_of(html) == [["1", "Kaşar peyniri (vakumlu)"]]


# -- the rules ------------------------------------------------------------------------------

_WORDS = (
    "Kaşar peyniri vakumlu ambalaj taze kaşar Tavuk göğsü şoklanmış kemiksiz Bahçe bakım "
    "hizmeti çim biçme Ofis koltuğu file sırtlı bel destekli siyah renk Toner kartuşu"
).split()


def _fmt(value: Decimal) -> str:
    whole, frac = f"{value:.2f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac


def _wrap(words: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _text(rng: random.Random, low: int, high: int) -> list[str]:
    return rng.sample(_WORDS, rng.randint(low, high))


def _figures(rng: random.Random, y: float) -> list[tuple[float, float, str]]:
    qty, price = rng.randint(1, 60), Decimal(rng.randint(100, 90000)) / 100
    return [
        (330, y, f"{qty} Adet"),
        (380, y, _fmt(price) + " TL"),
        (450, y, "%20"),
        (510, y, _fmt(qty * price) + " TL"),
    ]


def _read(header: list[tuple[float, float, str]], rows: list[list[tuple[float, float, str]]]):
    cells = [*header, *(c for row in rows for c in row)]
    cells.append((400, max(c[1] for c in rows[-1]) + 40, "Mal Hizmet Toplam Tutarı"))
    return read_table([page_lines(text_page(cells))]).items


_TWO_TEXT_COLUMNS = [
    (30, 250, "Sıra"),
    (60, 250, "Mal Hizmet"),
    (190, 250, "Açıklama"),
    (330, 250, "Miktar"),
    (380, 250, "Birim Fiyat"),
    (450, 250, "KDV Oranı"),
    (510, 250, "Tutar"),
]


@pytest.mark.parametrize("offset", range(4))
def test_two_text_columns_wrapped_apart_are_read_column_by_column(offset: int) -> None:
    """Item/Name beside a different Item/Description (or the text beside a line note, a
    stock code beside the text), each wrapped at its own width: line by line their words
    interleave; the description is the first column's text, then the second's."""
    rng = random.Random(f"{FRESH}/columns/{offset}")
    rows, expected = [], []
    y = 270.0
    for i in range(1, rng.randint(2, 4)):
        # two different texts (one repeated whole is the "printed twice" case, read once)
        words = _text(rng, 2, 10)
        cut = rng.randint(1, len(words) - 1)
        first = _wrap(words[:cut], rng.randint(14, 26))
        second = _wrap(words[cut:], rng.randint(14, 28))
        row = [(30, y, str(i))]
        row += [(60, y + 8.2 * k, line) for k, line in enumerate(first)]
        row += [(190, y + 8.2 * k, line) for k, line in enumerate(second)]
        rows.append(row + _figures(rng, y))
        expected.append(" ".join(first + second))
        y += 8.2 * max(len(first), len(second)) + rng.uniform(6, 10)
    items = _read(_TWO_TEXT_COLUMNS, rows)
    assert [it["description"].value for it in items] == expected


_CODE_COLUMN = [
    (30, 250, "Sıra"),
    (50, 250, "Stok Kodu"),
    (110, 250, "Mal Hizmet"),
    (330, 250, "Miktar"),
    (380, 250, "Birim Fiyat"),
    (450, 250, "KDV Oranı"),
    (510, 250, "Tutar"),
]


@pytest.mark.parametrize("offset", range(4))
def test_a_note_under_the_name_is_read_with_the_description(offset: int) -> None:
    """A line note printed under the item's name, starting left of the name's column
    edge but right of the code's (the code column takes it by position): the description
    is the name and its note; the code stays the code's."""
    rng = random.Random(f"{FRESH}/note/{offset}")
    rows, expected = [], []
    y = 270.0
    for i in range(1, rng.randint(2, 4)):
        name = " ".join(_text(rng, 1, 3))
        note = rng.choice(("Sipariş No: ", "Seri No: SN", "İrsaliye No: A-")) + str(
            rng.randint(1000, 99999)
        )
        code = f"HZM{rng.randint(10000, 99999)}"
        rows.append(
            [(30, y, str(i)), (50, y, code), (110, y, name), (96, y + 8.2, note), *_figures(rng, y)]
        )
        expected.append(f"{name} {note}")
        y += 16.4 + rng.uniform(6, 10)
    items = _read(_CODE_COLUMN, rows)
    assert [it["description"].value for it in items] == expected


_DISCOUNT_COLUMNS = [
    (30, 250, "Sıra"),
    (60, 250, "Mal Hizmet"),
    (250, 250, "Miktar"),
    (300, 250, "Birim Fiyat"),
    (370, 250, "İskonto"),
    (450, 250, "KDV Oranı"),
    (510, 250, "Tutar"),
]


@pytest.mark.parametrize("offset", range(3))
def test_a_discount_reason_under_the_name_is_no_part_of_the_description(offset: int) -> None:
    """The sender's reason for a line discount printed under the item's name (a word or
    a few: "İndirim", "Kampanya indirimi", "Nakit ödeme iskontosu") in a row printing the
    discount: the row's discount named, not the item's text."""
    rng = random.Random(f"{FRESH}/reason/{offset}")
    rows, expected = [], []
    y = 270.0
    for i in range(1, rng.randint(2, 4)):
        name = " ".join(_text(rng, 1, 3))
        reason = rng.choice([r for r in REASONS if r])
        qty, price = rng.randint(1, 60), Decimal(rng.randint(1000, 90000)) / 100
        discount = (qty * price / 10).quantize(Decimal("0.01"))
        rows.append(
            [
                (30, y, str(i)),
                (60, y, name),
                (60, y + 8.2, reason),
                (250, y, f"{qty} Adet"),
                (300, y, _fmt(price) + " TL"),
                (370, y, _fmt(discount) + " TL"),
                (450, y, "%20"),
                (510, y, _fmt(qty * price - discount) + " TL"),
            ]
        )
        expected.append(name)
        y += 16.4 + rng.uniform(6, 10)
    items = _read(_DISCOUNT_COLUMNS, rows)
    assert [it["description"].value for it in items] == expected
