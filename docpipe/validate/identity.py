"""Checks over an identity record: TCKN checksum, MRZ check digits, MRZ vs printed.

Input: the record (JSON-mode dict) and the extractor's cross-check
disagreements (path -> reason). Output: ``Check`` list; reasons carry field
names only, never a value (identity fields are personal data).
"""

from __future__ import annotations

from docpipe.result import Check
from docpipe.validate.identifiers import tckn_check
from docpipe.validate.mrz import parse_mrz

CROSS_CHECK_REASON = "printed value differs from the MRZ"


def split_cross_checks(rejected: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(schema rejections, MRZ cross-check disagreements)."""
    cross = {p: r for p, r in rejected.items() if r == CROSS_CHECK_REASON}
    return {p: r for p, r in rejected.items() if p not in cross}, cross


def check_identity(record: dict, cross: dict[str, str]) -> list[Check]:
    checks: list[Check] = []
    if record.get("tckn"):
        checks.append(tckn_check("tckn", record["tckn"]))
    lines = record.get("mrz_lines") or []
    if lines:
        mrz = parse_mrz(lines)
        if mrz is None:
            checks.append(
                Check(
                    name="mrz_format",
                    field="mrz_lines",
                    passed=False,
                    reason="MRZ is neither TD1 (3 × 30) nor TD3 (2 × 44)",
                )
            )
        else:
            for name, passed in mrz.checks.items():
                checks.append(
                    Check(
                        name="mrz_check_digit",
                        field=f"mrz_lines.{name}",
                        passed=passed,
                        reason="" if passed else f"MRZ check digit for {name} does not match",
                    )
                )
    for path in sorted(cross):
        checks.append(
            Check(
                name="mrz_cross_check",
                field=path,
                passed=False,
                reason=f"printed {path} differs from the MRZ; the MRZ value was kept"
                if path not in ("surname", "given_names")
                else f"printed {path} differs from the MRZ name",
            )
        )
    if not record.get("tckn") and not record.get("document_number"):
        checks.append(
            Check(
                name="identity_number",
                field="tckn",
                passed=False,
                reason="neither a T.C. kimlik no nor a document number was found",
            )
        )
    return checks
