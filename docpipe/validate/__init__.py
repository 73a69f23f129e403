"""Validation: checks over a record, reported, never raised.

Input: the document type, the record as JSON-mode dict, and the fields the
schema rejected during extraction. Output: a list of ``Check``; any failed
check makes the result ``needs_review``. Reasons never contain values.
"""

from __future__ import annotations

from docpipe.result import Check
from docpipe.validate.contract import check_contract
from docpipe.validate.identity import check_identity, split_cross_checks
from docpipe.validate.invoice import check_invoice


def validate_record(doc_type: str, record: dict, rejected: dict[str, str]) -> list[Check]:
    cross: dict[str, str] = {}
    if doc_type in ("id_card", "passport"):
        rejected, cross = split_cross_checks(rejected)
    checks = [
        Check(name="schema", field=path, passed=False, reason=f"value rejected: {reason}")
        for path, reason in rejected.items()
    ]
    if doc_type == "invoice":
        checks += check_invoice(record)
    elif doc_type in ("id_card", "passport"):
        checks += check_identity(record, cross)
    elif doc_type == "contract":
        checks += check_contract(record)
    return checks


__all__ = ["validate_record"]
