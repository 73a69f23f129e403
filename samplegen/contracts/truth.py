"""Ground truth of a contract: the shared truth format plus its clauses and expected status.

``{"doc_type": "contract", "fields": {...}, "clauses": [...], "expect_status": "ok"}``.
Fields use ``docpipe.schemas.contract.Contract`` paths and JSON values (ISO dates, money as
"25000.00"); a field is listed only when the contract prints it. ``clauses`` lists every
numbered clause (number, heading as printed, section, first and last page).
``expect_status`` is ``needs_review`` for a contract made to disagree with itself.
"""

from __future__ import annotations

import json
from typing import Any

from samplegen.contracts.render import ClauseSpan
from samplegen.contracts.spec import ContractSpec, add_months
from samplegen.contracts.wording import Wording
from samplegen.truth import amount


def contract_truth(spec: ContractSpec, w: Wording, spans: list[ClauseSpan]) -> dict[str, Any]:
    f: dict[str, Any] = {
        "contract_type": spec.kind,
        "title": spec.title,
        "contract_date": spec.contract_date.isoformat(),
        "place": spec.place,
    }
    for i, p in enumerate(spec.parties):
        f[f"parties.{i}.role"] = p.role
        f[f"parties.{i}.kind"] = "person" if p.person else "company"
        f[f"parties.{i}.name"] = p.name
        for key in ("tckn", "vkn", "mersis"):
            if getattr(p, key):
                f[f"parties.{i}.{key}"] = getattr(p, key)
        f[f"parties.{i}.address"] = p.address
    f["start_date"] = spec.start_date.isoformat()
    if spec.end_date:
        f["end_date"] = spec.end_date.isoformat()
    if spec.term_months:
        f["term_months"] = spec.term_months
    f["amount"] = amount(spec.amount)
    f["currency"] = spec.currency
    f["amount_period"] = spec.amount_period
    f["amount_in_words"] = w.words(spec.amount_words)
    if spec.yearly_amount is not None:
        f["yearly_amount"] = amount(spec.yearly_amount)
    if spec.kdv_included is not None:
        f["kdv_included"] = spec.kdv_included
    if spec.payment_day:
        f["payment_day"] = spec.payment_day
    if spec.iban:
        f["iban"] = spec.iban
    if spec.deposit is not None:
        f["deposit"] = amount(spec.deposit)
    if spec.subject:
        f["subject"] = spec.subject
    if spec.property_address:
        f["property_address"] = spec.property_address
    if spec.notice_days:
        f["notice_period_days"] = spec.notice_days
    if spec.probation_months:
        f["probation_months"] = spec.probation_months
    if spec.penalty is not None:
        f["penalty_amount"] = amount(spec.penalty)
    f["governing_court"] = spec.court
    clauses = [
        {
            "number": str(s.number),
            "heading": s.heading,
            "section": s.section,
            "page_start": s.page_start,
            "page_end": s.page_end,
        }
        for s in spans
    ]
    review = spec.amount_words != int(spec.amount) or (
        spec.end_date is not None
        and spec.term_months is not None
        and spec.end_date != add_months(spec.start_date, spec.term_months)
    )
    return {
        "doc_type": "contract",
        "fields": f,
        "clauses": clauses,
        "expect_status": "needs_review" if review else "ok",
    }


def truth_bytes(truth: dict[str, Any]) -> bytes:
    return (json.dumps(truth, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
