"""Identity extraction: printed fields, MRZ merge, cross-check, Turkish names."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from docpipe.document import Document, Page, Word
from docpipe.extract.rules import RulesEngine
from docpipe.extract.rules.identity import mrz_name_of
from docpipe.pipeline import Pipeline
from docpipe.schemas import IdentityDocument
from docpipe.settings import Settings
from docpipe.validate import validate_record
from samplegen.identity import random_person, td1, tr_date

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def doc_of(rows: list[list[tuple[float, str]]]) -> Document:
    """Words laid out in rows of (x, text); each row 30 units below the previous."""
    words = []
    for i, row in enumerate(rows):
        for x, text in row:
            x1 = x
            for token in text.split():
                width = 7.0 * len(token)
                words.append(Word(token, (x1, 30.0 * i, x1 + width, 30.0 * i + 12)))
                x1 += width + 5
    page = Page(1, 800, 600, unit="px", words=tuple(words), text_source="ocr")
    return Document(path="x", sha256="0", media_type="image/png", size_bytes=0, pages=(page,))


def card_rows(person, *, birth: str | None = None, surname: str | None = None):
    mrz = td1(person)
    return [
        [(10, "TÜRKİYE CUMHURİYETİ KİMLİK KARTI")],
        [(10, "T.C. Kimlik No / TR Identity No")],
        [(10, person.tckn)],
        [(10, "Soyadı / Surname")],
        [(10, surname or person.surname)],
        [(10, "Adı / Given Name(s)")],
        [(10, person.given_names)],
        [(10, "Doğum Tarihi / Date of Birth"), (400, "Cinsiyeti / Gender")],
        [
            (10, birth or tr_date(person.birth_date)),
            (400, "K / F" if person.sex == "F" else "E / M"),
        ],
        [(10, "Seri No / Document No"), (400, "Uyruğu / Nationality")],
        [(10, person.document_number), (400, "T.C./TUR")],
        [(10, "Son Geçerlilik / Valid Until")],
        [(10, tr_date(person.expiry_date))],
        [(10, mrz[0])],
        [(10, mrz[1])],
        [(10, mrz[2])],
    ]


def extract(doc: Document) -> tuple[dict, list]:
    with RulesEngine() as engine:
        extraction = engine.extract(doc, "id_card", IdentityDocument)
    record = extraction.record.model_dump(mode="json", exclude_none=True)
    return record, validate_record("id_card", record, extraction.rejected)


def test_printed_and_mrz_agree() -> None:
    person = random_person(random.Random(11))
    record, checks = extract(doc_of(card_rows(person)))
    assert record["tckn"] == person.tckn
    assert record["surname"] == person.surname  # printed spelling, with diacritics
    assert record["birth_date"] == person.birth_date.isoformat()
    assert record["expiry_date"] == person.expiry_date.isoformat()
    assert record["document_number"] == person.document_number
    assert record["sex"] == person.sex and record["nationality"] == "TUR"
    assert record["mrz_lines"] == td1(person)
    assert all(c.passed for c in checks), [c for c in checks if not c.passed]


def test_disagreeing_birth_date_keeps_the_mrz_and_asks_for_review() -> None:
    person = random_person(random.Random(12))
    wrong = person.birth_date.replace(year=person.birth_date.year - 1)
    with RulesEngine() as engine:
        extraction = engine.extract(
            doc_of(card_rows(person, birth=tr_date(wrong))), "id_card", IdentityDocument
        )
    record = extraction.record.model_dump(mode="json", exclude_none=True)
    checks = validate_record("id_card", record, extraction.rejected)
    assert record["birth_date"] == person.birth_date.isoformat()  # check digit passed
    assert extraction.evidence["birth_date"].confidence < 0.7
    failed = [c for c in checks if not c.passed]
    assert [(c.name, c.field) for c in failed] == [("mrz_cross_check", "birth_date")]
    assert wrong.isoformat() not in failed[0].reason and "." not in failed[0].reason[:-1]


def test_disagreeing_surname_is_flagged() -> None:
    person = random_person(random.Random(13))
    _, checks = extract(doc_of(card_rows(person, surname="YILDIRIMOĞLU")))
    failed = {(c.name, c.field) for c in checks if not c.passed}
    assert ("mrz_cross_check", "surname") in failed


@pytest.mark.parametrize(
    ("printed", "mrz"),
    [("ÖZTÜRK", "OZTURK"), ("ÇAĞLAR", "CAGLAR"), ("İLKER", "ILKER"), ("IŞIK", "ISIK"),
     ("AYŞE GÜL", "AYSE GUL")],
)  # fmt: skip
def test_turkish_names_fold_to_their_mrz_form(printed: str, mrz: str) -> None:
    assert mrz_name_of(printed) == mrz


@pytest.mark.parametrize(
    "name", ["id/kimlik_01_front", "id/kimlik_02_back", "id/pasaport_01", "id/nufus_cuzdani_01"]
)
def test_identity_samples_end_to_end(name: str, settings: Settings) -> None:
    truth = json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        result = pipeline.process(SAMPLES / f"{name}.jpg")
    assert result.doc_type == truth["doc_type"]
    got = result.record or {}
    flat = {k: v for k, v in got.items() if k != "mrz_lines"}
    flat.update({f"mrz_lines.{i}": line for i, line in enumerate(got.get("mrz_lines", []))})
    wrong = [k for k, v in truth["fields"].items() if str(flat.get(k)) != str(v)]
    assert wrong == []
    assert result.status.value == "ok", result.failed_checks
    kinds = {"nufus": "nufus_cuzdani", "pasaport": "passport", "kimlik": "id_card"}
    assert got["kind"] == next(v for k, v in kinds.items() if k in name)
