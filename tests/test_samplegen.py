"""samplegen: identifiers, amounts in words, invoice arithmetic, PDF text layer, reproducibility.

``samplegen`` is a development package at the repository root (``python -m samplegen``);
the committed ``samples/`` must be exactly what it generates.
"""

from __future__ import annotations

import itertools
import random
import sys
import uuid
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pymupdf
import pytest
from stdnum import iban as stdnum_iban
from stdnum.tr import tckimlik, vkn

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from samplegen import identifiers  # noqa: E402
from samplegen.build import drift, generate  # noqa: E402
from samplegen.invoice_spec import InvoiceSpec, random_invoice_spec  # noqa: E402
from samplegen.layouts import LAYOUTS, render_invoice  # noqa: E402
from samplegen.plan import DEFAULT_SEED, INVOICES  # noqa: E402
from samplegen.truth import invoice_truth  # noqa: E402
from samplegen.words import (  # noqa: E402
    CURRENCY_WORDS,
    STYLES,
    WORDINGS,
    amount_in_words,
    number_words,
    worded,
)
from tests.conftest import fresh_seed  # noqa: E402

FRESH = fresh_seed(__name__)  # new seeds every run; a failure prints it
CENT = Decimal("0.01")
TURKISH = set("çğıİöşüÇĞÖŞÜ")
# truth fields whose value is printed verbatim (wrapped at spaces at most)
VERBATIM = (
    "invoice_number",
    "ettn",
    "profile",
    "invoice_type",
    "order_number",
    "name",
    "address",
    "tax_office",
    "phone",
    "email",
    "mersis",
    "vkn",
    "tckn",
    "description",
    "unit",
    "amount_in_words",
)


def r2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- identifiers


def test_identifiers_pass_their_checksums() -> None:
    rng = random.Random(5)
    for _ in range(500):
        t = identifiers.random_tckn(rng)
        assert len(t) == 11 and t[0] != "0" and tckimlik.is_valid(t), t
        v = identifiers.random_vkn(rng)
        assert len(v) == 10 and vkn.is_valid(v), v
        iban, bank = identifiers.random_tr_iban(rng)
        assert iban.startswith("TR") and len(iban) == 26 and stdnum_iban.is_valid(iban), iban
        assert stdnum_iban.is_valid(identifiers.format_iban(iban)) and bank
        ettn = identifiers.random_ettn(rng)
        assert uuid.UUID(ettn).version == 4 and str(uuid.UUID(ettn)) == ettn
        mersis = identifiers.random_mersis(rng)
        assert len(mersis) == 16 and mersis.isdigit()


# ---------------------------------------------------------------- words

_ONES = ("", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz")
_TENS = ("", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan")


def _reference_words(number: int) -> list[str]:
    """Turkish number words written from the grammar, independent of num2words."""
    if number == 0:
        return ["sıfır"]
    words: list[str] = []
    for scale, name in (
        (10**12, "trilyon"),
        (10**9, "milyar"),
        (10**6, "milyon"),
        (1000, "bin"),
        (1, ""),
    ):
        group, number = divmod(number, scale)
        if not group:
            continue
        if scale == 1000 and group == 1:
            words.append("bin")
            continue
        hundreds, rest = divmod(group, 100)
        if hundreds:
            words += ([] if hundreds == 1 else [_ONES[hundreds]]) + ["yüz"]
        words += [w for w in (_TENS[rest // 10], _ONES[rest % 10]) if w]
        if name:
            words.append(name)
    return words


def test_number_words_match_turkish_grammar() -> None:
    rng = random.Random(11)
    numbers = [*range(0, 2100), 361_459, 101_000, 1_000_000, 1_001_001, 10**9 + 1]
    numbers += [rng.randrange(10**12) for _ in range(3000)]
    for n in numbers:
        assert number_words(n) == _reference_words(n), n


def test_amount_in_words_styles() -> None:
    amount = Decimal("1481.47")
    assert amount_in_words(amount, "TRY") == "Yalnız BinDörtYüzSeksenBir Türk Lirası KırkYedi Kuruş"
    assert (
        amount_in_words(amount, "TRY", style="spaced", names=("TL", "Kr."))
        == "Yalnız Bin Dört Yüz Seksen Bir TL Kırk Yedi Kr."
    )
    assert (
        amount_in_words(Decimal("2000.10"), "TRY", style="upper_spaced")
        == "YALNIZ İKİ BİN TÜRK LİRASI ON KURUŞ"
    )
    assert amount_in_words(Decimal("100.00"), "EUR") == "Yalnız Yüz Avro"


# ---------------------------------------------------------------- specs and truth


def _check_arithmetic(spec: InvoiceSpec) -> None:
    for line in spec.lines:
        gross = line.quantity * line.unit_price
        assert line.discount == r2(gross * line.discount_rate / 100)
        assert line.amount == r2(gross - line.discount)
        assert line.kdv_amount == r2(line.amount * line.kdv_rate / 100)
        assert line.kdv_rate in (1, 10, 20)
    rates = sorted({line.kdv_rate for line in spec.lines})
    assert [k.rate for k in spec.kdv] == rates
    for k in spec.kdv:
        at_rate = [line for line in spec.lines if line.kdv_rate == k.rate]
        assert k.base == sum(line.amount for line in at_rate)
        if spec.kdv_rounding == "per_line":  # the lines' rounded KDV summed
            assert k.amount == sum(line.kdv_amount for line in at_rate)
        else:
            assert k.amount == r2(k.base * k.rate / 100)
    assert spec.subtotal == sum(line.amount for line in spec.lines)
    assert spec.discount_total == sum(line.discount for line in spec.lines)
    assert spec.kdv_total == sum(k.amount for k in spec.kdv)
    assert spec.total_with_taxes == spec.subtotal + spec.kdv_total
    withheld = Decimal(0)
    if spec.withholding:
        wh = spec.withholding
        withheld = wh.amount
        if spec.kdv_rounding == "per_line":
            ratio = Decimal(wh.numerator) / wh.denominator
            assert wh.amount == sum(r2(line.kdv_amount * ratio) for line in spec.lines)
        else:
            assert wh.amount == r2(spec.kdv_total * wh.numerator / wh.denominator)
        assert spec.show_payable and spec.invoice_type in (None, "TEVKIFAT")
    assert spec.payable_amount == spec.total_with_taxes - withheld
    if spec.has_discount:
        assert spec.show_line_discount
    assert (spec.ettn is None) == (spec.kind == "paper")


def test_random_specs_add_up() -> None:
    for seed in range(300):
        _check_arithmetic(random_invoice_spec(random.Random(seed)))


def test_attacking_specs_add_up_under_both_kdv_roundings() -> None:
    rng = random.Random(FRESH)
    roundings = Counter()
    for _ in range(200):
        spec = random_invoice_spec(rng, attack=True, n_items=rng.choice((3, 8, 16)))
        _check_arithmetic(spec)
        roundings[spec.kdv_rounding] += 1
    assert set(roundings) == {"per_total", "per_line"}, (FRESH, roundings)


@pytest.mark.parametrize("wording", WORDINGS)
def test_each_wording_of_the_amount_in_words_reads_back(wording: str) -> None:
    """Every wording the generator prints under ``attack`` spells the amount it was given:
    docpipe's parser reads it back (currencies, styles, kuruş or none, in fresh draws)."""
    from docpipe.text.numwords import words_to_number

    rng = random.Random(f"{FRESH}/{wording}")
    for _ in range(150):
        amount = Decimal(rng.randrange(0, 10 ** rng.randrange(1, 12))) / 100
        currency = rng.choice(("TRY", "EUR", "USD"))
        text = worded(amount, currency, wording, style=rng.choice(STYLES),
                      names=rng.choice(CURRENCY_WORDS[currency]),
                      zero_minor=rng.random() < 0.3)  # fmt: skip
        assert words_to_number(text) == amount, (FRESH, wording, text)
    assert (
        worded(Decimal("1200.45"), "TRY", wording)
        == {
            "hashes": "#Yalnız BinİkiYüz Türk Lirası KırkBeş Kuruş#",
            "erp_note": "#YALNIZ BİNİKİYÜZ TRY KIRKBEŞ KURUŞ#",
            "glued": "YalnızBinİkiYüzTürkLirasıKırkBeşKuruş",
            "yalnizca": "Yalnızca BinİkiYüz Türk Lirası KırkBeş Kuruş",
            "colon": "Yalnız: BinİkiYüz Türk Lirası KırkBeş Krş.",
            "code": "Yalnız BinİkiYüz TRY KırkBeş Kuruş",
            "kurus_figures": "Yalnız BinİkiYüz Türk Lirası 45 Kr.",
            "decimal_comma": "Yalnız BinİkiYüz,KırkBeş Türk Lirası",
        }[wording]
    )


def test_attacking_specs_draw_every_wording() -> None:
    rng = random.Random(f"{FRESH}/draws")
    texts = [random_invoice_spec(rng, attack=True, with_words=True).amount_in_words
             for _ in range(120)]  # fmt: skip
    assert all(texts)
    assert any(t.startswith("#") for t in texts) and any(" Kr." in t for t in texts), FRESH


def test_overrides_are_honoured() -> None:
    rng = random.Random(3)
    spec = random_invoice_spec(
        rng,
        kind="e-fatura",
        currency="USD",
        n_items=7,
        kdv_rates=(1, 10, 20),
        discounts=True,
        buyer_person=True,
        withholding=False,
        show_kdv_base=True,
    )
    _check_arithmetic(spec)
    assert (spec.kind, spec.currency, len(spec.lines)) == ("e-fatura", "USD", 7)
    assert {k.rate for k in spec.kdv} == {1, 10, 20} and spec.show_kdv_base
    assert spec.buyer.tckn and not spec.buyer.vkn and spec.exchange_rate
    spec = random_invoice_spec(rng, withholding="604")
    assert spec.withholding and spec.withholding.rate == "5/10" and spec.withholding.code == "604"
    with pytest.raises(TypeError):
        random_invoice_spec(rng, no_such_choice=True)


def _nest(fields: dict) -> dict:
    root: dict = {}
    for path, value in fields.items():
        parts = path.split(".")
        node = root
        for part, following in itertools.pairwise(parts):
            default: list | dict = [] if following.isdigit() else {}
            if isinstance(node, list):
                while len(node) <= int(part):
                    node.append(type(default)())
                node = node[int(part)]
            else:
                node = node.setdefault(part, default)
        last = parts[-1]
        if isinstance(node, list):
            while len(node) <= int(last):
                node.append(None)
            node[int(last)] = value
        else:
            node[last] = value
    return root


def _flatten(value: object, prefix: str = "") -> dict:
    if isinstance(value, dict):
        out: dict = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}{key}."))
        return out
    if isinstance(value, list):
        out = {}
        for i, item in enumerate(value):
            out.update(_flatten(item, f"{prefix}{i}."))
        return out
    return {prefix[:-1]: value}


def test_truth_is_what_the_invoice_schema_serialises() -> None:
    from docpipe.schemas.invoice import Invoice

    for seed in range(60):
        truth = invoice_truth(random_invoice_spec(random.Random(seed)))
        assert truth["doc_type"] == "invoice"
        record = Invoice.model_validate(_nest(truth["fields"]))
        assert _flatten(record.model_dump(mode="json", exclude_none=True)) == truth["fields"]


# ---------------------------------------------------------------- rendering


def _words(pdf: bytes) -> tuple[pymupdf.Document, Counter, str]:
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    words = Counter(w[4] for page in doc for w in page.get_text("words"))
    text = "\n".join(page.get_text() for page in doc)
    return doc, words, text


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_text_layer_carries_the_printed_values(layout: str) -> None:
    for seed in range(4):
        rng = random.Random(f"text-{layout}-{seed}")
        spec = random_invoice_spec(rng, n_items=40 if seed == 3 else None)
        doc, words, text = _words(render_invoice(spec, layout, rng))
        assert "\ufffd" not in text and not any("\ufb00" <= ch <= "\ufb06" for ch in text)
        assert TURKISH & set(text), "Turkish letters missing from the text layer"
        assert spec.invoice_number in words
        if spec.ettn:
            assert spec.ettn in words
        fields = invoice_truth(spec)["fields"]
        for path, value in fields.items():
            if path.rsplit(".", 1)[-1] in VERBATIM:
                missing = [w for w in value.split() if w not in words and w not in text]
                assert not missing, (layout, seed, path, value, missing)
        if seed == 3:
            assert doc.page_count >= 2 and f"1/{doc.page_count}" in text.replace(" ", "")


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_words_do_not_overlap(layout: str) -> None:
    for seed in range(3):
        rng = random.Random(f"overlap-{layout}-{seed}")
        doc, *_ = _words(render_invoice(random_invoice_spec(rng), layout, rng))
        for page in doc:
            boxes = sorted(page.get_text("words"), key=lambda w: w[1])
            for i, a in enumerate(boxes):
                assert a[0] >= 0 and a[2] <= page.rect.width and a[3] <= page.rect.height, a
                for b in boxes[i + 1 :]:
                    if b[1] >= a[3]:
                        break
                    dx = min(a[2], b[2]) - max(a[0], b[0])
                    dy = min(a[3], b[3]) - max(a[1], b[1])
                    assert not (dx > 0.5 and dy > 0.3 * min(a[3] - a[1], b[3] - b[1])), (a[4], b[4])


def test_same_seed_same_bytes() -> None:
    for layout in LAYOUTS:
        a = render_invoice(random_invoice_spec(random.Random(8)), layout, random.Random(9))
        b = render_invoice(random_invoice_spec(random.Random(8)), layout, random.Random(9))
        c = render_invoice(random_invoice_spec(random.Random(8)), layout, random.Random(10))
        assert a == b and a != c
        assert pymupdf.open(stream=a, filetype="pdf").metadata["creationDate"].startswith("D:20")


def test_committed_samples_match_the_generator() -> None:
    files = generate(DEFAULT_SEED)
    assert len(files) == 2 * len(INVOICES) + 1
    assert drift(ROOT / "samples", files) == [], "run: python -m samplegen"


def test_committed_samples_cover_the_brief() -> None:
    truths = [
        invoice_truth(random_invoice_spec(random.Random(f"{DEFAULT_SEED}/{s.name}"), **s.overrides))
        for s in INVOICES
    ]
    fields = [t["fields"] for t in truths]
    assert {s.layout for s in INVOICES} == set(LAYOUTS)
    assert {f["kind"] for f in fields} == {"e-arsiv", "e-fatura", "paper"}
    rates = {f[k] for f in fields for k in f if k.startswith("kdv.") and k.endswith(".rate")}
    assert rates == {"1", "10", "20"}
    assert any("withholding.amount" in f for f in fields)
    assert any(f["currency"] != "TRY" and "exchange_rate" in f for f in fields)
    assert any("buyer.tckn" in f for f in fields) and any("buyer.vkn" in f for f in fields)
    assert any(s.pages == 2 for s in INVOICES)


def test_raster_comparison_ignores_encoder_noise_not_content() -> None:
    import cv2
    import numpy as np

    from samplegen.compare import same_sample

    page = np.full((300, 400), 255, np.uint8)
    cv2.putText(page, "Fatura No 123", (20, 150), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    a = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()
    b = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 89])[1].tobytes()
    assert a != b and same_sample("x.jpg", a, b)  # another encoder setting, same picture
    changed = page.copy()
    cv2.putText(changed, "7", (330, 150), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    c = cv2.imencode(".jpg", changed, [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()
    assert not same_sample("x.jpg", a, c)  # one more digit is a real change
    assert not same_sample("x.truth.json", b"{}", b"{ }")
