"""The sender's ways of filling the UBL tax summary (issue 16): ``restyle_taxes`` changes
how ``Percent`` and the schemes' names are written, never an amount, and the UBL engine
reads the twin the same (a ``Percent`` left out is the rate its amounts give). Randomised
tests draw a fresh seed every run (``DOCPIPE_TEST_SEED`` replays one)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from docpipe.evaluate import flatten
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from samplegen.invoice_spec import random_invoice_spec
from samplegen.ubl import NS_CAC, NS_CBC, TaxPrint, draw_tax_print, invoice_xml, restyle_taxes
from tests.conftest import fresh_seed

FRESH = fresh_seed(__name__)


def _amounts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    return [
        el.text or "" for el in root.iter(f"{{{NS_CBC}}}TaxAmount", f"{{{NS_CBC}}}TaxableAmount")
    ]


@pytest.mark.parametrize("offset", range(6))
def test_restyled_taxes_keep_every_amount(offset: int) -> None:
    rng = random.Random(f"{FRESH}/restyle/{offset}")
    spec = random_invoice_spec(rng, kind="e-fatura", withholding=rng.random() < 0.5)
    style = TaxPrint(
        percent=rng.choice(("2dp", "4dp", "none")),
        kdv_name=rng.choice(("KDV GERCEK", "GERÇEK USULDE KATMA DEĞER VERGİSİ")),
        withholding_percent=rng.choice(("2dp", "none")),
        withholding_name="KDV TEVKİFAT",
    )
    plain = invoice_xml(spec)
    styled = restyle_taxes(plain, style)
    assert _amounts(styled) == _amounts(plain)
    root = etree.fromstring(styled)
    top = root.findall(f"{{{NS_CAC}}}TaxTotal/{{{NS_CAC}}}TaxSubtotal")
    percents = [s.findtext(f"{{{NS_CBC}}}Percent") for s in top]
    if style.percent == "none":
        assert percents == [None] * len(top)
    else:
        places = 2 if style.percent == "2dp" else 4
        assert all(p is not None and len(p.split(".")[1]) == places for p in percents)
    names = root.iter(f"{{{NS_CAC}}}TaxScheme")
    assert style.kdv_name in {n.findtext(f"{{{NS_CBC}}}Name") for n in names}
    # lines keep their rate whatever the invoice level does
    line = root.find(f"{{{NS_CAC}}}InvoiceLine/{{{NS_CAC}}}TaxTotal/{{{NS_CAC}}}TaxSubtotal")
    assert line is not None and line.findtext(f"{{{NS_CBC}}}Percent") is not None
    assert restyle_taxes(plain, TaxPrint()) == plain
    assert isinstance(draw_tax_print(rng), TaxPrint)


@pytest.mark.parametrize("offset", range(3))
def test_the_ubl_engine_reads_a_percent_left_out(offset: int, tmp_path: Path) -> None:
    rng = random.Random(f"{FRESH}/no-percent-ubl/{offset}")
    spec = random_invoice_spec(rng, kind="e-fatura", withholding=False)
    path = tmp_path / "invoice.xml"
    path.write_bytes(restyle_taxes(invoice_xml(spec), TaxPrint(percent="none")))
    settings = load_settings(store_results=False)
    with Pipeline(settings) as pipeline:
        record = flatten(pipeline.process(path).record or {})
    for i, kdv in enumerate(spec.kdv):
        assert Decimal(str(record[f"kdv.{i}.rate"])) == kdv.rate
        assert Decimal(str(record[f"kdv.{i}.amount"])) == kdv.amount
