"""Row alignment of a line-item table, checked by arithmetic.

The table reader cuts rows by vertical gaps; a cell that wraps or is centred in a
tall row ("40,1" over "Kg", an amount over its "TL") can put one row's numbers on
two text lines, which then look like two rows. Reading them by position would
shift every later row. Here neighbouring fragments are joined when together they
make one row: their numeric cells do not overlap and, where quantity, price and
amount are all present together (and not in either part alone), quantity × price − discount
agrees with the amount, or, where it cannot be checked, the fragment is too small
to be a row of its own and only one of them has a description. A part without a line
amount of its own joins the part with one even when the arithmetic fails: a wrongly
printed amount is the validator's to flag, not a reason for two half rows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol, TypeVar

from docpipe.document import Word
from docpipe.extract.rules.cells import first_amount, first_number, is_number
from docpipe.text.numbers import product_tolerance

#: The number columns a row's arithmetic reads (``table.NUMERIC`` adds the rest).
ROW_NUMBERS = (
    "quantity",
    "unit_price",
    "discount",
    "discount_rate",
    "kdv_rate",
    "kdv_amount",
    "amount",
    "gross",
)


class HasCells(Protocol):
    cells: dict[str, list[Word]]


def numeric_fields(cells: dict[str, list[Word]]) -> set[str]:
    """The row fields whose cells hold a number."""
    return {f for f in ROW_NUMBERS if any(is_number(w.text) for w in cells.get(f, ()))}


def _value(cells: dict[str, list[Word]], name: str) -> Decimal | None:
    words = cells.get(name)
    if not words:
        return None
    if name in ("unit_price", "discount", "amount"):
        readings = first_amount(words)
        return readings[0] if readings else None
    return first_number(words)[0]


def row_holds(cells: dict[str, list[Word]]) -> bool | None:
    """Whether quantity × unit price − discount = amount (None: not all printed).

    The printed unit price and quantity may be rounded (``product_tolerance``).
    """
    qty, price, amount = (_value(cells, n) for n in ("quantity", "unit_price", "amount"))
    if qty is None or price is None or amount is None:
        return None
    discount = _value(cells, "discount") or Decimal(0)
    tolerance = product_tolerance(qty, price)
    if abs(qty * price - discount - amount) <= tolerance:
        return True
    rate = _value(cells, "discount_rate")
    if rate is not None and 0 < rate < 100:  # only the rate printed: discount from it
        return abs(qty * price * (1 - rate / 100) - amount) <= tolerance
    return False


def _merged(a: dict[str, list[Word]], b: dict[str, list[Word]]) -> dict[str, list[Word]]:
    out = {k: list(v) for k, v in a.items()}
    for k, v in b.items():
        out.setdefault(k, []).extend(v)
    return out


def _joinable(a: dict[str, list[Word]], b: dict[str, list[Word]]) -> bool:
    na, nb = numeric_fields(a), numeric_fields(b)
    if not na or not nb or na & nb:
        return False
    holds = row_holds(_merged(a, b))
    if holds is not None:  # quantity, price and amount are all there once joined
        # the arithmetic tells a row from a fragment beside a whole row; when it fails,
        # the parts (their numbers disjoint, so only one holds the amount) are still one
        # row: a wrongly printed amount is the amount check's to flag, not two half rows
        return not holds or (row_holds(a) is not True and row_holds(b) is not True)
    if a.get("description") and b.get("description"):
        return False  # without arithmetic, two described rows are two rows
    small = min(len(na), len(nb))
    return small <= 2  # a lone number or two cannot be a row by themselves


T = TypeVar("T", bound=HasCells)


def join_split_rows(items: list[T]) -> list[T]:
    """Join neighbouring row fragments that are one row (see module docstring)."""
    out: list[T] = []
    for item in items:
        if out and _joinable(out[-1].cells, item.cells):
            out[-1].cells = _merged(out[-1].cells, item.cells)
        else:
            out.append(item)
    return out
