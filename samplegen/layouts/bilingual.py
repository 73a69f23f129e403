"""Bilingual (Turkish / English) invoices, as exporters and hotels print them.

Every label carries its English half (``SATICI / SELLER``, ``Vergi Dairesi / Tax
Office``), sometimes on a second line under the Turkish one; header values sit on
the line below their label; the seller's address runs into ``Vergi D./No`` and
``Tel``; phone and e-mail share a line split by ``·``; the KDV summary is a small
table (rate | base | KDV) instead of one line per rate.

This family is HELD OUT: the rules are never tuned on it (see
``benchmarks/invoice_variants.py``); it only measures them.
"""

from __future__ import annotations

import random

from samplegen.canvas import Canvas, line_height
from samplegen.formats import Formats
from samplegen.invoice_spec import InvoiceSpec
from samplegen.layouts.common import (
    ACCENTS,
    GREYS,
    TableLook,
    choose_columns,
    draw_table,
    draw_totals,
    fit_columns,
    label_rate,
    line_cells,
    pick,
)

HEADERS = {
    "no": ("No", "Sıra / No"),
    "code": ("Kod / Code",),
    "desc": ("Açıklama / Description", "Mal Hizmet / Goods Services", "Ürün / Item"),
    "qty": ("Miktar / Qty", "Miktar / Quantity"),
    "unit": ("Birim / Unit",),
    "price": ("Birim Fiyat / Unit Price", "Fiyat / Price"),
    "disc_rate": ("İsk. % / Disc. %", "İskonto Oranı / Discount Rate"),
    "disc": ("İskonto / Discount", "İsk. Tutarı / Disc. Amount"),
    "kdv_rate": ("KDV % / VAT %", "KDV Oranı / VAT Rate"),
    "kdv": ("KDV Tutarı / VAT Amount",),
    "other": ("ÖTV / SCT",),
    "amount": ("Tutar / Amount", "Mal Hizmet Tutarı / Line Total"),
    "incl": ("KDV Dahil / Incl. VAT",),
}
ORDERS = (
    ("no", "desc", "qty", "unit", "price", "disc_rate", "disc", "kdv_rate", "kdv", "amount"),
    ("code", "desc", "unit", "qty", "price", "disc", "disc_rate", "kdv_rate", "amount", "kdv"),
)
SUBTOTAL = (
    "Mal Hizmet Toplam Tutarı / Total Goods and Services",
    "Ara Toplam / Subtotal",
    "Toplam Tutar / Total Amount",
)
DISCOUNT = ("Toplam İskonto / Total Discount", "İskonto / Discount")
KDV_TOTAL = ("Toplam KDV / Total VAT", "Hesaplanan KDV / Calculated VAT")
TOTAL = (
    "Vergiler Dahil Toplam Tutar / Total Amount Including Taxes",
    "Vergiler Dahil Toplam / Total Incl. Taxes",
    "Genel Toplam / Grand Total",
    "KDV Dahil Toplam / Total (VAT Included)",
)
WITHHOLDING = ("KDV Tevkifatı ({ratio}) / VAT Withholding", "Tevkifat ({ratio}) / Withholding")
PAYABLE = ("Ödenecek Tutar / Amount Payable", "Ödenecek Toplam / Total Due")


def _labelled(
    canvas: Canvas,
    x: float,
    y: float,
    label: str,
    value: str,
    size: float,
    width: float,
    two_line_label: bool,
    ink: tuple[float, float, float],
) -> float:
    """A label (one line, or Turkish over English) with its value on the line below."""
    if two_line_label and " / " in label:
        tr, en = label.split(" / ", 1)
        y = canvas.text(x, y, tr, size - 1, True, color=ink)
        y = canvas.text(x, y, en, size - 1.5, color=ink)
    else:
        y = canvas.text(x, y, label, size - 1, True, color=ink)
    return canvas.lines(x, y, canvas.wrap(value, width, size), size) + 3


def render(spec: InvoiceSpec, rng: random.Random, fmt: Formats, family: str) -> bytes:
    canvas = Canvas(family)
    canvas.new_page()
    ink = rng.choice(ACCENTS)
    margin = rng.uniform(32, 48)
    size = rng.choice((8.0, 8.5, 9.0))
    x0, x1 = margin, canvas.width - margin
    width = x1 - x0
    lh = line_height(size)
    two_line = rng.random() < 0.5
    seller, buyer = spec.seller, spec.buyer
    title = {"e-arsiv": "e-Arşiv Fatura / e-Archive Invoice", "e-fatura": "e-Fatura / e-Invoice"}
    canvas.text(x1, margin, title.get(spec.kind, "FATURA / INVOICE"), size + 6, True, ink, "r")

    # seller: heading, name, address running into tax office / number, phone · e-mail
    col_w = width * 0.48
    y = canvas.text(x0, margin, pick(rng, ("SATICI / SELLER", "Satıcı / Seller")), size, True, ink)
    y = canvas.lines(x0, y, canvas.wrap(seller.name, col_w, size + 1, True), size + 1, True)
    id_word = "VKN" if seller.vkn else "TCKN"
    tax = f"Vergi D./No: {seller.tax_office} / {seller.vkn or seller.tckn}"
    if rng.random() < 0.5:  # the address line runs straight into the tax office
        y = canvas.lines(x0, y, canvas.wrap(f"{seller.address} {tax}", col_w, size), size)
    else:
        y = canvas.lines(x0, y, canvas.wrap(seller.address, col_w, size), size)
        y = canvas.text(x0, y, f"Vergi Dairesi / Tax Office: {seller.tax_office}", size)
        y = canvas.text(x0, y, f"{id_word} / Tax ID: {seller.vkn or seller.tckn}", size)
    contact = " · ".join(
        t for t in (f"Tel: {seller.phone}" if seller.phone else "", seller.email or "") if t
    )
    if contact:
        y = canvas.text(x0, y, contact, size)
    if seller.mersis:
        y = canvas.text(x0, y, f"Mersis No / Mersis ID: {seller.mersis}", size)

    # buyer under it
    y += 10
    y = canvas.text(x0, y, pick(rng, ("ALICI / BUYER", "Sayın / Bill To")), size, True, ink)
    y = canvas.lines(x0, y, canvas.wrap(buyer.name, col_w, size, True), size, True)
    y = canvas.lines(x0, y, canvas.wrap(buyer.address, col_w, size), size)
    if buyer.tax_office:
        y = canvas.text(x0, y, f"Vergi Dairesi / Tax Office: {buyer.tax_office}", size)
    if buyer.vkn:
        y = canvas.text(x0, y, f"VKN / Tax ID: {buyer.vkn}", size)
    elif buyer.tckn:
        y = canvas.text(x0, y, f"TCKN / National ID: {buyer.tckn}", size)
    contact = " · ".join(
        t for t in (f"Tel: {buyer.phone}" if buyer.phone else "", buyer.email or "") if t
    )
    if contact:
        y = canvas.text(x0, y, contact, size)

    # header fields right, label above value
    hx = x0 + width * 0.58
    hw = x1 - hx
    hy = margin + line_height(size + 6) + 8
    pairs = [
        ("Fatura No / Invoice No", spec.invoice_number),
        ("Fatura Tarihi / Invoice Date", fmt.date(spec.issue_date)),
    ]
    if spec.profile:
        pairs.insert(0, ("Senaryo / Scenario", spec.profile))
    if spec.invoice_type:
        pairs.insert(1, ("Fatura Tipi / Invoice Type", spec.invoice_type))
    if spec.due_date:
        pairs.append(("Vade Tarihi / Due Date", fmt.date(spec.due_date)))
    if spec.order_number:
        pairs.append(("Sipariş No / Order No", spec.order_number))
    if spec.currency != "TRY" or rng.random() < 0.5:
        pairs.append(("Para Birimi / Currency", spec.currency))
    if spec.exchange_rate is not None:
        pairs.append(
            ("Döviz Kuru / Exchange Rate", format(spec.exchange_rate, "f").replace(".", ","))
        )
    if spec.ettn:
        pairs.append(("ETTN / UUID", spec.ettn))
    for label, value in pairs:
        hy = _labelled(canvas, hx, hy, label, value, size, hw, two_line, ink)
    y = max(y, hy) + 12

    # table
    columns = choose_columns(spec, rng, HEADERS, rng.choice(ORDERS), {"no": 0.4, "code": 0.3})
    rows = [line_cells(spec, line, i, fmt) for i, line in enumerate(spec.lines)]
    look = TableLook(
        size=size - 0.5,
        header_fill=rng.choice(GREYS),
        grid=pick(rng, ("full", "rows")),
        pad=3.0,
        min_desc=150,
        max_desc=260,
    )
    fit_columns(canvas, columns, rows, width, look)
    bottom = canvas.height - margin - 30

    def new_page() -> float:
        canvas.new_page()
        return canvas.text(x0, margin, f"{spec.invoice_number} (devam / continued)", size) + 8

    y = draw_table(canvas, x0, y, bottom, columns, rows, look, new_page) + 10

    # KDV summary as a table: rate | base | KDV, left; totals, right
    value = fmt.total_money
    need = (len(spec.kdv) + 8) * (lh + 5) + 40
    if y + need > bottom:
        y = new_page()
    kx = x0
    heads = ("KDV Oranı / VAT Rate", "Matrah / Base", "KDV / VAT")
    widths = (95.0, 85.0, 75.0)
    cx = kx
    for head, w in zip(heads, widths, strict=True):
        canvas.box(cx, y, cx + w, y + lh + 5, fill=GREYS[1], width=0.4)
        canvas.text(cx + 3, y + 2.5, head, size - 1.5, True)
        cx += w
    ky = y + lh + 5
    for kdv in spec.kdv:
        cells = (label_rate(fmt, kdv.rate), value(kdv.base), value(kdv.amount))
        cx = kx
        for cell, w in zip(cells, widths, strict=True):
            canvas.box(cx, ky, cx + w, ky + lh + 5, width=0.4)
            canvas.text(cx + w - 3, ky + 2.5, cell, size - 0.5, align="r")
            cx += w
        ky += lh + 5
    totals: list[tuple[str, str, bool]] = [
        (pick(rng, SUBTOTAL), value(spec.printed_subtotal), False)
    ]
    if spec.show_discount_total:
        totals.append((pick(rng, DISCOUNT), value(spec.discount_total), False))
    totals.append((pick(rng, KDV_TOTAL), value(spec.kdv_total), False))
    totals.append((pick(rng, TOTAL), value(spec.total_with_taxes), not spec.show_payable))
    if spec.withholding:
        label = pick(rng, WITHHOLDING).format(ratio=spec.withholding.rate)
        totals.append((label, value(spec.withholding.amount), False))
    if spec.show_payable:
        totals.append((pick(rng, PAYABLE), value(spec.payable_amount), True))
    tx = x0 + width * 0.3
    end = draw_totals(canvas, tx, x1, ky + 8, totals, size - 0.5, "boxed", colon=False)
    y = end + 10
    extra = []
    if spec.amount_in_words:
        extra.append(spec.amount_in_words)
    if spec.iban:
        extra.append(f"IBAN: {spec.iban} ({spec.bank_name})")
    extra += list(spec.notes)
    for text in extra:
        y = canvas.lines(x0, y, canvas.wrap(text, width, size - 0.5), size - 0.5) + 2
    return canvas.to_bytes(
        title=f"Invoice {spec.invoice_number}", author=seller.name, when=spec.issue_date
    )
