"""The karekod against the page: a second, deterministic reading of the key fields.

Input: the invoice record the engine read (JSON dict), its evidence, the read
``Document`` and the decoded ``Karekod``. Output: the record and evidence after
the karekod's say, and the checks it adds. Reported, never raised.

- The karekod is checked first on its own: VKN/TCKN check digits, UUID shape of
  the ETTN, ``hesaplanankdv(r) = kdvmatrah(r) × r``, ``vergidahil = matrah + KDV``
  and ``odenecek ≤ vergidahil``. A karekod failing any of them sends the record to
  ``needs_review`` (``karekod_consistent``) and changes nothing.
- A field both read the same: its confidence rises (two independent sources).
- A field only the karekod has: filled from it, evidence engine ``karekod``.
- A field read differently: the karekod wins when the page's reading is the weak
  one (it failed a check, or it came from OCR); the disagreement stays on record
  as a passed ``karekod_cross_check`` naming the field. When the page's reading
  is a clean text layer that passed its checks, the two consistent sources
  contradict each other: a failed ``karekod_cross_check``, ``needs_review``.

Some integrators print ``vergidahil`` net of the withholding on TEVKIFAT invoices
(``vergidahil = odenecek``); then the gross total and the withholding are not
taken from the karekod. Reasons name fields, never values.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from stdnum.tr import tckimlik, vkn

from docpipe.document import Document, Evidence
from docpipe.result import Check
from docpipe.schemas.invoice import Invoice
from docpipe.text.karekod import KarekodPayload
from docpipe.validate.invoice import check_invoice

if TYPE_CHECKING:
    from docpipe.text.karekod import Karekod

ENGINE = "karekod"
AGREED = 0.99  # confidence of a value two independent sources read the same
FILLED = 0.97  # a value only a self-consistent karekod carries
CENT = Decimal("0.01")
# withholding printed as a "rate" (percent of the KDV) -> the ratio written on invoices
MakeEvidence = Callable[[str, float], Evidence]
_RATIOS = {Decimal(n * 10): f"{n}/10" for n in range(1, 11)}


@dataclass
class KarekodOutcome:
    record: dict[str, Any]
    evidence: dict[str, Evidence]
    checks: list[Check] = field(default_factory=list)
    agreed: list[str] = field(default_factory=list)  # field paths both read the same
    taken: list[str] = field(default_factory=list)  # paths where the karekod's value won
    filled: list[str] = field(default_factory=list)  # paths only the karekod had


def _anonymous(identifier: str) -> bool:
    """GİB's stand-ins for a buyer without an id (11111111111, 2222222222)."""
    return len(set(identifier)) == 1


def _id_valid(identifier: str) -> bool:
    if len(identifier) == 10:
        return vkn.is_valid(identifier)
    return tckimlik.is_valid(identifier)


def self_checks(p: KarekodPayload, discount: Decimal | None = None) -> list[Check]:
    """The karekod's own consistency; a failure means the code itself cannot be trusted.
    ``discount``: the page's printed discount total; ``malhizmettoplam`` is the invoice's
    Mal Hizmet Toplam Tutarı, legal after the line discounts or before them (then the
    total is it less the discount plus KDV), and the payload carries no discount."""
    problems: list[tuple[str, str]] = []
    if p.seller_id is None or not _id_valid(p.seller_id):
        problems.append(("vkntckn", "seller VKN/TCKN missing or its check digits do not match"))
    if p.buyer_id and not _anonymous(p.buyer_id) and not _id_valid(p.buyer_id):
        problems.append(("avkntckn", "buyer VKN/TCKN check digits do not match"))
    if "ettn" in p.keys and p.ettn is None:
        problems.append(("ettn", "ETTN is not a UUID"))
    for entry in p.kdv:
        if entry.base is not None and entry.amount is not None:
            # KDV is rounded per line; the payload has no lines: a kuruş and 0.05 % of the base
            tolerance = entry.base * Decimal("0.0005") + CENT
            if abs(entry.base * entry.rate / 100 - entry.amount) > tolerance:
                problems.append((f"kdv({entry.rate})", "KDV does not match base × rate"))
    total, payable = p.total_with_taxes, p.payable_amount
    if total is not None and payable is not None and payable > total:
        problems.append(("odenecek", "payable exceeds the total"))
    kdv_total = p.kdv_total
    if total is not None and kdv_total is not None and not _net_total(p):
        sums = [s for s in (p.subtotal, _bases(p)) if s is not None]
        if discount and p.subtotal is not None:
            sums.append(p.subtotal - discount)
        if sums and not any(abs(s + kdv_total - total) <= CENT for s in sums):
            problems.append(("vergidahil", "goods total + KDV does not equal the total"))
    if not problems:
        return [Check(name="karekod_consistent", field="karekod", passed=True)]
    return [
        Check(name="karekod_consistent", field=f"karekod.{key}", passed=False, reason=reason)
        for key, reason in problems
    ]


def _bases(p: KarekodPayload) -> Decimal | None:
    bases = [k.base for k in p.kdv]
    if not bases or any(b is None for b in bases):
        return None
    return sum(bases, Decimal(0))  # type: ignore[arg-type]


def _net_total(p: KarekodPayload) -> bool:
    """A TEVKIFAT karekod whose vergidahil is already net of the withholding."""
    return (
        p.invoice_type == "TEVKIFAT"
        and p.total_with_taxes is not None
        and p.total_with_taxes == p.payable_amount
    )


def _values(p: KarekodPayload) -> dict[str, object]:
    """Record path → value the karekod states (JSON-mode strings, like the record)."""
    out: dict[str, object] = {}

    def put(path: str, value: object) -> None:
        if value is not None:
            out[path] = value

    put("ettn", p.ettn)
    put("invoice_number", p.invoice_number)
    put("issue_date", p.issue_date.isoformat() if p.issue_date else None)
    put("currency", p.currency)
    put("profile", p.profile)
    put("invoice_type", p.invoice_type)
    for who, identifier in (("seller", p.seller_id), ("buyer", p.buyer_id)):
        if identifier and not _anonymous(identifier):
            put(f"{who}.{'vkn' if len(identifier) == 10 else 'tckn'}", identifier)
    put("subtotal", p.subtotal)
    put("kdv_total", p.kdv_total)
    if not _net_total(p):
        put("total_with_taxes", p.total_with_taxes)
        put("withholding.amount", p.withholding)
        if p.withholding is not None and p.withholding_rate in _RATIOS:
            put("withholding.rate", _RATIOS[p.withholding_rate])  # type: ignore[index]
    put("payable_amount", p.payable_amount)
    return out


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        try:
            return Decimal(str(a)) == Decimal(str(b))
        except ArithmeticError:
            return False
    return str(a).strip().casefold() == str(b).strip().casefold()


def _get(record: dict[str, Any], path: str) -> object:
    node: Any = record
    for key in path.split("."):
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        elif isinstance(node, dict) and key in node:
            node = node[key]
        else:
            return None
    return node


def _set(record: dict[str, Any], path: str, value: object) -> None:
    keys = path.split(".")
    node: Any = record
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})
    node[keys[-1]] = str(value) if isinstance(value, Decimal) else value


def cross_check(
    record: dict[str, Any], evidence: dict[str, Evidence], doc: Document, karekod: Karekod
) -> KarekodOutcome:
    """Merge the karekod into ``record`` (a copy) as the module docstring says."""
    out = KarekodOutcome(copy.deepcopy(record), dict(evidence))
    discount = record.get("discount_total")
    own = self_checks(karekod.payload, Decimal(str(discount)) if discount is not None else None)
    out.checks += own
    if not all(c.passed for c in own):
        return out
    failed = {c.field for c in check_invoice(record) if not c.passed}
    failed |= {f"@ocr{p.number}" for p in doc.pages if p.text_source == "ocr"}
    page = next((p for p in doc.pages if p.number == karekod.page), None)
    same_frame = page is not None and (page.width, page.height) == karekod.frame
    box = karekod.bbox if same_frame else None

    def karekod_evidence(path: str, confidence: float) -> Evidence:
        return Evidence(
            page=karekod.page,
            bbox=box,
            source_text=f"karekod: {path}",
            engine=ENGINE,
            confidence=confidence,
        )

    stated = _values(karekod.payload)
    for path, value in stated.items():
        _merge(out, path, value, failed, karekod_evidence)
    _merge_kdv(out, karekod.payload, failed, karekod_evidence)
    if out.record.get("kind") in (None, "paper"):
        kind = "e-arsiv" if karekod.payload.profile == "EARSIVFATURA" else "e-fatura"
        _set(out.record, "kind", kind)
        out.evidence["kind"] = karekod_evidence("kind", FILLED)
        out.filled.append("kind")
    try:
        Invoice.model_validate(out.record)
    except ValidationError:  # a karekod value the schema refuses: keep the page's record
        return KarekodOutcome(
            record,
            evidence,
            [*own, Check(name="karekod_cross_check", field="karekod", passed=False,
                         reason="a karekod value does not fit the invoice schema")],
        )  # fmt: skip
    return out


def _weak(out: KarekodOutcome, path: str, failed: set[str]) -> bool:
    """Whether the page's reading of ``path`` is the one to distrust."""
    group = path.rsplit(".", 1)[0] if "." in path else path
    if path in failed or group in failed or any(f.startswith(f"{path}.") for f in failed):
        return True
    ev = out.evidence.get(path)
    return ev is None or f"@ocr{ev.page}" in failed  # no evidence, or read by OCR


def _merge(
    out: KarekodOutcome, path: str, value: object, failed: set[str], make: MakeEvidence
) -> None:
    read = _get(out.record, path)
    if read is None:
        _set(out.record, path, value)
        out.evidence[path] = make(path, FILLED)
        out.filled.append(path)
    elif _same(read, value):
        ev = out.evidence.get(path)
        if ev is not None:
            out.evidence[path] = ev.model_copy(update={"confidence": max(ev.confidence, AGREED)})
        out.agreed.append(path)
    elif _weak(out, path, failed):
        _set(out.record, path, value)
        out.evidence[path] = make(path, FILLED)
        out.taken.append(path)
        out.checks.append(
            Check(
                name="karekod_cross_check",
                field=path,
                passed=True,
                reason="the page reading differed; the karekod's value was taken",
            )
        )
    else:
        out.checks.append(
            Check(
                name="karekod_cross_check",
                field=path,
                passed=False,
                reason="the karekod and the printed page disagree",
            )
        )


def _merge_kdv(
    out: KarekodOutcome, p: KarekodPayload, failed: set[str], make: MakeEvidence
) -> None:
    entries = out.record.setdefault("kdv", [])
    for at_rate in p.kdv:
        index = next((i for i, e in enumerate(entries) if _same(e.get("rate"), at_rate.rate)), None)
        if index is None:
            if at_rate.amount is None:
                continue
            entries.append({"rate": str(at_rate.rate)})
            index = len(entries) - 1
            out.evidence[f"kdv.{index}.rate"] = make(f"kdv.{index}.rate", FILLED)
            out.filled.append(f"kdv.{index}.rate")
        for key, value in (("base", at_rate.base), ("amount", at_rate.amount)):
            if value is not None:
                _merge(out, f"kdv.{index}.{key}", value, failed, make)
    if not entries:
        out.record.pop("kdv")
        return
    # rates the karekod added went to the end: put every rate in ascending order, as printed
    order = sorted(range(len(entries)), key=lambda i: Decimal(str(entries[i].get("rate", 0))))
    if order != list(range(len(entries))):
        out.record["kdv"] = [entries[i] for i in order]
        moved = {f"kdv.{old}.": f"kdv.{new}." for new, old in enumerate(order)}
        out.evidence = {_renumber(k, moved): v for k, v in out.evidence.items()}
        for names in (out.agreed, out.taken, out.filled):
            names[:] = [_renumber(k, moved) for k in names]
        for check in out.checks:
            check.field = _renumber(check.field, moved)


def _renumber(path: str, moved: dict[str, str]) -> str:
    for old, new in moved.items():
        if path.startswith(old):
            return new + path[len(old) :]
    return path
