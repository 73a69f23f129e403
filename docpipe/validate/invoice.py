"""Invoice checks: identifiers, dates, line and total arithmetic, KDV rates.

A total that does not add up is a signal that extraction (or the issuer) got
something wrong: every failed check sends the record to ``needs_review``.
Sums of printed amounts must add up exactly; products (quantity × price,
base × rate) may differ by the rounding to the kuruş that Turkish invoices do.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from docpipe.result import Check
from docpipe.text.numbers import product_tolerance
from docpipe.validate.identifiers import iban_check, party_checks, uuid_check
from docpipe.validate.words import amount_in_words_check

KDV_RATES = {Decimal(r) for r in ("0", "1", "8", "10", "18", "20")}
CENT = Decimal("0.01")
EXACT = Decimal(0)  # sums of printed, already rounded amounts must add up exactly
REQUIRED = ("invoice_number", "issue_date", "total_with_taxes")
# Identifiers GİB allows in place of the buyer's: an e-Arşiv invoice to a consumer who gave
# no T.C. kimlik no carries 11111111111, one to a foreign buyer without a VKN 2222222222.
BUYER_PLACEHOLDERS = {"tckn": "11111111111", "vkn": "2222222222"}
LACKS_RATE = "KDV per rate lacks a rate the lines carry: its entries do not add up"


def _d(value: object) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None


def _close(a: Decimal, b: Decimal, tolerance: Decimal = CENT) -> bool:
    return abs(a - b) <= tolerance


def check_invoice(record: dict, today: date | None = None) -> list[Check]:
    today = today or date.today()
    checks: list[Check] = []
    for name in REQUIRED:
        present = record.get(name) is not None
        checks.append(
            Check(
                name="required",
                field=name,
                passed=present,
                reason="" if present else "not found on the document",
            )
        )
    checks += _lines_read(record)
    checks += party_checks("seller", record.get("seller"), required=True)
    checks += _buyer_checks(record.get("buyer"))
    if record.get("iban"):
        checks.append(iban_check("iban", record["iban"]))
    if record.get("ettn"):
        checks.append(uuid_check("ettn", record["ettn"]))
    checks += _date_checks(record, today)
    checks += _line_checks(record.get("line_items") or [], _d(record.get("discount_total")))
    checks += _total_checks(record)
    checks += _words_checks(record)
    return checks


def _lines_read(record: dict) -> list[Check]:
    """Every invoice has at least one line (UBL-TR: one InvoiceLine or more): a record
    with totals and no line read is an incomplete reading, not an invoice without lines.
    Without it the line and subtotal checks have nothing to judge, and a wrong line
    amount would end ``ok``."""
    if record.get("line_items") or record.get("total_with_taxes") is None:
        return []  # no total: "required" already says the reading is incomplete
    return [
        Check(
            name="required",
            field="line_items",
            passed=False,
            reason="no item line was read",
        )
    ]


def _buyer_checks(buyer: dict | None) -> list[Check]:
    """Checksums of the buyer's identifiers; a GİB placeholder passes as what it is."""
    buyer = dict(buyer or {})
    placeholders = []
    for key, value in BUYER_PLACEHOLDERS.items():
        if buyer.get(key) == value:
            del buyer[key]
            placeholders.append(
                Check(name="buyer_placeholder", field=f"buyer.{key}", passed=True, reason="")
            )
    return party_checks("buyer", buyer, required=False) + placeholders


def _words_checks(record: dict) -> list[Check]:
    """The amount in words against the amounts in figures (payable, else the total).

    Words that do not parse as a number are not judged (a wording the parser does
    not know is no evidence of a wrong amount); words that parse must match.
    """
    figures = [
        v for v in (_d(record.get("payable_amount")), _d(record.get("total_with_taxes"))) if v
    ]
    return amount_in_words_check(record.get("amount_in_words"), figures, may_be_cut=True)


def _transposed(a: Decimal, b: Decimal) -> bool:
    """Whether ``a`` and ``b`` are the same digits in another order (a typing slip)."""
    da, db = format(abs(a), "f"), format(abs(b), "f")
    return a != b and len(da) == len(db) and sorted(da) == sorted(db)


def _transposed_total(
    total: Decimal,
    subtotal: Decimal | None,
    kdv_total: Decimal | None,
    items: list[dict],
    entries: list[dict],
) -> list[Check]:
    """Without a printed subtotal or KDV total, the lines' sum and the per-rate (or
    per-line) KDVs stand in for them. Those sums may miss a row, so only a total whose
    digits are theirs in another order is judged: a typing slip, not a reading gap."""
    goods = [subtotal] if subtotal is not None else []
    amounts = [_d(it.get("amount")) for it in items]
    if not goods and amounts and all(a is not None for a in amounts):
        goods.append(sum(amounts, Decimal(0)))  # type: ignore[arg-type]
    taxes = [kdv_total] if kdv_total is not None else []
    for parts in (
        [_d(e.get("amount")) for e in entries],
        [_d(it.get("kdv_amount")) for it in items],
    ):
        if not taxes and parts and all(p is not None for p in parts):
            taxes.append(sum(parts, Decimal(0)))  # type: ignore[arg-type]
    if not any(_transposed(total, g + t) for g in goods for t in taxes):
        return []
    return [
        Check(
            name="total",
            field="total_with_taxes",
            passed=False,
            reason="the total's digits look transposed: subtotal + KDV gives the same digits",
        )
    ]


def _date_checks(record: dict, today: date) -> list[Check]:
    checks = []
    issued = date.fromisoformat(record["issue_date"]) if record.get("issue_date") else None
    if issued is not None:
        ok = date(1990, 1, 1) <= issued <= today + timedelta(days=7)
        checks.append(
            Check(
                name="date_plausible",
                field="issue_date",
                passed=ok,
                reason="" if ok else "issue date is in the future or before 1990",
            )
        )
    if issued is not None and record.get("due_date"):
        ok = date.fromisoformat(record["due_date"]) >= issued
        checks.append(
            Check(
                name="due_after_issue",
                field="due_date",
                passed=ok,
                reason="" if ok else "due date is before the issue date",
            )
        )
    return checks


def _unprinted_discounts(items: list[dict], discount_total: Decimal | None) -> bool:
    """Whether the lines carry discounts the table does not print: no line shows a
    discount, every line's quantity × unit price is at or above its amount, and the
    shortfalls add up to the invoice's printed discount total ("Toplam İskonto")."""
    if not discount_total or discount_total <= 0 or any(it.get("discount") for it in items):
        return False
    shortfall, tolerance = Decimal(0), Decimal(0)
    for item in items:
        qty, price, amount = (_d(item.get(k)) for k in ("quantity", "unit_price", "amount"))
        if qty is None or price is None or amount is None:
            return False
        gap = qty * price - amount
        tolerance += product_tolerance(qty, price)
        if gap < -tolerance:
            return False
        shortfall += gap
    return _close(shortfall, discount_total, tolerance + CENT)


def _line_checks(items: list[dict], discount_total: Decimal | None = None) -> list[Check]:
    checks = []
    unprinted = _unprinted_discounts(items, discount_total)
    for i, item in enumerate(items):
        if not item.get("description"):
            checks.append(
                Check(
                    name="required",
                    field=f"line_items.{i}.description",
                    passed=False,
                    reason="line has amounts but no description was read",
                )
            )
        qty, price, amount = (
            _d(item.get("quantity")),
            _d(item.get("unit_price")),
            _d(item.get("amount")),
        )
        discount = _d(item.get("discount")) or Decimal(0)
        if qty is not None and price is not None and amount is not None and unprinted:
            discount = max(Decimal(0), qty * price - amount)  # its share of the total
        if qty is not None and price is not None and amount is not None:
            # the printed unit price and quantity may themselves be rounded
            tolerance = product_tolerance(qty, price)
            ok = _close(qty * price - discount, amount, tolerance)
            checks.append(
                Check(
                    name="line_amount",
                    field=f"line_items.{i}.amount",
                    passed=ok,
                    reason=""
                    if ok
                    else "quantity × unit price − discount differs from the line amount",
                )
            )
        rate = _d(item.get("kdv_rate"))
        if rate is not None:
            ok = rate in KDV_RATES
            checks.append(
                Check(
                    name="kdv_rate_known",
                    field=f"line_items.{i}.kdv_rate",
                    passed=ok,
                    reason="" if ok else "not a Turkish KDV rate",
                )
            )
        kdv = _d(item.get("kdv_amount"))
        if rate is not None and kdv is not None and amount is not None:
            ok = _close(amount * rate / 100, kdv, CENT)
            checks.append(
                Check(
                    name="line_kdv",
                    field=f"line_items.{i}.kdv_amount",
                    passed=ok,
                    reason="" if ok else "line KDV does not match amount × rate",
                )
            )
    return checks


def _line_rate(item: dict) -> Decimal | None:
    """A line's KDV rate: as read, else the legal rate its KDV amount ÷ amount shows
    (a design that prints each line's KDV amount and no rate)."""
    rate = _d(item.get("kdv_rate"))
    if rate is not None:
        return rate
    kdv, amount = _d(item.get("kdv_amount")), _d(item.get("amount"))
    if kdv is None or not amount:
        return None
    fits = [r for r in KDV_RATES if _close(amount * r / 100, kdv, CENT)]
    return fits[0] if len(fits) == 1 else None  # a tiny amount fits several: unknown


def _rates_read(items: list[dict]) -> bool:
    """Whether every line's KDV rate is known (so the lines at one rate are all known)."""
    return all(_line_rate(it) is not None for it in items)


def _rates_missing(items: list[dict], entries: list[dict]) -> bool:
    """Whether a line carries a KDV rate that the per-rate summary does not list."""
    listed = {_d(e.get("rate")) for e in entries}
    return any(
        (rate := _line_rate(it)) is not None and rate not in listed and rate != 0 for it in items
    )


def _implied_bases(entries: list[dict], goods: Decimal | None, lines: int) -> list[Check]:
    """Without printed bases, each rate's KDV ÷ rate is its base, and the bases together
    cannot exceed the goods total (exempt lines and discounts only make them smaller):
    a KDV computed at the wrong rate shows as a base larger than the invoice."""
    if goods is None or not entries or any(e.get("base") is not None for e in entries):
        return []
    implied, slack, largest = Decimal(0), Decimal(0), (Decimal(-1), 0)
    for i, entry in enumerate(entries):
        rate, amount = _d(entry.get("rate")), _d(entry.get("amount"))
        if rate is None or amount is None or rate not in KDV_RATES:
            return []
        if rate == 0:
            continue
        base = amount * 100 / rate
        implied += base
        slack += CENT * max(1, lines) * 100 / rate  # each line's KDV rounded to a cent
        largest = max(largest, (base, i))
    if largest[0] < 0 or implied <= goods + slack:
        return []
    return [
        Check(
            name="kdv_amount",
            field=f"kdv.{largest[1]}.amount",
            passed=False,
            reason="KDV ÷ rate gives a base larger than the goods total",
        )
    ]


def _summary_fits(
    entries: list[dict], subtotal: Decimal | None, discount: Decimal | None, items: list[dict]
) -> bool:
    """Whether each rate's KDV ÷ rate, summed, is the goods total (before or after the
    invoice's discount): then the summary is consistent with some split of the lines
    over the rates, and a base summed from the lines' read rates that disagrees says the
    rates were misread. A KDV at a wrong rate gives another sum."""
    if subtotal is None or not entries:
        return False
    implied, slack = Decimal(0), Decimal(0)
    for entry in entries:
        rate, amount = _d(entry.get("rate")), _d(entry.get("amount"))
        if rate is None or amount is None or rate not in KDV_RATES or rate == 0:
            return False
        implied += amount * 100 / rate
        slack += CENT * max(1, len(items)) * 100 / rate
    goods = [subtotal, subtotal - discount] if discount else [subtotal]
    return any(abs(implied - g) <= slack for g in goods)


def _total_checks(record: dict) -> list[Check]:
    checks: list[Check] = []
    items = record.get("line_items") or []
    subtotal = _d(record.get("subtotal"))
    amounts = [_d(it.get("amount")) for it in items]
    line_discounts = [_d(it.get("discount")) for it in items]
    discount_total = _d(record.get("discount_total"))
    if discount_total is None and items and all(d is not None for d in line_discounts):
        discount_total = sum(line_discounts, Decimal(0))  # type: ignore[arg-type]
    goods = subtotal  # what the KDV bases together cannot exceed
    if items and subtotal is not None and all(a is not None for a in amounts):
        net = sum(amounts, Decimal(0))  # type: ignore[arg-type]
        # Mal Hizmet Toplam Tutarı is printed after line discounts or before them: both legal;
        # and a discount on the whole invoice (lines printed before it) comes off the lines'
        # sum in a subtotal printed after it
        ok = _close(net, subtotal, EXACT) or (
            bool(discount_total)
            and any(
                _close(net + sign * discount_total, subtotal, EXACT)  # type: ignore[operator]
                for sign in (1, -1)
            )
        )
        # the lines' gross (their discounts, as printed, added back) where Toplam İskonto
        # holds more than the lines' discounts (a discount on the whole invoice with them)
        read_discounts = [d for d in line_discounts if d is not None]
        if not ok and read_discounts and len(read_discounts) == len(items):
            ok = _close(net + sum(read_discounts, Decimal(0)), subtotal, EXACT)
        if ok:
            # the lines read whole: with a subtotal printed before line discounts their
            # net sum is the tighter bound (a KDV at a wrong rate on a small base
            # may still fit under the gross subtotal)
            goods = min(subtotal, net)
        checks.append(
            Check(
                name="subtotal_sum",
                field="subtotal",
                passed=ok,
                reason="" if ok else "line amounts do not add up to the subtotal",
            )
        )
    kdv_entries = record.get("kdv") or []
    for i, entry in enumerate(kdv_entries):
        rate, amount, base = _d(entry.get("rate")), _d(entry.get("amount")), _d(entry.get("base"))
        if rate is not None and rate not in KDV_RATES:
            checks.append(
                Check(
                    name="kdv_rate_known",
                    field=f"kdv.{i}.rate",
                    passed=False,
                    reason="not a Turkish KDV rate",
                )
            )
        # lines whose rate was not read are at the summary's rate when it lists only one
        # (and no line shows another): every taxed line is in the summary
        only_rate = len(kdv_entries) == 1 and all(_line_rate(it) in (None, rate) for it in items)
        bases = [base]
        derived = False
        if base is None and items and rate is not None and (only_rate or _rates_read(items)):
            at_rate = [_d(it.get("amount")) for it in items if only_rate or _line_rate(it) == rate]
            if at_rate and all(a is not None for a in at_rate):
                base = sum(at_rate, Decimal(0))  # type: ignore[arg-type]
                # a discount on the whole invoice comes off the lines' sum before KDV
                bases = [base, base - discount_total] if discount_total else [base]
                derived = True
        if base is not None and rate is not None and amount is not None:
            # KDV per rate is base × rate rounded once, or the lines' rounded KDV summed
            # (both legal): up to a kuruş per line at the rate apart (a line whose rate
            # was not printed may be one of them)
            lines_at_rate = max(
                1, sum(1 for it in items if only_rate or _line_rate(it) in (None, rate))
            )
            ok = any(_close(b * rate / 100, amount, CENT * lines_at_rate) for b in bases)
            if not ok and derived and _summary_fits(kdv_entries, subtotal, discount_total, items):
                continue  # the lines' rates were misread, not the KDV: no verdict
            checks.append(
                Check(
                    name="kdv_amount",
                    field=f"kdv.{i}.amount",
                    passed=ok,
                    reason="" if ok else "KDV does not match base × rate",
                )
            )
    checks += _implied_bases(kdv_entries, goods, len(items))
    kdv_total = _d(record.get("kdv_total"))
    amounts = [_d(e.get("amount")) for e in kdv_entries]
    entries_read = bool(amounts) and all(a is not None for a in amounts)
    # a line carrying a rate the summary lacks: the summary misses an entry (or the
    # line's rate was misread); the sums below say which, and a gap is named as such
    lacking = entries_read and _rates_missing(items, kdv_entries)
    entries_sum = sum(amounts, Decimal(0)) if entries_read else None  # type: ignore[arg-type]
    if entries_sum is not None and kdv_total is not None:
        ok = _close(entries_sum, kdv_total, EXACT)
        checks.append(
            Check(
                name="kdv_total_sum",
                field="kdv" if lacking else "kdv_total",
                passed=ok,
                reason=""
                if ok
                else LACKS_RATE
                if lacking
                else "KDV per rate does not add up to the KDV total",
            )
        )
    total = _d(record.get("total_with_taxes"))
    stand_in = kdv_total is None and entries_sum is not None
    if stand_in:
        # a design that prints KDV per rate and no KDV total: the rates' sum stands for it
        kdv_total = entries_sum
    if total is not None and subtotal is not None and kdv_total is not None:
        discount = discount_total or Decimal(0)
        expected = [subtotal + kdv_total, subtotal - discount + kdv_total]
        ok = any(_close(e, total, EXACT) for e in expected)
        reason = "" if ok else "subtotal + KDV does not equal the total"
        if any(_transposed(total, e) for e in expected):
            reason = "the total's digits look transposed: subtotal + KDV gives the same digits"
        elif not ok and stand_in and lacking:
            checks.append(Check(name="kdv_total_sum", field="kdv", passed=False, reason=LACKS_RATE))
            reason = ""  # the gap is the summary's, not the total's
        if reason or ok:
            checks.append(Check(name="total", field="total_with_taxes", passed=ok, reason=reason))
    elif total is not None:
        checks += _transposed_total(total, subtotal, kdv_total, items, kdv_entries)
    payable = _d(record.get("payable_amount"))
    withholding = record.get("withholding") or {}
    withheld = _d(withholding.get("amount")) or Decimal(0)
    if payable is not None and total is not None:
        ok = _close(total - withheld, payable, EXACT)
        checks.append(
            Check(
                name="payable",
                field="payable_amount",
                passed=ok,
                reason="" if ok else "total − withholding does not equal payable",
            )
        )
    # the printed ratio only: the ratios of GİB's codes change with the regulations (and
    # five in our list are not checked against a published copy), so a code alone judges
    # nothing here; the rules take its ratio only where the printed amounts agree with it
    ratio = withholding.get("rate")
    if withheld and ratio and kdv_total is not None and "/" in ratio:
        num, den = ratio.split("/", 1)
        if num.isdigit() and den.isdigit() and int(den):
            # withheld on the KDV total, or each line's share rounded and summed (both
            # legal, as the KDV itself): a kuruş per line apart at most
            ok = _close(kdv_total * int(num) / int(den), withheld, CENT * max(1, len(items)))
            checks.append(
                Check(
                    name="withholding",
                    field="withholding.amount",
                    passed=ok,
                    reason="" if ok else "withholding does not match KDV × ratio",
                )
            )
    return checks
