"""Make the committed sample files (bytes in memory) and write or check them."""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf

from samplegen import images, karekod
from samplegen.compare import same_sample
from samplegen.invoice_spec import random_invoice_spec
from samplegen.layouts import render_invoice
from samplegen.plan import INVOICES, Sample
from samplegen.truth import truth_json
from samplegen.ubl_samples import generate_ubl
from samplegen.ubl_samples import rows as ubl_rows

KIND_NAMES = {"e-arsiv": "e-Arşiv", "e-fatura": "e-Fatura", "paper": "paper"}
LAYOUT_NAMES = {
    "gib": "GİB e-Arşiv portal style",
    "integrator": "integrator e-Fatura style",
    "erp": "paper / ERP export style",
}


def make_invoice(sample: Sample, seed: int) -> tuple[bytes, str, str]:
    """(pdf bytes, truth json text, kind) of one planned sample."""
    rng = random.Random(f"{seed}/{sample.name}")
    spec = random_invoice_spec(rng, **sample.overrides)
    pdf = karekod.stamp(render_invoice(spec, sample.layout, rng), spec)
    pages = pymupdf.open(stream=pdf).page_count
    if pages != sample.pages:
        raise RuntimeError(f"{sample.name}: planned {sample.pages} page(s), rendered {pages}")
    return pdf, truth_json(spec), spec.kind


def readme(
    rows: list[tuple[Sample, str]],
    seed: int,
    extra: list[tuple[str, str]] | None = None,
    xml_rows: list[tuple[str, str]] | None = None,
) -> str:
    lines = [
        "# Samples",
        "",
        "Synthetic documents made by `samplegen` (repository root: "
        f"`python -m samplegen --seed {seed}`). Do not edit them by hand: "
        "`tests/test_samplegen.py` regenerates them and fails when these files drift.",
        "All names, identifiers (checksum-valid TCKN/VKN/IBAN), addresses and amounts "
        "are fictitious.",
        "",
        "Each `X.pdf` has `X.truth.json` beside it: "
        '`{"doc_type": "invoice", "fields": {"<dotted.path>": value}}` with paths of '
        "`docpipe.schemas.invoice.Invoice` and values as that schema serialises them "
        '(ISO dates; money, quantities and rates as strings such as "1481.47", "2", "20"; '
        "identifiers and IBAN compact). A field is listed only when its value is printed. "
        "Wrapped text (descriptions, names, addresses) is the printed lines joined by "
        "single spaces.",
        "",
        "Every e-Fatura and e-Arşiv PDF (and so its scan or photo) carries a GİB karekod on "
        "page 1 (`samplegen/karekod.py`: the portal's JSON payload, encoded with segno, over the "
        "layout's decorative QR or in the first free square near the top right); paper "
        "invoices have none.",
        "",
        "| File | Made by | Kind | Pages | Exercises |",
        "|---|---|---|---|---|",
    ]
    for sample, kind in rows:
        lines.append(
            f"| `invoices/{sample.name}.pdf` | samplegen, layout `{sample.layout}` "
            f"({LAYOUT_NAMES[sample.layout]}), rng `{seed}/{sample.name}` | {KIND_NAMES[kind]} "
            f"| {sample.pages} | {sample.exercises} |"
        )
    if extra:
        lines += [
            "",
            "Raster samples (`samplegen/images.py`, rng `SEED/<name>`): scans of the invoices "
            "above (same truth), identity documents and phone photos. Identity truth files use "
            "`docpipe.schemas.identity.IdentityDocument` paths; a card back lists the fields its "
            "MRZ carries (names excepted: the MRZ drops diacritics) plus the printed ones.",
            "",
            "| File | Made by | Exercises |",
            "|---|---|---|",
        ]
        lines += [f"| `{path}` | samplegen `images.py` | {what} |" for path, what in extra]
    if xml_rows:
        lines += [
            "",
            "UBL-TR XML (`samplegen/ubl.py`, `samplegen/ubl_samples.py`): the e-invoice twins "
            "(valid against the UBL 2.1 XSD; their truth lists every field the XML carries), "
            "invoice types the PDFs do not draw (rng `SEED/ubl-<name>`) and an integrator ZIP.",
            "",
            "| File | Made by | Exercises |",
            "|---|---|---|",
        ]
        lines += [f"| `{path}` | samplegen `ubl.py` | {what} |" for path, what in xml_rows]
    return "\n".join(lines) + "\n"


def generate(seed: int) -> dict[str, bytes]:
    """Relative path under ``samples/`` → file bytes, for every committed sample and the README."""
    files: dict[str, bytes] = {}
    rows = []
    for sample in INVOICES:
        pdf, truth, kind = make_invoice(sample, seed)
        files[f"invoices/{sample.name}.pdf"] = pdf
        files[f"invoices/{sample.name}.truth.json"] = truth.encode("utf-8")
        rows.append((sample, kind))
    files["README.md"] = readme(rows, seed, images.rows(), ubl_rows()).encode("utf-8")
    return files


def generate_all(seed: int) -> dict[str, bytes]:
    """Every committed sample: the invoices and README, then the raster samples."""
    files = generate(seed)
    return {**files, **images.generate_images(files, seed), **generate_ubl(seed, files)}


def write(out: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def drift(out: Path, files: dict[str, bytes]) -> list[str]:
    """Paths that differ from ``files`` (missing, changed, or extra in invoices/)."""
    problems = [
        rel
        for rel, data in files.items()
        if not (out / rel).is_file() or not same_sample(rel, (out / rel).read_bytes(), data)
    ]
    folder = out / "invoices"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            rel = f"invoices/{path.name}"
            if rel not in files:
                problems.append(f"{rel} (not made by samplegen)")
    return problems
