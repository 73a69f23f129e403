"""Invoice rules on a foreign-currency invoice's totals box (issue 13): the totals printed
in the invoice's currency, then restated in Turkish lira for the tax office ("Hesaplanan
KDV(%20) (TL)", "Ödenecek Tutar(TL)"), found on a tune design that also names the KDV
"Hesaplanan Gerçek Usülde KDV (%20)". Randomised tests draw a
fresh seed every run (``DOCPIPE_TEST_SEED`` replays one)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from docpipe.extract.rules.totals import totals_fields
from docpipe.text.layout import page_lines
from tests.conftest import fresh_seed
from tests.text_pages import text_page
from tests.text_pages import tr_amount as _tr

FRESH = fresh_seed(__name__)
CENT = Decimal("0.01")


@pytest.mark.parametrize("offset", range(4))
@pytest.mark.parametrize("tl_first", [False, True])
def test_tl_equivalents_of_a_foreign_invoices_totals_are_not_its_totals(
    offset: int, tl_first: bool
) -> None:
    rng = random.Random(f"{FRESH}/tl-equivalents/{offset}")
    currency = rng.choice(("USD", "EUR"))
    rate = Decimal(rng.randint(300000, 380000)) / 10000
    rates = sorted(rng.sample((1, 10, 20), rng.randint(1, 2)))
    bases = {r: Decimal(rng.randint(10000, 2000000)) / 100 for r in rates}
    kdv = {r: (bases[r] * r / 100).quantize(CENT) for r in rates}
    subtotal = sum(bases.values(), Decimal(0))
    total = subtotal + sum(kdv.values(), Decimal(0))
    own = [("Mal Hizmet Toplam Tutarı", subtotal)]
    # GİB's name of the KDV scheme, shortened as one tune design prints it
    named = rng.choice(("Hesaplanan KDV", "Hesaplanan Gerçek Usülde KDV"))
    own += [(f"{named} (%{r})", kdv[r]) for r in rates]
    own += [("Vergiler Dahil Toplam Tutar", total), ("Ödenecek Tutar", total)]
    in_tl = [(f"Hesaplanan KDV(%{r}) (TL)", (kdv[r] * rate).quantize(CENT)) for r in rates]
    in_tl += [
        ("Mal Hizmet Toplam Tutarı(TL)", (subtotal * rate).quantize(CENT)),
        ("Vergiler Dahil Toplam Tutar(TL)", (total * rate).quantize(CENT)),
        ("Ödenecek Tutar(TL)", (total * rate).quantize(CENT)),
    ]
    blocks = [(in_tl, "TL"), (own, currency)] if tl_first else [(own, currency), (in_tl, "TL")]
    cells, y = [], 600.0
    for rows, mark in blocks:
        for label, value in rows:
            cells += [(300, y, label), (480, y, f"{_tr(value)} {mark}")]
            y += 14
    found = totals_fields(page_lines(text_page(cells)), None)
    assert found["subtotal"].value == subtotal
    assert found["total_with_taxes"].value == total
    assert found["payable_amount"].value == total
    assert found["kdv_total"].value == sum(kdv.values(), Decimal(0))
    for i, r in enumerate(rates):
        assert found[f"kdv.{i}.rate"].value == r
        assert found[f"kdv.{i}.amount"].value == kdv[r]


def test_a_lira_invoice_labelled_in_tl_keeps_its_totals() -> None:
    """A TRY invoice whose labels name TL ("Genel Toplam (TL)") keeps every total."""
    cells = [
        (300, 600, "Mal Hizmet Toplam Tutarı (TL)"), (480, 600, "1.000,00 TL"),
        (300, 614, "Hesaplanan KDV (%20) (TL)"), (480, 614, "200,00 TL"),
        (300, 628, "Genel Toplam (TL)"), (480, 628, "1.200,00 TL"),
    ]  # fmt: skip
    found = totals_fields(page_lines(text_page(cells)), None)
    assert found["subtotal"].value == Decimal("1000.00")
    assert found["kdv.0.amount"].value == Decimal("200.00")
    assert found["total_with_taxes"].value == Decimal("1200.00")


def test_a_total_printed_in_tl_only_is_kept() -> None:
    """A foreign-currency invoice whose payable amount is printed in TL only: no total in
    the invoice's currency restates it, so it is read."""
    cells = [
        (300, 600, "Mal Hizmet Toplam Tutarı"), (480, 600, "1.000,00 USD"),
        (300, 614, "Hesaplanan KDV (%20)"), (480, 614, "200,00 USD"),
        (300, 628, "Vergiler Dahil Toplam Tutar"), (480, 628, "1.200,00 USD"),
        (300, 642, "Ödenecek Tutar (TL)"), (480, 642, "38.400,00 TL"),
    ]  # fmt: skip
    found = totals_fields(page_lines(text_page(cells)), None)
    assert found["total_with_taxes"].value == Decimal("1200.00")
    assert found["payable_amount"].value == Decimal("38400.00")
