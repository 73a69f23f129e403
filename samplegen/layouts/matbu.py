"""Matbu (pre-printed paper) invoice forms, A4 and A5: what a printer sells a shop in pads.

The form's frame and labels are printed in one colour (capitals, often without a
colon: ``SAYIN``, ``V.D.``, ``MALIN CİNSİ``, ``G. TOPLAM``); the shop's letterhead
runs name, address, ``Vergi D./No`` and ``Tel · e-posta`` together in a few lines;
values are typed into the boxes, right of their label or on the line below it.
The item table is a ruled grid with blank rows left over, the totals sit in boxes
at the bottom right beside a ``YALNIZ`` box. Quantity and unit often share a cell.
"""

from __future__ import annotations

import random

from samplegen.canvas import A4, Canvas, line_height
from samplegen.casing import tr_upper
from samplegen.formats import Formats
from samplegen.invoice_spec import InvoiceSpec
from samplegen.layouts.common import (
    TableLook,
    TotalLabels,
    choose_columns,
    draw_table,
    draw_totals,
    fit_columns,
    line_cells,
    pick,
    total_rows,
)

A5 = (419.53, 595.28)
FORM_INK = ((0.55, 0.1, 0.1), (0.1, 0.2, 0.5), (0.15, 0.35, 0.2), (0.0, 0.0, 0.0))
HEADERS = {
    "no": ("SIRA", "S.NO"),
    "code": ("KODU", "STOK KODU"),
    "desc": ("MALIN CİNSİ", "CİNSİ", "AÇIKLAMA", "MAL VE HİZMETİN CİNSİ"),
    "qty": ("MİKTARI", "MİKTAR", "ADET"),
    "unit": ("BİRİMİ", "BİRİM"),
    "price": ("BİRİM FİYATI", "FİYATI", "B.FİYAT"),
    "disc_rate": ("İSK. %", "İSKONTO ORANI"),
    "disc": ("İSKONTO TUTARI", "İSK. TUTARI", "İNDİRİM"),
    "kdv_rate": ("KDV %", "KDV ORANI"),
    "kdv": ("KDV TUTARI",),
    "other": ("ÖTV",),
    "amount": ("TUTARI", "TUTAR", "TOPLAM TUTAR"),
    "incl": ("KDV DAHİL TUTAR",),
}
ORDERS = (
    ("no", "desc", "qty", "unit", "price", "disc_rate", "disc", "kdv_rate", "kdv", "amount"),
    ("code", "desc", "qty", "unit", "price", "kdv_rate", "disc_rate", "disc", "amount", "kdv"),
    ("desc", "qty", "unit", "price", "disc_rate", "disc", "amount", "kdv_rate", "kdv"),
)
TOTALS = TotalLabels(
    subtotal=("TOPLAM", "ARA TOPLAM", "MAL HİZMET TOPLAMI", "TOPLAM TUTAR"),
    discount=("İSKONTO", "İNDİRİM", "TOPLAM İSKONTO"),
    base=("KDV MATRAHI {rate}", "MATRAH {rate}"),
    kdv=("K.D.V. {rate}", "KDV {rate}", "KDV TUTARI {rate}", "HESAPLANAN KDV {rate}"),
    kdv_total=("TOPLAM K.D.V.", "KDV TOPLAMI", "TOPLAM KDV"),
    withholding=("TEVKİFAT ({ratio})", "KDV TEVKİFATI ({ratio})"),
    total=("G. TOPLAM", "GENEL TOPLAM", "FATURA TOPLAMI", "KDV DAHİL TOPLAM"),
    payable=("ÖDENECEK TUTAR", "NET ÖDENECEK"),
)
NUMBER_LABELS = ("Seri-Sıra No", "No", "Fatura No", "Seri Sıra No", "FATURA NO")
DATE_LABELS = ("Düzenleme Tarihi", "Tarih", "TARİHİ", "Fatura Tarihi")


def render(spec: InvoiceSpec, rng: random.Random, fmt: Formats, family: str) -> bytes:
    a5 = rng.random() < 0.5
    canvas = Canvas(family, A5 if a5 else A4)
    canvas.new_page()
    ink = rng.choice(FORM_INK)
    margin = rng.uniform(18, 26) if a5 else rng.uniform(28, 45)
    size = rng.choice((6.5, 7.0, 7.5)) if a5 else rng.choice((8.0, 8.5, 9.0))
    x0, x1 = margin, canvas.width - margin
    width = x1 - x0
    lh = line_height(size)
    seller, buyer = spec.seller, spec.buyer

    # letterhead, left: name glued to the address, tax office and number after it, contacts
    head_w = width * 0.58
    y = margin
    glue = rng.random() < 0.5
    if glue:
        text = f"{seller.name} {seller.address}"
        y = canvas.lines(x0, y, canvas.wrap(text, head_w, size + 1, True), size + 1, True)
    else:
        y = canvas.lines(x0, y, canvas.wrap(seller.name, head_w, size + 2, True), size + 2, True)
        y = canvas.lines(x0, y, canvas.wrap(seller.address, head_w, size), size)
    id_label, id_value = ("Vergi D./No", seller.vkn) if seller.vkn else ("V.D./TCKN", seller.tckn)
    tax = f"{id_label}: {seller.tax_office} / {id_value}"
    if seller.mersis:
        tax += f"   Mersis No: {seller.mersis}"
    y = canvas.lines(x0, y, canvas.wrap(tax, head_w, size), size)
    contacts = [f"Tel: {seller.phone}" if seller.phone else "", seller.email or ""]
    contact = pick(rng, (" · ", " - ", "  ")).join(c for c in contacts if c)
    if contact:
        y = canvas.lines(x0, y, canvas.wrap(contact, head_w, size), size)

    # title and number box, right
    bx = x0 + head_w + 12
    canvas.text(x1, margin, "FATURA", size + 9, True, color=ink, align="r")
    by = margin + line_height(size + 9) + 4
    below = rng.random() < 0.5  # labels above their values (a form's boxes)
    header = [
        (pick(rng, NUMBER_LABELS), spec.invoice_number),
        (pick(rng, DATE_LABELS), fmt.date(spec.issue_date)),
    ]
    if spec.invoice_type:
        header.append((pick(rng, ("Fatura Tipi", "Fatura Türü")), spec.invoice_type))
    if spec.due_date:
        header.append(("Vade Tarihi", fmt.date(spec.due_date)))
    if spec.order_number:
        header.append(("Sipariş No", spec.order_number))
    if spec.despatch_number:
        header.append(("İrsaliye No", spec.despatch_number))
    if spec.currency != "TRY":
        header.append(("Döviz Cinsi", spec.currency))
    if spec.exchange_rate is not None:
        header.append(("Döviz Kuru", format(spec.exchange_rate, "f").replace(".", ",")))
    top = by
    label_w = max(canvas.measure(tr_upper(label) + "  ", size, True) for label, _v in header)
    for label, value in header:
        if below:
            canvas.text(bx, by, tr_upper(label), size - 1, True, color=ink)
            by = canvas.text(bx + 4, by + lh, value, size) + 3
        else:
            canvas.text(bx, by, tr_upper(label), size, True, color=ink)
            by = canvas.text(bx + label_w, by, value, size)
            by += 2
    canvas.box(bx - 4, top - 3, x1, by + 2, color=ink, width=0.6)
    y = max(y, by) + 10

    # buyer box
    box_top = y
    buyer_w = width * rng.uniform(0.62, 0.75)
    canvas.text(x0 + 3, y + 2, pick(rng, ("SAYIN", "SAYIN:", "ALICI")), size, True, color=ink)
    y += lh + 4
    y = canvas.lines(x0 + 6, y, canvas.wrap(buyer.name, buyer_w - 12, size, True), size, True)
    for line in buyer.address_lines:
        y = canvas.lines(x0 + 6, y, canvas.wrap(line, buyer_w - 12, size), size)
    id_label = "V.No" if buyer.vkn else pick(rng, ("T.C. Kimlik No", "TCKN"))
    id_value = buyer.vkn or buyer.tckn or ""
    office = buyer.tax_office
    if office is not None:
        label = pick(rng, ("V.D.", "Vergi Dairesi"))
        canvas.text(x0 + 3, y, label, size, True, color=ink)
        y = canvas.text(x0 + 6 + canvas.measure(label + "  ", size, True), y, office, size)
    canvas.text(x0 + 3, y, id_label, size, True, color=ink)
    y = canvas.text(x0 + 6 + canvas.measure(id_label + "  ", size, True), y, id_value, size)
    for label, value in (("Tel", buyer.phone), ("E-posta", buyer.email)):
        if value:
            canvas.text(x0 + 3, y, label, size, True, color=ink)
            y = canvas.text(x0 + 6 + canvas.measure(label + "  ", size, True), y, value, size)
    canvas.box(x0, box_top, x0 + buyer_w, y + 3, color=ink, width=0.6)
    y += 12

    # the ruled item grid, blank rows left over
    columns = choose_columns(spec, rng, HEADERS, rng.choice(ORDERS), {"no": 0.3, "code": 0.2})
    rows = [line_cells(spec, line, i, fmt) for i, line in enumerate(spec.lines)]
    look = TableLook(
        size=size - 0.5,
        header_fill=None,
        header_color=ink,
        grid="full",
        pad=2.5,
        min_desc=width * 0.3,
        max_desc=width * 0.45,
    )
    fit_columns(canvas, columns, rows, width, look)
    totals = total_rows(spec, fmt, rng, TOTALS)
    need = len(totals) * (lh + 5) + 40
    bottom = canvas.height - margin - need

    def overflow() -> float:  # a pad's second sheet
        canvas.new_page()
        return canvas.text(x0, margin, f"FATURA {spec.invoice_number} (devamı)", size, True) + 8

    y = draw_table(canvas, x0, y, bottom, columns, rows, look, overflow)
    blank = 0
    while y + lh + 5 < bottom - 4 and blank < 12:  # pre-printed rows nobody filled
        cx = x0
        for col in columns:
            canvas.box(cx, y, cx + col.width, y + lh + 5, color=ink, width=0.3)
            cx += col.width
        y += lh + 5
        blank += 1
    y += 6

    # totals boxes, right; "YALNIZ" box, left, on the same band
    tot_w = width * rng.uniform(0.4, 0.48)
    end = draw_totals(canvas, x1 - tot_w, x1, y, totals, size, "boxed", colon=False)
    if spec.amount_in_words:
        words_w = width - tot_w - 14
        canvas.text(x0 + 3, y + 2, "YALNIZ:", size, True, color=ink)
        wrapped = canvas.wrap(spec.amount_in_words, words_w - 8, size)
        canvas.lines(x0 + 3, y + lh + 4, wrapped, size)
        canvas.box(x0, y, x0 + words_w, y + lh * (len(wrapped) + 1) + 8, color=ink, width=0.6)
    if spec.iban and end + 2 * lh < canvas.height - margin:
        canvas.text(x0, end + 4, f"IBAN: {spec.iban}", size - 0.5)
    if spec.notes and end + 4 * lh < canvas.height - margin:
        canvas.text(x0, end + 4 + lh, spec.notes[0][:90], size - 1)
    return canvas.to_bytes(
        title=f"Fatura {spec.invoice_number}", author=seller.name, when=spec.issue_date
    )
