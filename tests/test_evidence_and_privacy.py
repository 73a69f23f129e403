"""Every extracted field carries evidence; no personal value reaches the database, logs,
CLI output, exports or redacted outputs.

The samples, and the documents extraction fails on (``tests/leaks.py``: a blurred ID
back, a card photographed sideways, an unknown petition full of names, an employment
contract stating a diagnosis, digital and scanned) and documents the rules were never
written against (held-out ID corpus styles, held-out contract wordings), are processed
once per module with DEBUG logging captured; the tests then look for every personal
value of the truth files in what came out, compacted and folded (spacing, case and
diacritics ignored), and count them per family and output (the table is printed at
the end of the module, and written to ``$DOCPIPE_LEAK_TABLE`` when set:
``benchmarks/leak_report.py``). Every text-layer sample and identity document runs; of
the OCR-heavy families (scans, photos, scanned contracts) one of each kind, unless
``DOCPIPE_RUN_SLOW=1`` asks for all (and every held-out document with them).
"""

from __future__ import annotations

import contextlib
import hashlib
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
from sqlalchemy import create_engine, text

from docpipe.cli import main
from docpipe.evaluate import flatten, load_truth, truth_pairs
from docpipe.ocr.tesseract import ocr_words
from docpipe.pipeline import Pipeline
from docpipe.redact.vault import KEY_ENV, new_key
from docpipe.result import WHOLE_TEXTS
from docpipe.settings import load_settings
from tests.conftest import SAMPLES
from tests.leaks import (
    Tally,
    checked_values,
    compact,
    database_text,
    database_texts,
    family_label,
    make_hard_documents,
    make_heldout_documents,
)

PERSONAL = (
    "name", "vkn", "tckn", "address", "phone", "email", "iban", "mersis", "tax_office",
    "surname", "given_names", "mother_name", "father_name", "birth_place", "document_number",
    "mrz_lines",
)  # fmt: skip
# values that are not identifying on their own (a tax office named like a district, etc.)
MIN_LENGTH = 6
TALLY = Tally()


def _log_values(truth_path: Path) -> list[str]:
    """Every personal-looking value of a truth file, companies' included: none may reach
    a log; and the subject values."""
    values = set(checked_values(truth_path))
    for path, value in load_truth(truth_path).fields.items():
        keys = path.split(".")
        personal = (keys[-1] in PERSONAL or keys[0] in PERSONAL) and isinstance(value, str)
        if personal and len(value) >= MIN_LENGTH:
            values.add(value)
    return sorted(values)


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
    shown: str  # what `show` (every document), `subject` and `purge` printed
    exported: str  # what `export --format json/csv` printed
    outdir: Path
    samples: list[tuple[Path, Path]]  # (document, truth) pairs that were run
    ids: dict[Path, int]  # document -> its stored id (by sha256), when stored


def _run(argv: list[str], stream: io.StringIO) -> None:
    """Run one command; `run` may exit 1 (a document failed: the hard ones may)."""
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        try:
            main(argv)
        except SystemExit as exc:
            assert exc.code in ((0, 1, None) if argv[0] == "run" else (0, None)), argv[0]


def _stored_ids(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT sha256, id FROM documents WHERE sha256 IS NOT NULL"))
        ids = {sha: doc_id for sha, doc_id in rows}
    engine.dispose()
    return ids


@pytest.fixture(scope="module")
def processed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Processed]:
    """`docpipe run` over the samples and the hard documents at DEBUG, then the KVKK
    commands, output captured."""
    root = tmp_path_factory.mktemp("privacy")
    url = f"sqlite:///{root / 'x.db'}"
    chosen = _chosen()
    inbox = root / "samples"
    for doc, _ in chosen:
        target = inbox / doc.relative_to(SAMPLES)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(doc, target)
    hard = make_hard_documents(inbox / "hard")
    hard += make_heldout_documents(
        inbox / "heldout", every=os.environ.get("DOCPIPE_RUN_SLOW") == "1"
    )
    chosen += [(doc, doc.with_name(doc.stem + ".truth.json")) for doc in hard]
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
    streams = {name: io.StringIO() for name in ("logged", "shown", "exported")}
    tckn = next(v for p, v in load_truth(SAMPLES / "id" / "kimlik_01_front.truth.json")
                .fields.items() if p == "tckn")  # fmt: skip
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(KEY_ENV, new_key())
            _run(["run", str(inbox), "--db", url], streams["logged"])
            _run(["list", "--db", url], streams["logged"])
            ids = _stored_ids(url)
            for doc_id in sorted(ids.values()):
                _run(["show", str(doc_id), "--db", url], streams["shown"])
            for fmt in ("json", "csv"):
                _run(["export", "--format", fmt, "--db", url], streams["exported"])
            _run(["subject", str(tckn), "--db", url], streams["shown"])
            _run(["purge", "--dry-run", "--db", url], streams["shown"])
            _run(["export", "--redacted-pdf", str(outdir), "--db", url], streams["shown"])
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    # `run` names each file as the operator typed it; the samples' own names are not
    # personal data, but one may spell a word that is (dilekçe holds the name DİLEK)
    echoed = streams["logged"].getvalue()
    for doc, _ in chosen:
        echoed = echoed.replace(doc.name, "<input file>")
    logged = "\n".join(records) + echoed
    by_doc = {
        doc: ids[sha]
        for doc, _ in chosen
        if (sha := hashlib.sha256(doc.read_bytes()).hexdigest()) in ids
    }
    yield Processed(
        url,
        logged,
        streams["shown"].getvalue(),
        streams["exported"].getvalue(),
        outdir,
        chosen,
        by_doc,
    )


@pytest.fixture(scope="module", autouse=True)
def leak_table() -> Iterator[None]:
    """Print the counts (family × output) once the module's tests have run."""
    yield
    if not TALLY.counts:
        return
    table = TALLY.table()
    print("\n" + table)
    target = os.environ.get("DOCPIPE_LEAK_TABLE")
    if target:
        Path(target).write_text(table + "\n", encoding="utf-8")


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
    logged, shown, exported = (compact(t) for t in (processed.logged, processed.shown,
                                                    processed.exported))  # fmt: skip
    leaks = checked = 0
    for _, truth in processed.samples:
        label = family_label(truth)
        values = checked_values(truth)
        checked += len(values)
        leaks += TALLY.check(label, "logs", _log_values(truth), logged)
        # show/export print stored records: company data may appear there, a person's may not
        leaks += TALLY.check(label, "cli", values, shown)
        leaks += TALLY.check(label, "exports", values, exported)
    assert checked > 100  # the samples do carry personal data to leak
    assert leaks == 0, f"{leaks} personal values leaked into logs, CLI output or exports"
    # the card's front (and its back, through the MRZ) name the holder
    found = re.search(r"(\d+) documents mention this data subject", processed.shown)
    assert found is not None and int(found.group(1)) >= 1
    assert "files for" in processed.shown and '"record"' in processed.exported


def test_no_personal_data_in_the_database(processed: Processed) -> None:
    """Every table, every cell: the record, its evidence, the stored text, the audit log."""
    dumps = {k: compact(v) for k, v in database_texts(processed.database_url).items()}
    unattached = dumps.get(None, "")
    leaks = 0
    for doc, truth in processed.samples:
        # its own rows and those of no document (a duplicate form: its invoice's rows)
        own = dumps.get(processed.ids.get(doc) or _owner(processed, doc), "")
        haystack = own + "|" + unattached
        leaks += TALLY.check(family_label(truth), "database", checked_values(truth), haystack)
    # the test can fail: the samples' personal data reached the pipeline; a document not
    # stored under its own bytes must be another form of an invoice run beside it (a
    # re-scan, photo or XML: a duplicate or a source of that invoice's record)
    keys = {doc: _invoice_key(load_truth(t).fields) for doc, t in processed.samples}
    counts = Counter(k for k in keys.values() if k is not None)
    unstored = [doc for doc, _ in processed.samples if doc not in processed.ids]
    missing = [d.name for d in unstored if keys[d] is None or counts[keys[d]] < 2]
    assert missing == [], f"not stored: {missing}"
    assert leaks == 0, f"{leaks} personal values stored in clear in the database"


@pytest.mark.postgres
def test_no_personal_data_in_a_postgresql_database(tmp_path: Path) -> None:
    """One run into PostgreSQL: a card, an invoice, a contract and the hard documents."""
    from tests.test_store import fresh_pg_database

    inbox = tmp_path / "in"
    hard = make_hard_documents(inbox / "hard")
    docs = [d for d in hard if d.suffix == ".pdf" or "blurred" in d.name]
    for sample in ("invoices/earsiv_01.pdf", "contracts/kira_konut_01.pdf"):
        shutil.copyfile(SAMPLES / sample, inbox / Path(sample).name)
        docs.append(SAMPLES / sample)
    for scan in [d for d in hard if d not in docs]:
        scan.unlink()
    with fresh_pg_database() as url:
        _run(["run", str(inbox), "--db", url], io.StringIO())
        dump = compact(database_text(url))
        stored = len(_stored_ids(url))
    assert stored == len(docs)
    leaks = sum(
        TALLY.check(family_label(t), "postgresql", checked_values(t), dump)
        for t in (d.with_name(d.stem + ".truth.json") for d in docs)
    )
    assert leaks == 0, f"{leaks} personal values stored in clear in PostgreSQL"


def _owner(processed: Processed, doc: Path) -> int | None:
    """The stored document a form not stored under its own bytes belongs to: the one
    run beside it with the same invoice key (``_invoice_key``)."""
    truths = dict(processed.samples)
    key = _invoice_key(load_truth(truths[doc]).fields)
    if key is None:
        return None
    for other, truth in processed.samples:
        if other in processed.ids and _invoice_key(load_truth(truth).fields) == key:
            return processed.ids[other]
    return None


def _invoice_key(fields: dict) -> tuple | None:
    """What makes forms of one invoice one record (``docpipe.store.identity``)."""
    if fields.get("ettn"):
        return ("ettn", fields["ettn"])
    seller = fields.get("seller.vkn") or fields.get("seller.tckn")
    if seller and fields.get("invoice_number") and fields.get("issue_date"):
        return (seller, fields["invoice_number"], fields["issue_date"])
    return None


def test_no_personal_value_survives_in_any_redacted_output(processed: Processed) -> None:
    """Re-read every redacted output (text layer; OCR for page images) of every sample.

    Documents personal as a whole (identity documents, documents not understood) get no
    redacted copy: their page images are not written at all (nor do failed ones)."""
    outputs = sorted(processed.outdir.iterdir())
    pdfs = [p for p in outputs if p.suffix == ".pdf"]
    images = [p for p in outputs if p.suffix == ".png"]
    whole = _whole_documents(processed)
    # a re-scan, photo or XML of an invoice already stored is a duplicate with no output of
    # its own: same ETTN, or (no ETTN: a paper invoice) same seller, number and date
    keys = {doc: _invoice_key(load_truth(t).fields) for doc, t in processed.samples}
    counts = Counter(k for k in keys.values() if k is not None)
    rescans = {doc for doc, key in keys.items() if key is not None and counts[key] > 1}
    texts: dict[str, str] = {}
    for path in pdfs:
        with pymupdf.open(path) as pdf:
            texts[path.name] = " ".join(page.get_text() for page in pdf)
            assert not pdf.metadata.get("author") and not pdf.metadata.get("title")
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:  # Tesseract runs outside the GIL
        for path, text_ in zip(images, pool.map(_ocr, images), strict=True):
            texts[path.name] = text_
    checked = leaks = 0
    for doc, truth in processed.samples:
        doc_id = processed.ids.get(doc)
        mine = [t for name, t in texts.items() if doc_id is not None and _of(name, doc_id)]
        if doc_id in whole:
            assert not mine, f"{doc.name}: personal as a whole, yet a redacted copy was written"
            continue
        if not mine and (doc in rescans or doc_id is None):
            continue
        assert mine, f"no redacted output for {doc.name}"
        readable = compact(" ".join(mine))
        assert len(readable) > 40, f"{doc.name}: the redacted output reads as nothing"
        values = checked_values(truth)
        checked += len(values)
        leaks += TALLY.check(family_label(truth), "redacted", values, readable)
        if doc.suffix == ".pdf":  # the test can fail: text-layer originals hold the values
            with pymupdf.open(doc) as original_pdf:
                original = compact(" ".join(p.get_text() for p in original_pdf))
            if len(original) > 200:
                assert any(compact(v) in original for v in values) or not values
    assert checked > 80
    assert leaks == 0, f"{leaks} of {checked} personal values recoverable from redacted outputs"
    # every identity document is personal as a whole; so is the unknown petition
    identity = [d for d, t in processed.samples if family_label(t).startswith("identity")]
    assert {processed.ids[d] for d in identity if d in processed.ids} <= whole
    petition = next(d for d, _ in processed.samples if d.name == "dilekce_01.pdf")
    assert processed.ids[petition] in whole


def _whole_documents(processed: Processed) -> set[int]:
    engine = create_engine(processed.database_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT document_id, text FROM document_texts"))
        whole = {doc_id for doc_id, stored in rows if stored in WHOLE_TEXTS}
        # a failed document has no stored text and no redacted copy either
        whole |= set(conn.scalars(text("SELECT id FROM documents WHERE status = 'failed'")))
    engine.dispose()
    return whole


def _of(output_name: str, doc_id: int) -> bool:
    return re.match(rf"{doc_id}-.*(-p\d+\.png|\.redacted\.pdf)$", output_name) is not None


def _ocr(path: Path) -> str:
    image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    words = ocr_words(image, languages="tur+eng", psm=11, timeout_s=120)
    return " ".join(w.text for w in words)
