"""Invoice rules on the KDV summary however a design prints it (issue 16): the rate with
the decimals the sender wrote in the UBL ``Percent`` ("%20.0000", "%20,00", "% 20"),
the KDV scheme's name as ERPs fill it ("Hesaplanan GERÇEK USULDE KATMA DEĞER VERGİSİ
(%20)", "Hesaplanan KDV GERCEK (%20)"), the base beside its rate ("KDV Matrahı (%20)
(TL):"), the ``Percent`` left out ("Hesaplanan KDV (%)", one line per rate: the rates
come from the lines' amounts), and a tevkifat printed by its GİB code alone. Randomised
tests draw a fresh seed every run (``DOCPIPE_TEST_SEED`` replays one)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from docpipe.extract.rules.totals import totals_fields
from docpipe.text.layout import page_lines
from docpipe.validate.invoice import check_invoice
from docpipe.validate.withholding import TEVKIFAT_RATIOS, withholding_ratio_of
from tests.conftest import fresh_seed
from tests.text_pages import CHAR, SPACE, text_page
from tests.text_pages import tr_amount as _tr

FRESH = fresh_seed(__name__)
CENT = Decimal("0.01")


def _percent(rate: int, rng: random.Random) -> str:
    """The rate as designs print the UBL Percent: raw ("20", "20.00", "20.0000") or
    formatted ("20,00")."""
    return rng.choice((str(rate), f"{rate}.00", f"{rate}.0000", f"{rate},00"))


def _invoice(rng: random.Random) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    rates = sorted(rng.sample((1, 10, 20), rng.randint(1, 3)))
    bases = {r: Decimal(rng.randint(10000, 5000000)) / 100 for r in rates}
    return bases, {r: (bases[r] * r / 100).quantize(CENT) for r in rates}


def _box(rows: list[tuple[str, Decimal]], mark: str = "TL", x: float = 330) -> list:
    cells, y = [], 600.0
    for label, value in rows:
        cells += [(x, y, label), (x + 180, y, f"{_tr(value)} {mark}")]
        y += 14
    return cells


@pytest.mark.parametrize("offset", range(6))
def test_kdv_per_rate_with_the_percent_and_scheme_name_the_sender_wrote(offset: int) -> None:
    rng = random.Random(f"{FRESH}/percent-name/{offset}")
    bases, kdv = _invoice(rng)
    subtotal = sum(bases.values(), Decimal(0))
    total = subtotal + sum(kdv.values(), Decimal(0))
    name = rng.choice(("KDV", "KDV GERCEK", "Katma Değer Vergisi",
                       "GERÇEK USULDE KATMA DEĞER VERGİSİ", "Gerçek Usulde KDV"))  # fmt: skip
    glue = rng.choice(("", " "))
    rows = [("Mal Hizmet Toplam Tutarı", subtotal)]
    with_base = rng.random() < 0.5
    for r in kdv:
        if with_base:  # irp: "KDV Matrahı (%20) (TL):" over "Hesaplanan KDV (%20):"
            rows.append((f"KDV Matrahı (%{_percent(r, rng)}) (TL):", bases[r]))
        rows.append((f"Hesaplanan {name}{glue}(%{_percent(r, rng)}):", kdv[r]))
    rows += [("Vergiler Dahil Toplam Tutar", total), ("Ödenecek Tutar", total)]
    found = totals_fields(page_lines(text_page(_box(rows))), subtotal)
    for i, r in enumerate(kdv):
        assert found[f"kdv.{i}.rate"].value == r
        assert found[f"kdv.{i}.amount"].value == kdv[r]
        if with_base:
            assert found[f"kdv.{i}.base"].value == bases[r]
    assert found["kdv_total"].value == sum(kdv.values(), Decimal(0))


def _lines(bases: dict[int, Decimal], rng: random.Random) -> dict[Decimal, tuple[Decimal, int]]:
    """Each rate's base split over one to three lines, as the rules read them."""
    out = {}
    for r, base in bases.items():
        count = rng.randint(1, 3)
        out[Decimal(r)] = (base, count)
    return out


@pytest.mark.parametrize("offset", range(6))
def test_kdv_lines_without_their_rate_take_it_from_the_lines(offset: int) -> None:
    """ "Hesaplanan KDV (%)" once per rate (the UBL ``Percent`` left out): each amount is
    the KDV of the rate whose lines' amounts give it; the total KDV is their sum."""
    rng = random.Random(f"{FRESH}/no-percent/{offset}")
    bases, kdv = _invoice(rng)
    while len(kdv) < 2:
        bases, kdv = _invoice(rng)
    subtotal = sum(bases.values(), Decimal(0))
    total = subtotal + sum(kdv.values(), Decimal(0))
    label = rng.choice(("Hesaplanan KDV (%)", "Hesaplanan KDV(%)", "Hesaplanan KDV GERCEK (%)"))
    order = list(kdv)
    rng.shuffle(order)  # the sender's subtotals in any order
    rows = [("Mal Hizmet Toplam Tutarı", subtotal)]
    rows += [(label, kdv[r]) for r in order]
    rows += [("Vergiler Dahil Toplam Tutar", total)]
    lines = page_lines(text_page(_box(rows)))
    found = totals_fields(lines, subtotal, None, False, _lines(bases, rng))
    for i, r in enumerate(sorted(kdv)):
        assert found[f"kdv.{i}.rate"].value == r
        assert found[f"kdv.{i}.amount"].value == kdv[r]
    # the lines' rates unknown: no rate is guessed, the total KDV is the amounts' sum
    found = totals_fields(lines, subtotal)
    assert "kdv.0.rate" not in found
    assert found["kdv_total"].value == sum(kdv.values(), Decimal(0))


def test_tevkifat_codes_carry_gibs_ratios() -> None:
    assert withholding_ratio_of("604") == "5/10"
    assert withholding_ratio_of("612") == "9/10"
    assert withholding_ratio_of("624") == "2/10"
    assert withholding_ratio_of("801") == "10/10"
    assert withholding_ratio_of("999") is None
    assert all(int(r.split("/")[0]) <= int(r.split("/")[1]) for r in TEVKIFAT_RATIOS.values())


@pytest.mark.parametrize("offset", range(4))
def test_a_tevkifat_code_alone_gives_its_ratio_and_the_withheld_kdv(offset: int) -> None:
    """ "Tevkifat (612-Temizlik hizmeti)" with no ratio and no amount: the code's ratio
    (GİB's list) gives the withheld KDV when total − payable agrees, and the payable
    check passes; a payable off by a few lira is left for the check to flag."""
    rng = random.Random(f"{FRESH}/tevkifat-code/{offset}")
    code = rng.choice(sorted(c for c in TEVKIFAT_RATIOS if c.startswith("6")))
    num, den = (int(x) for x in TEVKIFAT_RATIOS[code].split("/"))
    base = Decimal(rng.randint(100000, 9000000)) / 100
    kdv = (base * Decimal("0.20")).quantize(CENT)
    withheld = (kdv * num / den).quantize(CENT)
    rows = [("Mal Hizmet Toplam Tutarı", base), ("Hesaplanan KDV (%20)", kdv),
            ("Vergiler Dahil Toplam Tutar", base + kdv),
            ("Ödenecek Tutar", base + kdv - withheld)]  # fmt: skip
    cells = [(30, 560, f"Tevkifat: {code} - hizmet"), *_box(rows)]
    found = totals_fields(page_lines(text_page(cells)), base)
    assert found["withholding.code"].value == code
    assert found["withholding.rate"].value == f"{num}/{den}"
    assert found["withholding.amount"].value == withheld
    record = {
        "subtotal": str(base), "kdv_total": str(kdv), "total_with_taxes": str(base + kdv),
        "payable_amount": str(base + kdv - withheld),
        "kdv": [{"rate": "20", "amount": str(kdv)}],
        "withholding": {"code": code, "rate": f"{num}/{den}", "amount": str(withheld)},
    }  # fmt: skip
    failed = [c.name for c in check_invoice(record) if not c.passed]
    assert "payable" not in failed and "withholding" not in failed


@pytest.mark.parametrize("offset", range(4))
def test_a_long_scheme_name_wrapped_before_its_rate(offset: int) -> None:
    """ "Hesaplanan GERÇEK USULDE KATMA DEĞER" over "VERGİSİ(%20,00)" in a narrow cell,
    the amount set between the two lines: the rate is read on the continuation; the
    next row's own label ("Hesaplanan KDV (%10)") never lends its rate."""
    rng = random.Random(f"{FRESH}/wrapped-name/{offset}")
    bases, kdv = _invoice(rng)
    subtotal = sum(bases.values(), Decimal(0))
    total = subtotal + sum(kdv.values(), Decimal(0))
    cells, y = [(330, 586, "Mal Hizmet Toplam Tutarı"), (510, 586, f"{_tr(subtotal)} TL")], 600.0
    for r in kdv:
        # the amount between the label's lines, or level with its second line
        cells += [(330, y, "Hesaplanan GERÇEK USULDE KATMA DEĞER"),
                  (420, y + 7, f"VERGİSİ(%{_percent(r, rng)})"),
                  (510, y + rng.choice((3, 5)), f"{_tr(kdv[r])} TL")]  # fmt: skip
        y += 20
    cells += [(330, y, "Vergiler Dahil Toplam Tutar"), (510, y, f"{_tr(total)} TL")]
    found = totals_fields(page_lines(text_page(cells)), subtotal)
    for i, r in enumerate(kdv):
        assert found[f"kdv.{i}.rate"].value == r
        assert found[f"kdv.{i}.amount"].value == kdv[r]
    assert found["kdv_total"].value == sum(kdv.values(), Decimal(0))


@pytest.mark.parametrize("offset", range(4))
def test_a_wrong_kdv_printed_without_its_rate_still_fails_the_kdv_check(offset: int) -> None:
    """Rateless KDV lines, the first rate's KDV computed at another rate: the amount that
    fits no line base takes the one rate left, and the KDV check says it is wrong."""
    rng = random.Random(f"{FRESH}/no-percent-wrong/{offset}")
    bases, kdv = _invoice(rng)
    first = min(kdv)
    other = rng.choice([r for r in (1, 10, 20) if r != first])
    kdv[first] = (bases[first] * other / 100).quantize(CENT)
    subtotal = sum(bases.values(), Decimal(0))
    total = subtotal + sum(kdv.values(), Decimal(0))
    rows = [("Mal Hizmet Toplam Tutarı", subtotal)]
    rows += [("Hesaplanan KDV (%)", kdv[r]) for r in kdv]
    rows += [("Vergiler Dahil Toplam Tutar", total)]
    lines = _lines(bases, rng)
    found = totals_fields(page_lines(text_page(_box(rows))), subtotal, None, False, lines)
    assert found["kdv.0.rate"].value == first
    assert found["kdv.0.amount"].value == kdv[first]
    entries = [
        {"rate": str(found[f"kdv.{i}.rate"].value), "amount": str(found[f"kdv.{i}.amount"].value)}
        for i in range(len(kdv))
    ]
    items = [{"amount": str(b), "kdv_rate": str(r)} for r, b in bases.items()]
    record = {"subtotal": str(subtotal), "total_with_taxes": str(total), "kdv": entries,
              "line_items": items}  # fmt: skip
    failed = {(c.name, c.field) for c in check_invoice(record) if not c.passed}
    assert ("kdv_amount", "kdv.0.amount") in failed


def _width(text: str) -> float:
    words = text.split()
    return sum(CHAR * len(w) for w in words) + SPACE * (len(words) - 1)


@pytest.mark.parametrize("offset", range(4))
def test_a_kdv_label_wrapped_with_its_rate_on_the_second_line(offset: int) -> None:
    """A narrow totals cell wraps "Hesaplanan Gerçek Usulde KDV (%20) :" after its
    scheme's first words, the amount level with the first line; the cell's text right-
    or left-aligned. Each rate's KDV is read with the rate of the label's second line."""
    rng = random.Random(f"{FRESH}/wrapped-rate/{offset}")
    bases, kdv = _invoice(rng)
    subtotal = sum(bases.values(), Decimal(0))
    total = subtotal + sum(kdv.values(), Decimal(0))
    first, second = rng.choice(
        (("Hesaplanan Gerçek Usulde", "KDV"), ("Hesaplanan Katma Değer", "Vergisi"),
         ("Hesaplanan", "KDV"))
    )  # fmt: skip
    right_aligned = rng.random() < 0.5
    edge = 420.0  # the label cell's right edge (right-aligned) or left edge
    cells, y = [(edge - 100, 580.0, "Mal Hizmet Toplam Tutarı:"),
                (edge + 20, 580.0, f"{_tr(subtotal)} TL")], 600.0  # fmt: skip
    for r in kdv:
        tail = f"{second} (%{_percent(r, rng)}) :"
        for text, dy in ((first, 0.0), (tail, 9.0)):
            x = edge - _width(text) if right_aligned else edge - 100
            cells.append((x, y + dy, text))
        cells.append((edge + 20, y, f"{_tr(kdv[r])} TL"))
        y += 23
    cells += [(edge - 100, y, "Vergiler Dahil Toplam Tutar:"), (edge + 20, y, f"{_tr(total)} TL")]
    found = totals_fields(page_lines(text_page(cells)), subtotal)
    for i, r in enumerate(kdv):
        assert found[f"kdv.{i}.rate"].value == r
        assert found[f"kdv.{i}.amount"].value == kdv[r]
    assert found["kdv_total"].value == sum(kdv.values(), Decimal(0))


@pytest.mark.parametrize("offset", range(4))
def test_a_tevkifat_line_whose_percent_the_sender_left_out(offset: int) -> None:
    """ "Tevkifat % | 132,35": the withheld KDV, its ratio left out of the UBL; the wrapped
    "Tevkifata Tabi İşlem Üzerinden | 147,05" over "Hes. KDV:" is the KDV subject to the
    withholding, never the amount withheld. An amount under 100 ("% 59,98") is the amount
    too; only a figure that is itself a legal rate ("% 20", "% 50,00") stays ambiguous and
    is not drawn."""
    rng = random.Random(f"{FRESH}/tevkifat-percent/{offset}")
    num = rng.choice((2, 3, 4, 5, 7, 9))
    withheld = Decimal(0)
    while withheld % 10 == 0 and withheld <= 100:  # not a rate's figure
        base = Decimal(rng.randint(10000, 9000000)) / 100
        kdv = (base * Decimal("0.20")).quantize(CENT)
        withheld = (kdv * num / 10).quantize(CENT)
    rows = [("Mal Hizmet Toplam Tutarı", base), ("KDV % 20", kdv), ("Tevkifat %", withheld),
            ("Tevkifata Tabi İşlem Tutarı", base)]  # fmt: skip
    cells = _box(rows)
    y = 600.0 + 14 * len(rows)  # the wrapped label, its amount level with its first line
    cells += [(330, y, "Tevkifata Tabi İşlem Üzerinden"), (510, y, f"{_tr(kdv)} TL"),
              (330, y + 9, "Hes. KDV:"), (330, y + 23, "Vergiler Dahil Toplam Tutar"),
              (510, y + 23, f"{_tr(base + kdv)} TL"), (330, y + 37, "Ödenecek Tutar"),
              (510, y + 37, f"{_tr(base + kdv - withheld)} TL")]  # fmt: skip
    found = totals_fields(page_lines(text_page(cells)), base)
    assert found["withholding.amount"].value == withheld
    assert found["kdv.0.amount"].value == kdv


@pytest.mark.parametrize("offset", range(4))
def test_a_tevkifat_named_on_a_design_that_prints_no_kdv(offset: int) -> None:
    """A viewer that prints the subtotal, the total and the payable and no KDV line, the
    tevkifat named only in a note: the KDV is total − subtotal and the withheld amount
    total − payable, taken when it is a legal tenth of that KDV; a payable off by a few
    lira gives no withholding (left for the payable check to flag)."""
    rng = random.Random(f"{FRESH}/tevkifat-no-kdv/{offset}")
    code = rng.choice(sorted(c for c in TEVKIFAT_RATIOS if c.startswith("6")))
    num, den = (int(x) for x in TEVKIFAT_RATIOS[code].split("/"))
    base = Decimal(rng.randint(100000, 9000000)) / 100
    kdv = (base * Decimal(rng.choice((10, 20))) / 100).quantize(CENT)
    withheld = (kdv * num / den).quantize(CENT)
    off = Decimal(rng.randint(300, 900)) if rng.random() < 0.5 else Decimal(0)
    rows = [("Vergiler Hariç Toplam", base), ("Vergiler Dahil Toplam", base + kdv),
            ("Ödenecek Tutar", base + kdv - withheld - off)]  # fmt: skip
    cells = [(30, 560, f"Bu satış internet üzerinden yapılmıştır. Tevkifat: {code} - hizmet")]
    found = totals_fields(page_lines(text_page([*cells, *_box(rows)])), base)
    assert "kdv_total" not in found
    if off:
        assert "withholding.amount" not in found
    else:
        assert found["withholding.amount"].value == withheld
        assert found["withholding.rate"].value in (f"{num}/{den}", f"{num * 10 // den}/10")
