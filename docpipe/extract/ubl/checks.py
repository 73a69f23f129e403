"""What GİB's rules ask of an invoice's type and profile, checked on the record read.

Each finding is a ``Check`` (name, field, passed, reason without values); a
failed one sends the record to review like any other check. They mirror the
UBL-TR Schematron rules that a back office most often meets: codes from GİB's
lists, a return (IADE) naming the invoice it returns, a TEVKIFAT invoice
carrying its withholding, an exempt (ISTISNA / IHRACKAYITLI) KDV row its code.
"""

from __future__ import annotations

from decimal import Decimal

from docpipe.extract.ubl.codes import INVOICE_TYPES, PROFILES, RETURN_TYPES
from docpipe.result import Check

_EXEMPT_TYPES = frozenset({"ISTISNA", "IHRACKAYITLI", "YTBISTISNA"})


def _check(name: str, field: str, passed: bool, reason: str) -> Check:
    return Check(name=name, field=field, passed=passed, reason="" if passed else reason)


def code_checks(record: dict) -> list[Check]:
    checks: list[Check] = []
    profile, kind = record.get("profile"), record.get("invoice_type")
    if profile:
        checks.append(
            _check("ubl_profile", "profile", profile in PROFILES, "not a profile in GİB's list")
        )
    if kind:
        checks.append(
            _check(
                "ubl_invoice_type",
                "invoice_type",
                kind in INVOICE_TYPES,
                "not an invoice type in GİB's list",
            )
        )
    if kind in RETURN_TYPES:
        checks.append(
            _check(
                "billing_reference",
                "billing_reference",
                bool(record.get("billing_reference")),
                "a return invoice must name the invoice it returns (BillingReference)",
            )
        )
    if kind and "TEVKIFAT" in kind:
        checks.append(
            _check(
                "withholding_present",
                "withholding",
                bool(record.get("withholding")),
                "a TEVKIFAT invoice carries no WithholdingTaxTotal",
            )
        )
    if kind in _EXEMPT_TYPES:
        for i, row in enumerate(record.get("kdv") or []):
            if Decimal(str(row.get("amount", "0"))) == 0:
                checks.append(
                    _check(
                        "exemption_code",
                        f"kdv.{i}.exemption_code",
                        bool(row.get("exemption_code")),
                        "an exempt KDV row carries no exemption code (TaxExemptionReasonCode)",
                    )
                )
    return checks
