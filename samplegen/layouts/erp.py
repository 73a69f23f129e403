"""Paper / ERP export style: letterhead with the seller, a big title, customer block left and
document fields right, a lighter table in a different column order, totals under the table,
"Yalnız …" line, signature boxes."""

from __future__ import annotations

import random

from samplegen.canvas import Canvas, line_height
from samplegen.casing import tr_upper
from samplegen.formats import Formats
from samplegen.identifiers import format_iban
from samplegen.invoice_spec import InvoiceSpec
from samplegen.layouts.common import (
    GREYS,
    HeaderLabels,
    PartyLabels,
    TableLook,
    TotalLabels,
    choose_columns,
    draw_label_line,
    draw_table,
    draw_totals,
    fit_columns,
    header_pairs,
    kv_block,
    line_cells,
    page_footers,
    party_pairs,
    pick,
    pop_wide,
    total_rows,
)

TITLES = {
    "paper": ("FATURA", "SATIŞ FATURASI", "Fatura", "FATURA"),
    "e-arsiv": ("e-Arşiv Fatura", "E-ARŞİV FATURA"),
    "e-fatura": ("e-Fatura", "E-FATURA"),
}
HEADERS = {
    "no": ("#", "S.No", "Sıra"),
    "code": ("Kod", "Stok Kodu", "Ürün Kodu"),
    "desc": ("Ürün/Hizmet", "Açıklama", "Malzeme Adı", "Ürün Adı", "Cinsi"),
    "qty": ("Miktar", "Miktarı"),
    "unit": ("Birim", "Br."),
    "price": ("Birim Fiyat", "Fiyat", "B.Fiyat"),
    "disc_rate": ("İsk.%", "İskonto %"),
    "disc": ("İskonto", "İsk. Tutarı"),
    "kdv_rate": ("KDV", "KDV %", "KDV Oranı"),
    "kdv": ("KDV Tutarı", "KDV Tut."),
    "other": ("Açıklama 2",),
    "amount": ("Tutar", "Toplam", "Net Tutar", "Tutarı"),
    "incl": ("KDV Dahil Tutar", "Toplam (KDV Dahil)"),
}
ORDERS = (
    (
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
        "amount",
    ),
    (
        "code",
        "desc",
        "unit",
        "qty",
        "price",
        "kdv_rate",
        "disc_rate",
        "disc",
        "amount",
        "kdv",
        "incl",
    ),
    ("desc", "price", "qty", "unit", "disc_rate", "disc", "kdv_rate", "kdv", "amount", "incl"),
    ("no", "desc", "kdv_rate", "qty", "unit", "price", "disc", "disc_rate", "amount", "kdv"),
)
TOTALS = TotalLabels(
    subtotal=("Toplam Tutar", "Ara Toplam", "Mal Hizmet Toplamı", "Tutar"),
    discount=("İskonto", "Toplam İskonto", "İndirim"),
    base=("KDV Matrahı {rate}", "Matrah ({rate})"),
    kdv=("KDV ({rate})", "KDV {rate}", "{rate} KDV", "Hesaplanan KDV {rate}"),
    kdv_total=("KDV Toplamı", "Toplam KDV"),
    withholding=("Tevkifat ({ratio})", "KDV Tevkifatı ({ratio})"),
    total=("Genel Toplam", "KDV Dahil Toplam", "Vergiler Dahil Toplam"),
    payable=("Ödenecek Tutar", "Net Ödenecek", "Ödenecek Toplam"),
)
HEADER = HeaderLabels(
    profile=("Senaryo", "Profil"),
    invoice_type=("Fatura Tipi", "Fatura Türü", "Tip"),
    number=("Fatura Numarası", "Fatura No", "Belge No", "Fatura Seri/No"),
    date=("Düzenlenme Tarihi", "Fatura Tarihi", "Tarih", "Düzenleme Tarihi"),
    time=("Saat", "Düzenlenme Saati"),
    due=("Vade Tarihi", "Son Ödeme Tarihi", "Vade"),
    order=("Sipariş No", "Sipariş Numarası", "Sip. No"),
    despatch=("İrsaliye No", "Sevk İrsaliyesi No"),
    exchange=("Döviz Kuru", "Kur"),
    currency=("Para Birimi", "Döviz Cinsi", "Döviz"),
)


def render(spec: InvoiceSpec, rng: random.Random, fmt: Formats, family: str) -> bytes:
    canvas = Canvas(family)
    canvas.new_page()
    margin = rng.uniform(30, 55)
    size = rng.choice((8.0, 8.5, 9.0, 9.5))
    x0, x1 = margin, canvas.width - margin
    width = x1 - x0
    title = pick(rng, TITLES[spec.kind])
    seller = spec.seller
    seller_labels = PartyLabels(
        name=None,
        address=None,
        phone=pick(rng, ("Tel", "Telefon", "T")),
        fax=pick(rng, ("Faks", "F")),
        email=pick(rng, ("E-posta", "E-mail", "Mail")),
        web="Web",
        tax_office=pick(rng, ("V.D.", "Vergi Dairesi")),
        vkn=pick(rng, ("Vergi No", "V.No", "VKN")),
        tckn=pick(rng, ("T.C. Kimlik No", "TCKN")),
        mersis=pick(rng, ("Mersis No", "Mersis")),
    )

    # letterhead
    centred = rng.random() < 0.5
    y = margin
    hx, align = (x0 + width / 2, "c") if centred else (x0, "l")
    head_w = width if centred else width * 0.62
    y = canvas.lines(
        hx, y, canvas.wrap(seller.name, head_w, size + 4, True), size + 4, True, align=align
    )
    for line in seller.address_lines:
        y = canvas.lines(hx, y, canvas.wrap(line, head_w, size), size, align=align)
    pairs = party_pairs(seller, seller_labels, rng, id_with_office=rng.random() < 0.4)
    joined = "   ".join(f"{k}: {v}" for k, v in pairs)
    if canvas.measure(joined, size) <= head_w:
        y = canvas.text(hx, y, joined, size, align=align)
    elif centred:
        for k, v in pairs:
            y = canvas.text(hx, y, f"{k}: {v}", size, align=align)
    else:
        y = kv_block(canvas, x0, y, head_w, pairs, size, "colon", bold_labels=False)
    if not centred:
        title_y = margin
        canvas.text(x1, title_y, title, size + 8, True, align="r")
    y += 6
    canvas.hline(x0, x1, y, width=1.0)
    y += 8
    if centred:
        y = canvas.text(x0 + width / 2, y, title, size + 7, True, align="c") + 6

    # customer (left) and document fields (right)
    left_w = width * rng.uniform(0.5, 0.58)
    heading = pick(rng, ("Müşteri", "Alıcı Bilgileri", "SAYIN", "Alıcı", "MÜŞTERİ BİLGİLERİ"))
    buyer = spec.buyer
    name_label = pick(rng, ("Unvan", "Adı Soyadı / Unvan", "Firma")) if rng.random() < 0.4 else None
    labels = PartyLabels(
        name=name_label,
        address="Adres" if name_label or rng.random() < 0.3 else None,
        phone=pick(rng, ("Tel", "Telefon")),
        fax="Faks",
        email=pick(rng, ("E-posta", "E-mail")),
        web="Web",
        tax_office=pick(rng, ("V.D.", "Vergi Dairesi")),
        vkn=pick(rng, ("Vergi No", "V.K.N.", "Vergi Kimlik No")),
        tckn=pick(rng, ("T.C. Kimlik No", "T.C. No", "TCKN")),
        mersis="Mersis No",
    )
    ly = canvas.text(x0, y, heading + (":" if rng.random() < 0.3 else ""), size + 0.5, True) + 2
    if labels.name is None:
        ly = canvas.lines(x0, ly, canvas.wrap(buyer.name, left_w, size, True), size, True)
    if labels.address is None:
        for line in buyer.address_lines:
            ly = canvas.lines(x0, ly, canvas.wrap(line, left_w, size), size)
    ly = kv_block(
        canvas,
        x0,
        ly,
        left_w,
        party_pairs(buyer, labels, rng, id_with_office=rng.random() < 0.3),
        size,
        pick(rng, ("colon", "table")),
    )
    if rng.random() < 0.5:
        canvas.box(x0 - 4, y - 4, x0 + left_w + 4, ly + 4, width=0.6)
    info_x = x0 + left_w + 18
    info_style = pick(rng, ("table", "cells", "colon"))
    triples, wide = pop_wide(
        canvas, header_pairs(spec, fmt, rng, HEADER), "ettn", x1 - info_x, size
    )
    info = [(label, value) for _k, label, value in triples]
    ry = kv_block(canvas, info_x, y, x1 - info_x, info, size, info_style, grid=rng.random() < 0.5)
    y = max(ly, ry) + 8
    if wide:
        y = draw_label_line(canvas, x0 if rng.random() < 0.5 else info_x - 120, y, *wide, size)
    y += 6

    # table
    columns = choose_columns(
        spec, rng, HEADERS, rng.choice(ORDERS), {"no": 0.4, "code": 0.4, "incl": 0.25}
    )
    rows = [line_cells(spec, line, i, fmt) for i, line in enumerate(spec.lines)]
    look = TableLook(
        size=size - rng.choice((0.0, 0.5, 1.0)),
        header_fill=rng.choice((None, None, *GREYS)),
        grid=pick(rng, ("none", "rows", "full")),
        zebra=rng.choice((None, (0.94, 0.94, 0.94))),
        pad=rng.uniform(2.5, 4.5),
        min_desc=rng.uniform(140, 190),
        max_desc=rng.uniform(200, 330),
    )
    fit_columns(canvas, columns, rows, width, look)
    bottom = canvas.height - margin - 20
    carry = rng.random() < 0.5

    def continuation() -> float:
        canvas.new_page()
        top = canvas.text(
            x0,
            margin,
            tr_upper(title) + " - " + pick(rng, ("devamı", "2. sayfa", "devam")),
            size,
            True,
        )
        canvas.text(x1, margin, spec.invoice_number, size, align="r")
        return top + 8

    def break_page() -> float:
        if carry:
            canvas.text(
                x1,
                bottom + 4,
                pick(rng, ("Devamı sonraki sayfadadır.", "Devamı arkadadır.")),
                size - 1,
                align="r",
            )
        return continuation()

    y = draw_table(canvas, x0, y, bottom, columns, rows, look, break_page) + 8

    # totals under the table, right
    totals = total_rows(spec, fmt, rng, TOTALS)
    tot_w = rng.uniform(190, 250)
    need = len(totals) * (line_height(size) + 5) + 80
    if y + need > bottom:
        y = continuation()
    y = (
        draw_totals(
            canvas,
            x1 - tot_w,
            x1,
            y,
            totals,
            size,
            pick(rng, ("plain", "ruled", "ruled")),
            colon=rng.random() < 0.6,
            fill=GREYS[3],
        )
        + 8
    )
    extra: list[str] = []
    if spec.amount_in_words:
        extra.append(
            spec.amount_in_words
            if rng.random() < 0.5
            else f"{pick(rng, ('Yazıyla', 'Tutar (yazıyla)'))}: {spec.amount_in_words}"
        )
    if spec.iban:
        iban = format_iban(spec.iban) if rng.random() < 0.5 else spec.iban
        extra.append(f"IBAN: {iban} ({spec.bank_name})")
    extra += spec.notes
    for text in extra:
        y = canvas.lines(x0, y, canvas.wrap(text, width, size), size) + 2
    if spec.kind == "paper" and y + 50 < bottom:
        y += 14
        box_w = width * 0.3
        for i, label in enumerate(
            (pick(rng, ("Teslim Eden", "Düzenleyen")), pick(rng, ("Teslim Alan", "Kaşe / İmza")))
        ):
            bx = x0 if i == 0 else x1 - box_w
            canvas.box(bx, y, bx + box_w, y + 40, width=0.5, color=(0.4, 0.4, 0.4))
            canvas.text(bx + 4, y + 3, label, size - 1, True)
    page_footers(canvas, rng, margin, size - 1, always=rng.random() < 0.2)
    return canvas.to_bytes(
        title=f"{title} {spec.invoice_number}", author=seller.name, when=spec.issue_date
    )
