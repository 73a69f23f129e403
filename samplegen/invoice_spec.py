"""A random invoice: parties, lines, exact Decimal arithmetic, and what gets printed.

``InvoiceSpec`` holds every value that is printed as it is printed (names,
addresses, amount in words) plus flags saying which optional columns and
totals are printed; layouts must print everything the spec holds, and the
ground truth (``samplegen.truth``) is derived from the spec alone. How a value
is formatted (dates, numbers, labels, positions) is chosen by the layout.

Arithmetic (all ROUND_HALF_UP to 2 places):
  line discount   = round(qty × unit_price × discount_rate / 100)
  line amount     = round(qty × unit_price − discount)
  line KDV        = round(amount × rate / 100)                 (printed per line)
  KDV per rate    = round(sum of line amounts at that rate × rate / 100), or, drawn with
                    ``attack`` (``kdv_rounding="per_line"``), the sum of the lines' rounded
                    KDV at that rate: GİB accepts either, and ERPs that total the lines'
                    TaxAmount print the second (a few kuruş apart on many lines)
  subtotal        = sum of line amounts; discount_total = sum of line discounts
  kdv_total       = sum of KDV per rate
  total_with_taxes = subtotal + kdv_total
  withholding     = round(kdv_total × numerator / denominator), or under ``per_line`` the
                    lines' rounded shares summed
  payable_amount  = total_with_taxes − withholding
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from samplegen import identifiers
from samplegen.casing import tr_upper
from samplegen.fake import Party, ascii_fold, random_party
from samplegen.products import (
    GENERIC_DETAILS,
    PRODUCTS,
    WITHHOLDING_CODES,
    Product,
    WithholdingCode,
)
from samplegen.words import random_amount_in_words

CENT = Decimal("0.01")
KINDS = ("e-fatura", "e-arsiv", "paper")
CURRENCIES = ("TRY", "EUR", "USD")
UNIT_MODES = ("column", "with_quantity", "none")
# Flags a caller may override: they change what is printed, never the arithmetic.
PRINT_FLAGS = (
    "unit_mode",
    "show_line_discount",
    "show_line_kdv_rate",
    "show_line_kdv_amount",
    "show_discount_total",
    "show_kdv_base",
    "show_payable",
    "price_style",
    "subtotal_gross",
    "cell_breaks",
)
PRICE_STYLES = ("fixed", "short")  # short: "1.234 TL", "1.234,5 TL" (as few decimals as needed)
KDV_ROUNDINGS = ("per_total", "per_line")  # KDV per rate rounded once, or the lines' summed


def money(value: Decimal) -> Decimal:
    """Round half up to 2 places (kuruş)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineSpec:
    description: str  # full text; layouts may wrap it at spaces
    code: str  # stock code; printed only as a distractor column, not ground truth
    quantity: Decimal
    unit: str
    unit_price: Decimal
    discount_rate: Decimal  # percent; 0 when none
    discount: Decimal
    kdv_rate: Decimal
    kdv_amount: Decimal
    amount: Decimal  # net of discount, before KDV

    @property
    def gross(self) -> Decimal:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class KdvSpec:
    rate: Decimal
    base: Decimal
    amount: Decimal


@dataclass(frozen=True)
class WithholdingSpec:
    code: str
    numerator: int
    denominator: int
    description: str
    base: Decimal  # the KDV the ratio applies to
    amount: Decimal

    @property
    def rate(self) -> str:
        return f"{self.numerator}/{self.denominator}"


@dataclass(frozen=True)
class InvoiceSpec:
    kind: str
    invoice_number: str
    ettn: str | None
    customization_id: str | None  # "TR1.2"; printed by e-document layouts, not ground truth
    profile: str | None  # None: not printed
    invoice_type: str | None  # None: not printed
    issue_date: date
    issue_time: str | None  # "Düzenleme Saati"; not ground truth
    due_date: date | None
    order_number: str | None
    despatch_number: str | None  # irsaliye no; not ground truth
    seller: Party
    buyer: Party
    currency: str
    exchange_rate: Decimal | None
    lines: tuple[LineSpec, ...]
    kdv: tuple[KdvSpec, ...]  # ascending rate
    subtotal: Decimal
    discount_total: Decimal
    kdv_total: Decimal
    withholding: WithholdingSpec | None
    total_with_taxes: Decimal
    payable_amount: Decimal
    iban: str | None  # compact
    bank_name: str | None
    amount_in_words: str | None
    notes: tuple[str, ...]
    # what is printed
    unit_mode: str = "column"
    show_line_discount: bool = False
    show_line_kdv_rate: bool = True
    show_line_kdv_amount: bool = True
    show_discount_total: bool = False
    show_kdv_base: bool = False
    show_payable: bool = True
    # variations that attack the rules' assumptions (drawn only with ``attack=True``)
    price_style: str = "fixed"
    subtotal_gross: bool = False  # Mal Hizmet Toplam printed before line discounts
    cell_breaks: bool = False  # "11" / "Adet" and amount / currency on two lines of one cell
    kdv_rounding: str = "per_total"  # or "per_line": KDV per rate summed from the lines' KDV

    @property
    def printed_subtotal(self) -> Decimal:
        """The subtotal as printed: net of line discounts, or before them (both are legal)."""
        return self.subtotal + self.discount_total if self.subtotal_gross else self.subtotal

    @property
    def has_discount(self) -> bool:
        return any(line.discount for line in self.lines)


_QUANTITY_PLACES = {"Kg": (1, 2, 3), "Saat": (1,), "Lt": (1, 2), "Ton": (1, 2, 3)}


def _random_quantity(rng: random.Random, product: Product) -> Decimal:
    if product.fractional and rng.random() < 0.6:
        places = rng.choice(_QUANTITY_PLACES.get(product.unit, (1, 2)))
        value = Decimal(rng.randrange(5 * 10**places, 200 * 10**places)) / 10**places
        return value.normalize() if value == value.to_integral_value() else value
    high = 3 if product.low > 10000 else 12 if product.low > 1000 else 60
    return Decimal(rng.randrange(1, high + 1))


def _random_price(rng: random.Random, product: Product, divisor: Decimal) -> Decimal:
    raw = Decimal(rng.randrange(product.low * 100, product.high * 100 + 1)) / 100
    if rng.random() < 0.5:  # round-ish prices are common
        raw = raw.quantize(Decimal("1") if raw > 100 else Decimal("0.5"), rounding=ROUND_HALF_UP)
    return max(money(raw / divisor), CENT)


def _withheld(
    lines: Sequence[LineSpec], kdv_total: Decimal, code: WithholdingCode, kdv_rounding: str
) -> Decimal:
    """The KDV withheld: the KDV total × the ratio, rounded once, or (``per_line``) each
    line's share rounded and summed, as the UBL lines carry it."""
    ratio = Decimal(code.numerator) / code.denominator
    if kdv_rounding == "per_line":
        return sum((money(line.kdv_amount * ratio) for line in lines), Decimal(0))
    return money(kdv_total * code.numerator / code.denominator)


def _description(rng: random.Random, product: Product, long: bool) -> str:
    if not long:
        if product.details and rng.random() < 0.25:
            return f"{product.description} - {rng.choice(product.details)}"
        return product.description
    details = list(product.details)
    rng.shuffle(details)
    chosen = details[: rng.randint(2, max(2, len(details)))]
    chosen.append(rng.choice(GENERIC_DETAILS))
    return f"{product.description}, " + ", ".join(chosen)


def _invoice_number(rng: random.Random, kind: str, issue: date, brand: str) -> str:
    sequence = rng.randrange(1, 40000)
    if kind == "paper":
        letter = rng.choice("ABCDEFGHKMS")
        return rng.choice(
            (
                f"{letter}-{sequence:06d}",
                f"FTR{issue.year}/{sequence:05d}",
                f"{issue.year}-{sequence:06d}",
                f"SF{sequence:07d}",
            )
        )
    prefix = ascii_fold(tr_upper(brand.replace(" ", "")))[:3] if brand else "GIB"
    if kind == "e-arsiv" and rng.random() < 0.4:
        prefix = rng.choice(("GIB", "EAR", "ARS"))
    return f"{prefix}{issue.year}{sequence:09d}"


def random_invoice_spec(
    rng: random.Random,
    *,
    kind: str | None = None,
    currency: str | None = None,
    n_items: int | None = None,
    kdv_rates: Sequence[int] | None = None,
    discounts: bool | None = None,
    withholding: bool | str | None = None,
    buyer_person: bool | None = None,
    seller_person: bool | None = None,
    long_descriptions: bool | None = None,
    issue_date: date | None = None,
    with_iban: bool | None = None,
    with_words: bool | None = None,
    attack: bool = False,
    **print_flags: object,
) -> InvoiceSpec:
    """Draw an invoice from ``rng``; keyword arguments pin choices (None = random).

    ``withholding`` may be a KDV tevkifat code ("604") as well as True/False;
    ``print_flags`` may set any of ``PRINT_FLAGS`` (e.g. ``show_kdv_base=True``).
    ``attack`` also draws the variations real invoices show and our first layouts did
    not (short unit prices, subtotal before discounts, line breaks inside cells, the amount
    in words in hashes, glued or with its kuruş in figures); without
    it no extra random draw is made, so committed samples keep their bytes.
    """
    unknown = set(print_flags) - set(PRINT_FLAGS)
    if unknown:
        raise TypeError(f"unknown override(s): {', '.join(sorted(unknown))}")
    kind = kind or rng.choices(KINDS, weights=(4, 4, 2))[0]
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    currency = currency or ("TRY" if rng.random() < 0.88 else rng.choice(("EUR", "USD")))
    if currency not in CURRENCIES:
        raise ValueError(f"currency must be one of {CURRENCIES}")
    if withholding is None:
        withholding = rng.random() < 0.12
    if discounts is None:
        discounts = rng.random() < 0.3
    if long_descriptions is None:
        long_descriptions = rng.random() < 0.3
    if buyer_person is None:
        buyer_person = rng.random() < (0.05 if kind == "e-fatura" else 0.45)
    if seller_person is None:
        seller_person = rng.random() < 0.12
    if issue_date is None:
        issue_date = date(2023, 8, 1) + timedelta(days=rng.randrange(0, 700))
    if n_items is None:
        n_items = rng.choice((1, 2, 3) if withholding else (1, 2, 2, 3, 3, 4, 5, 6, 8, 12))

    # --- parties
    seller = random_party(
        rng,
        person=seller_person,
        vkn=identifiers.random_vkn(rng),
        tckn=identifiers.random_tckn(rng),
        with_contact=0.8,
        with_tax_office=True,
    )
    if not seller_person and rng.random() < 0.3:
        seller = dataclasses.replace(seller, mersis=identifiers.random_mersis(rng))
    buyer = random_party(
        rng,
        person=buyer_person,
        vkn=identifiers.random_vkn(rng),
        tckn=identifiers.random_tckn(rng),
        with_contact=0.4,
    )

    # --- lines
    divisor = Decimal(1)
    exchange_rate = None
    if currency != "TRY":
        low, high = (300000, 380000) if currency == "EUR" else (280000, 350000)
        exchange_rate = Decimal(rng.randrange(low, high)) / 10000
        divisor = exchange_rate
    withholding_code = None
    if isinstance(withholding, str):
        withholding_code = WITHHOLDING_CODES[withholding]
    elif withholding:
        withholding_code = WITHHOLDING_CODES[rng.choice(sorted(WITHHOLDING_CODES))]
    if withholding_code is not None:
        rate_pool = [
            r
            for r, ps in PRODUCTS.items()
            if any(p.withholding == withholding_code.code for p in ps)
        ]
        kdv_rates = rate_pool[:1]
    if not kdv_rates:
        kdv_rates = rng.choice(((20,), (20,), (20,), (10,), (1,), (10, 20), (1, 10), (1, 10, 20)))
    rates = list(kdv_rates)
    line_rates = [
        rates[i % len(rates)] if i < len(rates) else rng.choice(rates) for i in range(n_items)
    ]
    rng.shuffle(line_rates)
    long_flags = [long_descriptions and (i < 2 or rng.random() < 0.5) for i in range(n_items)]
    if long_descriptions:
        rng.shuffle(long_flags)
    discount_flags = [discounts and (i == 0 or rng.random() < 0.5) for i in range(n_items)]
    rng.shuffle(discount_flags)

    unused: dict[int, list[Product]] = {}
    lines: list[LineSpec] = []
    for i in range(n_items):
        rate = line_rates[i]
        if not unused.get(rate):  # each product once before any repeats
            pool = [
                p
                for p in PRODUCTS[rate]
                if withholding_code is None or p.withholding == withholding_code.code
            ]
            rng.shuffle(pool)
            unused[rate] = pool
        product = unused[rate].pop()
        quantity = _random_quantity(rng, product)
        unit_price = _random_price(rng, product, divisor)
        gross = quantity * unit_price
        discount_rate = (
            Decimal(rng.choice((2, 3, 5, 5, 7.5, 10, 10, 12, 15, 20)))
            if discount_flags[i]
            else Decimal(0)
        )
        discount = money(gross * discount_rate / 100)
        amount = money(gross - discount)
        kdv_rate = Decimal(rate)
        lines.append(
            LineSpec(
                description=_description(rng, product, long_flags[i]),
                code=rng.choice(("STK", "HZM", "MLZ", "")) + f"{rng.randrange(10, 99999):05d}",
                quantity=quantity,
                unit=product.unit,
                unit_price=unit_price,
                discount_rate=discount_rate,
                discount=discount,
                kdv_rate=kdv_rate,
                kdv_amount=money(amount * kdv_rate / 100),
                amount=amount,
            )
        )

    # --- totals
    kdv_rounding = rng.choice(KDV_ROUNDINGS) if attack else "per_total"
    kdv = []
    for rate in sorted({line.kdv_rate for line in lines}):
        at_rate = [line for line in lines if line.kdv_rate == rate]
        base = sum((line.amount for line in at_rate), Decimal(0))
        tax = money(base * rate / 100)
        if kdv_rounding == "per_line":
            tax = sum((line.kdv_amount for line in at_rate), Decimal(0))
        kdv.append(KdvSpec(rate=rate, base=base, amount=tax))
    subtotal = sum((line.amount for line in lines), Decimal(0))
    discount_total = sum((line.discount for line in lines), Decimal(0))
    kdv_total = sum((k.amount for k in kdv), Decimal(0))
    total = subtotal + kdv_total
    withholding_spec = None
    if withholding_code is not None:
        withholding_spec = WithholdingSpec(
            code=withholding_code.code,
            numerator=withholding_code.numerator,
            denominator=withholding_code.denominator,
            description=withholding_code.description,
            base=kdv_total,
            amount=_withheld(lines, kdv_total, withholding_code, kdv_rounding),
        )
    payable = total - (withholding_spec.amount if withholding_spec else Decimal(0))

    # --- header values
    brand = "" if seller.is_person else seller.name.split()[0]
    number = _invoice_number(rng, kind, issue_date, brand if rng.random() < 0.7 else "")
    e_document = kind != "paper"
    if kind == "e-fatura":
        profile = rng.choice(("TEMELFATURA", "TICARIFATURA"))
    elif kind == "e-arsiv":
        profile = "EARSIVFATURA"
    else:
        profile = None
    if profile and rng.random() < 0.1:
        profile = None
    invoice_type = "TEVKIFAT" if withholding_spec else "SATIS"
    if not e_document and rng.random() < 0.6:
        invoice_type = None
    iban = bank = None
    if with_iban is None:
        with_iban = rng.random() < (0.75 if kind == "e-fatura" else 0.45)
    if with_iban:
        iban, bank = identifiers.random_tr_iban(rng)
    if with_words is None:
        with_words = rng.random() < 0.7
    notes: list[str] = []
    if kind == "e-arsiv" and rng.random() < 0.5:
        notes.append("Bu satış internet üzerinden yapılmıştır.")
    if e_document and rng.random() < 0.4:
        notes.append(
            rng.choice(
                (
                    "e-Arşiv izni kapsamında elektronik ortamda iletilmiştir.",
                    "İşbu fatura muhteviyatına 7 gün içerisinde itiraz edilmediği takdirde "
                    "aynen kabul edilmiş sayılır.",
                    "Malın tesliminden sonra doğabilecek hasarlardan firmamız sorumlu değildir.",
                )
            )
        )
    if withholding_spec:
        notes.append(f"Tevkifat: {withholding_spec.code} - {withholding_spec.description}")

    ettn = identifiers.random_ettn(rng) if e_document else None
    if ettn and rng.random() < 0.25:
        ettn = ettn.upper()

    has_discount = bool(discount_total)
    flags: dict[str, object] = {
        "unit_mode": rng.choices(UNIT_MODES, weights=(5, 3, 1))[0],
        "show_line_discount": has_discount or rng.random() < 0.25,
        "show_line_kdv_rate": rng.random() < 0.85,
        "show_line_kdv_amount": rng.random() < 0.6,
        "show_discount_total": has_discount or rng.random() < 0.3,
        "show_kdv_base": rng.random() < 0.35,
        "show_payable": withholding_spec is not None or rng.random() < 0.6,
    }
    if attack:
        flags["price_style"] = rng.choice(PRICE_STYLES)
        flags["subtotal_gross"] = has_discount and rng.random() < 0.5
        flags["show_discount_total"] = flags["show_discount_total"] or flags["subtotal_gross"]
        flags["cell_breaks"] = rng.random() < 0.3
        if flags["unit_mode"] == "none" and rng.random() < 0.7:
            flags["unit_mode"] = "with_quantity"
    flags.update(print_flags)
    if has_discount and not flags["show_line_discount"]:
        raise ValueError("an invoice with discounts must print its discount column")
    if withholding_spec and not flags["show_payable"]:
        raise ValueError("an invoice with KDV tevkifat must print the payable amount")
    if flags.get("subtotal_gross") and not flags["show_discount_total"]:
        raise ValueError("a subtotal before discounts needs the discount total printed")
    if flags.get("price_style", "fixed") not in PRICE_STYLES:
        raise ValueError(f"price_style must be one of {PRICE_STYLES}")
    if flags["unit_mode"] not in UNIT_MODES:
        raise ValueError(f"unit_mode must be one of {UNIT_MODES}")

    return InvoiceSpec(
        kind=kind,
        invoice_number=number,
        ettn=ettn,
        customization_id="TR1.2" if e_document else None,
        profile=profile,
        invoice_type=invoice_type,
        issue_date=issue_date,
        issue_time=(
            f"{rng.randrange(8, 19):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}"
            if e_document and rng.random() < 0.7
            else None
        ),
        due_date=issue_date + timedelta(days=rng.choice((7, 15, 30, 45, 60, 90)))
        if rng.random() < 0.35
        else None,
        order_number=(
            rng.choice(("SP", "SIP-", "PO", ""))
            + f"{issue_date.year}{rng.randrange(100, 99999):05d}"
            if rng.random() < 0.3
            else None
        ),
        despatch_number=(
            rng.choice(("IRS", "A", "EIR")) + f"{issue_date.year}{rng.randrange(1, 99999):09d}"
            if rng.random() < 0.25
            else None
        ),
        seller=seller,
        buyer=buyer,
        currency=currency,
        exchange_rate=exchange_rate,
        lines=tuple(lines),
        kdv=tuple(kdv),
        subtotal=subtotal,
        discount_total=discount_total,
        kdv_total=kdv_total,
        withholding=withholding_spec,
        total_with_taxes=total,
        payable_amount=payable,
        iban=iban,
        bank_name=bank,
        amount_in_words=(
            random_amount_in_words(rng, payable, currency, attack=attack) if with_words else None
        ),
        notes=tuple(notes),
        kdv_rounding=kdv_rounding,
        **flags,  # type: ignore[arg-type]
    )
