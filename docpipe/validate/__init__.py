"""Validation: checks over a record, reported, never raised.

Input: the document type, the record as JSON-mode dict, and the fields the
schema rejected during extraction. Output: a list of ``Check``; any failed
check makes the result ``needs_review``. Reasons never contain values.

Each family (``docpipe.families``) has one validator in ``VALIDATORS``: it gets
the record and the rejections and returns the rejections that are schema
rejections (an extractor may report its own disagreements there, e.g. printed
vs MRZ, which its validator turns into checks) and its own checks.
"""

from __future__ import annotations

from collections.abc import Callable

from docpipe.families import family_of
from docpipe.result import Check
from docpipe.validate.contract import check_contract, split_words_checks
from docpipe.validate.identity import check_identity, split_cross_checks
from docpipe.validate.invoice import check_invoice

Validator = Callable[[dict, dict[str, str]], tuple[dict[str, str], list[Check]]]


def _contract(record: dict, rejected: dict[str, str]) -> tuple[dict[str, str], list[Check]]:
    rejected, words = split_words_checks(rejected)
    return rejected, check_contract(record) + words


def _identity(record: dict, rejected: dict[str, str]) -> tuple[dict[str, str], list[Check]]:
    rejected, cross = split_cross_checks(rejected)
    return rejected, check_identity(record, cross)


#: family name -> validator
VALIDATORS: dict[str, Validator] = {
    "invoice": lambda record, rejected: (rejected, check_invoice(record)),
    "identity": _identity,
    "contract": _contract,
}


def validate_record(doc_type: str, record: dict, rejected: dict[str, str]) -> list[Check]:
    family = family_of(doc_type)
    own: list[Check] = []
    if family is not None and family.name in VALIDATORS:
        rejected, own = VALIDATORS[family.name](record, rejected)
    checks = [
        Check(name="schema", field=path, passed=False, reason=f"value rejected: {reason}")
        for path, reason in rejected.items()
    ]
    return checks + own


__all__ = ["VALIDATORS", "validate_record"]
