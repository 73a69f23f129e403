"""Planted faults: invoices with one wrong value, for the checks to catch (issue 13).

Each kind changes the spec the way a real slip would, keeping every other printed
value consistent with the wrong one, so that exactly one relation breaks:

- ``transposed_total``: two neighbouring digits of the total swapped (a typing slip);
  the payable amount and the amount in words keep the right figure;
- ``wrong_kdv``: the first KDV rate's amount computed at another rate, the KDV total,
  total and payable following it (the lines keep their own KDV);
- ``wrong_line_amount``: the first line's amount is not quantity × price − discount;
  its KDV, the rate's base and amount, subtotal, totals and payable follow it;
- ``wrong_vkn``: the seller's VKN (or TCKN) with another check digit;
- ``words_disagree``: the amount in words says another amount than the figures.

A fault counts as caught for the right reason when docpipe fails the check named in
``EXPECT`` on the field named there (and, where given, says the word there).
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass
from decimal import Decimal

from samplegen.invoice_spec import InvoiceSpec, KdvSpec
from samplegen.words import random_amount_in_words

CENT = Decimal("0.01")
KDV_RATES = (Decimal(1), Decimal(10), Decimal(20))


@dataclass(frozen=True)
class Expect:
    """The failed check that names a fault: its name, a field prefix, a word of its reason."""

    checks: tuple[str, ...]
    field: str
    says: str = ""
    printed: tuple[str, ...] = ()  # truth fields the page must show for the fault to be seen

    def as_truth(self, kind: str) -> dict[str, object]:
        return {"kind": kind, "checks": list(self.checks), "field": self.field, "says": self.says}


EXPECT: dict[str, Expect] = {
    "transposed_total": Expect(("total",), "total_with_taxes", "transposed",
                               ("total_with_taxes", "subtotal")),
    "wrong_kdv": Expect(("kdv_amount",), "kdv.", "", ("kdv.0.amount",)),
    "wrong_line_amount": Expect(("line_amount",), "line_items.0.amount", "",
                                ("line_items.0.amount", "line_items.0.quantity",
                                 "line_items.0.unit_price")),
    "wrong_vkn": Expect(("vkn_checksum", "tckn_checksum"), "seller.", "", ()),
    "words_disagree": Expect(("amount_in_words",), "amount_in_words", "", ("amount_in_words",)),
}  # fmt: skip
KINDS = tuple(EXPECT)


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def transposed(value: Decimal) -> Decimal | None:
    """``value`` with its first pair of different neighbouring digits swapped; None if none.
    A swap that would put a 0 first drops a digit: that is not a transposition."""
    digits = format(value, "f")
    for k in range(len(digits) - 1):
        a, b = digits[k], digits[k + 1]
        if a.isdigit() and b.isdigit() and a != b and not (k == 0 and b == "0"):
            return Decimal(digits[:k] + b + a + digits[k + 2 :])
    return None


def _words(spec: InvoiceSpec, rng: random.Random, amount: Decimal) -> str | None:
    return random_amount_in_words(rng, amount, spec.currency) if spec.amount_in_words else None


def _shift_totals(spec: InvoiceSpec, rng: random.Random, delta: Decimal) -> dict[str, object]:
    payable = spec.payable_amount + delta
    return {
        "total_with_taxes": spec.total_with_taxes + delta,
        "payable_amount": payable,
        "amount_in_words": _words(spec, rng, payable),
    }


def plant(
    spec: InvoiceSpec, kind: str, rng: random.Random, *, attack: bool = False
) -> InvoiceSpec | None:
    """``spec`` with the fault ``kind`` planted; None when this spec cannot carry it.
    ``attack``: the spec was drawn with it, so disagreeing words come in its wordings too."""
    if kind == "transposed_total":
        total = transposed(spec.total_with_taxes)
        return dataclasses.replace(spec, total_with_taxes=total) if total else None
    if kind == "wrong_kdv":
        if not spec.kdv:
            return None
        first = spec.kdv[0]
        others = [r for r in KDV_RATES if r != first.rate]
        amount = _q(first.base * rng.choice(others) / 100)
        delta = amount - first.amount
        if abs(delta) < 1:
            return None
        kdv = (dataclasses.replace(first, amount=amount), *spec.kdv[1:])
        return dataclasses.replace(
            spec, kdv=kdv, kdv_total=spec.kdv_total + delta, **_shift_totals(spec, rng, delta)
        )
    if kind == "wrong_line_amount":
        line = spec.lines[0]
        delta = _q(max(line.amount * Decimal(rng.choice((5, 10, 25))) / 100, Decimal(1)))
        amount = line.amount + delta
        wrong = dataclasses.replace(
            line, amount=amount, kdv_amount=_q(amount * line.kdv_rate / 100)
        )
        kdv = tuple(
            KdvSpec(k.rate, k.base + delta, _q((k.base + delta) * k.rate / 100))
            if k.rate == line.kdv_rate
            else k
            for k in spec.kdv
        )
        kdv_delta = sum((k.amount for k in kdv), Decimal(0)) - spec.kdv_total
        return dataclasses.replace(
            spec,
            lines=(wrong, *spec.lines[1:]),
            kdv=kdv,
            subtotal=spec.subtotal + delta,
            kdv_total=spec.kdv_total + kdv_delta,
            **_shift_totals(spec, rng, delta + kdv_delta),
        )
    if kind == "wrong_vkn":
        key = "vkn" if spec.seller.vkn else "tckn"
        value = getattr(spec.seller, key)
        if not value:
            return None
        bad = value[:-1] + str((int(value[-1]) + rng.randrange(1, 10)) % 10)
        return dataclasses.replace(spec, seller=dataclasses.replace(spec.seller, **{key: bad}))
    if kind == "words_disagree":
        other = spec.payable_amount + Decimal(100 * rng.randrange(1, 10))
        return dataclasses.replace(
            spec,
            amount_in_words=random_amount_in_words(rng, other, spec.currency, attack=attack),
        )
    raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(KINDS)}")


def seen(truth: dict[str, object], kind: str) -> bool:
    """Whether the printed page shows what the fault needs to be seen (its truth fields)."""
    fields = truth["fields"]
    assert isinstance(fields, dict)
    need = EXPECT[kind].printed or (("seller.vkn",) if "seller.vkn" in fields else ("seller.tckn",))
    return all(k in fields for k in need)


def caught(kind: str, failed: list[tuple[str, str, str]], status: str) -> str:
    """``right`` / ``other`` / ``missed`` for a fault of ``kind`` given the failed checks
    (name, field, reason) and the record's status."""
    expect = EXPECT[kind]
    if any(
        name in expect.checks and field.startswith(expect.field) and expect.says in reason
        for name, field, reason in failed
    ):
        return "right"
    return "other" if status != "ok" else "missed"
