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

The other way round, a figure can land in the wrong row: a number wrapped in a narrow
cell that the table centres vertically in a tall row ("2.01" over "2,00 TL") starts
above the row's other cells, so the row cut leaves its first line at the bottom of the
row before. On OCR-read rows such a straddling figure is moved across the cut when that
makes the arithmetic of the two rows hold where it did not (``move_straddling_figures``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Protocol, TypeVar

from docpipe.document import Word
from docpipe.extract.rules.cells import first_amount, first_number, is_number, ocr_read
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


#: The cells whose figures may straddle a row cut: the money columns a narrow cell wraps.
_STRADDLING = ("kdv_amount", "amount", "unit_price", "discount", "gross")
#: a line's KDV amount against amount × rate: a kuruş of rounding each way
KDV_SLACK = Decimal("0.02")


def _kdv_holds(cells: dict[str, list[Word]]) -> bool | None:
    """Whether amount × KDV rate = the line's KDV amount (None: not all printed)."""
    amount, kdv = _value(cells, "amount"), _value(cells, "kdv_amount")
    rate = _value(cells, "kdv_rate")
    if amount is None or kdv is None or rate is None or not 0 < abs(rate) < 100:
        return None
    return abs(amount * abs(rate) / 100 - kdv) <= KDV_SLACK


def _holding(cells: dict[str, list[Word]], glue: Callable[[list[Word]], list[Word]]) -> int:
    glued = {name: glue(words) for name, words in cells.items() if name != "description"}
    return sum(check(glued) is True for check in (row_holds, _kdv_holds))


def move_straddling_figures(items: list[T], glue: Callable[[list[Word]], list[Word]]) -> list[T]:
    """Move a figure across the cut between two OCR-read rows where that makes more of
    their arithmetic hold (module docstring). ``glue`` joins a number wrapped inside a
    cell (the table's own reading of a cell), so that "2.01" over "2,00" counts as
    2.012,00. Text-layer rows are left alone: their cells are cut exactly."""
    for a, b in itertools.pairwise(items):
        words = [w for cells in (a.cells, b.cells) for ws in cells.values() for w in ws]
        if not ocr_read(words):
            continue
        for name in _STRADDLING:
            upper, lower = a.cells.get(name, []), b.cells.get(name, [])
            figures = [w for w in upper if any(ch.isdigit() for ch in w.text)]
            if len(figures) < 2 and not lower:
                continue
            before = _holding(a.cells, glue) + _holding(b.cells, glue)
            tries = []
            if len(figures) >= 2:  # the lowest figure of the upper row goes down
                last = max(figures, key=lambda w: w.y0)
                tries.append(([w for w in upper if w is not last], [last, *lower]))
            lower_figures = [w for w in lower if any(ch.isdigit() for ch in w.text)]
            if len(lower_figures) >= 2:  # the highest figure of the lower row goes up
                first = min(lower_figures, key=lambda w: w.y0)
                tries.append(([*upper, first], [w for w in lower if w is not first]))
            for new_upper, new_lower in tries:
                moved_a = {**a.cells, name: new_upper}
                moved_b = {**b.cells, name: new_lower}
                if _holding(moved_a, glue) + _holding(moved_b, glue) > before:
                    a.cells, b.cells = moved_a, moved_b
                    break
    return items
