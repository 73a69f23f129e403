"""The committed contract samples under ``samples/contracts/`` (digital and scanned).

Each sample draws from ``random.Random(f"{seed}/contracts/{name}")``; overrides pin what
the sample is there to exercise. Scans are the digital rendering rasterised, degraded
with ``samplegen.scan`` and put back into a PDF as JPEG pages (no text layer).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import numpy as np
import pymupdf

from samplegen import scan
from samplegen.contracts.articles import compose_articles
from samplegen.contracts.compose import compose
from samplegen.contracts.general import compose_general, general_truth
from samplegen.contracts.general_c import compose_general_c
from samplegen.contracts.general_d import compose_general_d
from samplegen.contracts.prose import compose_prose
from samplegen.contracts.render import render_contract
from samplegen.contracts.spec import ContractSpec, add_months, party, random_contract_spec
from samplegen.contracts.truth import contract_truth, truth_bytes


@dataclass(frozen=True)
class ContractSample:
    name: str
    kind: str
    exercises: str
    overrides: dict[str, Any] = field(default_factory=dict)
    scan: tuple[int, str] | None = None  # (dpi, degradation) for scanned samples


def _end_off(spec: ContractSpec) -> ContractSpec:
    assert spec.term_months
    end = add_months(spec.start_date, spec.term_months) + timedelta(days=31)
    return replace(spec, end_date=end)


def _words_off(spec: ContractSpec) -> ContractSpec:
    return replace(spec, amount_words=int(spec.amount) + 1000)


ADJUST = {"end_off": _end_off, "words_off": _words_off}

SAMPLES: tuple[ContractSample, ...] = (
    ContractSample(
        "kira_konut_01",
        "residential_lease",
        "printed-form field table, Genel/Özel Şartlar",
        {"layout": "form", "padding": 6},
    ),
    ContractSample(
        "kira_konut_02",
        "residential_lease",
        "running text, ordinal clause numbers, end date printed",
        {"layout": "inline", "numbering": "ordinal", "padding": 2},
    ),
    ContractSample(
        "kira_konut_03",
        "residential_lease",
        "long (8 pages), party blocks, decimal numbering",
        {"layout": "kv", "numbering": "decimal", "padding": 110},
    ),
    ContractSample(
        "kira_isyeri_01",
        "commercial_lease",
        "company tenant with VKN and MERSİS, penalty clause",
        {"layout": "form", "second_company": True, "padding": 4},
    ),
    ContractSample(
        "kira_isyeri_02",
        "commercial_lease",
        "foreign currency (USD) rent",
        {"layout": "kv", "currency": "USD", "padding": 8},
    ),
    ContractSample(
        "is_belirsiz_01",
        "employment_indefinite",
        "company (VKN, MERSİS, SGK) and employee (TCKN)",
        {"layout": "kv", "padding": 4},
    ),
    ContractSample(
        "is_belirsiz_02",
        "employment_indefinite",
        "party paragraphs, 5.1-style sub-clauses, long",
        {"layout": "inline", "numbering": "decimal", "padding": 40},
    ),
    ContractSample(
        "is_belirli_01",
        "employment_fixed",
        "fixed term with start, term and end",
        {"layout": "kv", "numbering": "madde_upper", "padding": 6},
    ),
    ContractSample(
        "is_belirli_02",
        "employment_fixed",
        "end date does not match start + term: needs_review",
        {"layout": "inline", "adjust": "end_off", "padding": 2},
    ),
    ContractSample(
        "hizmet_01",
        "service",
        "company to company, monthly fee, KDV hariç",
        {"amount_period": "monthly", "kdv_included": False, "payment_day": 10, "padding": 6},
    ),
    ContractSample(
        "hizmet_02",
        "service",
        "freelancer (TCKN) to company, one-off fee, MADDE n above its heading",
        {
            "amount_period": "one_off",
            "payment_day": None,
            "person_first": True,
            "padding": 4,
            "numbering": "madde_split",
        },
    ),
    ContractSample(
        "hizmet_03",
        "service",
        "amount in words disagrees with figures: needs_review",
        {
            "amount_period": "yearly",
            "payment_day": None,
            "kdv_included": True,
            "adjust": "words_off",
            "padding": 12,
        },
    ),
    ContractSample(
        "hizmet_04",
        "service",
        "MADDE n – numbering, long running text",
        {"numbering": "madde_upper", "padding": 30},
    ),
    ContractSample(
        "kira_konut_scan_01",
        "residential_lease",
        "scanned form lease, 200 dpi, rotated",
        {"layout": "form", "padding": 0, "extra_clauses": ("tebligat",)},
        scan=(200, "rotate"),
    ),
    ContractSample(
        "is_belirsiz_scan_01",
        "employment_indefinite",
        "scanned employment contract with stamp, noise",
        {"layout": "kv", "padding": 0, "stamp": True, "extra_clauses": ("ekler",)},
        scan=(220, "noise"),
    ),
    ContractSample(
        "hizmet_scan_01",
        "service",
        "scanned service contract with stamps, slight blur",
        {"padding": 0, "stamp": True, "extra_clauses": ("devir",)},
        scan=(250, "blur"),
    ),
)


def make_spec(sample: ContractSample, seed: int) -> tuple[ContractSpec, random.Random]:
    rng = random.Random(f"{seed}/contracts/{sample.name}")
    overrides = dict(sample.overrides)
    adjust = overrides.pop("adjust", None)
    person_first = overrides.pop("person_first", False)
    second_company = overrides.pop("second_company", False)
    spec = random_contract_spec(rng, sample.kind, **overrides)
    first, second = spec.parties
    if person_first and not first.person:
        spec = replace(spec, parties=(party(rng, first.role, True), second))
    if second_company and second.person:
        spec = replace(spec, parties=(first, party(rng, second.role, False)))
    if adjust:
        spec = ADJUST[adjust](spec)
    return spec, rng


def render_sample(spec: ContractSpec, rng: random.Random) -> tuple[bytes, dict]:
    if spec.style == "classic":
        blocks, wording = compose(spec, rng)
    elif spec.style == "general_a":
        blocks, wording = compose_general(spec, rng)
    elif spec.style == "general_c":
        blocks, wording = compose_general_c(spec, rng)
    elif spec.style == "general_d":
        blocks, wording = compose_general_d(spec, rng)
    elif spec.style.startswith("article"):
        blocks, wording = compose_articles(spec, rng)
    else:
        blocks, wording = compose_prose(spec, rng)
    pdf, spans = render_contract(
        blocks, rng, title=spec.title, when=spec.contract_date, stamp=spec.stamp
    )
    truth = contract_truth(spec, wording, spans)
    return pdf, general_truth(spec, truth) if spec.style.startswith("general") else truth


def scanned_pdf(pdf: bytes, dpi: int, how: str, rng: random.Random) -> bytes:
    """Every page rasterised, degraded, JPEG-encoded and put into a PDF with no text layer."""
    out = pymupdf.open()
    with pymupdf.open(stream=pdf) as src:
        count = src.page_count
    for index in range(count):
        grey = scan.rasterise(pdf, dpi, index)
        angle = rng.uniform(-1.2, 1.2)
        if how == "rotate":
            grey = scan.rotate(grey, angle)
        elif how == "noise":
            grey = scan.noise(scan.rotate(grey, angle / 2), rng, 4)
        elif how == "blur":
            grey = scan.blur(scan.rotate(grey, angle / 2), 0.7)
        jpeg = scan.encode(np.ascontiguousarray(grey), "jpg", dpi, quality=50)
        h, w = grey.shape[:2]
        page = out.new_page(width=w * 72 / dpi, height=h * 72 / dpi)
        page.insert_image(page.rect, stream=jpeg)
    out.set_metadata({"creator": "samplegen", "producer": "samplegen (PyMuPDF)"})
    data = out.tobytes(garbage=4, deflate=True, no_new_id=True)
    out.close()
    return data


def generate_contracts(seed: int) -> dict[str, bytes]:
    """Relative path under ``samples/`` → bytes for every contract sample and its README."""
    files: dict[str, bytes] = {}
    rows = []
    for sample in SAMPLES:
        spec, rng = make_spec(sample, seed)
        pdf, truth = render_sample(spec, rng)
        with pymupdf.open(stream=pdf) as doc:
            pages = doc.page_count
        if sample.scan:
            dpi, how = sample.scan
            pdf = scanned_pdf(pdf, dpi, how, rng)
            rel = f"contracts/scans/{sample.name}"
        else:
            rel = f"contracts/{sample.name}"
        files[f"{rel}.pdf"] = pdf
        files[f"{rel}.truth.json"] = truth_bytes(truth)
        rows.append((f"{rel}.pdf", pages, sample.exercises))
    files["contracts/README.md"] = readme(rows, seed).encode("utf-8")
    return files


def readme(rows: list[tuple[str, int, str]], seed: int) -> str:
    lines = [
        "# Contract samples",
        "",
        f"Made by `samplegen/contracts` (`python -m samplegen --seed {seed}`, rng "
        "`SEED/contracts/<name>`); do not edit by hand. Parties, identifiers (checksum-valid "
        "TCKN/VKN/IBAN), addresses and amounts are fictitious. Each `X.truth.json` holds "
        '`{"doc_type": "contract", "fields": …, "clauses": […], "expect_status": …}`: fields '
        "with `docpipe.schemas.contract.Contract` paths (only what is printed), every numbered "
        "clause with its heading and page span, and the status the checks must reach. Scans "
        "(`scans/`) are the rendered pages at 200–300 dpi, degraded, as JPEG pages in a PDF.",
        "",
        "| File | Pages | Exercises |",
        "|---|---|---|",
    ]
    lines += [f"| `{path}` | {pages} | {what} |" for path, pages, what in rows]
    return "\n".join(lines) + "\n"
