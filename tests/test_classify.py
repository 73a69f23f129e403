"""Classification from text cues: every type, unknown for anything else, invoices unharmed."""

from __future__ import annotations

from pathlib import Path

import pytest

from docpipe.classify import classify
from docpipe.document import Document, Page, Word
from docpipe.ingest import ingest
from docpipe.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def doc_of(*lines: str) -> Document:
    words = tuple(
        Word(text=token, bbox=(10.0 + 40 * j, 20.0 * i, 45.0 + 40 * j, 20.0 * i + 10))
        for i, line in enumerate(lines)
        for j, token in enumerate(line.split())
    )
    page = Page(number=1, width=600, height=800, words=words, text_source="ocr")
    return Document(path="x", sha256="0", media_type="image/png", size_bytes=0, pages=(page,))


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["TÜRKİYE CUMHURİYETİ KİMLİK KARTI", "Soyadı / Surname", "ÖZTÜRK"],
            "id_card",
        ),
        (
            ["Anne Adı / Mother's Name", "I<TURA12B345678123456789012<<<<"],
            "id_card",
        ),
        (["NÜFUS CÜZDANI", "Baba Adı", "Anne Adı"], "id_card"),
        (["PASAPORT / PASSPORT", "P<TURYILMAZ<<AYSE<<<<<<"], "passport"),
        (["KİRA SÖZLEŞMESİ", "Madde 1 - Taraflar", "Kiraya veren ve kiracı"], "contract"),
        (["e-Arşiv Fatura", "Fatura No: GIB2024000000001", "KDV %20"], "invoice"),
        # a matbu form: only abbreviated labels besides FATURA and KDV (test_rules_variants
        # seed 8404 was "unknown")
        (
            ["FATURA", "Vergi D./No: Gökpınar", "B.FİYAT TUTAR", "KDV TUTARI %20", "G. TOPLAM"],
            "invoice",
        ),
        (["Alışveriş listesi", "elma armut"], "unknown"),
    ],
)
def test_types_from_text(lines: list[str], expected: str) -> None:
    doc_type, confidence = classify(doc_of(*lines))
    assert doc_type == expected
    assert 0.0 <= confidence <= 1.0
    if expected != "unknown":
        assert confidence > 0.3


def test_empty_document_is_unknown_with_zero_confidence() -> None:
    assert classify(doc_of()) == ("unknown", 0.0)


@pytest.mark.parametrize("name", sorted(p.name for p in (SAMPLES / "invoices").glob("*.pdf")))
def test_digital_invoices_stay_invoices(name: str, settings: Settings) -> None:
    doc_type, confidence = classify(ingest(SAMPLES / "invoices" / name, settings))
    assert doc_type == "invoice" and confidence > 0.5


def test_mrz_shape_alone_is_a_layout_cue() -> None:
    """No label at all, only a zone shaped like TD1 or TD3."""
    td1 = [
        "IXABCD12345678901234567890<<<<",
        "8001014F3001012XYZ<<<<<<<<<<<8",
        "DOE<<JOHN<<<<<<<<<<<<<<<<<<<<<",
    ]
    td3 = [
        "PXABCDOE<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
        "X1234567<0XYZ8001014F3001012<<<<<<<<<<<<<<00",
    ]
    assert classify(doc_of(*td1))[0] == "id_card"
    assert classify(doc_of(*td3))[0] == "passport"


def test_every_cue_match_starts_with_one_of_its_heads() -> None:
    """Skipping a cue whose heads the text lacks never drops a match it would have had."""
    from docpipe.classify import _COMPILED

    text = (
        "e-fatura efatura fatura no: 1 ettn kdv vergi dairesi vergi d. b.fiyat g. toplam "
        "mal hizmet odenecek birim fiyat genel toplam yalniz matrah kimlik karti t.c. kimlik "
        "no soyadi / surname p<tur i<tur pasaport sozlesme madde 3 taraflar kiraci isbu"
    )
    for cues in _COMPILED.values():
        for rx, _, found in cues:
            for match in rx.finditer(text):
                assert found is None or any(h in match.group(0) for h in found), rx.pattern
