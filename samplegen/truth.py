"""Ground truth of an invoice spec in the shared truth format.

``{"doc_type": "invoice", "fields": {"<dotted.path>": value}}`` with paths of
``docpipe.schemas.invoice.Invoice`` and values as that schema serialises them to
JSON: ISO dates, Decimal as strings ("1481.47", "2", "20"), identifiers and
IBAN compact. A field is present only when its value is printed on the document.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from samplegen.fake import Party
from samplegen.invoice_spec import InvoiceSpec


def number(value: Decimal) -> str:
    """Quantities and percents: no exponent, no trailing zeros ("2", "2.5", "20")."""
    text = format(value.normalize(), "f")
    return text


def amount(value: Decimal) -> str:
    """Money: exactly as held, two decimals ("1481.47", "100.00")."""
    return format(value, "f")


def _party(prefix: str, party: Party) -> dict[str, str]:
    out = {f"{prefix}.name": party.name, f"{prefix}.address": party.address}
    for key in ("vkn", "tckn", "tax_office", "phone", "email", "mersis"):
        value = getattr(party, key)
        if value is not None:
            out[f"{prefix}.{key}"] = value
    return out


def invoice_truth(spec: InvoiceSpec) -> dict[str, Any]:
    """The truth record of ``spec`` (what any layout prints for it)."""
    f: dict[str, Any] = {"kind": spec.kind, "invoice_number": spec.invoice_number}
    if spec.ettn:
        f["ettn"] = spec.ettn
    if spec.profile:
        f["profile"] = spec.profile
    if spec.invoice_type:
        f["invoice_type"] = spec.invoice_type
    f["issue_date"] = spec.issue_date.isoformat()
    if spec.due_date:
        f["due_date"] = spec.due_date.isoformat()
    if spec.order_number:
        f["order_number"] = spec.order_number
    f.update(_party("seller", spec.seller))
    f.update(_party("buyer", spec.buyer))
    f["currency"] = spec.currency
    if spec.exchange_rate is not None:
        f["exchange_rate"] = amount(spec.exchange_rate)
    for i, line in enumerate(spec.lines):
        p = f"line_items.{i}."
        f[p + "description"] = line.description
        f[p + "quantity"] = number(line.quantity)
        if spec.unit_mode != "none":
            f[p + "unit"] = line.unit
        f[p + "unit_price"] = amount(line.unit_price)
        if spec.show_line_discount:
            f[p + "discount"] = amount(line.discount)
        if spec.show_line_kdv_rate:
            f[p + "kdv_rate"] = number(line.kdv_rate)
        if spec.show_line_kdv_amount:
            f[p + "kdv_amount"] = amount(line.kdv_amount)
        f[p + "amount"] = amount(line.amount)
    f["subtotal"] = amount(spec.printed_subtotal)
    if spec.show_discount_total:
        f["discount_total"] = amount(spec.discount_total)
    for i, kdv in enumerate(spec.kdv):
        f[f"kdv.{i}.rate"] = number(kdv.rate)
        if spec.show_kdv_base:
            f[f"kdv.{i}.base"] = amount(kdv.base)
        f[f"kdv.{i}.amount"] = amount(kdv.amount)
    f["kdv_total"] = amount(spec.kdv_total)
    if spec.withholding:
        f["withholding.code"] = spec.withholding.code
        f["withholding.rate"] = spec.withholding.rate
        f["withholding.amount"] = amount(spec.withholding.amount)
    f["total_with_taxes"] = amount(spec.total_with_taxes)
    if spec.show_payable:
        f["payable_amount"] = amount(spec.payable_amount)
    if spec.iban:
        f["iban"] = spec.iban
    if spec.amount_in_words:
        f["amount_in_words"] = spec.amount_in_words
    return {"doc_type": "invoice", "fields": f}


def truth_json(spec: InvoiceSpec) -> str:
    """The ``.truth.json`` file text: indent 2, sorted keys, UTF-8 as is, trailing newline."""
    return json.dumps(invoice_truth(spec), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
