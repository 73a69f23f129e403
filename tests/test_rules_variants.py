"""The rules read each category of invoice that the team's first layouts never printed.

Issue 13: quantity and unit in one cell, short unit prices, discount rate and amount
columns, line breaks inside cells (a row split over text lines), bilingual labels,
values under their labels, address running into ``Vergi D./No``, name glued to the
address, phone · e-mail on one line, matbu (pre-printed) forms A4/A5, other totals
wordings, subtotal before line discounts. Generator seeds are drawn fresh on every
run (printed on failure); text-layer PDFs only, so this stays fast.
"""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from docpipe.document import Document, Page, Word
from docpipe.evaluate import Truth, score_fields
from docpipe.extract.record import build_record
from docpipe.extract.rules.contact import address_start, email_in, name_tail, phone_part
from docpipe.extract.rules.found import Fields, Found, trim_to_bounds
from docpipe.extract.rules.invoice import extract_invoice
from docpipe.extract.rules.invoice_vocab import COLUMNS, HEADER, HEADINGS, PARTY
from docpipe.extract.rules.totals import TOTALS
from docpipe.pipeline import Pipeline
from docpipe.result import Status
from docpipe.schemas import Invoice
from docpipe.settings import load_settings
from docpipe.text.layout import Run
from tests.conftest import fresh_seed

pytest.importorskip("samplegen.layouts")
from samplegen.invoice_spec import random_invoice_spec
from samplegen.layouts import (
    HELD_OUT_LAYOUTS,
    LAYOUT_PINS,
    TUNE_LAYOUTS,
    VARIANT_LAYOUTS,
    render_invoice,
)
from samplegen.truth import invoice_truth
from samplegen.words import STYLES, WORDINGS, worded

FRESH = fresh_seed(__name__)  # new seeds every run; a failure prints it


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def _run(pipe: Pipeline, tmp: Path, layout: str, seed: object, **pins: object):
    rng = random.Random(f"{seed}")
    spec = random_invoice_spec(rng, attack=True, **{**LAYOUT_PINS.get(layout, {}), **pins})
    path = tmp / f"{layout}.pdf"
    path.write_bytes(render_invoice(spec, layout, rng))
    result = pipe.process(path)
    truth = invoice_truth(spec)["fields"]
    return spec, result, score_fields(Truth("invoice", truth), result.record)


# -- every family, fresh seeds: tune families must read, the held-out one is measured ------

# held-out floors are the figures measured after tuning elsewhere (never tuned on them)
FLOORS = {**dict.fromkeys(TUNE_LAYOUTS, (0.97, 0.8)), **dict.fromkeys(HELD_OUT_LAYOUTS, (0.8, 0.0))}
# a held-out family reads ~0.91 on average, and one invoice in it may read far lower, so
# six draws fell under its 0.8 floor in about one run in 30 (seed 676899599): it is
# measured on twelve, where a run under the floor is some three spreads from the mean
DRAWS = {**dict.fromkeys(TUNE_LAYOUTS, 6), **dict.fromkeys(HELD_OUT_LAYOUTS, 12)}


@pytest.mark.parametrize("layout", sorted(FLOORS))
def test_each_family_reads_fresh_attacking_invoices(
    pipe: Pipeline, layout: str, tmp_path: Path
) -> None:
    counts: Counter = Counter()
    ok = 0
    problems = {}
    n = DRAWS[layout]
    for i in range(n):
        seed = f"{FRESH}/{layout}/{i}"
        _spec, result, outcomes = _run(pipe, tmp_path, layout, seed)
        counts.update(outcomes.values())
        ok += result.status is Status.ok
        wrong = sorted(p for p, o in outcomes.items() if o != "correct")
        if wrong:
            problems[seed] = wrong[:6]
    accuracy = counts["correct"] / sum(counts.values())
    floor, ok_floor = FLOORS[layout]
    assert accuracy >= floor, (layout, accuracy, problems)
    assert ok / n >= ok_floor, (layout, ok, problems)


# -- one category at a time, pinned so the category is printed ------------------------------

ITEMS = ("line_items.",)
TOTALS_READ = ("subtotal", "discount_total", "kdv", "kdv_total", "total_with_taxes", "payable")
MATBU = ("invoice_number", "issue_date", "seller.vkn", "seller.tckn", "seller.tax_office",
         "buyer.vkn", "buyer.tckn", *TOTALS_READ)  # fmt: skip
CATEGORIES = [
    # (name, layout, spec pins, fields the category is about): those must be read exactly
    # and the clean invoice must end ok
    ("quantity and unit in one cell", "integrator", {"unit_mode": "with_quantity"}, ITEMS),
    ("unit price without two decimals", "erp", {"price_style": "short"}, ITEMS),
    ("discount rate and amount columns", "gib", {"discounts": True}, (*ITEMS, *TOTALS_READ)),
    (
        "line breaks inside cells",
        "integrator",
        {"cell_breaks": True, "unit_mode": "with_quantity"},
        ITEMS,
    ),
    (
        "subtotal before line discounts",
        "erp",
        {"discounts": True, "subtotal_gross": True},
        (*ITEMS, *TOTALS_READ),
    ),
    ("matbu form", "matbu", {}, (*ITEMS, *MATBU)),
]


@pytest.mark.parametrize(
    ("name", "layout", "pins", "about"), CATEGORIES, ids=[c[0] for c in CATEGORIES]
)
def test_category_is_read(
    pipe: Pipeline, tmp_path: Path, name: str, layout: str, pins: dict, about: tuple
) -> None:
    for i in range(2):
        seed = f"{FRESH}/{name}/{i}"
        spec, result, outcomes = _run(pipe, tmp_path, layout, seed, withholding=False, **pins)
        wrong = sorted(p for p, o in outcomes.items() if o != "correct" and p.startswith(about))
        assert not wrong, (name, seed, wrong)
        assert result.status is Status.ok, (name, seed, result.failed_checks)
        # no row lost or split
        assert len(result.record["line_items"]) == len(spec.lines), (name, seed)


@pytest.mark.parametrize("wording", WORDINGS)
def test_each_wording_of_the_amount_in_words_is_read_and_judged(
    pipe: Pipeline, tmp_path: Path, wording: str
) -> None:
    """The amount in words in hashes, glued to "Yalnız", after "Yalnızca", with the currency
    code or its kuruş in figures: read as printed (on a tune layout drawn per run), and it
    agrees with the figures; the same wording saying another amount is caught."""
    import dataclasses

    rng = random.Random(f"{FRESH}/{wording}")
    for layout in rng.sample(TUNE_LAYOUTS, 1):
        spec = random_invoice_spec(rng, attack=True, withholding=False, with_words=True,
                                   **LAYOUT_PINS.get(layout, {}))  # fmt: skip
        for amount, ok in ((spec.payable_amount, True), (spec.payable_amount + 300, False)):
            words = worded(amount, spec.currency, wording, style=rng.choice(STYLES))
            printed = dataclasses.replace(spec, amount_in_words=words)
            path = tmp_path / f"{layout}.pdf"
            path.write_bytes(render_invoice(printed, layout, rng))
            result = pipe.process(path)
            assert (result.record or {}).get("amount_in_words") == words, (FRESH, layout)
            failed = {c.name for c in result.failed_checks}
            assert ("amount_in_words" not in failed) is ok, (FRESH, layout, words, failed)


# seeds that once lost the first row's description to the header band (the first line
# glossed as the English half of "Açıklama", or "Dahil)" of a wrapped "Toplam (KDV Dahil)"),
# or read "4000 K, …" as a stock code: kept as fixed regressions beside the fresh seeds
FOUND_SEEDS = ("19/{}/0", "22/{}/1", "55/{}/1", "59/{}/1", "4/{}/0")


@pytest.mark.parametrize("seed", FOUND_SEEDS)
def test_wrapped_descriptions_keep_every_line(pipe: Pipeline, tmp_path: Path, seed: str) -> None:
    name = "quantity and unit in one cell"
    spec, result, outcomes = _run(pipe, tmp_path, "integrator", seed.format(name),
                                  withholding=False, unit_mode="with_quantity")  # fmt: skip
    wrong = sorted(p for p, o in outcomes.items() if o != "correct" and p.startswith(ITEMS))
    assert not wrong and len(result.record["line_items"]) == len(spec.lines), (seed, wrong)


def test_a_wrong_line_amount_stays_one_row_and_is_flagged(pipe: Pipeline, tmp_path: Path) -> None:
    """An amount printed on its own text line ("1.759,16" over "EUR") that does not match
    quantity × price is still that row's: the line-amount check names it, no half rows."""
    from samplegen.designs.faults import plant

    rng = random.Random(f"{FRESH}/wrong-line")
    spec = random_invoice_spec(rng, attack=True, withholding=False, cell_breaks=True,
                               unit_mode="with_quantity")  # fmt: skip
    bad = plant(spec, "wrong_line_amount", rng)
    assert bad is not None
    path = tmp_path / "bad.pdf"
    path.write_bytes(render_invoice(bad, "integrator", rng))
    result = pipe.process(path)
    assert len(result.record["line_items"]) == len(bad.lines), FRESH
    failed = {(c.name, c.field) for c in result.failed_checks}
    assert ("line_amount", "line_items.0.amount") in failed, (FRESH, failed)


def test_a_planted_transposed_total_goes_to_review_for_that_reason(
    pipe: Pipeline, tmp_path: Path
) -> None:
    import dataclasses

    rng = random.Random(f"{FRESH}/transposed")
    spec = random_invoice_spec(rng, attack=True, withholding=False, show_payable=False)
    digits = format(spec.total_with_taxes, "f")
    i = next(
        (
            k
            for k in range(len(digits) - 1)
            if digits[k].isdigit()
            and digits[k + 1].isdigit()
            and digits[k] != digits[k + 1]
            and not (k == 0 and digits[1] == "0")
        ),
        None,
    )  # fmt: skip (a swap that puts a 0 first drops a digit: that is not a transposition)
    if i is None:
        pytest.skip("a total without two different adjacent digits")
    swapped = Decimal(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :])
    bad = dataclasses.replace(spec, total_with_taxes=swapped, amount_in_words=None)
    path = tmp_path / "bad.pdf"
    path.write_bytes(render_invoice(bad, "integrator", rng))
    result = pipe.process(path)
    assert result.status is Status.needs_review
    total = [c for c in result.failed_checks if c.name == "total"]
    assert total and "transposed" in total[0].reason


# -- the pieces, table-driven --------------------------------------------------------------


@pytest.mark.parametrize(
    ("vocab", "text", "field", "n_words"),
    [
        (HEADINGS, "SATICI / SELLER", "seller", 3),
        (HEADINGS, "Alıcı / Buyer: ACME", "buyer", 3),
        (PARTY, "Vergi Dairesi / Tax Office: Kadıköy", "tax_office", 5),
        (PARTY, "Vergi D./No: Kadıköy / 1234567890", "tax_office", 2),
        (PARTY, "VKN / Tax ID: 1234567890", "vkn", 4),
        (HEADER, "Fatura No / Invoice No", "invoice_number", 5),
        (COLUMNS, "Miktar / Quantity", "quantity", 3),
        (COLUMNS, "Birim Fiyat / Unit Price", "unit_price", 5),
        (COLUMNS, "Miktar /", "quantity", 2),  # English half wrapped to the next line
        (TOTALS, "Vergiler Dahil Toplam Tutar / Total Including Taxes", "total_with_taxes", 8),
        (TOTALS, "G. TOPLAM", "total_with_taxes", 2),
        (TOTALS, "TOPLAM K.D.V.", "kdv_total", 2),
        (TOTALS, "Ara Toplam / Matrah", "subtotal", 4),  # two Turkish names, one field
        # a label spanning the slash in ASCII-lettered Turkish is no English half
        (COLUMNS, "Malzeme / Hizmet Kodu", "stock_code", 4),
        (COLUMNS, "Malzeme / Hizmet Tutarı", "amount", 4),
        (COLUMNS, "Miktar / Quantity", "quantity", 3),
    ],
)
def test_bilingual_halves_belong_to_the_label(vocab, text, field, n_words) -> None:
    match = vocab.match_words(text.split())
    assert match is not None and (match.field, match.n_words) == (field, n_words)


@pytest.mark.parametrize(
    ("text", "phone", "email"),
    [
        ("0212 555 12 12 · info@firma.com.tr", "0212 555 12 12", "info@firma.com.tr"),
        ("+90 (532) 960 68 81 - ali.veli@gmail.com", "+90 (532) 960 68 81", "ali.veli@gmail.com"),
        ("(262) 526-2734 | Faks: (262) 526-2735", "(262) 526-2734", None),
        ("0 312 981 38 60", "0 312 981 38 60", None),
    ],
)
def test_phone_and_email_on_one_line(text: str, phone: str, email: str | None) -> None:
    assert phone_part(text) == phone
    assert email_in(text) == email


def _run_of(text: str) -> Run:
    words, x = [], 10.0
    for token in text.split():
        words.append(Word(token, (x, 10, x + 6 * len(token), 20), 1.0))
        x += 6 * len(token) + 4
    return Run(1, tuple(words))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ÖZKAN GIDA LTD. ŞTİ. Atatürk Mah. İnönü Cad. No:5", "ÖZKAN GIDA LTD. ŞTİ."),
        ("Nurgül Gündoğdu Ilıcaboğazı Mahallesi Atatürk Bulvarı No:101", "Nurgül Gündoğdu"),
        ("Karaçam Otomotiv A.Ş. Karşıyaka Mah. Gazi", "Karaçam Otomotiv A.Ş."),
        ("Karaçam Gıda Sanayi ve Ticaret Anonim Şirketi", None),  # a name alone
        ("Atatürk Mah. İnönü Cad. No:5", None),  # an address alone
    ],
)  # fmt: skip
def test_name_glued_to_address_is_split(text: str, name: str | None) -> None:
    cut = address_start(_run_of(text))
    got = None if cut is None else " ".join(text.split()[:cut])
    assert got == name


@pytest.mark.parametrize(
    ("text", "cut"),
    [("Şirketi Şehitler Mah. Bağdat Sok.", 1), ("Tic. Ltd. Şti. Esentepe Mah.", 3),
     ("Şehitler Mah. Bağdat Sok.", None)],
)  # fmt: skip
def test_wrapped_trade_name_ends_inside_the_address_line(text: str, cut: int | None) -> None:
    assert name_tail(_run_of(text)) == cut


def test_a_value_over_a_schema_bound_is_trimmed_and_flagged_not_fatal() -> None:
    fields = Fields()
    run = _run_of("x")
    fields.set("seller.phone", Found("0212 555 12 12 / 0212 555 12 13 / 0532 111 22 33", (run,)))
    fields.set("invoice_number", Found("A-000123", (run,)))
    trimmed = trim_to_bounds(fields, Invoice)
    assert trimmed == ["seller.phone"]
    assert len(fields.items["seller.phone"].value) <= 40
    assert fields.items["seller.phone"].score < 1.0  # flagged by its confidence
    record, evidence, rejected = build_record(Invoice, fields.nested(), fields.evidence())
    assert not rejected and record.seller.phone
    assert evidence["seller.phone"].confidence < evidence["invoice_number"].confidence


def _doc(lines: list[str]) -> Document:
    words = []
    for row, text in enumerate(lines):
        x = 50.0
        for token in text.split():
            width = 6.0 * len(token)
            words.append(Word(token, (x, 100 + 16 * row, x + width, 110 + 16 * row), 1.0))
            x += width + 4
    page = Page(number=1, width=600, height=800, words=tuple(words), text_source="text")
    return Document(path="x.pdf", sha256="0", media_type="application/pdf", size_bytes=1,
                    pages=(page,))  # fmt: skip


@pytest.mark.parametrize(
    "kdv_label", ["Toplam KDV", "KDV Toplamı", "Vergiler Toplamı", "Hesaplanan KDV Toplamı"]
)
def test_the_kdv_total_is_never_a_withholding(kdv_label: str) -> None:
    fields = extract_invoice(
        _doc(
            [
                "Mal Hizmet Toplam Tutarı 1.000,00 TL",
                "Hesaplanan KDV (%20) 200,00 TL",
                f"{kdv_label} 200,00 TL",
                "Vergiler Dahil Toplam Tutar 1.200,00 TL",
            ]
        )
    ).items
    assert fields["kdv_total"].value == Decimal("200.00")
    assert not any(p.startswith("withholding") for p in fields)


@pytest.mark.parametrize("layout", sorted(VARIANT_LAYOUTS))
def test_variant_layouts_print_every_value_in_the_text_layer(layout: str) -> None:
    import pymupdf

    for i in range(3):
        rng = random.Random(f"{FRESH}/text/{layout}/{i}")
        spec = random_invoice_spec(rng, attack=True, **LAYOUT_PINS.get(layout, {}))
        doc = pymupdf.open(stream=render_invoice(spec, layout, rng), filetype="pdf")
        text = " ".join(page.get_text() for page in doc).split()
        assert spec.invoice_number in text
        for word in spec.seller.name.split():
            assert word in " ".join(text), (layout, word)


@pytest.mark.parametrize(
    ("rows", "read"),
    [
        (["Yalnızca havale ile ödeme kabul edilir.", "Yalnız Bin TL"], "Yalnız Bin TL"),
        (["YalnızBinİkiYüzTL"], "YalnızBinİkiYüzTL"),
        (["#YALNIZ BİN TRY#"], "#YALNIZ BİN TRY#"),
        (["Yalnızca havale ile ödeme kabul edilir."], None),
    ],
)
def test_yalnizca_in_prose_is_not_the_amount_in_words(rows: list[str], read: str | None) -> None:
    """ "Yalnız" glued to the words or in hashes opens them; "yalnızca" opens them only
    when number words or a currency follow (a note's "yalnızca havale ile" does not)."""
    from docpipe.extract.rules.totals import amount_in_words
    from docpipe.text.layout import page_lines

    words = []
    for row, text in enumerate(rows):
        x = 20.0
        for token in text.split():
            words.append(Word(token, (x, 100 + 40 * row, x + 6 * len(token), 110 + 40 * row)))
            x += 6 * len(token) + 4
    page = Page(number=1, width=600, height=800, words=tuple(words), text_source="pdf")
    found = amount_in_words(page_lines(page))
    assert (found.value if found else None) == read
