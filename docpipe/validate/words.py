"""The amount in words against the amount(s) in figures: one check for every family.

Input: the words as printed and the figures they may stand for. Output: one ``Check``
(or none when there is nothing to compare). Reasons name fields, never values.
"""

from __future__ import annotations

from decimal import Decimal

from docpipe.result import Check
from docpipe.text.numwords import names_currency, names_fraction, words_to_number

DIFFERS = "the amount in words differs from the amount in figures"


def amount_in_words_check(
    words: str | None,
    figures: list[Decimal],
    *,
    unreadable: str | None = None,
    may_be_cut: bool = False,
) -> list[Check]:
    """Words that parse must equal one of ``figures``. Words that do not parse fail with
    ``unreadable`` as the reason, or are not judged when it is None. ``may_be_cut``:
    the words come off a printed line that may wrap (an invoice's "Yalnız …" note), so
    words that stop before their currency, or before their kuruş while the lira part
    matches, are a fragment and not judged."""
    if not words or not figures:
        return []
    spelled = words_to_number(words)
    if spelled is None:
        if unreadable is None:
            return []
        return [Check(name="amount_in_words", field="amount_in_words", passed=False,
                      reason=unreadable)]  # fmt: skip
    if may_be_cut and spelled not in figures and not names_currency(words):
        # "Yalnız KırkAltıBin" and no currency: a fragment cut at a wrap, not an amount
        return []
    if (
        may_be_cut
        and spelled not in figures
        and not names_fraction(words)
        and any(f != f.to_integral_value() and int(f) == spelled for f in figures)
    ):
        # the lira part matches and no kuruş were read: the words' kuruş line wrapped
        # out of reach (or was never printed); that is no evidence of another amount
        return []
    ok = spelled in figures
    return [
        Check(
            name="amount_in_words",
            field="amount_in_words",
            passed=ok,
            reason="" if ok else DIFFERS,
        )
    ]
