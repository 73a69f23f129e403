"""The print-design corpus (samplegen/designs): split rule, truth cutting, rendering
end to end through a public stylesheet and Chromium, and the committed subset's accuracy."""

from __future__ import annotations

import importlib.util
import io
import itertools
import json
import math
import random
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from docpipe.evaluate import Truth, load_truth, score_fields, truth_pairs
from docpipe.pipeline import Pipeline
from docpipe.settings import Settings
from samplegen.designs import cache, faults
from samplegen.designs.catalog import BY_KEY, DESIGNS, HELD_OUT, Design, designs_of, held_out
from samplegen.designs.truth import date_printed, number_forms, printed_truth
from samplegen.invoice_spec import random_invoice_spec
from samplegen.truth import invoice_truth
from tests.conftest import ROOT, SAMPLES, fresh_seed

# accuracy of the rules engine on samples/designs when the subset was committed (before
# any rule changed for these designs); see samplegen/designs/README.md and the report
COMMITTED_FLOOR = 0.71
FRESH = fresh_seed(__name__, 0, 10**6)  # the generated documents' seed; a failure prints it
FAULT_KINDS = faults.KINDS

needs_browser = pytest.mark.skipif(
    shutil.which("chromium") is None or importlib.util.find_spec("playwright") is None,
    reason="needs Debian chromium and the playwright package (samplegen.designs.render)",
)


def test_held_out_is_a_third_of_each_family_by_a_fixed_rule() -> None:
    assert len({d.key for d in DESIGNS}) == len(DESIGNS)
    for family in ("xslt", "form"):
        keys = [d.key for d in DESIGNS if d.family == family and not d.added]
        held = [k for k in keys if k in HELD_OUT]
        assert len(held) == math.ceil(len(keys) / 3)
    # designs added after the rule was fixed never move the ranked held-out set: tune_only
    # ones are tuned on, heldout_added ones (a coin flip when they were added) held out
    tuned = [d for d in DESIGNS if d.tune_only]
    assert tuned and all(d.split == "tune" for d in tuned)
    flipped = [d for d in DESIGNS if d.heldout_added]
    assert flipped and all(d.split == "heldout" and not d.tune_only for d in flipped)
    ranked = tuple(d for d in DESIGNS if not d.added)
    assert held_out(DESIGNS) == held_out(ranked) | {d.key for d in flipped}
    assert len([d for d in DESIGNS if d.family == "xslt"]) >= 8
    assert held_out(ranked) == {"engie", "irp", "kuvars", "turkkep_hosting", "matbu_a5"}
    assert {d.key for d in flipped} == {"gib_earsiv_portal", "ornek_gib", "reynaers"}
    readme = (ROOT / "samplegen/designs/README.md").read_text(encoding="utf-8")
    assert all(f"`{d.key}`" in readme for d in DESIGNS)  # every design in the manifest
    assert "Odoo-Turkey-Community/e_donusum" not in {d.repo for d in DESIGNS}
    assert {d.key for d in designs_of("tune")} | {d.key for d in designs_of("heldout")} == set(
        BY_KEY
    )


def test_committed_samples_are_tune_designs_only() -> None:
    stems = {p.stem.rsplit("_", 1)[0] for p in (SAMPLES / "designs").glob("*.pdf")}
    assert stems and all(BY_KEY[s].split == "tune" for s in stems)


@pytest.mark.parametrize(
    ("value", "form"),
    [("1234.5", "1.234,50"), ("1234.5", "1234,5"), ("1234.50", "1,234.50"), ("1234", "1.234")],
)
def test_number_forms(value: str, form: str) -> None:
    assert form in number_forms(value)


@pytest.mark.parametrize(
    ("text", "printed"),
    [
        ("Fatura Tarihi : 21 - 08 - 2023", True),
        ("Tarih: 21.08.2023 18:30", True),
        ("21 Ağustos 2023", True),
        ("Tarih: 121.08.20234", False),
        ("Tarih: 21.09.2023", False),
    ],
)
def test_date_printed(text: str, printed: bool) -> None:
    assert date_printed("2023-08-21", text) is printed


def _pdf(lines: list[str]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(lines):
        page.insert_text((40, 60 + 16 * i), line, fontname="helv")
    return doc.tobytes()


def test_printed_truth_keeps_what_is_printed_and_says_what_is_not() -> None:
    truth = {
        "doc_type": "invoice",
        "fields": {
            "kind": "e-arsiv",
            "invoice_number": "ABC2023000000001",
            "issue_date": "2023-08-21",
            "total_with_taxes": "1234.50",
            "kdv.0.base": "1028.75",
            "iban": "TR330006100519786457841326",
            "buyer.address": "Papatya Cad. No: 21 34100 Besiktas/Istanbul",
            "line_items.0.amount": "1028.75",
            "line_items.0.description": "Kalem",
            "line_items.1.amount": "99.00",
            "line_items.1.description": "Defter",
        },
    }
    lines = [
        "Fatura No: ABC2023000000001  Tarih: 21-08-2023",
        "Papatya Cad. No:21 Besiktas / Istanbul",  # no postcode, other spacing
        "Kalem 1.028,75 TL   Defter",
        "Vergiler Dahil Toplam Tutar: 1.234,50 TL",
    ]
    pdf = _pdf(lines)
    design = Design("t", "form", "test", omits=("kdv.*.base",))
    out = printed_truth(truth, design, pdf, "<html><body></body></html>")
    assert out["fields"]["buyer.address"] == "Papatya Cad. No:21 Besiktas / Istanbul"
    assert out["fields"]["total_with_taxes"] == "1234.50"
    assert out["fields"]["issue_date"] == "2023-08-21"
    # omitted by the design, not printed, a row whose amount is not on the page, or the
    # kind of a page that names neither e-Fatura nor e-Arşiv
    assert set(out["dropped"]) == {
        "kdv.0.base",
        "iban",
        "line_items.1.amount",
        "line_items.1.description",
        "kind",
    }
    titled = printed_truth(truth, design, _pdf(["e-Arsiv Fatura", *lines]), "<html></html>")
    assert titled["fields"]["kind"] == "e-arsiv"


def test_printed_truth_takes_the_pages_spacing_over_the_htmls() -> None:
    """The HTML's text joins its nodes with spaces ("No:" + "128"): a value the HTML
    shows with the UBL's spacing but the page prints closed up is kept as printed."""
    truth = {
        "doc_type": "invoice",
        "fields": {"seller.address": "Ihlamur Sk. No: 128 Kadikoy / ISTANBUL"},
    }
    pdf = _pdf(["Ihlamur Sk. No:128 Kadikoy/ ISTANBUL", "Tel: 0216 000 00 00"])
    html = "<html><body><td>Ihlamur Sk. No:<span>128</span> Kadikoy / ISTANBUL</td></body></html>"
    out = printed_truth(truth, Design("t", "form", "test"), pdf, html)
    assert out["fields"]["seller.address"] == "Ihlamur Sk. No:128 Kadikoy/ ISTANBUL"
    # wrapped among other text on the page (whole only in the HTML): closed up pair by pair
    truth["fields"]["seller.address"] = "Degirmen Cad. No: 221 Besiktas / ISTANBUL"
    pdf = _pdf(["Degirmen Cad.   Fatura No: ABC2023000000001", "No:221 Besiktas/ ISTANBUL"])
    html = "<html><body><td>Degirmen Cad. No: 221 Besiktas / ISTANBUL</td></body></html>"
    out = printed_truth(truth, Design("t", "form", "test"), pdf, html)
    assert out["fields"]["seller.address"] == "Degirmen Cad. No:221 Besiktas/ ISTANBUL"


def test_a_missing_stylesheet_is_skipped_with_the_fetch_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCPIPE_DESIGNS_CACHE", str(tmp_path))
    with pytest.raises(cache.DesignMissing, match=r"python -m samplegen\.designs fetch"):
        cache.stylesheet(BY_KEY["gib_default"])
    assert [d.family for d in cache.available()] == ["form"] * 3
    (tmp_path / "gib_default.xslt").write_bytes(b"<xsl:stylesheet/>")  # not the pinned file
    with pytest.raises(cache.DesignMissing, match="not the pinned version"):
        cache.stylesheet(BY_KEY["gib_default"])


def _score(pdf: Path, truth: dict, settings: Settings) -> tuple[int, int]:
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(pdf)
    outcomes = score_fields(Truth(truth["doc_type"], truth["fields"]), result.record)
    return sum(o == "correct" for o in outcomes.values()), len(outcomes)


def _fresh_draw(design: Design):
    """One invoice of a fresh seed printed through ``design`` (skips without its stylesheet)."""
    try:
        cache.stylesheet(design)
    except cache.DesignMissing as exc:
        pytest.skip(str(exc))
    from samplegen.designs.corpus import make_document
    from samplegen.designs.render import Chromium

    with Chromium() as browser:
        return make_document(design, 1, FRESH, browser)


@needs_browser
def test_a_public_design_renders_end_to_end(tmp_path: Path, settings: Settings) -> None:
    """UBL-TR XML → GİB's general.xslt → Chromium PDF → docpipe, scored against the
    printed truth (skips when the stylesheet cache is empty)."""
    made = _fresh_draw(BY_KEY["gib_default"])
    fields = made.truth["fields"]
    text = " ".join(page.get_text() for page in pymupdf.open(stream=made.pdf))
    assert made.xml is not None and b"urn:oasis:names:specification:ubl" in made.xml
    assert fields["invoice_number"] in text and "ETTN" in text
    assert {"invoice_number", "issue_date", "total_with_taxes", "seller.name"} <= set(fields)
    path = tmp_path / f"{made.name}.pdf"
    path.write_bytes(made.pdf)
    correct, total = _score(path, made.truth, settings)
    assert total >= 20 and correct > 0


# the sixth pass's tune designs (two desktop viewers' sheets, a designs repository's) and
# the share of a fresh draw's printed fields docpipe must read: below the lowest of 40
# fresh seeds after the rules were taught their layouts (viewer_invoice read 0.28 of seed
# 2024's before: its party blocks interleave with the details column; viewer_sections
# prints "106.589" for a fractional quantity, read as thousands; see the README)
SIXTH_PASS_TUNE = {
    "ornek_dizayn": 0.85,
    "viewer_invoice": 0.5,
    "viewer_sections": 0.55,
    "viewer_gib_ascii": 0.85,
}


@needs_browser
@pytest.mark.parametrize("key", SIXTH_PASS_TUNE)
def test_sixth_pass_tune_designs_are_read_from_a_fresh_draw(
    key: str, tmp_path: Path, settings: Settings
) -> None:
    design = BY_KEY[key]
    assert design.split == "tune" and design.tune_only
    made = _fresh_draw(design)
    path = tmp_path / f"{made.name}.pdf"
    path.write_bytes(made.pdf)
    correct, total = _score(path, made.truth, settings)
    assert total >= 20 and correct >= SIXTH_PASS_TUNE[key] * total, f"{key}: {correct}/{total}"


# the designs15 pass's tune designs (a firm's own sheet, İzibiz's default, an e-Logo
# customer's wide table) and the share of a fresh draw's printed fields docpipe must read:
# below the lowest of 24 fresh seeds after the rules were taught their layouts (0.93–0.94),
# with room for elogo_wide's long descriptions beside a withholding note (0.82 of seed
# 5151's second draw: a four-line header over wrapped cells; see the README)
DESIGNS15_TUNE = {"rafine": 0.85, "izibiz": 0.85, "elogo_wide": 0.7}


@needs_browser
@pytest.mark.parametrize("key", DESIGNS15_TUNE)
def test_designs15_tune_designs_are_read_from_a_fresh_draw(
    key: str, tmp_path: Path, settings: Settings
) -> None:
    design = BY_KEY[key]
    assert design.split == "tune" and design.tune_only and design.repo
    made = _fresh_draw(design)  # skips with the fetch command when not cached
    path = tmp_path / f"{made.name}.pdf"
    path.write_bytes(made.pdf)
    correct, total = _score(path, made.truth, settings)
    assert total >= 20 and correct >= DESIGNS15_TUNE[key] * total, f"{key}: {correct}/{total}"


@needs_browser
def test_the_corpus_command_skips_uncached_designs_and_prints_a5(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from samplegen.designs.__main__ import main

    monkeypatch.setenv("DOCPIPE_DESIGNS_CACHE", str(tmp_path / "empty"))
    seed = str(FRESH)
    argv = [str(tmp_path / "out"), "--split", "heldout", "--designs", "irp,matbu_a5",
            "--per-design", "1", "--variants", "0", "--faults", "0", "--seed", seed]  # fmt: skip
    assert main(argv) == 0
    assert "skipped irp: stylesheet not cached" in capsys.readouterr().err
    pdf = tmp_path / "out/heldout/digital/matbu_a5/matbu_a5_01.pdf"
    truth = load_truth(pdf.with_suffix("").with_suffix(".truth.json"))
    page = pymupdf.open(pdf)[0]
    assert round(page.rect.width) == 420 and round(page.rect.height) == 595  # A5 in points
    assert truth.fields["invoice_number"] in page.get_text() and "FATURA" in page.get_text()
    assert not (tmp_path / "out/heldout/digital/irp").exists()


def test_committed_design_samples_are_read_at_least_as_reported(settings: Settings) -> None:
    pairs = list(truth_pairs(SAMPLES / "designs"))
    assert len(pairs) >= 4
    correct = total = 0
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        for doc, truth_path in pairs:
            truth = load_truth(truth_path)
            outcomes = score_fields(truth, pipeline.process(doc).record)
            correct += sum(o == "correct" for o in outcomes.values())
            total += len(outcomes)
    assert correct / total >= COMMITTED_FLOOR


# -- planted faults (samplegen.designs.faults) ----------------------------------------------


def _record(fields: dict[str, object]) -> dict:
    """A nested record from flat truth paths ("line_items.0.amount")."""
    record: dict = {}
    for path, value in fields.items():
        parts = path.split(".")
        node: Any = record
        for part, nxt in itertools.pairwise(parts):
            if isinstance(node, list):
                while len(node) <= int(part):
                    node.append({})
                node = node[int(part)]
            else:
                node = node.setdefault(part, [] if nxt.isdigit() else {})
        node[parts[-1]] = value
    return record


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_a_planted_fault_breaks_the_one_check_it_names(kind: str) -> None:
    """The printed values of a planted invoice break exactly the relation the fault is
    about: the validator on its truth fails the named check, and a clean twin passes."""
    from docpipe.validate.invoice import check_invoice

    for i in range(4):
        rng = random.Random(f"{FRESH}/{kind}/{i}")
        spec = random_invoice_spec(rng, withholding=False, with_words=True)
        planted = faults.plant(spec, kind, rng)
        if planted is None:
            continue
        clean = [c for c in check_invoice(_record(invoice_truth(spec)["fields"])) if not c.passed]
        assert not clean, (kind, [(c.name, c.field) for c in clean])
        failed = [
            (c.name, c.field or "", c.reason)
            for c in check_invoice(_record(invoice_truth(planted)["fields"]))
            if not c.passed
        ]
        assert faults.caught(kind, failed, "needs_review") == "right", (kind, failed)
        # a transposed total also disagrees with the payable amount and the words, which
        # keep the right figure; every other fault breaks its one check alone
        also = {"payable", "amount_in_words"} if kind == "transposed_total" else set()
        assert {name for name, _, _ in failed} <= {*faults.EXPECT[kind].checks, *also}, failed


@pytest.mark.parametrize("kind", FAULT_KINDS)
def test_checks_pass_legal_variations_and_still_name_each_fault(kind: str) -> None:
    """Under ``attack`` (both KDV roundings, every wording of the amount in words,
    discounts, several rates, many lines, tevkifat on the clean twin) an invoice as printed
    passes every check, and the same invoice with a planted fault fails the one it names."""
    from docpipe.validate.invoice import check_invoice

    rng = random.Random(f"{FRESH}/attack/{kind}")
    for _ in range(12):
        pins = {"n_items": rng.choice((3, 8, 16)), "kdv_rates": rng.choice(((1, 10, 20), (20,))),
                "discounts": rng.random() < 0.7, "with_words": True}  # fmt: skip
        legal = random_invoice_spec(rng, attack=True, withholding=rng.random() < 0.3,
                                    **{**pins, "kdv_rates": None})  # fmt: skip
        failed = [(c.name, c.field) for c in check_invoice(_record(invoice_truth(legal)["fields"]))
                  if not c.passed]  # fmt: skip
        assert not failed, (FRESH, legal.kdv_rounding, legal.amount_in_words, failed)
        spec = random_invoice_spec(rng, attack=True, withholding=False, **pins)
        planted = faults.plant(spec, kind, rng, attack=True)
        if planted is None:
            continue
        found = [
            (c.name, c.field or "", c.reason)
            for c in check_invoice(_record(invoice_truth(planted)["fields"]))
            if not c.passed
        ]
        assert faults.caught(kind, found, "needs_review") == "right", (FRESH, kind, found)


def test_ubl_totals_the_lines_before_their_discounts_when_drawn_so() -> None:
    """Under ``attack`` a discounted invoice's XML may total its lines before their
    discounts (``subtotal_gross``: LineExtensionAmount = the lines' gross, AllowanceTotal
    the discounts, TaxExclusiveAmount after them), so print designs show a subtotal that
    is not the lines' sum, beside one that is; the truth's subtotal is the printed
    LineExtensionAmount, and the checks pass the record either way."""
    from lxml import etree

    from docpipe.validate.invoice import check_invoice
    from samplegen.ubl import NS_CAC, NS_CBC, invoice_xml, ubl_truth

    ns = {"cac": NS_CAC, "cbc": NS_CBC}
    rng = random.Random(f"{FRESH}/ubl-gross")
    seen = set()
    for _ in range(30):
        spec = random_invoice_spec(rng, attack=True, discounts=True, withholding=False,
                                   n_items=rng.choice((2, 5, 12)))  # fmt: skip
        doc = etree.fromstring(invoice_xml(spec))

        def total(name: str, doc: Any = doc) -> Decimal:
            return Decimal(doc.findtext(f"cac:LegalMonetaryTotal/cbc:{name}", namespaces=ns))

        lines = sum(Decimal(x) for x in doc.xpath(
            "cac:InvoiceLine/cbc:LineExtensionAmount/text()", namespaces=ns))  # fmt: skip
        discounts = total("AllowanceTotalAmount")
        assert lines == spec.subtotal and total("TaxExclusiveAmount") == lines
        gross = total("LineExtensionAmount")
        assert gross == (lines + discounts if spec.subtotal_gross else lines), FRESH
        assert total("TaxInclusiveAmount") == lines + spec.kdv_total
        fields = ubl_truth(spec)["fields"]
        assert Decimal(fields["subtotal"]) == gross
        failed = [(c.name, c.field) for c in check_invoice(_record(fields)) if not c.passed]
        assert not failed, (FRESH, spec.subtotal_gross, failed)
        seen.add(spec.subtotal_gross)
    assert seen == {True, False}, FRESH


def test_kdv_summed_per_line_passes_when_the_lines_print_no_rate() -> None:
    """Several rates, many lines, each rate's base printed and no line's rate or KDV: a
    summary summed from the lines' rounded KDV is legal (it failed 43 of 400 draws when a
    line without a printed rate counted for no rate's rounding)."""
    from docpipe.validate.invoice import check_invoice

    rng = random.Random(f"{FRESH}/per-line")
    for _ in range(60):
        spec = random_invoice_spec(rng, attack=True, withholding=False, n_items=16,
                                   kdv_rates=(1, 10, 20), show_line_kdv_rate=False,
                                   show_line_kdv_amount=False, show_kdv_base=True)  # fmt: skip
        failed = [(c.name, c.field) for c in check_invoice(_record(invoice_truth(spec)["fields"]))
                  if not c.passed]  # fmt: skip
        assert not failed, (FRESH, spec.kdv_rounding, failed)


def test_a_transposition_is_two_neighbouring_digits() -> None:
    assert faults.transposed(Decimal("1234.56")) == Decimal("2134.56")
    assert faults.transposed(Decimal("1034.50")) == Decimal("1304.50")  # no leading 0
    assert faults.transposed(Decimal("111.11")) is None


@needs_browser
def test_the_corpus_command_writes_planted_faults_that_docpipe_catches(
    tmp_path: Path, settings: Settings
) -> None:
    """``--faults``: a planted invoice of our own bilingual form, its truth saying
    ``needs_review`` and the fault; docpipe sends it to review for that reason."""
    from samplegen.designs.__main__ import main

    argv = [str(tmp_path / "out"), "--split", "tune", "--designs", "bilingual", "--per-design",
            "0", "--variants", "0", "--faults", "1", "--seed", str(FRESH)]  # fmt: skip
    assert main(argv) == 0
    pdfs = list((tmp_path / "out/tune/faults/bilingual").glob("*_transposed_total.pdf"))
    if not pdfs:
        pytest.skip("this seed's invoice cannot carry the fault on this design")
    raw = json.loads(pdfs[0].with_suffix("").with_suffix(".truth.json").read_text())
    assert raw["expect_status"] == "needs_review" and raw["fault"]["kind"] == "transposed_total"
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(pdfs[0])
    failed = [(c.name, c.field or "", c.reason) for c in result.failed_checks]
    assert faults.caught("transposed_total", failed, result.status.value) == "right", failed


# -- structural twists of our own forms (--hard) ---------------------------------------------


@needs_browser
@pytest.mark.parametrize("kdv", ["line", "cell", "table"])
def test_forms_twisted_under_hard_are_read_by_structure(
    kdv: str, tmp_path: Path, settings: Settings
) -> None:
    """A bilingual form with row-number and code columns, the item text under
    "Açıklama" beside an empty "Mal / Hizmet", and KDV per rate on one line with its base,
    in a cell of its own or as a breakdown table: the rules read each rate's KDV and
    every line's description, and the clean invoice ends ok."""
    from samplegen.designs.forms import Twists, bilingual
    from samplegen.designs.render import Chromium

    rng = random.Random(f"{FRESH}/twists/{kdv}")
    spec = random_invoice_spec(rng, n_items=5, kdv_rates=(10, 20), withholding=False)
    twists = Twists(lead=("index", "code"), text_in="note", discount_rate=True, kdv=kdv)
    with Chromium() as browser:
        pdf = browser.pdf(bilingual(spec, rng, twists))
    path = tmp_path / "twisted.pdf"
    path.write_bytes(pdf)
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(path)
    record = result.record or {}
    assert [(Decimal(k["rate"]), Decimal(k["amount"])) for k in record["kdv"]] == [
        (k.rate, k.amount) for k in spec.kdv
    ], f"seed {FRESH}"
    assert [i["description"] for i in record["line_items"]] == [
        " ".join(line.description.split()) for line in spec.lines
    ], f"seed {FRESH}"
    assert result.status.value == "ok", [c.name for c in result.failed_checks]


_TABLE_TWISTS = {
    # the item text after quantity and unit, under "Cinsi"-like headings, a unit column,
    # amounts printed before their line discounts, no İskonto total
    "matbu_after_qty_gross_lines": (
        "matbu",
        {"desc_after": True, "rare_heading": True, "unit": "column", "gross_lines": True,
         "discount_total": False, "discount_rate": True},
        {"subtotal_gross": False},
    ),
    # the stock code in the item text's cell; subtotal before discounts, İskonto, net
    "bilingual_code_prefix_net_row": (
        "bilingual",
        {"lead": ("index",), "code_in_desc": "prefix", "net_row": True},
        {"subtotal_gross": True, "show_discount_total": True},
    ),
    "matbu_code_above_gross_subtotal": (
        "matbu",
        {"code_in_desc": "above", "unit": "column"},
        {"subtotal_gross": True, "show_discount_total": True},
    ),
}  # fmt: skip


@needs_browser
@pytest.mark.parametrize("case", sorted(_TABLE_TWISTS))
def test_forms_item_tables_and_subtotal_conventions(
    case: str, tmp_path: Path, settings: Settings
) -> None:
    """Item tables as real forms print them (issue 13): the item text not first, under an
    unusual heading or sharing its cell with the stock code; the unit in a column of its
    own; line amounts before their discounts; the subtotal before or after the discounts,
    with or without an İskonto total. The rules read every line's text and net amount, and
    the clean invoice ends ok."""
    from samplegen.designs.forms import Twists, bilingual, matbu
    from samplegen.designs.render import Chromium

    form, twist, flags = _TABLE_TWISTS[case]
    rng = random.Random(f"{FRESH}/table-twists/{case}")
    spec = random_invoice_spec(
        rng, kind="paper" if form == "matbu" else "e-arsiv", n_items=4, kdv_rates=(10, 20),
        withholding=False, discounts=True, long_descriptions=False, currency="TRY",
        unit_mode="column", **flags,
    )  # fmt: skip
    twists = Twists(**twist)
    spec = twists.applied(spec)
    html = matbu(spec, rng, "A4", twists) if form == "matbu" else bilingual(spec, rng, twists)
    with Chromium() as browser:
        pdf = browser.pdf(html)
    path = tmp_path / "twisted.pdf"
    path.write_bytes(pdf)
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(path)
    record = result.record or {}
    items = record.get("line_items") or []
    assert [i["description"] for i in items] == [
        " ".join(line.description.split()) for line in spec.lines
    ], f"seed {FRESH}"
    assert [Decimal(i["amount"]) for i in items] == [line.amount for line in spec.lines], (
        f"seed {FRESH}"
    )
    assert Decimal(record["subtotal"]) == spec.printed_subtotal, f"seed {FRESH}"
    failed = [(c.name, c.field, c.reason) for c in result.failed_checks]
    assert result.status.value == "ok", (FRESH, failed)


def test_corpus_photos_draw_phone_photo_effects_from_the_seed() -> None:
    """The photo variant draws ``phone_photo``'s effects at random from the document's rng:
    over many draws each effect appears, some photos keep none, and one seed gives the
    same photo twice."""
    from samplegen.designs.corpus import photo, photo_effects
    from samplegen.photo import EFFECTS

    drawn = [photo_effects(random.Random(f"{FRESH}/{i}")) for i in range(300)]
    assert {e for effects in drawn for e in effects} == set(EFFECTS)
    assert 0 < sum(not effects for effects in drawn) < 100  # plain ones stay, a minority
    with pymupdf.open() as doc:
        doc.new_page(width=595, height=842).insert_text((72, 72), "FATURA", fontsize=14)
        pdf = doc.tobytes()
    first = photo(pdf, random.Random(FRESH))
    assert first == photo(pdf, random.Random(FRESH))
    assert first[:2] == b"\xff\xd8"  # a JPEG


def test_scan_effects_replay_what_the_corpus_scan_drew() -> None:
    """``drawn_scan_effects`` names what ``files_of`` drew for a one-sheet scan without
    rendering it: a fax is the 1-bit PNG, every other effect a JPEG, at the dpi named."""
    from PIL import Image

    from samplegen.designs.corpus import _scan, drawn_scan_effects

    with pymupdf.open() as doc:
        doc.new_page(width=595, height=842).insert_text((72, 72), "FATURA", fontsize=14)
        pdf = doc.tobytes()
    for i in range(6):
        name = f"design_{i:02d}"
        image, ext = _scan(pdf, random.Random(f"{FRESH}/{name}/variants"))
        effect, dpi, tilt = drawn_scan_effects(name, FRESH, 1).split()
        assert (ext == "png") == (effect == "fax"), (FRESH, name, effect)
        assert effect in ("tilt_noise", "blur", "fax", "low_contrast") and tilt.startswith("tilt")
        with Image.open(io.BytesIO(image)) as shown:
            assert round(shown.info["dpi"][0]) == int(dpi.removesuffix("dpi")), (FRESH, name)
    assert drawn_scan_effects("x", FRESH, 2).startswith("tiff ")
