"""Redacted outputs really lose the personal data: re-read them and look for every value."""

from __future__ import annotations

import pymupdf
import pytest

from docpipe.errors import ConfigError
from docpipe.evaluate import load_truth, truth_pairs
from docpipe.ingest import ingest
from docpipe.redact.locate import locate_pii
from docpipe.redact.pdf import redact_pdf
from docpipe.redact.strategies import Pseudonyms, keyed_hash, mask, replace_spans, tag
from docpipe.redact.vault import Vault, new_key, settings_key
from docpipe.settings import load_settings
from tests.conftest import SAMPLES

PERSONAL = ("name", "vkn", "tckn", "address", "phone", "email", "iban", "mersis")


def _compact(text: str) -> str:
    return "".join(text.split()).lower()


@pytest.mark.parametrize(
    "doc_path", [d for d, _ in truth_pairs(SAMPLES / "invoices")], ids=lambda p: p.stem
)
def test_redacted_pdf_text_holds_no_personal_value(doc_path) -> None:
    truth = load_truth(doc_path.parent / f"{doc_path.stem}.truth.json")
    personal = {
        path: value
        for path, value in truth.fields.items()
        if (path.split(".")[-1] in PERSONAL and path.split(".")[0] in ("buyer",))
        or path.split(".")[-1] in ("tckn", "iban", "email", "phone")
    }
    # what extraction knows is personal is redacted wherever it appears
    known = {path: str(v) for path, v in personal.items()}
    doc = ingest(doc_path, load_settings())
    boxes: dict[int, list] = {}
    for hit in locate_pii(doc, known):
        boxes.setdefault(hit.page, []).append(hit.bbox)
    redacted = redact_pdf(doc_path.read_bytes(), boxes)
    with pymupdf.open(stream=redacted, filetype="pdf") as pdf:
        text = _compact(" ".join(page.get_text() for page in pdf))
        assert not pdf.metadata.get("author") and not pdf.metadata.get("title")
    leaked = [path for path, value in personal.items() if _compact(str(value)) in text]
    assert leaked == [], f"{doc_path.name}: {leaked}"
    # and the document is still an invoice a person can read
    assert "toplam" in text or "total" in text


@pytest.mark.parametrize(
    ("value", "entity", "masked"),
    [
        ("10000000146", "TR_NATIONAL_ID", "10*******46"),
        ("TR33 0006 1005 1978 6457 8413 26", "IBAN_CODE", "TR33 **** **** **** **** **** 26"),
        ("ayse.yilmaz@ornek.com.tr", "EMAIL_ADDRESS", "a***@ornek.com.tr"),
        ("0532 123 45 67", "PHONE_NUMBER", "05** *** ** 67"),
        ("Ayşe Yılmaz", "PERSON", "A*** Y*****"),
        ("4111 1111 1111 1111", "CREDIT_CARD", "**** **** **** 1111"),
    ],
)
def test_masks_keep_what_an_operator_matches(value: str, entity: str, masked: str) -> None:
    assert mask(value, entity) == masked


def test_tags_hashes_and_pseudonyms() -> None:
    assert tag("TR_NATIONAL_ID") == "<TCKN>"
    key = b"k" * 32
    assert keyed_hash("TR33 0006 1005", key, "IBAN_CODE") == keyed_hash(
        "tr3300061005", key, "IBAN_CODE"
    )
    assert keyed_hash("10000000146", key) != keyed_hash("10000000146", b"x" * 32)
    names = Pseudonyms()
    text = "Ayşe Yılmaz ile AYŞE YILMAZ ve Ali Kaya"
    spans = [(0, 11, "PERSON"), (16, 27, "PERSON"), (31, 39, "PERSON")]
    assert replace_spans(text, spans, names) == "KİŞİ-1 ile KİŞİ-1 ve KİŞİ-2"


def test_vault_round_trip_is_bound_to_document_and_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCPIPE_VAULT_KEY", new_key())
    vault = Vault(settings_key(load_settings()))
    token = vault.seal("10000000146", document="doc-1", field="buyer.tckn")
    assert "10000000146" not in token
    assert vault.open(token, document="doc-1", field="buyer.tckn") == "10000000146"
    with pytest.raises(ConfigError, match="cannot be decrypted"):
        vault.open(token, document="doc-2", field="buyer.tckn")


def test_vault_key_errors_say_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DOCPIPE_VAULT_KEY", raising=False)
    with pytest.raises(ConfigError, match="DOCPIPE_VAULT_KEY"):
        settings_key(load_settings())
    monkeypatch.setenv("DOCPIPE_VAULT_KEY", "bm90LTMyLWJ5dGVz")
    with pytest.raises(ConfigError, match="not 32 bytes"):
        settings_key(load_settings())
