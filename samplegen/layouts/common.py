"""Pieces every layout uses: the line-item table (with page breaks), totals, label/value blocks."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from samplegen.canvas import Canvas, line_height
from samplegen.fake import Party
from samplegen.formats import Formats
from samplegen.invoice_spec import InvoiceSpec, LineSpec, money

Color = tuple[float, float, float]
WHITE: Color = (1.0, 1.0, 1.0)
GREYS: tuple[Color, ...] = (
    (0.85, 0.85, 0.85),
    (0.9, 0.9, 0.9),
    (0.8, 0.8, 0.8),
    (0.93, 0.93, 0.93),
)
ACCENTS: tuple[Color, ...] = (
    (0.11, 0.27, 0.53),
    (0.0, 0.4, 0.45),
    (0.55, 0.1, 0.1),
    (0.2, 0.2, 0.2),
    (0.15, 0.35, 0.2),
)


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return rng.choice(tuple(options))


# ---------------------------------------------------------------- line-item table


@dataclass
class Column:
    key: str
    header: str
    align: str = "r"
    weight: float = 1.0
    width: float = 0.0


@dataclass
class TableLook:
    size: float
    header_bold: bool = True
    header_fill: Color | None = GREYS[0]
    header_color: Color = (0.0, 0.0, 0.0)
    grid: str = "full"  # full | rows | none
    zebra: Color | None = None
    pad: float = 3.0
    valign: str = "top"  # top | middle
    min_desc: float = 150.0
    max_desc: float = 300.0
    header_lines: list[list[str]] = field(default_factory=list)


def line_cells(spec: InvoiceSpec, line: LineSpec, index: int, fmt: Formats) -> dict[str, str]:
    qty = fmt.quantity(line.quantity)
    if spec.unit_mode == "with_quantity":
        qty = f"{qty}\n{line.unit}" if spec.cell_breaks else f"{qty} {line.unit}"
    price = fmt.line_money(line.unit_price)
    if spec.price_style == "short":  # "1.234 TL", "1.234,5 TL": as few decimals as needed
        short = fmt.number(line.unit_price.normalize(), None)
        price = fmt.money(Decimal(0), fmt.mark_lines).replace(fmt.number(Decimal(0)), short)
    amount = fmt.line_money(line.amount)
    if spec.cell_breaks and fmt.mark_lines and fmt.suffix:
        amount = amount.replace(fmt.suffix, "\n" + fmt.suffix.strip())
    return {
        "no": str(index + 1),
        "code": line.code,
        "desc": line.description,
        "qty": qty,
        "unit": line.unit,
        "price": price,
        "disc_rate": fmt.percent(line.discount_rate),
        "disc": fmt.line_money(line.discount),
        "kdv_rate": fmt.percent(line.kdv_rate),
        "kdv": fmt.line_money(line.kdv_amount),
        "amount": amount,
        "incl": fmt.line_money(line.amount + line.kdv_amount),
        "other": "",
    }


def fit_columns(
    canvas: Canvas, columns: list[Column], rows: list[dict[str, str]], width: float, look: TableLook
) -> None:
    """Set column widths (and shrink the font if needed) so the table spans ``width``."""
    while True:
        size = look.size
        fixed = 0.0
        for col in columns:
            if col.key == "desc":
                continue
            cells = max(
                (canvas.measure(part, size) for r in rows for part in r[col.key].split("\n")),
                default=0.0,
            )
            words = max(canvas.measure(w, size, look.header_bold) for w in col.header.split())
            col.width = max(cells, words) + 2 * look.pad
            fixed += col.width
        desc = width - fixed
        if desc >= look.min_desc or size <= 5.5:
            break
        look.size = round(size - 0.5, 1)
    extra = max(0.0, desc - look.max_desc)
    others = [c for c in columns if c.key != "desc"]
    total_weight = sum(c.weight for c in others) or 1.0
    for col in others:
        col.width += extra * col.weight / total_weight
    for col in columns:
        if col.key == "desc":
            col.width = width - sum(c.width for c in others)
    look.header_lines = [
        canvas.wrap(col.header, col.width - 2 * look.pad, look.size, look.header_bold)
        for col in columns
    ]


def _cell_x(align: str, x: float, width: float, pad: float) -> float:
    if align == "r":
        return x + width - pad
    if align == "c":
        return x + width / 2
    return x + pad


def draw_table_header(
    canvas: Canvas, x0: float, top: float, columns: list[Column], look: TableLook
) -> float:
    lh = line_height(look.size)
    height = max(len(h) for h in look.header_lines) * lh + 2 * look.pad
    x1 = x0 + sum(c.width for c in columns)
    if look.header_fill:
        canvas.box(x0, top, x1, top + height, color=None, fill=look.header_fill, width=0)
    x = x0
    for col, lines in zip(columns, look.header_lines, strict=True):
        y = top + look.pad + (height - 2 * look.pad - len(lines) * lh) / 2
        align = "c" if look.grid == "full" else col.align
        canvas.lines(
            _cell_x(align, x, col.width, look.pad),
            y,
            lines,
            look.size,
            look.header_bold,
            align,
            look.header_color,
        )
        if look.grid == "full":
            canvas.box(x, top, x + col.width, top + height, width=0.5)
        x += col.width
    if look.grid != "full":
        canvas.hline(x0, x1, top + height, width=0.8)
        if look.grid == "rows":
            canvas.hline(x0, x1, top, width=0.8)
    return top + height


def draw_table(
    canvas: Canvas,
    x0: float,
    top: float,
    bottom: float,
    columns: list[Column],
    rows: list[dict[str, str]],
    look: TableLook,
    new_page: Callable[[], float],
) -> float:
    """Draw header and rows from ``top``; past ``bottom`` call ``new_page`` (returns a new top)
    and repeat the header. Returns the y below the last row."""
    lh = line_height(look.size)
    x1 = x0 + sum(c.width for c in columns)
    y = draw_table_header(canvas, x0, top, columns, look)
    for index, row in enumerate(rows):
        wrapped = {
            c.key: (
                canvas.wrap(row[c.key], c.width - 2 * look.pad, look.size)
                if c.key == "desc"
                else row[c.key].split("\n")  # a line break inside the cell
            )
            for c in columns
        }
        height = max(len(v) for v in wrapped.values()) * lh + 2 * look.pad
        if y + height > bottom:
            if look.grid != "full":
                canvas.hline(x0, x1, y, width=0.8)
            y = draw_table_header(canvas, x0, new_page(), columns, look)
        if look.zebra and index % 2 == 1:
            canvas.box(x0, y, x1, y + height, color=None, fill=look.zebra, width=0)
        x = x0
        for col in columns:
            lines = wrapped[col.key]
            ty = y + look.pad
            if look.valign == "middle":
                ty += (height - 2 * look.pad - len(lines) * lh) / 2
            canvas.lines(
                _cell_x(col.align, x, col.width, look.pad), ty, lines, look.size, align=col.align
            )
            if look.grid == "full":
                canvas.box(x, y, x + col.width, y + height, width=0.4)
            x += col.width
        y += height
        if look.grid == "rows":
            canvas.hline(x0, x1, y, width=0.3, color=(0.5, 0.5, 0.5))
    if look.grid == "none":
        canvas.hline(x0, x1, y, width=0.8)
    return y


def choose_columns(
    spec: InvoiceSpec,
    rng: random.Random,
    headers: dict[str, Sequence[str]],
    order: Sequence[str],
    optional: dict[str, float],
) -> list[Column]:
    """Columns in ``order`` that the spec needs, plus optional distractor columns
    drawn with the given odds."""
    wanted = {"desc", "qty", "price", "amount"}
    if spec.unit_mode == "column":
        wanted.add("unit")
    if spec.show_line_discount:
        wanted.add("disc")
        if rng.random() < 0.7:
            wanted.add("disc_rate")
    if spec.show_line_kdv_rate:
        wanted.add("kdv_rate")
    if spec.show_line_kdv_amount:
        wanted.add("kdv")
    for key, odds in optional.items():
        if rng.random() < odds:
            wanted.add(key)
    cols = []
    for key in order:
        if key in wanted:
            align = "l" if key in ("desc", "code", "unit") else "c" if key in ("no",) else "r"
            weight = 0.3 if key in ("no", "unit", "disc_rate", "kdv_rate", "other") else 1.0
            cols.append(Column(key, pick(rng, headers[key]), align, weight))
    return cols


# ---------------------------------------------------------------- totals


@dataclass(frozen=True)
class TotalLabels:
    subtotal: Sequence[str]
    discount: Sequence[str]
    base: Sequence[str]  # with {rate}
    kdv: Sequence[str]  # with {rate}
    kdv_total: Sequence[str]
    withholding: Sequence[str]  # with {ratio}
    total: Sequence[str]
    payable: Sequence[str]


def label_rate(fmt: Formats, rate: Decimal) -> str:
    """A rate inside a label: always with a percent sign ("KDV (%20)", "KDV % 20")."""
    if fmt.percent_style in ("20", "20%"):
        return "%" + fmt.percent(rate).rstrip("%")
    return fmt.percent(rate)


def total_rows(
    spec: InvoiceSpec,
    fmt: Formats,
    rng: random.Random,
    labels: TotalLabels,
    gib_extras: bool = False,
) -> list[tuple[str, str, bool]]:
    """(label, value, emphasised) rows of the totals block."""
    value = fmt.total_money
    rows: list[tuple[str, str, bool]] = [
        (pick(rng, labels.subtotal), value(spec.printed_subtotal), False)
    ]
    if spec.show_discount_total:
        rows.append((pick(rng, labels.discount), value(spec.discount_total), False))
    base_label, kdv_label = pick(rng, labels.base), pick(rng, labels.kdv)
    for kdv in spec.kdv:
        rate = label_rate(fmt, kdv.rate)
        if spec.show_kdv_base:
            rows.append((base_label.format(rate=rate), value(kdv.base), False))
        rows.append((kdv_label.format(rate=rate), value(kdv.amount), False))
    if len(spec.kdv) > 1 or rng.random() < 0.3:
        rows.append((pick(rng, labels.kdv_total), value(spec.kdv_total), False))
    wh = spec.withholding
    if wh and gib_extras:
        rows.append(("Tevkifata Tabi İşlem Tutarı", value(spec.subtotal), False))
        rows.append(("Tevkifata Tabi İşlem Üzerinden Hes. KDV", value(wh.base), False))
    total = (pick(rng, labels.total), value(spec.total_with_taxes), not spec.show_payable)
    if wh:
        rows.append(total)
        rows.append((pick(rng, labels.withholding).format(ratio=wh.rate), value(wh.amount), False))
    else:
        rows.append(total)
    if spec.show_payable:
        rows.append((pick(rng, labels.payable), value(spec.payable_amount), True))
    return rows


def draw_totals(
    canvas: Canvas,
    x0: float,
    x1: float,
    top: float,
    rows: list[tuple[str, str, bool]],
    size: float,
    style: str,
    colon: bool,
    fill: Color | None = None,
    labels_right: bool = False,
) -> float:
    """Totals block from ``top`` between x0 and x1. style: boxed | plain | ruled."""
    lh = line_height(size)
    pad = 2.5
    value_w = max(canvas.measure(v, size, True) for _l, v, _e in rows) + 2 * pad + 4
    split = x1 - value_w
    y = top
    for label, value, strong in rows:
        text = f"{label}:" if colon else label
        height = lh + 2 * pad
        if style == "boxed":
            if fill and strong:
                canvas.box(x0, y, x1, y + height, color=None, fill=fill, width=0)
            canvas.box(x0, y, split, y + height, width=0.5)
            canvas.box(split, y, x1, y + height, width=0.5)
        elif style == "ruled" and strong:
            canvas.hline(x0, x1, y, width=0.8)
        if labels_right:
            canvas.text(
                split - pad - 2, y + pad, text, size, bold=strong or style == "boxed", align="r"
            )
        else:
            canvas.text(x0 + pad, y + pad, text, size, bold=strong or style == "boxed")
        canvas.text(x1 - pad, y + pad, value, size, bold=strong, align="r")
        y += height
    return y


# ---------------------------------------------------------------- label/value blocks


def kv_block(
    canvas: Canvas,
    x: float,
    top: float,
    width: float,
    pairs: list[tuple[str, str]],
    size: float,
    style: str,
    bold_labels: bool = True,
    label_width: float | None = None,
    grid: bool = False,
) -> float:
    """Label/value pairs. style: colon ("Fatura No: X"), table (aligned columns, colon after
    label), or cells (aligned columns, no colon). Values wrap under themselves."""
    lh = line_height(size)
    y = top
    if style == "colon":
        for label, value in pairs:
            head = f"{label}: "
            head_w = canvas.measure(head, size, bold_labels)
            lines = canvas.wrap(value, width - head_w, size)
            canvas.text(x, y, head, size, bold=bold_labels)
            y = canvas.lines(x + head_w, y, lines, size, max_width=width - head_w)
        return y
    if label_width is None:
        label_width = max(canvas.measure(f"{lbl}:", size, bold_labels) for lbl, _v in pairs) + 6
    pad = 2.0 if grid else 0.0
    for label, value in pairs:
        text = f"{label}:" if style == "table" else label
        lines = canvas.wrap(value, width - label_width - 2 * pad, size)
        height = len(lines) * lh + 2 * pad
        if grid:
            canvas.box(x, y, x + label_width, y + height, width=0.4)
            canvas.box(x + label_width, y, x + width, y + height, width=0.4)
        canvas.text(x + pad, y + pad, text, size, bold=bold_labels)
        canvas.lines(
            x + label_width + pad, y + pad, lines, size, max_width=width - label_width - 2 * pad
        )
        y += height
    return y


@dataclass(frozen=True)
class PartyLabels:
    name: str | None  # None: the name is printed without a label (and bold)
    address: str | None
    phone: str
    fax: str
    email: str
    web: str
    tax_office: str
    vkn: str
    tckn: str
    mersis: str


def party_pairs(
    party: Party, labels: PartyLabels, rng: random.Random, id_with_office: bool = False
) -> list[tuple[str, str]]:
    """Label/value pairs for a party's contact and tax lines (name/address handled by callers
    when their label is None)."""
    pairs: list[tuple[str, str]] = []
    if labels.name:
        pairs.append((labels.name, party.name))
    if labels.address:
        pairs.append((labels.address, party.address))
    contact = [
        (labels.phone, party.phone),
        (labels.fax, party.fax),
        (labels.web, party.web),
        (labels.email, party.email),
    ]
    if rng.random() < 0.5:
        contact.reverse()
    pairs += [(k, v) for k, v in contact if v]
    id_label, id_value = (labels.vkn, party.vkn) if party.vkn else (labels.tckn, party.tckn)
    if id_with_office and party.tax_office:
        pairs.append((f"{labels.tax_office} / {id_label}", f"{party.tax_office} / {id_value}"))
    else:
        if party.tax_office:
            pairs.append((labels.tax_office, party.tax_office))
        pairs.append((id_label, id_value or ""))
    if party.mersis:
        pairs.append((labels.mersis, party.mersis))
    return pairs


def draw_pseudo_qr(canvas: Canvas, x: float, y: float, size: float, seed: str) -> None:
    """A QR-looking square of modules (decoration only, encodes nothing)."""
    rng = random.Random(seed)
    n = 25
    m = size / n
    corners = ((0, 0), (0, n - 7), (n - 7, 0))
    for r in range(n):
        for c in range(n):
            for r0, c0 in corners:
                if r0 <= r < r0 + 7 and c0 <= c < c0 + 7:
                    rr, cc = r - r0, c - c0
                    on = rr in (0, 6) or cc in (0, 6) or (2 <= rr <= 4 and 2 <= cc <= 4)
                    break
            else:
                on = rng.random() < 0.5
            if on:
                canvas.box(
                    x + c * m,
                    y + r * m,
                    x + (c + 1) * m,
                    y + (r + 1) * m,
                    color=None,
                    fill=(0, 0, 0),
                    width=0,
                )


def tl_equivalent(spec: InvoiceSpec) -> Decimal | None:
    if spec.exchange_rate is None:
        return None
    return money(spec.payable_amount * spec.exchange_rate)


def page_footers(
    canvas: Canvas, rng: random.Random, margin: float, size: float, always: bool
) -> None:
    """ "Sayfa i/n" on every page (on single pages only when ``always``)."""
    n = canvas.page_count
    if n == 1 and not always:
        return
    template = pick(rng, ("Sayfa {i}/{n}", "Sayfa {i}/{n}", "Sayfa {i} / {n}", "Sayfa: {i}/{n}"))
    align = pick(rng, ("c", "r"))
    for i in range(n):
        canvas.goto(i)
        x = canvas.width / 2 if align == "c" else canvas.width - margin
        canvas.text(
            x, canvas.height - margin * 0.6 - size, template.format(i=i + 1, n=n), size, align=align
        )


# ---------------------------------------------------------------- document header values


@dataclass(frozen=True)
class HeaderLabels:
    customization: Sequence[str] = ("Özelleştirme No",)
    profile: Sequence[str] = ("Senaryo",)
    invoice_type: Sequence[str] = ("Fatura Tipi",)
    number: Sequence[str] = ("Fatura No",)
    date: Sequence[str] = ("Fatura Tarihi",)
    time: Sequence[str] = ("Düzenleme Saati",)
    due: Sequence[str] = ("Son Ödeme Tarihi", "Vade Tarihi")
    order: Sequence[str] = ("Sipariş No",)
    despatch: Sequence[str] = ("İrsaliye No",)
    ettn: Sequence[str] = ("ETTN",)
    exchange: Sequence[str] = ("Döviz Kuru",)
    currency: Sequence[str] = ("Para Birimi",)


def needs_currency_line(spec: InvoiceSpec, fmt: Formats) -> bool:
    return spec.currency != "TRY" or not (fmt.mark_lines or fmt.mark_totals)


def header_pairs(
    spec: InvoiceSpec, fmt: Formats, rng: random.Random, labels: HeaderLabels
) -> list[tuple[str, str, str]]:
    """(key, label, value) for the document's header fields that the spec prints."""
    out: list[tuple[str, str, str]] = []

    def add(key: str, options: Sequence[str], value: str | None) -> None:
        if value:
            out.append((key, pick(rng, options), value))

    add("customization", labels.customization, spec.customization_id)
    add("profile", labels.profile, spec.profile)
    add("invoice_type", labels.invoice_type, spec.invoice_type)
    add("number", labels.number, spec.invoice_number)
    add("date", labels.date, fmt.date(spec.issue_date))
    add("time", labels.time, spec.issue_time)
    add("due", labels.due, fmt.date(spec.due_date) if spec.due_date else None)
    add("order", labels.order, spec.order_number)
    add("despatch", labels.despatch, spec.despatch_number)
    add("ettn", labels.ettn, spec.ettn)
    if needs_currency_line(spec, fmt):
        names = {
            "TRY": ("TRY", "TL", "Türk Lirası"),
            "EUR": ("EUR", "Euro"),
            "USD": ("USD", "ABD Doları"),
        }
        add("currency", labels.currency, pick(rng, names[spec.currency]))
    if spec.exchange_rate is not None:
        rate = turkish_rate(spec.exchange_rate)
        add(
            "exchange",
            labels.exchange,
            pick(rng, (rate, f"1 {spec.currency} = {rate} TL", f"{rate} TL")),
        )
    return out


def turkish_rate(value: Decimal) -> str:
    whole, _, frac = format(value, "f").partition(".")
    return f"{whole},{frac}" if frac else whole


def pop_wide(
    canvas: Canvas, pairs: list[tuple[str, str, str]], key: str, width: float, size: float
) -> tuple[list[tuple[str, str, str]], tuple[str, str] | None]:
    """Take the ``key`` pair out of a label/value block of ``width`` when its value would not
    fit the value column; the caller prints it on a line of its own."""
    label_w = max(canvas.measure(f"{label}:", size, True) for _k, label, _v in pairs) + 6
    for i, (k, label, value) in enumerate(pairs):
        if k == key and canvas.measure(value, size) > width - label_w - 6:
            return pairs[:i] + pairs[i + 1 :], (label, value)
    return pairs, None


def draw_label_line(
    canvas: Canvas, x: float, top: float, label: str, value: str, size: float
) -> float:
    head = f"{label}: "
    canvas.text(x, top, head, size, True)
    return canvas.text(x + canvas.measure(head, size, True), top, value, size)
