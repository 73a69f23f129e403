"""Whether a UBL-TR invoice's own totals add up (the ``ubl`` engine's confidence).

Compared exactly: every amount in the XML is already rounded, and UBL states
each total as the sum of others. Informational tax subtotals
(``CalculationSequenceNumeric`` −1) are never summed. Problems name elements,
never values.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from docpipe.extract.ubl.invoice import number, text
from docpipe.ingest.ubl import NS

MONEY_FIELDS = frozenset(
    {
        "amount",
        "base",
        "discount",
        "discount_total",
        "kdv_amount",
        "kdv_total",
        "payable_amount",
        "subtotal",
        "total_with_taxes",
        "unit_price",
    }
)


def _sum(elements: list[etree._Element]) -> Decimal:
    return sum((number(e) or Decimal(0) for e in elements), Decimal(0))


def _counted(total: etree._Element) -> list[etree._Element]:
    return [
        s
        for s in total.iterfind("cac:TaxSubtotal", NS)
        if text(s.find("cbc:CalculationSequenceNumeric", NS)) not in ("-1", "-1.0")
    ]


def totals_problems(root: etree._Element) -> list[str]:
    """Element names of the totals that do not add up (empty: consistent)."""
    problems: list[str] = []
    totals = root.find("cac:LegalMonetaryTotal", NS)
    if totals is None:
        return ["LegalMonetaryTotal is missing"]

    def amount(name: str) -> Decimal | None:
        return number(totals.find(f"cbc:{name}", NS))

    line_ext = amount("LineExtensionAmount")
    lines = root.findall("cac:InvoiceLine/cbc:LineExtensionAmount", NS)
    if line_ext is not None and lines and _sum(lines) != line_ext:
        problems.append("InvoiceLine amounts ≠ LineExtensionAmount")
    taxes = Decimal(0)
    for total in root.iterfind("cac:TaxTotal", NS):
        stated = number(total.find("cbc:TaxAmount", NS)) or Decimal(0)
        taxes += stated
        subtotals = _counted(total)
        if subtotals and _sum([s.find("cbc:TaxAmount", NS) for s in subtotals]) != stated:
            problems.append("TaxSubtotal amounts ≠ TaxTotal/TaxAmount")
    allowances = charges = Decimal(0)
    for ac in root.iterfind("cac:AllowanceCharge", NS):
        value = number(ac.find("cbc:Amount", NS)) or Decimal(0)
        if (text(ac.find("cbc:ChargeIndicator", NS)) or "").lower() == "true":
            charges += value
        else:
            allowances += value
    exclusive = amount("TaxExclusiveAmount")
    if (
        exclusive is not None
        and line_ext is not None
        and line_ext - allowances + charges != exclusive
    ):
        problems.append("LineExtensionAmount − allowances + charges ≠ TaxExclusiveAmount")
    inclusive = amount("TaxInclusiveAmount")
    if inclusive is not None and exclusive is not None and exclusive + taxes != inclusive:
        problems.append("TaxExclusiveAmount + taxes ≠ TaxInclusiveAmount")
    payable = amount("PayableAmount")
    withheld = _sum(root.findall("cac:WithholdingTaxTotal/cbc:TaxAmount", NS))
    if not root.findall("cac:WithholdingTaxTotal", NS):
        withheld = _sum(root.findall("cac:InvoiceLine/cac:WithholdingTaxTotal/cbc:TaxAmount", NS))
    prepaid = amount("PrepaidAmount") or Decimal(0)
    rounding = amount("PayableRoundingAmount") or Decimal(0)
    if (
        payable is not None
        and inclusive is not None
        and inclusive - withheld - prepaid + rounding != payable
    ):
        problems.append("TaxInclusiveAmount − withholding − prepaid ≠ PayableAmount")
    return problems
