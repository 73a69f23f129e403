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

from samplegen.casing import tr_lower
from samplegen.contracts.prose import SPECIAL_HEADINGS, amount_text
from samplegen.contracts.render import ClauseSpan
from samplegen.contracts.spec import KINDS, ContractSpec, add_months
from samplegen.contracts.wording import Wording
from samplegen.truth import amount

SPECIAL = {tr_lower(h) for h in SPECIAL_HEADINGS}
# generator kind -> schema contract type
CONTRACT_TYPES = {k: k for k in (*KINDS, "sale")} | {"nda": "confidentiality", "agency": "mandate"}


def contract_truth(spec: ContractSpec, w: Wording, spans: list[ClauseSpan]) -> dict[str, Any]:
    f: dict[str, Any] = {
        "contract_type": CONTRACT_TYPES.get(spec.kind, "other"),
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
        # an employer's SGK workplace number: every classic layout prints it, others say so
        if p.sgk and (spec.style == "classic" or f"parties.{i}.sgk_workplace_no" in w.printed):
            f[f"parties.{i}.sgk_workplace_no"] = p.sgk.replace(" ", "")
    if spec.kind != "sale":  # a sale has no term: it is signed, paid and handed over
        f["start_date"] = spec.start_date.isoformat()
    if spec.end_date:
        f["end_date"] = spec.end_date.isoformat()
    if spec.term_months:
        f["term_months"] = spec.term_months
    f["amount"] = amount(spec.amount)
    f["currency"] = spec.currency
    f["amount_period"] = spec.amount_period
    if spec.style == "classic":
        f["amount_in_words"] = w.words(spec.amount_words)
    else:
        f["amount_in_words"] = amount_text(w, spec.words_form, spec.amount, spec.amount_words)[1]
        _prose_truth(f, spec, w)
    if spec.yearly_amount is not None:
        f["yearly_amount"] = amount(spec.yearly_amount)
    elif "yearly_amount" in w.printed:  # a wording that names the year's rent beside it
        f["yearly_amount"] = amount(spec.amount * 12)
    if spec.kdv_included is not None:
        f["kdv_included"] = spec.kdv_included
    if spec.payment_day:
        f["payment_day"] = spec.payment_day
    if spec.payment_rule and "payment_day_rule" in w.printed:
        f["payment_day_rule"] = spec.payment_rule
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
            # a health/disability clause's heading is special-category data: never stored
            "heading": None if tr_lower(s.heading) in SPECIAL else s.heading,
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


def _prose_truth(f: dict[str, Any], spec: ContractSpec, w: Wording) -> None:
    """The fields only the prose styles print (``samplegen.contracts.variation``)."""
    for i, p in enumerate(spec.parties):
        path = f"parties.{i}"
        if p.passport:
            f[f"{path}.passport_no"] = p.passport
        if p.birth_date:
            f[f"{path}.birth_date"] = p.birth_date.isoformat()
            f[f"{path}.birth_place"] = p.birth_place
        if p.sgk_no:
            f[f"{path}.sgk_no"] = p.sgk_no
        if not p.person and p.tax_office:
            f[f"{path}.tax_office"] = p.tax_office
        for k, r in enumerate(p.representatives):
            f[f"{path}.representatives.{k}.name"] = r.name
            f[f"{path}.representatives.{k}.title"] = r.title
            if r.tckn:
                f[f"{path}.representatives.{k}.tckn"] = r.tckn
    if spec.guarantor is not None:
        g = spec.guarantor
        f["guarantors.0.name"] = g.name
        f["guarantors.0.tckn"] = g.tckn
        f["guarantors.0.address"] = g.address
    if spec.kind.startswith("employment"):
        f["job_title"] = spec.subject
        f["special_categories.health"] = spec.special_clause == "health"
        f["special_categories.disability"] = spec.special_clause == "disability"
        # a worker block that copies the identity card's lines
        if spec.style in ("general_a", "general_d"):
            for key in ("religion", "blood_group"):
                f[f"special_categories.{key}"] = f"special_categories.{key}" in w.printed
    if spec.kdv_rate is not None:
        f["kdv_rate"] = str(spec.kdv_rate)


def truth_bytes(truth: dict[str, Any]) -> bytes:
    return (json.dumps(truth, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
