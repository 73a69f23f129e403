"""Checks over a contract record: money in figures vs in words, dates vs term (the end after
the start and after the signing, and start + term = end), yearly vs monthly, identifier
checksums (parties, their representatives, guarantors), and parties without an identifier
(a passport number identifies a foreign person).

The amount in words is compared as a number (``docpipe.text.numwords``), so every printed
form agrees with its figures: "(Yirmibeşbin Türk Lirası)", "(yüzbin türk lirası)",
"(YalnızOnBinTL)", "#10.000,00# TL (OnBinTürkLirası)", words before the figures.

Input: the record as a JSON-mode dict. Output: ``Check`` list; reasons name fields,
never values (parties' names, TCKNs and addresses are personal data).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from docpipe.result import Check
from docpipe.validate.identifiers import iban_check, party_checks
from docpipe.validate.words import amount_in_words_check

# an end date this many days away from start + term still counts (month-end conventions)
TERM_TOLERANCE_DAYS = 3


def add_months(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    day = min(start.day, calendar.monthrange(start.year + year, month + 1)[1])
    return date(start.year + year, month + 1, day)


def _decimal(value: object) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def amount_words_check(record: dict) -> list[Check]:
    amount = _decimal(record.get("amount"))
    return amount_in_words_check(
        record.get("amount_in_words"),
        [amount] if amount is not None else [],
        unreadable="the amount in words could not be read as a number",
    )


def term_check(record: dict) -> list[Check]:
    start, end = _date(record.get("start_date")), _date(record.get("end_date"))
    months = record.get("term_months")
    checks: list[Check] = []
    if start and end and end <= start:
        checks.append(Check(name="term_dates", field="end_date", passed=False,
                            reason="the end date is not after the start date"))  # fmt: skip
        return checks
    signed = _date(record.get("contract_date"))
    if signed and end and end <= signed:
        checks.append(Check(name="term_dates", field="end_date", passed=False,
                            reason="the end date is not after the signing date"))  # fmt: skip
        return checks
    if start and end and isinstance(months, int) and months > 0:
        # "12 months from 1 March" ends on 28/29 February or on 1 March: both are written
        expected = add_months(start, months)
        off = min(abs((end - expected).days), abs((end - (expected - timedelta(days=1))).days))
        ok = off <= TERM_TOLERANCE_DAYS
        checks.append(
            Check(
                name="term_dates",
                field="end_date",
                passed=ok,
                reason="" if ok else "the end date does not match the start date plus the term",
            )
        )
    return checks


def yearly_check(record: dict) -> list[Check]:
    amount, yearly = _decimal(record.get("amount")), _decimal(record.get("yearly_amount"))
    if amount is None or yearly is None or record.get("amount_period") != "monthly":
        return []
    ok = abs(amount * 12 - yearly) <= Decimal("0.05")
    return [
        Check(
            name="yearly_amount",
            field="yearly_amount",
            passed=ok,
            reason="" if ok else "the yearly amount is not twelve times the monthly amount",
        )
    ]


#: the reason the contract reader reports a sum whose words read as another number with
#: (``docpipe.extract.rules.contract_money.WORDS_DIFFER``)
WORDS_DIFFER_REASON = "the amount in words differs from the amount in figures"


def split_words_checks(rejected: dict[str, str]) -> tuple[dict[str, str], list[Check]]:
    """(schema rejections, a failed check for every other sum whose words disagree)."""
    differ = [p for p, r in rejected.items() if r == WORDS_DIFFER_REASON]
    checks = [
        Check(name="amount_in_words", field=path, passed=False,
              reason=f"the words printed beside {path} differ from its figures")
        for path in differ
    ]  # fmt: skip
    return {p: r for p, r in rejected.items() if p not in differ}, checks


def check_contract(record: dict) -> list[Check]:
    checks = amount_words_check(record) + term_check(record) + yearly_check(record)
    parties = record.get("parties") or []
    if len(parties) < 2:
        checks.append(Check(name="parties", field="parties", passed=False,
                            reason="fewer than two parties were found"))  # fmt: skip
    for i, party in enumerate(parties):
        # a foreign person is identified by a passport number instead of a TCKN
        checks += party_checks(f"parties.{i}", party, required=not party.get("passport_no"))
        for k, rep in enumerate(party.get("representatives") or []):
            checks += party_checks(f"parties.{i}.representatives.{k}", rep, required=False)
    for i, guarantor in enumerate(record.get("guarantors") or []):
        checks += party_checks(f"guarantors.{i}", guarantor, required=False)
    if record.get("iban"):
        checks.append(iban_check("iban", record["iban"]))
    return checks
