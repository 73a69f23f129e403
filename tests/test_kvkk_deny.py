"""Deny by default (issue 15): what extraction did not understand is still never in clear.

The redaction step on real read documents (text-layer PDFs), without the pipeline
around it: values an engine read but the schema rejected, printed in other forms;
documents personal as a whole, sealed or dropped; special categories widened to the
sentence that states them and dropped from record fields, with only a flag kept.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from docpipe.document import Document, Evidence
from docpipe.ingest import ingest
from docpipe.redact.policy import personal_as_a_whole
from docpipe.redact.protect import Redactor
from docpipe.redact.special import special_spans
from docpipe.redact.vault import Vault, new_key
from docpipe.result import DROPPED_TEXT, SEALED_TEXT, Result, Status
from docpipe.settings import Settings, load_settings
from docpipe.text.turkish import fold
from tests.conftest import text_pdf

KEY = base64.b64decode(new_key())
INVOICE_LINES = [
    "e-Arşiv Fatura",
    "Satıcı: Deniz Kırtasiye Ticaret Ltd. Şti.   VKN: 4540536920",
    "Alıcı: Ayşe Nur Demirtaş   TCKN: 123 456 789 01",
    "Tel: (0532) 418-27-93   Adres: Moda Cad. No: 5 Kadıköy",
    "Ödenecek Tutar: 120,00 TL",
]


def _doc(lines: list[str], tmp_path: Path) -> Document:
    path = text_pdf(lines, tmp_path / "doc.pdf")
    return ingest(path, load_settings(store_results=False), path.read_bytes(), sha256="ab" * 32)


def _result(doc_type: str, record: dict | None, **extra: object) -> Result:
    return Result(
        path="doc.pdf", sha256="ab" * 32, status=Status.ok, doc_type=doc_type, record=record,
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(store_results=False)


def test_values_read_but_rejected_are_hidden_in_every_printed_form(
    tmp_path: Path, settings: Settings
) -> None:
    doc = _doc(INVOICE_LINES, tmp_path)
    record = {"seller": {"name": "Deniz Kırtasiye Ticaret Ltd. Şti.", "vkn": "4540536920"}}
    # the buyer's TCKN failed its checksum and the phone its format: the record lost them
    read = [
        ("seller.vkn", "4540536920"),
        ("buyer.tckn", "12345678901"),
        ("buyer.name", "AYSE NUR DEMIRTAS"),
        ("buyer.phone", "+905324182793"),
    ]
    result = _result("invoice", record, read_values=read)
    before = Redactor(settings, KEY).protect(result.model_copy(update={"read_values": []}), doc)
    protected = Redactor(settings, KEY).protect(result, doc)
    text = protected.protection.text or ""
    folded = fold(text).replace(" ", "")
    # without the reads (as before), the rejected TCKN stayed in clear: the test can fail
    assert "12345678901" in (before.protection.text or "").replace(" ", "")
    for gone in ("12345678901", "4182793", "aysenur", "demirtas"):
        assert gone not in folded, gone
    # the seller is a company: its name and VKN stay; the reads are not handed on
    assert "Deniz Kırtasiye" in text and "4540536920" in text
    assert protected.result.read_values == [] and "read_values" not in protected.result.model_dump()


@pytest.mark.parametrize("mode", ["sealed", "drop"])
def test_identity_documents_are_personal_as_a_whole(
    tmp_path: Path, settings: Settings, mode: str
) -> None:
    lines = ["Anne Adı / Mother's Name   Baba Adı / Father's Name", "ŞÜKRAN   EMRE",
             "I<TURD46A93880971885596100<<<<", "OZCELIK<<TUGCE<SULE<<<<<<<<<<<"]  # fmt: skip
    doc = _doc(lines, tmp_path)
    # extraction understood nothing of it: the text is personal all the same
    ev = Evidence(page=1, source_text="OZCELIK<<TUGCE<SULE", engine="rules", confidence=0.9)
    evidence = {"kind": ev}
    result = _result("id_card", {"kind": "id_card"}, evidence=evidence)
    custom = settings.model_copy(update={"personal_text": mode})
    protected = Redactor(custom, KEY).protect(result, doc)
    entries = {name: token for name, _, token in protected.protection.vault}
    assert protected.result.evidence["kind"].source_text is None
    if mode == "drop":
        assert protected.protection.text == DROPPED_TEXT and "text" not in entries
        return
    assert protected.protection.text == SEALED_TEXT
    sealed = Vault(KEY).open(entries["text"], document="ab" * 32, field="text")
    assert "ŞÜKRAN" in sealed and "OZCELIK<<TUGCE" in sealed
    quote = Vault(KEY).open(entries["evidence.kind"], document="ab" * 32, field="evidence.kind")
    assert quote == "OZCELIK<<TUGCE<SULE"


def test_documents_not_understood_are_personal_as_a_whole() -> None:
    seller = {"seller": {"name": "X A.Ş."}}
    assert personal_as_a_whole("unknown", None)
    assert personal_as_a_whole("passport", {"tckn": "10000000146"})
    assert personal_as_a_whole("invoice", {"total_with_taxes": "120.00"})  # no seller
    assert personal_as_a_whole("contract", {"title": "KİRA SÖZLEŞMESİ"})  # no parties
    assert personal_as_a_whole("invoice", seller, ["extractor"])
    assert not personal_as_a_whole("invoice", seller)
    assert not personal_as_a_whole("contract", {"parties": [{"name": "Y Ltd. Şti."}]})


def test_a_diagnosis_goes_with_its_sentence() -> None:
    prose = (
        "MADDE 4 - SAĞLIK DURUMU\n"
        "İşçi, işe giriş muayenesinde kendisine Hashimoto tiroiditi tanısı konduğunu ve\n"
        "düzenli tedavi gördüğünü beyan etmiştir. İşveren gerekli düzenlemeleri yapar.\n"
        "Ek-1 önceki tanı: Multipl skleroz (ICD-10 G35)\n"
        "T.C. Kimlik No: 10000000146"
    )
    spans = special_spans(prose)
    dropped = " ".join(prose[s.start : s.end] for s in spans)
    for value in ("Hashimoto tiroiditi", "düzenli tedavi", "Multipl skleroz", "G35"):
        assert value in dropped
    kept = "".join(prose[: spans[0].start]) + prose[spans[-1].end :]
    assert "İşveren gerekli düzenlemeleri yapar." in prose[spans[0].end : spans[1].start]
    assert "MADDE 4" in kept and "10000000146" in kept
    # an invoice row: the row only
    rows = "1  İnsülin kalemi (diyabet tedavisi)  2 adet  240,00\nToplam 240,00"
    (row,) = special_spans(rows, lines=True)
    assert rows[row.start : row.end].endswith("240,00") and "Toplam" not in rows[: row.end]


def test_special_categories_leave_record_fields_with_a_flag_only(
    tmp_path: Path, settings: Settings
) -> None:
    doc = _doc(["İŞ SÖZLEŞMESİ", "MADDE 7 - Sağlık raporu ve engellilik oranı"], tmp_path)
    record = {
        "parties": [{"name": "Z Ltd. Şti."}],
        "clauses": [{"number": "7", "heading": "Sağlık raporu ve engellilik oranı"}],
    }
    protected = Redactor(settings, KEY).protect(_result("contract", record), doc)
    heading = protected.result.record["clauses"][0]["heading"]  # type: ignore[index]
    assert "rapor" not in fold(heading) and "<ÖZEL-NİTELİKLİ>" in heading
    assert protected.protection.special_categories == ["health"]
    assert not any(e == "SPECIAL_CATEGORY" for _, e, _ in protected.protection.vault)
