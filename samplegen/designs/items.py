"""How a sender's ERP fills a line's item text in the UBL, and what a design then prints.

UBL-TR makes ``cac:Item/cbc:Name`` mandatory and everything else optional, and senders
differ: some write the text in ``Name`` alone, some repeat it in ``Description``, some
split it (a short name, the detail in ``Description``), some put their stock code in
``Name`` and the text in ``Description``, some add a line ``cbc:Note`` (a remark, or the
text once more), some fill ``BrandName``/``ModelName``. Designs print ``Name``, or
``Description``, or the note, or several of them joined in one cell (a remark under the
name in a smaller font, "(…)" after it). One sender keeps one habit, so the style is
drawn once per document, and so is the reason it writes for a line discount
(``AllowanceChargeReason``: "İskonto", "Kampanya indirimi", … or none), which some
designs print under the item's name.

``fill_items`` rewrites the twin's items in the drawn style and returns each line's
pieces of text; ``printed_description`` finds which of them a design's page shows in
one table cell, joined as printed: that is the line's description in the truth.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass

from lxml import etree

from docpipe.text.turkish import lower_tr

_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"

# style → weight: the text in Name alone or repeated in Description stays the most common
STYLES: dict[str, int] = {
    "name": 3,  # Name only
    "same": 3,  # Name and Description the same text
    "split": 2,  # a short Name, the rest of the text in Description
    "code": 2,  # the ERP's stock code in Name, the text in Description
    "note": 2,  # Name, and a remark in the line's Note
    "note_text": 1,  # Name, and the text again in the line's Note
    "brand": 1,  # Name, BrandName and ModelName
}
_REMARKS = (
    "Sipariş No: {n}",
    "Teslimat: {d}.{m:02d}.2024",
    "Seri No: SN{n}{k}",
    "Garanti süresi {k} yıl",
    "İrsaliye No: A-{n}",
    "Proje: {n}",
)
# what senders write as a line discount's reason (None: they leave it out)
REASONS: dict[str | None, int] = {
    "İskonto": 3,
    "İndirim": 2,
    "Kampanya indirimi": 1,
    "Bayi iskontosu": 1,
    "Nakit ödeme iskontosu": 1,
    None: 1,
}
_BRANDS = ("Bosch", "Arçelik", "Vestel", "Kale", "Eczacıbaşı", "Pınar", "Koçtaş", "Ülker")
# where a description's text splits into a short name and its detail (not in brackets)
_SPLIT = re.compile(r"\s*(?:,|\s-\s|\s–\s)\s*")


@dataclass(frozen=True)
class ItemText:
    """One line's item text as the sender filled it (None where left out)."""

    name: str
    description: str | None = None
    note: str | None = None
    brand: str | None = None
    model: str | None = None

    code_name: bool = False  # Name holds the sender's stock code, Description the text

    @property
    def pieces(self) -> list[str]:
        """The distinct texts a design may print for the line, the item's text first."""
        out: list[str] = []
        first = (self.description, self.name) if self.code_name else (self.name, self.description)
        for text in (*first, self.brand, self.model, self.note):
            if text and text not in out:
                out.append(text)
        return out


def draw_style(rng: random.Random) -> str:
    return rng.choices(list(STYLES), weights=list(STYLES.values()))[0]


def split_text(text: str) -> tuple[str, str] | None:
    """``text`` as a short name and the detail after its first comma or dash outside
    brackets."""
    for m in _SPLIT.finditer(text):
        head, rest = text[: m.start()].strip(), text[m.end() :].strip()
        if head.count("(") == head.count(")") and len(head) >= 3 and rest:
            return head, rest
    return None


def item_text(style: str, text: str, rng: random.Random) -> ItemText:
    """How a sender of ``style`` fills the item of a line whose text is ``text``."""
    if style == "same":
        return ItemText(text, description=text)
    if style == "split":
        parts = split_text(text)
        return ItemText(parts[0], description=parts[1]) if parts else ItemText(text, text)
    if style == "code":
        code = f"{rng.choice(('M', 'H', 'ST', 'URN'))}{rng.randrange(100, 99999):05d}"
        return ItemText(code, description=text, code_name=True)
    if style == "note":
        remark = rng.choice(_REMARKS).format(
            n=rng.randrange(1000, 99999), k=rng.randrange(1, 5),
            d=rng.randrange(1, 29), m=rng.randrange(1, 13),
        )  # fmt: skip
        return ItemText(text, note=remark)
    if style == "note_text":
        return ItemText(text, note=text)
    if style == "brand":
        model = f"{rng.choice('ABKMSTX')}{rng.choice('ABKMSTX')}-{rng.randrange(10, 999)}"
        return ItemText(text, brand=rng.choice(_BRANDS), model=model)
    return ItemText(text)


def _element(name: str, text: str) -> etree._Element:
    el = etree.Element(f"{{{_CBC}}}{name}")
    el.text = text
    return el


def _rewrite(line: etree._Element, item: etree._Element, text: ItemText) -> None:
    # UBL 2.1 order: InvoiceLine ID, UUID, Note …; Item Description … Name … BrandName,
    # ModelName, BuyersItemIdentification …
    for old in item.findall(f"{{{_CBC}}}Description"):
        item.remove(old)
    name = item.find(f"{{{_CBC}}}Name")
    assert name is not None
    name.text = text.name
    if text.description:
        name.addprevious(_element("Description", text.description))
    for value, tag in ((text.model, "ModelName"), (text.brand, "BrandName")):
        if value:
            name.addnext(_element(tag, value))
    if text.note:
        ident = line.find(f"{{{_CBC}}}ID")
        assert ident is not None
        ident.addnext(_element("Note", text.note))


def draw_reason(rng: random.Random) -> str | None:
    return rng.choices(list(REASONS), weights=list(REASONS.values()))[0]


def _discount_reason(line: etree._Element, reason: str | None) -> None:
    for allowance in line.findall(f"{{{_CAC}}}AllowanceCharge"):
        el = allowance.find(f"{{{_CBC}}}AllowanceChargeReason")
        if el is None:
            continue
        if reason is None:
            allowance.remove(el)
        else:
            el.text = reason


def fill_items(
    xml: bytes, style: str, rng: random.Random, reason: str | None = "İskonto"
) -> tuple[bytes, list[ItemText]]:
    """The twin with each line's item filled in ``style`` and its discount's reason
    ``reason`` (None: left out), and each line's item text."""
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    texts: list[ItemText] = []
    for line in root.iter(f"{{{_CAC}}}InvoiceLine"):
        _discount_reason(line, reason)
        item = line.find(f"{{{_CAC}}}Item")
        name = None if item is None else item.find(f"{{{_CBC}}}Name")
        if item is None or name is None or not name.text:
            continue
        text = item_text(style, name.text, rng)
        _rewrite(line, item, text)
        texts.append(text)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), texts


def _alnum(text: str) -> tuple[str, list[int]]:
    """``text`` lower-cased with only its letters and digits, and where each came from."""
    flat: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for low in lower_tr(ch):
            if low.isalnum():
                flat.append(low)
                index.append(i)
    return "".join(flat), index


def _span(cell: str, target: str) -> str | None:
    """The stretch of ``cell`` that reads ``target`` when only letters and digits count,
    with a bracket it opens closed."""
    flat, index = _alnum(cell)
    at = flat.find(target)
    if at < 0 or not target:
        return None
    start, end = index[at], index[at + len(target) - 1] + 1
    span, rest = cell[start:end], cell[end:].lstrip()
    if span.count("(") > span.count(")") and rest.startswith(")"):
        span += ")"
    return re.sub(r"\s+", " ", span).strip()


def _cell_text(pieces: list[str], cell: str) -> str | None:
    """What of ``pieces`` one cell prints: the most pieces, in the order printed (the
    longest such run), else the first piece it shows; None when it shows none."""
    flat = _alnum(cell)[0]
    for size in range(len(pieces), 1, -1):
        targets = ("".join(_alnum(p)[0] for p in c) for c in itertools.permutations(pieces, size))
        found = [t for t in targets if t and t in flat]
        if found:
            return _span(cell, max(found, key=len))
    for piece in pieces:
        target = _alnum(piece)[0]
        if target and target in flat:
            return _span(cell, target)
    return None


def printed_description(text: ItemText, rows: list[list[str]]) -> str | None:
    """The line's item text as the page prints it: in the table row (its cells' texts)
    that shows the most of it, the pieces each cell shows, joined in the row's order (a
    text printed again in a second column once); None when no row shows any."""
    pieces = text.pieces
    best: list[str] = []
    for row in rows:
        found: list[str] = []
        for cell in row:
            shown = _cell_text(pieces, cell)
            if shown and shown not in found:
                found.append(shown)
        if len(_alnum(" ".join(found))[0]) > len(_alnum(" ".join(best))[0]):
            best = found
    return " ".join(best) or None
