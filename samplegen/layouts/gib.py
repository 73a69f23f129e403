"""GİB e-Arşiv portal style: seller top-left, "SAYIN" buyer below a rule, GİB title in the
middle, a bordered info table top-right, ETTN line, grid table, right totals box, notes box."""

from __future__ import annotations

import random

from samplegen.canvas import Canvas, line_height
from samplegen.formats import Formats
from samplegen.invoice_spec import InvoiceSpec
from samplegen.layouts.common import (
    GREYS,
    HeaderLabels,
    PartyLabels,
    TableLook,
    TotalLabels,
    choose_columns,
    draw_pseudo_qr,
    draw_table,
    draw_totals,
    fit_columns,
    header_pairs,
    kv_block,
    line_cells,
    page_footers,
    party_pairs,
    pick,
    tl_equivalent,
    total_rows,
)

TITLES = {
    "e-arsiv": ("e-Arşiv Fatura", "e-ARŞİV FATURA", "e-Arşiv Fatura"),
    "e-fatura": ("e-Fatura", "e-FATURA"),
    "paper": ("FATURA", "Fatura"),
}
HEADERS = {
    "no": ("Sıra No", "Sıra No", "Sıra"),
    "code": ("Mal Hizmet Kodu", "Ürün Kodu"),
    "desc": ("Mal Hizmet", "Mal Hizmet", "Mal/Hizmet", "Mal Hizmet Açıklaması"),
    "qty": ("Miktar",),
    "unit": ("Birim",),
    "price": ("Birim Fiyat",),
    "disc_rate": ("İskonto Oranı", "İskonto/ Arttırım Oranı"),
    "disc": ("İskonto Tutarı", "İskonto/ Arttırım Tutarı"),
    "kdv_rate": ("KDV Oranı",),
    "kdv": ("KDV Tutarı",),
    "other": ("Diğer Vergiler",),
    "amount": ("Mal Hizmet Tutarı", "Mal/Hizmet Tutarı"),
    "incl": ("KDV Dahil Tutar",),
}
ORDER = (
    "no",
    "code",
    "desc",
    "qty",
    "unit",
    "price",
    "disc_rate",
    "disc",
    "kdv_rate",
    "kdv",
    "other",
    "amount",
)
TOTALS = TotalLabels(
    subtotal=("Mal Hizmet Toplam Tutarı",),
    discount=("Toplam İskonto",),
    base=("KDV Matrahı({rate})", "KDV Matrahı ({rate})"),
    kdv=("Hesaplanan KDV({rate})", "Hesaplanan KDV ({rate})"),
    kdv_total=("Toplam KDV", "Hesaplanan KDV Toplamı", "Vergiler Toplamı"),
    withholding=(
        "KDV Tevkifat Tutarı ({ratio})",
        "Hesaplanan KDV Tevkifatı({ratio})",
        "Tevkifat Tutarı ({ratio})",
    ),
    total=("Vergiler Dahil Toplam Tutar",),
    payable=("Ödenecek Tutar",),
)
HEADER = HeaderLabels(
    number=("Fatura No",),
    date=("Fatura Tarihi",),
    time=("Düzenleme Saati", "Düzenleme Zamanı"),
    due=("Son Ödeme Tarihi",),
    order=("Sipariş No", "Sipariş Numarası"),
    despatch=("İrsaliye No",),
)


def _party_labels(rng: random.Random) -> PartyLabels:
    return PartyLabels(
        name=None,
        address=None,
        phone="Tel",
        fax="Fax",
        email=pick(rng, ("E-Posta", "e-Posta", "E-Posta Adresi")),
        web="Web Sitesi",
        tax_office="Vergi Dairesi",
        vkn="VKN",
        tckn="TCKN",
        mersis=pick(rng, ("Mersis No", "MERSİS No")),
    )


def render(spec: InvoiceSpec, rng: random.Random, fmt: Formats, family: str) -> bytes:
    canvas = Canvas(family)
    canvas.new_page()
    margin = rng.uniform(24, 40)
    size = rng.choice((7.5, 8.0, 8.0, 8.5, 9.0))
    x0, x1 = margin, canvas.width - margin
    width = x1 - x0
    info_w = rng.uniform(175, 215)
    left_w = width * rng.uniform(0.42, 0.48)
    labels = _party_labels(rng)
    title = pick(rng, TITLES[spec.kind])

    # seller, top left
    y = margin
    y = canvas.lines(
        x0, y, canvas.wrap(spec.seller.name, left_w, size + 0.5, True), size + 0.5, True
    )
    for line in spec.seller.address_lines:
        y = canvas.lines(x0, y, canvas.wrap(line, left_w, size), size)
    y = kv_block(
        canvas,
        x0,
        y,
        left_w,
        party_pairs(spec.seller, labels, rng),
        size,
        "colon",
        bold_labels=False,
    )
    y += 3
    canvas.hline(x0, x0 + left_w, y, width=0.6)
    y += 4
    y = canvas.text(x0, y, pick(rng, ("SAYIN", "SAYIN", "Sayın")), size + 0.5, True)
    buyer_bold = rng.random() < 0.5
    y = canvas.lines(
        x0, y, canvas.wrap(spec.buyer.name, left_w, size, buyer_bold), size, buyer_bold
    )
    for line in spec.buyer.address_lines:
        y = canvas.lines(x0, y, canvas.wrap(line, left_w, size), size)
    y = kv_block(
        canvas,
        x0,
        y,
        left_w,
        party_pairs(spec.buyer, labels, rng),
        size,
        "colon",
        bold_labels=False,
    )
    y += 3
    canvas.hline(x0, x0 + left_w, y, width=0.6)
    left_bottom = y + 4

    # centre: logo and title
    cx = x0 + left_w + (width - left_w - info_w) / 2
    ty = margin + 4
    if spec.kind != "paper" and rng.random() < 0.8:
        canvas.circle(cx, ty + 24, 22)
        canvas.text(cx, ty + 18, "GİB", 10, True, align="c")
        ty += 54
    canvas.text(cx, ty, title, size + 3, True, align="c")

    # right: QR and info table
    ry = margin
    if spec.kind != "paper" and rng.random() < 0.7:
        qr = rng.uniform(62, 80)
        draw_pseudo_qr(canvas, x1 - qr, ry, qr, spec.invoice_number)
        ry += qr + 8
    pairs = header_pairs(spec, fmt, rng, HEADER)
    info = [(label, value) for key, label, value in pairs if key != "ettn"]
    ry = kv_block(canvas, x1 - info_w, max(ry, margin + 70), info_w, info, size, "table", grid=True)

    y = max(left_bottom, ry + 6)
    for key, label, value in pairs:
        if key == "ettn":
            head = f"{label}: "
            canvas.text(x0, y, head, size, True)
            y = canvas.text(x0 + canvas.measure(head, size, True), y, value, size) + 4

    # table
    columns = choose_columns(spec, rng, HEADERS, ORDER, {"no": 0.85, "other": 0.3, "code": 0.1})
    rows = [line_cells(spec, line, i, fmt) for i, line in enumerate(spec.lines)]
    look = TableLook(
        size=size - rng.choice((0.0, 0.5, 1.0)),
        header_fill=rng.choice((None, *GREYS)),
        valign=pick(rng, ("top", "middle")),
        pad=rng.uniform(2.0, 3.5),
        min_desc=rng.uniform(120, 160),
        max_desc=rng.uniform(190, 300),
    )
    fit_columns(canvas, columns, rows, width, look)
    bottom = canvas.height - margin - 18

    def continuation() -> float:
        canvas.new_page()
        canvas.text(x0, margin, f"{title} ({pick(rng, ('devamı', 'devam'))})", size, True)
        return canvas.text(x1, margin, f"Fatura No: {spec.invoice_number}", size, align="r") + 8

    y = draw_table(canvas, x0, y + 2, bottom, columns, rows, look, continuation) + 8

    # totals box, bottom right
    totals = total_rows(spec, fmt, rng, TOTALS, gib_extras=rng.random() < 0.6)
    tot_size = size
    tot_w = rng.uniform(250, 300)
    needed = len(totals) * (line_height(tot_size) + 5)
    if y + needed > bottom:
        y = continuation()
    y = (
        draw_totals(
            canvas,
            x1 - tot_w,
            x1,
            y,
            totals,
            tot_size,
            "boxed",
            colon=False,
            fill=rng.choice((None, GREYS[1])),
            labels_right=True,
        )
        + 8
    )

    # notes box
    notes: list[str] = []
    if spec.amount_in_words:
        notes.append(spec.amount_in_words)
    notes += spec.notes
    equivalent = tl_equivalent(spec)
    if equivalent is not None and rng.random() < 0.6:
        notes.append(f"TL Karşılığı: {fmt.number(equivalent)} TL")
    if spec.iban:
        notes.append(
            f"{spec.bank_name} IBAN: {spec.iban}" if rng.random() < 0.6 else f"IBAN: {spec.iban}"
        )
    if notes:
        head = pick(rng, ("Not: ", "Notlar: ", "Açıklama: "))
        head_w = canvas.measure(head, size, True)
        wrapped = [canvas.wrap(n, width - head_w - 8, size) for n in notes]
        height = sum(len(w) for w in wrapped) * line_height(size) + 8
        if y + height > bottom:
            y = continuation()
        canvas.box(x0, y, x1, y + height, width=0.6)
        canvas.text(x0 + 4, y + 4, head, size, True)
        ny = y + 4
        for lines in wrapped:
            ny = canvas.lines(x0 + 4 + head_w, ny, lines, size)
    page_footers(canvas, rng, margin, size - 1, always=rng.random() < 0.3)
    return canvas.to_bytes(
        title=f"{title} {spec.invoice_number}", author=spec.seller.name, when=spec.issue_date
    )
