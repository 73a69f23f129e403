"""An invoice's own number is not personal data: redaction leaves it readable.

Before, the invoice-number cell was burned on redacted page images: the tail of
``FTR2024/03901`` read as a postcode joined the address on the next line, an
ID-card-shaped number (``A12B34567``) read as a card serial, and a bare
``5321234567`` next to "Numarası" as a mobile number. A T.C. kimlik no or an IBAN
printed beside the number must still be redacted.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from docpipe.document import BBox, Document
from docpipe.ingest import ingest
from docpipe.pipeline import Pipeline
from docpipe.read import read_text
from docpipe.redact.locate import page_text
from docpipe.redact.protect import Redactor
from docpipe.redact.vault import new_key
from docpipe.result import Result, Status
from docpipe.settings import Settings, load_settings
from docpipe.store import Store
from tests.conftest import SAMPLES, text_pdf

KEY = base64.b64decode(new_key())
TCKN, IBAN = "10000000146", "TR33 0006 1005 1978 6457 8413 26"
SELLER = "Satıcı: Deniz Kırtasiye Ticaret Ltd. Şti.   VKN: 4540536920"


def _words_of(doc: Document, value: str) -> list[BBox]:
    """Boxes of the page words that make up ``value``, spaces ignored (OCR may split
    "FTR2024/03901" at its slash)."""
    compact = value.replace(" ", "")
    found: list[BBox] = []
    for page in doc.pages:
        text, words = page_text(page)
        pieces = [text[s:e] for s, e, _ in words]
        joined = "".join(pieces)
        at = joined.find(compact)
        if at < 0:
            continue
        pos = 0
        for piece, (_, _, box) in zip(pieces, words, strict=True):
            if pos < at + len(compact) and pos + len(piece) > at:
                found.append(box)
            pos += len(piece)
    return found


def _overlap(a: BBox | list[float], b: BBox | list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(
    ("number", "lines"),
    [
        # the tail read as a postcode joined the next line's address
        ("FTR2024/03901", ["Belge No FTR2024/03901", "Kocatepe Mah. Cumhuriyet Sok. No: 163/11"]),
        # the shape of a T.C. Kimlik Kartı serial
        ("A12B34567", [f"Belge No: A12B34567   TCKN: {TCKN}"]),
        # a bare ten digits starting with 5 next to "Numarası": a mobile number
        ("5321234567", [f"Fatura Numarası: 5321234567   IBAN: {IBAN}"]),
        # number, then an ilçe / il on the same line
        ("2024/12345", ["Fatura No: 2024/12345 Kadıköy / İstanbul"]),
    ],
)
def test_the_invoice_number_is_not_redacted_and_its_neighbours_are(
    number: str, lines: list[str], tmp_path: Path
) -> None:
    settings = load_settings(store_results=False)
    path = text_pdf(
        ["e-Arşiv Fatura", SELLER, *lines, "Ödenecek Tutar: 120,00 TL"], tmp_path / "f.pdf"
    )
    doc = ingest(path, settings, path.read_bytes(), sha256="ab" * 32)
    record = {
        "invoice_number": number,
        "seller": {"name": "Deniz Kırtasiye Ticaret Ltd. Şti.", "vkn": "4540536920"},
    }
    result = Result(path="f.pdf", sha256="ab" * 32, status=Status.ok, doc_type="invoice")
    protected = Redactor(settings, KEY).protect(result.model_copy(update={"record": record}), doc)
    text = protected.protection.text or ""
    boxes = protected.protection.boxes.get(1, [])
    assert number in text
    assert not [b for b in boxes if any(_overlap(b, w) for w in _words_of(doc, number))]
    # what sits beside it is still found and redacted
    for value in (TCKN, IBAN, "Kocatepe", "Kadıköy"):
        if any(value in line for line in lines):
            assert value not in text
            assert [b for b in boxes if any(_overlap(b, w) for w in _words_of(doc, value))]
    # without the record (extraction did not read it), nothing is cleared: deny by default
    unread = Redactor(settings, KEY).protect(result, doc)
    assert unread.protection.boxes, "the unread document keeps its redactions"


def test_an_identifier_that_is_personal_by_itself_is_not_trusted(tmp_path: Path) -> None:
    """A T.C. kimlik no that extraction took for the invoice number is still redacted."""
    settings = load_settings(store_results=False)
    path = text_pdf(["e-Arşiv Fatura", SELLER, f"Fatura No: {TCKN}"], tmp_path / "f.pdf")
    doc = ingest(path, settings, path.read_bytes(), sha256="ab" * 32)
    result = Result(
        path="f.pdf", sha256="ab" * 32, status=Status.ok, doc_type="invoice",
        record={"invoice_number": TCKN},
    )  # fmt: skip
    protected = Redactor(settings, KEY).protect(result, doc)
    assert TCKN not in (protected.protection.text or "")


@pytest.mark.parametrize(
    "sample", ["invoices/kagit_01.pdf", "scans/kagit_01_scan.jpg", "invoices/efatura_01.pdf"]
)
def test_sample_invoice_numbers_stay_on_the_redacted_pages(sample: str, tmp_path: Path) -> None:
    """The committed samples, through the real pipeline: the stored redaction boxes (what
    ``export --redacted-pdf`` and the API's page image burn) miss the invoice number."""
    import json

    path = SAMPLES / sample
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))["fields"]
    settings: Settings = load_settings(database_url=f"sqlite:///{tmp_path / 'd.db'}")
    with Pipeline(settings) as pipeline:
        result = pipeline.process(path)
    assert result.record and result.record["invoice_number"] == truth["invoice_number"]
    with Store(settings.database_url) as store:
        boxes = store.redaction_boxes(result.document_id or 0) or {}
    doc = read_text(ingest(path, settings, path.read_bytes()), settings)
    number = _words_of(doc, truth["invoice_number"])
    assert number
    assert not [b for b in boxes.get(1, []) if any(_overlap(b, w) for w in number)]
    assert boxes.get(1), "the buyer's personal data is still burned"
