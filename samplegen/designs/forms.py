"""Our own HTML print forms for what no public stylesheet shows (printed by Chromium).

- ``matbu_a4`` / ``matbu_a5``: a matbu (pre-printed stationery) invoice typed in:
  the seller's block, "FATURA", serial and sequence number and the printing
  house line are part of the paper; the table has ruled empty rows; quantity and
  unit share a cell (``11 Adet``); unit prices drop zero decimals (``1.234``);
  totals are "Toplam / KDV %… / Genel Toplam" and an amount in words.
- ``bilingual``: an e-Arşiv/e-Fatura page whose every label is TR/EN
  (``SATICI / SELLER``, ``Vergi Dairesi / Tax Office``), labels sometimes above
  their values, phone and e-mail on one line split by ``·``.

Cosmetic choices (font, label wording, column order, number and date formats)
come from ``rng``; every value printed comes from the spec, and the truth is the
spec's (``samplegen.truth.invoice_truth``) cut to what the page shows. Under
``--hard`` the forms also draw ``Twists`` (row-number and stock-code columns, the
item text in one of two text columns, a discount-rate column, KDV per rate laid out
as real forms do; the item text after the quantity, under a less common heading or with
the stock code in its cell; the unit in a column of its own or on the line under the
quantity; the subtotal before the line discounts, with or without an İskonto total, and
then sometimes a net subtotal too): structure the rules must read, not positions.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from samplegen.formats import Formats, random_formats
from samplegen.invoice_spec import InvoiceSpec, LineSpec

FONTS = ("DejaVu Sans", "Liberation Sans", "Liberation Serif", "Noto Sans", "DejaVu Serif",
         "Liberation Sans Narrow", "Noto Serif")  # fmt: skip


def _e(text: object) -> str:
    return escape(str(text))


def _price(fmt: Formats, value: Decimal, short: bool) -> str:
    """Unit price; ``short`` drops zero decimals as many hand-typed forms do."""
    if short and value == value.to_integral_value():
        return fmt.number(value, 0)
    if short and (value * 10) == (value * 10).to_integral_value():
        return fmt.number(value, 1)
    return fmt.number(value, 2)


def _party_lines(spec_party, fmt: Formats, rng: random.Random, bilingual: bool) -> list[str]:  # type: ignore[no-untyped-def]
    p = spec_party
    out = [f"<b>{_e(p.name)}</b>", *(_e(line) for line in p.address_lines)]
    contact = []
    if p.phone:
        contact.append(("Tel / Phone: " if bilingual else "Tel: ") + _e(p.phone))
    if p.email:
        contact.append(("E-posta / E-mail: " if bilingual else "E-posta: ") + _e(p.email))
    if contact:
        out.append(" · ".join(contact))
    office = "Vergi Dairesi / Tax Office" if bilingual else rng.choice(("Vergi Dairesi", "V.D."))
    if p.tax_office:
        out.append(f"{office}: {_e(p.tax_office)}")
    if p.vkn and not p.is_person:
        out.append(("VKN / Tax ID" if bilingual else rng.choice(("VKN", "V.No", "Vergi No")))
                   + f": {_e(p.vkn)}")  # fmt: skip
    if p.tckn and p.is_person:
        out.append(("TCKN / Citizen ID" if bilingual else "T.C. Kimlik No") + f": {_e(p.tckn)}")
    if p.mersis:
        out.append(f"MERSİS No: {_e(p.mersis)}")
    return out


_CSS = """
@page {{ size: {page}; margin: {margin}; }}
body {{ font-family: '{font}'; font-size: {size}pt; color: #111; margin: 0; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ padding: 2px 4px; vertical-align: top; }}
.grid td, .grid th {{ border: 1px solid {rule}; }}
.grid th {{ background: {head}; font-weight: bold; text-align: left; }}
.r {{ text-align: right; }}
.box {{ border: 1px solid {rule}; padding: 4px; }}
.paper {{ color: {ink}; }}
.num {{ color: #b00; font-size: 1.3em; font-weight: bold; }}
.lbl {{ color: #555; font-size: 0.85em; }}
"""


def _css(rng: random.Random, page: str, size: float, bilingual: bool) -> str:
    ink = rng.choice(("#1f3a93", "#8b1a1a", "#1d5c2e", "#333")) if not bilingual else "#222"
    return _CSS.format(
        page=page, margin=rng.choice(("6mm", "8mm", "10mm")), font=rng.choice(FONTS),
        size=size, rule=rng.choice(("#444", "#777", ink)), head=rng.choice(("#eee", "#fff",
        "#dde6f3")), ink=ink,
    )  # fmt: skip


def _line_cells(line: LineSpec, spec: InvoiceSpec, fmt: Formats, short: bool,
                unit: str = "with") -> dict[str, str]:  # fmt: skip
    qty = fmt.quantity(line.quantity)
    if spec.unit_mode == "none" or unit == "column":
        qty_cell = _e(qty)
    else:  # "11 Adet", or "11" over "Adet" in a narrow cell
        qty_cell = _e(qty) + ("<br>" if spec.cell_breaks else " ") + _e(line.unit)
    cells = {
        "desc": _e(line.description),
        "qty": qty_cell,
        "unit": _e(line.unit),
        "price": _e(_price(fmt, line.unit_price, short)),
        "amount": _e(fmt.line_money(line.amount)),
    }
    if spec.show_line_discount:
        cells["disc"] = _e(fmt.line_money(line.discount))
        cells["disc_rate"] = _e(fmt.percent(line.discount_rate))
    if spec.show_line_kdv_rate:
        cells["rate"] = _e(fmt.percent(line.kdv_rate))
    if spec.show_line_kdv_amount:
        cells["kdv"] = _e(fmt.line_money(line.kdv_amount))
    return cells


@dataclass(frozen=True)
class Twists:
    """Structure drawn under ``--hard`` (none by default, so other corpora keep their
    draws): what real forms do that the rules must read by structure."""

    lead: tuple[str, ...] = ()  # "index" (Sıra No) and/or "code" (stock code) columns first
    text_in: str | None = None  # "name" / "note": two text columns, the item text in one
    discount_rate: bool = False  # a discount-rate column beside the discount amount
    # KDV per rate: "rows" (label, amount), "line" (label, base, amount on one line),
    # "cell" (label, rate in a cell of its own, amount), "table" (a breakdown table)
    kdv: str = "rows"
    valign: str = "top"  # the item cells' vertical alignment: "top", "middle", "bottom"
    padding: str = "2px 4px"  # the cells' padding: tight rows nearly touch
    desc_after: bool = False  # the item text after the quantity (and unit) columns
    rare_heading: bool = False  # the item text under a less common heading ("Cinsi", …)
    # the stock code in the item text's cell: "prefix" ("HZM00123 - Laminat") or "above"
    # (the code on its own line over the text), the column headed for both
    code_in_desc: str | None = None
    unit: str = "with"  # "with": "11 Adet" in one cell; "column": a unit column of its own
    discount_total: bool = True  # False: no İskonto total, the discounts only in the lines
    net_row: bool = False  # a subtotal before discounts, İskonto, then the net subtotal
    # the line amount printed before its discount (quantity × price), the discount beside it
    gross_lines: bool = False

    def applied(self, spec: InvoiceSpec) -> InvoiceSpec:
        """The spec as this form prints it (what the truth is written from)."""
        if not self.discount_total and spec.show_discount_total:
            return dataclasses.replace(spec, show_discount_total=False)
        return spec


def draw_twists(rng: random.Random, spec: InvoiceSpec | None = None) -> Twists:
    lead = rng.choice(((), ("index",), ("code",), ("index", "code")))
    twists = Twists(
        lead=lead,
        text_in=rng.choice((None, "name", "note")),
        discount_rate=rng.random() < 0.5,
        kdv=rng.choice(("rows", "line", "cell", "table")),
        valign=rng.choice(("top", "middle", "middle", "bottom")),
        padding=rng.choice(("2px 4px", "0 3px", "1px 2px", "5px 4px")),
    )
    if spec is None:  # the first twists only (the draws above stay as they were)
        return twists
    merged = "code" not in lead and twists.text_in is None and rng.random() < 0.35
    gross = spec.subtotal_gross and spec.has_discount
    return dataclasses.replace(
        twists,
        desc_after=rng.random() < 0.3,
        rare_heading=rng.random() < 0.5,
        code_in_desc=rng.choice(("prefix", "above")) if merged else None,
        unit="column" if spec.unit_mode != "none" and rng.random() < 0.4 else "with",
        # forms print the line discounts; the İskonto total is left off by many of them
        discount_total=not spec.has_discount or rng.random() < 0.6,
        net_row=gross and rng.random() < 0.5,
        gross_lines=spec.has_discount and rng.random() < 0.4,
    )


def _kdv_breakdown(spec: InvoiceSpec, fmt: Formats, bilingual: bool) -> str:
    """KDV per rate as a table of its own (rate, base, amount), as many forms print it."""
    head = (("KDV Oranı / VAT Rate", "KDV Matrahı / VAT Base", "KDV Tutarı / VAT Amount")
            if bilingual else ("KDV Oranı", "Matrah", "KDV Tutarı"))  # fmt: skip
    rows = "".join(
        f"<tr><td>{_e(fmt.percent(k.rate))}</td><td class=r>{_e(fmt.total_money(k.base))}</td>"
        f"<td class=r>{_e(fmt.total_money(k.amount))}</td></tr>"
        for k in spec.kdv
    )
    cells = "".join(f"<th>{h}</th>" for h in head)
    return f"<table class=grid style='margin-bottom:4px'><tr>{cells}</tr>{rows}</table>"


def _totals_html(spec: InvoiceSpec, fmt: Formats, labels: dict[str, str],
                 twists: Twists) -> str:  # fmt: skip
    rows = _totals(spec, fmt, labels, twists)
    width = max(len(r) for r in rows)
    out = []
    for label, *values in rows:
        pad = "<td></td>" * (width - 1 - len(values))
        cells = "".join(f"<td class=r>{_e(v)}</td>" for v in values)
        out.append(f"<tr><td>{_e(label)}</td>{pad}{cells}</tr>")
    return "".join(out)


def _totals(spec: InvoiceSpec, fmt: Formats, labels: dict[str, str],
            twists: Twists = Twists()) -> list[tuple[str, ...]]:  # fmt: skip
    rows: list[tuple[str, ...]] = [(labels["subtotal"], fmt.total_money(spec.printed_subtotal))]
    if spec.show_discount_total:
        rows.append((labels["discount"], fmt.total_money(spec.discount_total)))
    if twists.net_row and spec.subtotal_gross:
        rows.append((labels["net"], fmt.total_money(spec.subtotal)))
    for k in spec.kdv if twists.kdv != "table" else ():
        rate = fmt.percent(k.rate)
        if twists.kdv == "line":
            rows.append((labels["kdv"].format(rate=rate), fmt.total_money(k.base),
                         fmt.total_money(k.amount)))  # fmt: skip
            continue
        if twists.kdv == "cell":
            rows.append((labels["kdv"].format(rate="").replace("()", "").strip(), f"({rate})",
                         fmt.total_money(k.amount)))  # fmt: skip
            continue
        if spec.show_kdv_base:
            rows.append((labels["base"].format(rate=rate), fmt.total_money(k.base)))
        rows.append((labels["kdv"].format(rate=rate), fmt.total_money(k.amount)))
    if len(spec.kdv) > 1 or twists.kdv == "table":
        rows.append((labels["kdv_total"], fmt.total_money(spec.kdv_total)))
    rows.append((labels["total"], fmt.total_money(spec.total_with_taxes)))
    if spec.withholding:
        w = spec.withholding
        rows.append((labels["withholding"].format(rate=w.rate, code=w.code),
                     fmt.total_money(w.amount)))  # fmt: skip
    if spec.show_payable:
        rows.append((labels["payable"], fmt.total_money(spec.payable_amount)))
    return rows


MATBU_LABELS = {
    "desc": ("Cinsi", "Malın Cinsi", "Açıklama"),
    "qty": ("Miktarı", "Miktar"),
    "price": ("Birim Fiyatı", "B.Fiyat", "Fiyatı"),
    "amount": ("Tutarı", "Tutar"),
    "disc": ("İskonto",),
    "rate": ("KDV %", "KDV Oranı"),
    "kdv": ("KDV Tutarı",),
    "disc_rate": ("İsk. %", "İskonto Oranı"),
    "index": ("Sıra No", "S.No", "#"),
    "code": ("Ürün Kodu", "Stok Kodu", "Kodu"),
    "name": ("Malın Cinsi", "Mal / Hizmet", "Ürün Adı"),
    "note": ("Açıklama", "Ürün Açıklaması"),
    "unit": ("Birim", "Birimi"),
    "rare": (
        "Ürün/Hizmet",
        "Malzeme/Hizmet Açıklaması",
        "Mal ve Hizmetin Cinsi",
        "Cinsi",
        "Hizmet / Ürün Adı",
        "Description",
    ),
    "code_desc": ("Kod / Açıklama", "Stok Kodu - Ürün Adı", "Ürün Kodu / Ürün Adı"),
}
BILINGUAL_LABELS = {
    "desc": ("Mal / Hizmet<br>Description", "Açıklama / Description"),
    "qty": ("Miktar / Qty", "Miktar / Quantity"),
    "price": ("Birim Fiyat / Unit Price",),
    "amount": ("Tutar / Amount", "Mal Hizmet Tutarı / Net Amount"),
    "disc": ("İskonto / Discount",),
    "rate": ("KDV % / VAT %", "KDV Oranı / VAT Rate"),
    "kdv": ("KDV Tutarı / VAT Amount",),
    "disc_rate": ("İskonto % / Discount %",),
    "index": ("Sıra / No", "#"),
    "code": ("Kod / Code", "Ürün Kodu / Item Code"),
    "name": ("Mal / Hizmet<br>Item", "Ürün Adı / Item Name"),
    "note": ("Açıklama / Description", "Açıklama / Note"),
    "unit": ("Birim / Unit",),
    "rare": (
        "Ürün/Hizmet / Product/Service",
        "Description",
        "Malzeme/Hizmet Açıklaması / Item",
        "Cinsi / Goods",
    ),
    "code_desc": (
        "Kod / Açıklama<br>Code / Description",
        "Stok Kodu - Ürün Adı<br>Item Code - Name",
    ),
}


def _table(spec: InvoiceSpec, fmt: Formats, rng: random.Random, labels: dict[str, tuple[str, ...]],
           short: bool, blank_rows: int, twists: Twists = Twists()) -> str:  # fmt: skip
    order = ["desc", "qty", "price"]
    if twists.unit == "column" and spec.unit_mode != "none":
        order.insert(2, "unit")
    if twists.desc_after:  # "Miktar | Birim | Cinsi | Fiyat …"
        order.remove("desc")
        order.insert(order.index("price"), "desc")
    if twists.text_in:  # "Mal / Hizmet" and "Açıklama": the item text in one of them
        at = order.index("desc")
        order[at : at + 1] = ["name", "note"]
    if spec.show_line_discount:
        if twists.discount_rate:
            order.append("disc_rate")
        order.append("disc")
    if spec.show_line_kdv_rate:
        order.append("rate")
    if spec.show_line_kdv_amount:
        order.append("kdv")
    order.append("amount")
    if rng.random() < 0.3:  # quantity first, as some stationery prints it
        order.remove("qty")
        order.insert(0, "qty")
    order[0:0] = twists.lead
    heading = {c: labels[c] for c in order}
    if twists.rare_heading:
        heading["desc"] = labels["rare"]
    if twists.code_in_desc:
        heading["desc"] = labels["code_desc"]
    head = "".join(f"<th>{rng.choice(heading[c])}</th>" for c in order)
    rows = []
    text = ("desc", "name", "note", "code", "unit")
    for i, line in enumerate(spec.lines, 1):
        cells = _line_cells(line, spec, fmt, short, twists.unit)
        if twists.gross_lines:
            cells["amount"] = _e(fmt.line_money(line.amount + line.discount))
        cells["index"], cells["code"] = str(i), _e(line.code)
        if twists.code_in_desc == "prefix":
            cells["desc"] = f"{_e(line.code)} - {cells['desc']}"
        elif twists.code_in_desc == "above":
            cells["desc"] = f"{_e(line.code)}<br>{cells['desc']}"
        cells["name"] = cells["desc"] if twists.text_in == "name" else ""
        cells["note"] = cells["desc"] if twists.text_in == "note" else ""
        rows.append(
            "<tr>"
            + "".join(f"<td{'' if c in text else ' class=r'}>{cells[c]}</td>" for c in order)
            + "</tr>"
        )
    rows += ["<tr>" + "<td>&nbsp;</td>" * len(order) + "</tr>"] * blank_rows
    style = f"vertical-align:{twists.valign};padding:{twists.padding}"
    rows = [r.replace("<td", f"<td style='{style}'") for r in rows]
    return f"<table class=grid><tr>{head}</tr>{''.join(rows)}</table>"


# how a typist labels KDV per rate on stationery (the rate as ``fmt.percent`` prints it)
_MATBU_KDV = ("KDV {rate}", "KDV {rate}", "KDV ({rate})", "Hesaplanan KDV ({rate})",
              "K.D.V. {rate}", "KDV Tutarı {rate}", "Katma Değer Vergisi {rate}")  # fmt: skip
_MATBU_BASE = ("KDV Matrahı {rate}", "KDV Matrahı ({rate})", "Matrah {rate}")


def _matbu_kdv_labels(spec: InvoiceSpec) -> dict[str, str]:
    """The KDV and base labels of one matbu invoice, drawn from its own number (the
    form's other draws stay as they were)."""
    rng = random.Random(f"matbu-kdv/{spec.invoice_number}")
    return {"kdv": rng.choice(_MATBU_KDV), "base": rng.choice(_MATBU_BASE)}


def matbu(spec: InvoiceSpec, rng: random.Random, page: str, twists: Twists = Twists()) -> str:
    """A typed-in matbu invoice on ``page`` "A4" or "A5"."""
    fmt = random_formats(rng, spec.currency, date_styles=("dot", "slash", "dot"))
    small = page == "A5"
    css = _css(rng, f"{page} portrait", 7.5 if small else 9.5, False)
    seller = "<br>".join(_party_lines(spec.seller, fmt, rng, False))
    buyer = "<br>".join(_party_lines(spec.buyer, fmt, rng, False)[0:])
    date_label = rng.choice(("Düzenleme Tarihi", "Fatura Tarihi", "Tarih"))
    no_label = rng.choice(("Sıra No", "No", "Fatura No"))
    extra = ""
    if spec.due_date:
        extra += f"<br>Vade Tarihi: {fmt.date(spec.due_date)}"
    if spec.order_number:
        extra += f"<br>Sipariş No: {_e(spec.order_number)}"
    if spec.despatch_number:
        extra += f"<br>İrsaliye No: {_e(spec.despatch_number)}"
    labels = {
        "subtotal": rng.choice(("Toplam", "Mal Hizmet Toplamı") if twists.net_row else
                               ("Toplam", "Ara Toplam", "Mal Hizmet Toplamı")),
        "net": rng.choice(("Ara Toplam", "İskontolu Toplam", "Net Toplam"))
        if twists.net_row else "",
        "discount": "İskonto", **_matbu_kdv_labels(spec),
        "kdv_total": "Toplam KDV", "total": rng.choice(("Genel Toplam", "G. Toplam",
        "Vergiler Dahil Toplam")), "withholding": "KDV Tevkifatı ({rate})",
        "payable": "Ödenecek Tutar",
    }  # fmt: skip
    totals = _totals_html(spec, fmt, labels, twists)
    breakdown = _kdv_breakdown(spec, fmt, False) if twists.kdv == "table" else ""
    words = f"<p>{_e(spec.amount_in_words)}</p>" if spec.amount_in_words else ""
    iban = f"<p>IBAN: {_e(spec.iban)}</p>" if spec.iban else ""
    blank = rng.randint(2, 5) if small else rng.randint(5, 14)
    return f"""<!doctype html><html lang=tr><head><meta charset=utf-8><style>{css}</style></head>
<body><table><tr><td class="paper" style="width:58%">{seller}</td>
<td class="box paper" style="text-align:center">
<div style="font-size:1.8em;font-weight:bold">FATURA</div>
<div>{no_label}: <span class=num>{_e(spec.invoice_number)}</span></div>
<div>{date_label}: {fmt.date(spec.issue_date)}{extra}</div></td></tr></table>
<div class=box style="margin:6px 0"><span class=lbl>Sayın</span><br>{buyer}</div>
{_table(spec, fmt, rng, MATBU_LABELS, True, blank, twists)}
<table><tr><td style="width:55%">{words}{iban}
<p class="paper lbl">Teslim Eden &nbsp;&nbsp;&nbsp; Teslim Alan</p></td>
<td>{breakdown}<table class=grid>{totals}</table></td></tr></table>
<p class="paper lbl" style="font-size:0.7em">Bu fatura matbaa tarafından
Maliye Bakanlığı'nın izni ile basılmıştır.</p></body></html>"""


def bilingual(spec: InvoiceSpec, rng: random.Random, twists: Twists = Twists()) -> str:
    """A TR/EN e-Arşiv/e-Fatura page."""
    fmt = random_formats(rng, spec.currency, date_styles=("dot", "slash", "dash"))
    css = _css(rng, "A4 portrait", 8.5, True)
    above = rng.random() < 0.5  # labels above their values, or left of them

    def kv(label: str, value: str) -> str:
        if above:
            return f"<tr><td><span class=lbl>{label}</span><br>{value}</td></tr>"
        return f"<tr><td class=lbl>{label}</td><td>{value}</td></tr>"

    title = ("e-Arşiv Fatura / e-Archive Invoice" if spec.kind == "e-arsiv"
             else "e-Fatura / e-Invoice")  # fmt: skip
    meta = [("Fatura No / Invoice No", _e(spec.invoice_number)),
            ("Fatura Tarihi / Invoice Date", fmt.date(spec.issue_date))]  # fmt: skip
    if spec.profile:
        meta.append(("Senaryo / Profile", _e(spec.profile)))
    if spec.invoice_type:
        meta.append(("Fatura Tipi / Invoice Type", _e(spec.invoice_type)))
    if spec.due_date:
        meta.append(("Son Ödeme Tarihi / Due Date", fmt.date(spec.due_date)))
    if spec.order_number:
        meta.append(("Sipariş No / Order No", _e(spec.order_number)))
    if spec.exchange_rate is not None:
        meta.append(("Döviz Kuru / Exchange Rate", fmt.number(spec.exchange_rate, 4)))
    if spec.ettn:
        meta.append(("ETTN / UUID", _e(spec.ettn)))
    meta_html = "".join(kv(k, v) for k, v in meta)
    seller = "<br>".join(_party_lines(spec.seller, fmt, rng, True))
    buyer = "<br>".join(_party_lines(spec.buyer, fmt, rng, True))
    labels = {
        "subtotal": "Mal Hizmet Toplam Tutarı / Total Goods and Services",
        "discount": "Toplam İskonto / Total Discount",
        "net": "Ara Toplam / Net Subtotal",
        "base": "KDV Matrahı {rate} / VAT Base", "kdv": "Hesaplanan KDV {rate} / VAT",
        "kdv_total": "Toplam KDV / Total VAT",
        "total": rng.choice(("Vergiler Dahil Toplam Tutar / Total Amount Including Taxes",
                             "Genel Toplam / Grand Total")),
        "withholding": "KDV Tevkifatı ({rate}) / VAT Withholding",
        "payable": "Ödenecek Tutar / Amount Payable",
    }  # fmt: skip
    totals = _totals_html(spec, fmt, labels, twists)
    breakdown = _kdv_breakdown(spec, fmt, True) if twists.kdv == "table" else ""
    words = (f"<p><span class=lbl>Yazı ile / In words:</span> {_e(spec.amount_in_words)}</p>"
             if spec.amount_in_words else "")  # fmt: skip
    iban = f"<p>IBAN: {_e(spec.iban)}</p>" if spec.iban else ""
    notes = "".join(f"<p class=lbl>{_e(n)}</p>" for n in spec.notes)
    return f"""<!doctype html><html lang=tr><head><meta charset=utf-8><style>{css}</style></head>
<body><h2 style="text-align:center">{title}</h2>
<table><tr><td class=box style="width:50%"><span class=lbl>SATICI / SELLER</span><br>{seller}</td>
<td class=box><table>{meta_html}</table></td></tr>
<tr><td class=box colspan=2><span class=lbl>ALICI / BUYER</span><br>{buyer}</td></tr></table>
<div style="height:8px"></div>
{_table(spec, fmt, rng, BILINGUAL_LABELS, rng.random() < 0.4, 0, twists)}
<table><tr><td style="width:50%">{words}{iban}{notes}</td>
<td>{breakdown}<table class=grid>{totals}</table></td></tr></table></body></html>"""


def render_form(key: str, spec: InvoiceSpec, rng: random.Random,
                twists: Twists = Twists()) -> str:  # fmt: skip
    """``key``'s page for ``spec`` (already ``twists.applied``)."""
    if key == "matbu_a4":
        return matbu(spec, rng, "A4", twists)
    if key == "matbu_a5":
        return matbu(spec, rng, "A5", twists)
    if key == "bilingual":
        return bilingual(spec, rng, twists)
    raise ValueError(f"unknown form {key!r}")
