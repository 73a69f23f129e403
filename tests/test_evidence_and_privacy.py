"""Every extracted field carries evidence; no personal value reaches logs, CLI output,
stored records or redacted outputs.

The samples are processed once per module (with DEBUG logging captured); the tests
then look for every personal value of the truth files in what came out. Every
text-layer sample and identity document runs; of the OCR-heavy families (scans,
photos, scanned contracts) one of each kind, unless ``DOCPIPE_RUN_SLOW=1`` asks for all.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import cv2
import pymupdf
import pytest

from docpipe.cli import main
from docpipe.evaluate import flatten, load_truth, truth_pairs
from docpipe.kvkk import store_key
from docpipe.ocr.tesseract import ocr_words
from docpipe.pipeline import Pipeline
from docpipe.redact.vault import KEY_ENV, new_key
from docpipe.settings import load_settings
from docpipe.store import Store
from docpipe.text.turkish import fold
from tests.conftest import SAMPLES

PERSONAL = (
    "name", "vkn", "tckn", "address", "phone", "email", "iban", "mersis", "tax_office",
    "surname", "given_names", "mother_name", "father_name", "birth_place", "document_number",
    "mrz_lines",
)  # fmt: skip
# values that are not identifying on their own (a tax office named like a district, etc.)
MIN_LENGTH = 6
# fields of a data subject (a person): never in stored records, outputs or redacted files
IDENTITY = (
    "tckn", "surname", "given_names", "mother_name", "father_name", "document_number",
    "mrz_lines", "birth_date",
)  # fmt: skip
PARTY = ("name", "tckn", "address", "phone", "email")


def _personal_values() -> set[str]:
    """Every personal-looking value, companies' included: none may reach a log."""
    values: set[str] = set()
    for _, truth_path in truth_pairs(SAMPLES):
        for path, value in load_truth(truth_path).fields.items():
            keys = path.split(".")
            personal = (keys[-1] in PERSONAL or keys[0] in PERSONAL) and isinstance(value, str)
            if personal and len(value) >= MIN_LENGTH:
                values.add(value)
    return values


def _subject_values(truth_path: Path) -> dict[str, str]:
    """Values about a person in one truth file: identity fields, and every field of a
    party that has a T.C. kimlik no (a company's data is not personal)."""
    truth = load_truth(truth_path)
    out: dict[str, str] = {}
    people = {p.rsplit(".", 1)[0] for p in truth.fields if p.endswith(".tckn")}
    for path, value in truth.fields.items():
        keys = path.split(".")
        identity = truth.doc_type in ("id_card", "passport") and keys[0] in IDENTITY
        of_person = path.rsplit(".", 1)[0] in people and keys[-1] in PARTY
        # an invoice's IBAN is the seller's; a contract's is a party's (a person's, if any)
        payee = "seller" in people if truth.doc_type == "invoice" else bool(people)
        iban = keys[-1] in ("iban", "property_address") and payee
        if identity or of_person or keys[-1] == "tckn" or iban:
            out[path] = str(value)
    return out


def _compact(text: str) -> str:
    return re.sub(r"[\s<]+", "", fold(text))


def _forms(value: str) -> list[str]:
    """The value and its printed forms (a birth date as 16.01.1995)."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        y, mo, d = m.groups()
        return [f"{d}.{mo}.{y}", f"{d}/{mo}/{y}", f"{d}{mo}{y}"]
    return [value]


def _chosen() -> list[tuple[Path, Path]]:
    """The samples this module processes (see the module docstring)."""
    pairs = list(truth_pairs(SAMPLES))
    if os.environ.get("DOCPIPE_RUN_SLOW") == "1":
        return pairs
    chosen: list[tuple[Path, Path]] = []
    seen: set[tuple[str, str]] = set()
    for doc, truth in pairs:
        group = doc.relative_to(SAMPLES).parent.as_posix()
        text_layer = doc.suffix == ".pdf" and "scans" not in group
        kind = "id" if load_truth(truth).doc_type in ("id_card", "passport") else "other"
        if text_layer or group == "id" or (group, kind) not in seen:
            chosen.append((doc, truth))
            seen.add((group, kind))
    return chosen


@dataclass(frozen=True)
class Processed:
    database_url: str
    logged: str  # DEBUG log records, and what `run` and `list` printed
    shown: str  # what the commands that print stored records printed
    outdir: Path
    samples: list[tuple[Path, Path]]  # (document, truth) pairs that were run
    ids: dict[str, int]  # file name -> document id (names are stored sealed)


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Processed]:
    """`docpipe run samples/` at DEBUG, then the KVKK commands, output captured."""
    root = tmp_path_factory.mktemp("privacy")
    url = f"sqlite:///{root / 'x.db'}"
    chosen = _chosen()
    inbox = root / "samples"
    for doc, _ in chosen:
        target = inbox / doc.relative_to(SAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(doc, target)
    outdir = root / "redacted"
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep(logging.DEBUG)
    logger = logging.getLogger()
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    streams = {"logged": io.StringIO(), "shown": io.StringIO()}
    tckn = next(v for p, v in load_truth(SAMPLES / "id" / "kimlik_01_front.truth.json")
                .fields.items() if p == "tckn")  # fmt: skip
    commands = [
        ["run", str(inbox)],
        ["list"],
        ["show", "1"],
        ["show", "2"],
        ["export", "--format", "json"],
        ["export", "--format", "csv"],
        ["subject", str(tckn)],
        ["purge", "--dry-run"],
        ["export", "--redacted-pdf", str(outdir)],
    ]
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(KEY_ENV, key := new_key())
            for argv in commands:
                stream = streams["logged" if argv[0] in ("run", "list") else "shown"]
                with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
                    try:
                        main([*argv, "--db", url])
                    except SystemExit as exc:
                        assert exc.code in (0, None), argv[0]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    logged = "\n".join(records) + streams["logged"].getvalue()
    settings = load_settings(database_url=url, vault_key=key)
    with Store(url) as store:
        store_key(store, settings)
        ids = {}
        for row in store.list_documents(limit=1000):
            names = store.original_names(row.id)
            ids[names[0] if names else ""] = row.id
    yield Processed(url, logged, streams["shown"].getvalue(), outdir, chosen, ids)


def test_every_field_has_evidence_on_its_page() -> None:
    with Pipeline(load_settings(store_results=False)) as pipe:
        for doc, _ in truth_pairs(SAMPLES / "invoices"):
            result = pipe.process(doc)
            assert result.record is not None
            for path in flatten(result.record):
                evidence = result.evidence.get(path)
                assert evidence is not None, (doc.name, path)
                # rules read the page; the karekod adds what the page does not print
                assert evidence.engine in ("rules", "karekod") and 0 < evidence.confidence <= 1
                if path in ("kind", "currency"):
                    continue  # may be inferred from the whole document
                assert evidence.page is not None and evidence.bbox is not None, (doc.name, path)
                x0, y0, x1, y1 = evidence.bbox
                assert 0 <= x0 <= x1 <= 595.3 and 0 <= y0 <= y1 <= 842, (doc.name, path)
                assert evidence.source_text, (doc.name, path)


def test_no_personal_data_in_logs_or_cli_output(processed: Processed) -> None:
    personal = _personal_values()
    assert len(personal) > 50  # the samples do carry personal data to leak
    leaked = sorted(v for v in personal if v in processed.logged)
    assert not leaked, f"{len(leaked)} personal values leaked into logs or run output"
    # show/export print stored records: company data may appear there, a person's may not
    subject = {
        v
        for _, truth in processed.samples
        for v in _subject_values(truth).values()
        if len(v) >= MIN_LENGTH
    }
    assert len(subject) > 30
    leaked = sorted(v for v in subject if v in processed.shown)
    assert not leaked, f"{len(leaked)} personal values leaked into shown or exported records"
    # the card's front (and its back, through the MRZ) name the holder
    found = re.search(r"(\d+) documents mention this data subject", processed.shown)
    assert found is not None and int(found.group(1)) >= 1
    assert "files for" in processed.shown and '"record"' in processed.shown


def _invoice_key(fields: dict) -> tuple | None:
    """What makes forms of one invoice one record (``docpipe.store.identity``)."""
    if fields.get("ettn"):
        return ("ettn", fields["ettn"])
    seller = fields.get("seller.vkn") or fields.get("seller.tckn")
    if seller and fields.get("invoice_number") and fields.get("issue_date"):
        return (seller, fields["invoice_number"], fields["issue_date"])
    return None


def test_no_personal_value_survives_in_any_redacted_output(processed: Processed) -> None:
    """Re-read every redacted output (text layer; OCR for page images) of every sample."""
    outputs = sorted(processed.outdir.iterdir())
    pdfs = [p for p in outputs if p.suffix == ".pdf"]
    images = [p for p in outputs if p.suffix == ".png"]
    # a re-scan, photo or XML of an invoice already stored is a duplicate with no output of
    # its own: same ETTN, or (no ETTN: a paper invoice) same seller, number and date
    keys = {doc: _invoice_key(load_truth(t).fields) for doc, t in processed.samples}
    counts = Counter(k for k in keys.values() if k is not None)
    rescans = {doc for doc, key in keys.items() if key is not None and counts[key] > 1}
    folded = len(rescans) - len({keys[d] for d in rescans})
    assert len(pdfs) >= len(processed.samples) - folded
    texts: dict[str, str] = {}
    for path in pdfs:
        with pymupdf.open(path) as pdf:
            texts[path.name] = " ".join(page.get_text() for page in pdf)
            assert not pdf.metadata.get("author") and not pdf.metadata.get("title")
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:  # Tesseract runs outside the GIL
        for path, text in zip(images, pool.map(_ocr, images), strict=True):
            texts[path.name] = text
    checked = leaks = 0
    for doc, truth in processed.samples:
        values = [f for v in _subject_values(truth).values() for f in _forms(v)]
        values = [v for v in values if len(_compact(v)) >= 5]
        doc_id = processed.ids.get(doc.name)
        mine = [t for name, t in texts.items() if doc_id and _id_matches(name, doc_id)]
        if not mine and doc in rescans:
            continue
        assert mine, f"no redacted output for {doc.name}"
        readable = _compact(" ".join(mine))
        assert len(readable) > 40, f"{doc.name}: the redacted output reads as nothing"
        for value in values:
            checked += 1
            leaks += _compact(value) in readable
        if doc.suffix == ".pdf":  # the test can fail: text-layer originals hold the values
            with pymupdf.open(doc) as original_pdf:
                original = _compact(" ".join(p.get_text() for p in original_pdf))
            if len(original) > 200:
                assert any(_compact(v) in original for v in values) or not values
    assert checked > 80
    assert leaks == 0, f"{leaks} of {checked} personal values recoverable from redacted outputs"


def _ocr(path: Path) -> str:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    words = ocr_words(image, languages="tur+eng", psm=11, timeout_s=120)
    return " ".join(w.text for w in words)


def _id_matches(output_name: str, document_id: int) -> bool:
    """An export's file names start with the document id (their stem is the stored,
    keyed-hash name: no personal data in an output's name either)."""
    pattern = rf"{document_id}-[0-9a-f]+(-p\d+\.png|\.redacted\.pdf)"
    return re.fullmatch(pattern, output_name) is not None
