"""Private integrator (özel entegratör) e-Fatura style: brand band with the title, SATICI and
ALICI boxes side by side or stacked, an info grid with ETTN, coloured table header, words,
notes and bank details on the left of the totals, an integrator footer."""

from __future__ import annotations

import random

from samplegen.canvas import Canvas, line_height
from samplegen.casing import tr_upper
from samplegen.fake import Party
from samplegen.formats import Formats
from samplegen.identifiers import format_iban
from samplegen.invoice_spec import InvoiceSpec
from samplegen.layouts.common import (
    ACCENTS,
    GREYS,
    WHITE,
    HeaderLabels,
    PartyLabels,
    TableLook,
    TotalLabels,
    choose_columns,
    draw_label_line,
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
    pop_wide,
    tl_equivalent,
    total_rows,
)

TITLES = {
    "e-arsiv": ("e-ARŞİV FATURA", "e-Arşiv Fatura", "E-ARŞİV FATURA"),
    "e-fatura": ("e-FATURA", "e-Fatura", "E-FATURA"),
    "paper": ("FATURA", "SATIŞ FATURASI"),
}
HEADERS = {
    "no": ("Sıra", "#", "No"),
    "code": ("Ürün Kodu", "Stok Kodu", "Kod"),
    "desc": ("Açıklama", "Mal/Hizmet", "Ürün/Hizmet Açıklaması", "Mal Hizmet Cinsi"),
    "qty": ("Miktar",),
    "unit": ("Birim",),
    "price": ("Birim Fiyat", "Birim Fiyatı"),
    "disc_rate": ("İsk. Oranı", "İskonto %", "İsk. %"),
    "disc": ("İskonto Tutarı", "İsk. Tutarı", "İskonto"),
    "kdv_rate": ("KDV %", "KDV Oranı", "KDV Oran"),
    "kdv": ("KDV Tutarı",),
    "other": ("ÖTV",),
    "amount": ("Tutar", "Mal Hizmet Tutarı", "Net Tutar"),
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
        "incl",
    ),
    (
        "no",
        "desc",
        "qty",
        "unit",
        "price",
        "kdv_rate",
        "kdv",
        "disc_rate",
        "disc",
        "amount",
        "incl",
    ),
    (
        "code",
        "desc",
        "unit",
        "qty",
        "price",
        "disc_rate",
        "disc",
        "amount",
        "kdv_rate",
        "kdv",
        "incl",
    ),
)
TOTALS = TotalLabels(
    subtotal=("Ara Toplam", "Matrah", "Mal Hizmet Toplamı", "Ara Toplam / Matrah"),
    discount=("Toplam İskonto", "İskonto", "İskonto Toplamı"),
    base=("KDV Matrahı ({rate})", "Matrah {rate}", "KDV Matrahı {rate}"),
    kdv=("KDV {rate}", "Hesaplanan KDV ({rate})", "KDV ({rate})", "KDV Tutarı {rate}"),
    kdv_total=("Toplam KDV", "KDV Toplamı"),
    withholding=(
        "KDV Tevkifatı ({ratio})",
        "Tevkifat Tutarı ({ratio})",
        "Hesaplanan KDV Tevkifatı ({ratio})",
    ),
    total=("Genel Toplam", "Vergiler Dahil Toplam", "KDV Dahil Toplam"),
    payable=("Ödenecek Tutar", "Ödenecek Toplam"),
)
HEADER = HeaderLabels(
    profile=("Senaryo", "Fatura Senaryosu", "Profil"),
    invoice_type=("Fatura Tipi", "Fatura Türü"),
    number=("Fatura No", "Fatura Numarası", "Belge No"),
    date=("Fatura Tarihi", "Düzenleme Tarihi", "Tarih"),
    time=("Düzenleme Saati", "Fatura Saati"),
    due=("Vade Tarihi", "Son Ödeme Tarihi", "Vade"),
    order=("Sipariş No", "Sipariş Numarası"),
    despatch=("İrsaliye No", "İrsaliye Numarası"),
    exchange=("Döviz Kuru", "Kur"),
    currency=("Para Birimi", "Döviz Cinsi"),
)
INTEGRATORS = (
    "Bulutbelge Bilgi Teknolojileri A.Ş.",
    "Efaturam Yazılım Hizmetleri A.Ş.",
    "Dijitalbelge Çözümleri Ltd. Şti.",
    "Özbelge e-Dönüşüm A.Ş.",
)


def _labels(rng: random.Random, party: Party) -> PartyLabels:
    return PartyLabels(
        name=(
            "Adı Soyadı"
            if party.is_person and rng.random() < 0.6
            else pick(rng, ("Unvan", "Ünvan", "Unvanı"))
        ),
        address=pick(rng, ("Adres", "Adresi")),
        phone=pick(rng, ("Tel", "Telefon", "Tel No")),
        fax=pick(rng, ("Fax", "Faks")),
        email=pick(rng, ("E-posta", "E-Posta", "e-mail")),
        web=pick(rng, ("Web", "Web Adresi")),
        tax_office=pick(rng, ("Vergi Dairesi", "Vergi Dairesi", "V.D.")),
        vkn=pick(rng, ("VKN", "VKN", "Vergi No", "Vergi Kimlik No")),
        tckn=pick(rng, ("TCKN", "TCKN", "T.C. Kimlik No", "TC Kimlik No")),
        mersis=pick(rng, ("Mersis No", "MERSİS No")),
    )


def _party_box(
    canvas: Canvas,
    x: float,
    top: float,
    width: float,
    heading: str,
    party: Party,
    rng: random.Random,
    size: float,
    accent: tuple[float, float, float],
    kv_style: str,
) -> float:
    lh = line_height(size)
    filled = rng.random() < 0.6
    if filled:
        canvas.box(x, top, x + width, top + lh + 4, color=None, fill=accent, width=0)
    canvas.text(x + 4, top + 2, heading, size, True, color=WHITE if filled else accent)
    y = top + lh + 6
    pairs = party_pairs(party, _labels(rng, party), rng)
    y = kv_block(canvas, x + 4, y, width - 8, pairs, size, kv_style) + 4
    canvas.box(x, top, x + width, y, color=accent, width=0.7)
    return y


def render(spec: InvoiceSpec, rng: random.Random, fmt: Formats, family: str) -> bytes:
    canvas = Canvas(family)
    canvas.new_page()
    margin = rng.uniform(28, 46)
    size = rng.choice((7.5, 8.0, 8.5, 9.0))
    x0, x1 = margin, canvas.width - margin
    width = x1 - x0
    accent = rng.choice(ACCENTS)
    title = pick(rng, TITLES[spec.kind])
    kv_style = pick(rng, ("colon", "table", "table", "cells"))

    # band: brand (short name) left, title right
    y = margin
    band_h = rng.uniform(38, 52)
    band_fill = rng.random() < 0.5
    if band_fill:
        canvas.box(x0, y, x1, y + band_h, color=None, fill=accent, width=0)
    ink = WHITE if band_fill else accent
    if not spec.seller.is_person and rng.random() < 0.6:
        canvas.text(
            x0 + 8, y + band_h / 2 - 8, tr_upper(spec.seller.name.split()[0]), 15, True, color=ink
        )
    canvas.text(x1 - 8, y + band_h / 2 - 8, title, 14, True, color=ink, align="r")
    y += band_h + 10

    # parties and header info
    side_by_side = rng.random() < 0.6
    seller_head = pick(rng, ("SATICI", "SATICI BİLGİLERİ", "Satıcı Bilgileri", "GÖNDERİCİ"))
    buyer_head = pick(rng, ("ALICI", "ALICI BİLGİLERİ", "Alıcı Bilgileri", "MÜŞTERİ"))
    triples = header_pairs(spec, fmt, rng, HEADER)
    pairs = [(label, value) for _k, label, value in triples]
    if side_by_side:
        half = (width - 10) / 2
        yl = _party_box(canvas, x0, y, half, seller_head, spec.seller, rng, size, accent, kv_style)
        yr = _party_box(
            canvas, x0 + half + 10, y, half, buyer_head, spec.buyer, rng, size, accent, kv_style
        )
        y = max(yl, yr) + 8
        split = (len(pairs) + 1) // 2
        ya = kv_block(canvas, x0, y, half, pairs[:split], size, "table", grid=True)
        yb = kv_block(canvas, x0 + half + 10, y, half, pairs[split:], size, "table", grid=True)
        y = max(ya, yb) + 10
    else:
        left_w = width * rng.uniform(0.55, 0.62)
        yl = _party_box(
            canvas, x0, y, left_w, seller_head, spec.seller, rng, size, accent, kv_style
        )
        yl = _party_box(
            canvas, x0, yl + 6, left_w, buyer_head, spec.buyer, rng, size, accent, kv_style
        )
        info_x = x0 + left_w + 10
        yr = y
        if spec.kind != "paper" and rng.random() < 0.6:
            qr = 70.0
            draw_pseudo_qr(canvas, x1 - qr, yr, qr, spec.invoice_number)
            yr += qr + 6
        triples, wide = pop_wide(canvas, triples, "ettn", x1 - info_x, size)
        pairs = [(label, value) for _k, label, value in triples]
        yr = kv_block(
            canvas, info_x, yr, x1 - info_x, pairs, size, "table", grid=rng.random() < 0.5
        )
        if wide:
            yr = draw_label_line(
                canvas,
                x1 - canvas.measure(f"{wide[0]}: {wide[1]}", size, True),
                yr + 4,
                *wide,
                size,
            )
        y = max(yl, yr) + 10

    # table
    columns = choose_columns(
        spec, rng, HEADERS, rng.choice(ORDERS), {"no": 0.6, "code": 0.35, "incl": 0.2, "other": 0.1}
    )
    rows = [line_cells(spec, line, i, fmt) for i, line in enumerate(spec.lines)]
    dark = rng.random() < 0.6
    look = TableLook(
        size=size - rng.choice((0.0, 0.5)),
        header_fill=accent if dark else rng.choice(GREYS),
        header_color=WHITE if dark else (0, 0, 0),
        grid=pick(rng, ("full", "rows", "rows", "none")),
        zebra=rng.choice((None, None, (0.95, 0.95, 0.97))),
        pad=rng.uniform(2.5, 4.0),
        valign=pick(rng, ("top", "middle")),
        min_desc=rng.uniform(130, 170),
        max_desc=rng.uniform(180, 280),
    )
    fit_columns(canvas, columns, rows, width, look)
    bottom = canvas.height - margin - 30

    def continuation() -> float:
        canvas.new_page()
        top = margin
        canvas.text(x0, top, title, size + 1, True, color=accent)
        return (
            canvas.text(x1, top, f"{pairs_number_label}: {spec.invoice_number}", size, align="r")
            + 10
        )

    pairs_number_label = pick(rng, ("Fatura No", "Belge No"))
    y = draw_table(canvas, x0, y, bottom, columns, rows, look, continuation) + 10

    # bottom: words, notes, bank (left) and totals (right)
    totals = total_rows(spec, fmt, rng, TOTALS)
    tot_w = rng.uniform(200, 250)
    left_w = width - tot_w - 14
    left: list[tuple[str, bool]] = []
    if spec.amount_in_words:
        left.append((spec.amount_in_words, True))
    for note in spec.notes:
        left.append((note, False))
    if spec.iban:
        iban = format_iban(spec.iban) if rng.random() < 0.5 else spec.iban
        if rng.random() < 0.5:
            left.append(
                (pick(rng, ("Banka Bilgileri", "Banka Hesap Bilgileri", "Ödeme Bilgileri")), True)
            )
        left.append((f"{spec.bank_name} - IBAN: {iban}", False))
    equivalent = tl_equivalent(spec)
    if equivalent is not None and rng.random() < 0.5:
        left.append((f"Ödenecek Tutar (TL Karşılığı): {fmt.number(equivalent)} TL", False))
    wrapped = [(canvas.wrap(text, left_w, size, bold), bold) for text, bold in left]
    left_h = sum(len(w) for w, _b in wrapped) * line_height(size) + 4 * len(wrapped)
    right_h = len(totals) * (line_height(size + 0.5) + 5)
    if y + max(left_h, right_h) > bottom:
        y = continuation()
    tot_style = pick(rng, ("plain", "ruled", "boxed"))
    draw_totals(
        canvas,
        x1 - tot_w,
        x1,
        y,
        totals,
        size + 0.5,
        tot_style,
        colon=rng.random() < 0.5,
        fill=rng.choice(GREYS),
    )
    ly = y
    for lines, bold in wrapped:
        ly = canvas.lines(x0, ly, lines, size, bold) + 4

    # footer
    foot = rng.choice(INTEGRATORS)
    note = pick(
        rng,
        (
            f"Bu belge {foot} altyapısı ile elektronik ortamda oluşturulmuştur.",
            f"Özel entegratör: {foot}",
        ),
    )
    if spec.kind != "paper":
        for i in range(canvas.page_count):
            canvas.goto(i)
            canvas.text(x0, canvas.height - margin - 8, note, size - 1.5, color=(0.4, 0.4, 0.4))
    page_footers(canvas, rng, margin, size - 1, always=rng.random() < 0.5)
    return canvas.to_bytes(
        title=f"{title} {spec.invoice_number}", author=spec.seller.name, when=spec.issue_date
    )
