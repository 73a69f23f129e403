"""Every schema field carries its KVKK class, and the redaction policy follows the marks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import Field

from docpipe.families import FAMILIES
from docpipe.redact.policy import free_text_paths, personal_fields
from docpipe.schemas import EXPORTED
from docpipe.schemas.common import KVKK_CLASSES, SchemaModel, Str80, kvkk
from docpipe.schemas.marks import leaf_marks, mark_problems

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(EXPORTED))
def test_every_leaf_of_every_exported_schema_is_marked(name: str) -> None:
    model_schema = EXPORTED[name].model_json_schema(mode="serialization")
    assert mark_problems(model_schema) == []
    exported = json.loads((ROOT / "schemas" / f"{name}.json").read_text(encoding="utf-8"))
    assert mark_problems(exported) == []
    leaves = leaf_marks(exported)
    assert leaves and all(leaf.mark in KVKK_CLASSES for leaf in leaves)


def test_every_family_schema_is_exported() -> None:
    assert {f.schema for f in FAMILIES} <= set(EXPORTED.values())


def test_a_field_without_a_mark_is_found() -> None:
    class Note(SchemaModel):
        author: Str80 | None = Field(None, json_schema_extra=kvkk("personal", "PERSON"))
        mood: Str80 | None = Field(None, description="no mark")
        place: Str80 | None = Field(None, json_schema_extra=kvkk("personal"))

    problems = mark_problems(Note.model_json_schema(mode="serialization"))
    assert problems == [
        "mood: no x-kvkk mark (one of none, personal, personal_if_person, special, free_text)",
        "place: personal needs an entity type or clear=True",
    ]
    with pytest.raises(ValueError, match="unknown KVKK class"):
        kvkk("secret")  # type: ignore[arg-type]


def test_list_items_and_nested_parties_are_leaves_with_paths() -> None:
    paths = {leaf.dotted: leaf for leaf in leaf_marks(EXPORTED["invoice"].model_json_schema())}
    assert paths["seller.name"].mark == "personal_if_person"
    assert paths["buyer.tckn"].entity == "TR_NATIONAL_ID"
    assert paths["line_items.*.description"].mark == "free_text"
    assert paths["iban"].party == "seller"
    identity = {
        leaf.dotted: leaf for leaf in leaf_marks(EXPORTED["identity_document"].model_json_schema())
    }
    assert identity["mrz_lines.*"].entity == "MRZ"


PERSON = {"name": "Ayşe Yılmaz", "tckn": "10000000146", "vkn": "1234567890", "address": "Ev"}
COMPANY = {"name": "Deniz Gıda A.Ş.", "vkn": "0123456789", "address": "Fabrika", "phone": "0212"}


def test_policy_follows_the_marks_for_invoices() -> None:
    record = {
        "seller": {**PERSON, "tax_office": "Kadıköy", "email": "a@b.c"},
        "buyer": dict(COMPANY),
        "iban": "TR330006100519786457841326",
        "notes": "not",
        "line_items": [{"description": "x", "amount": "1"}, {"amount": "2"}],
    }
    assert personal_fields("invoice", record) == {
        "seller.name": "PERSON",
        "seller.vkn": "TR_TAX_ID",
        "seller.tckn": "TR_NATIONAL_ID",
        "seller.address": "TR_ADDRESS",
        "seller.email": "EMAIL_ADDRESS",
        "iban": "IBAN_CODE",
    }
    assert free_text_paths("invoice", record) == ["line_items.0.description", "notes"]
    # a company seller: its IBAN is not personal; a buyer's TCKN always is
    record = {"seller": dict(COMPANY), "buyer": {"tckn": "10000000146"}, "iban": "TR33"}
    assert personal_fields("invoice", record) == {"buyer.tckn": "TR_NATIONAL_ID"}


def test_policy_follows_the_marks_for_contracts_and_identity() -> None:
    record = {
        "parties": [{"role": "kiraya veren", **COMPANY}, {"role": "kiracı", **PERSON}],
        "iban": "TR33",
        "property_address": "Daire 3",
        "title": "Kira",
    }
    assert personal_fields("contract", record) == {
        "parties.1.name": "PERSON",
        "parties.1.tckn": "TR_NATIONAL_ID",
        "parties.1.vkn": "TR_TAX_ID",
        "parties.1.address": "TR_ADDRESS",
        "iban": "IBAN_CODE",
        "property_address": "TR_ADDRESS",
    }
    record["parties"] = [record["parties"][0]]
    assert personal_fields("contract", record) == {}
    identity = {"surname": "YILMAZ", "sex": "F", "mrz_lines": ["I<TUR", "X"], "kind": "id_card"}
    for doc_type in ("id_card", "passport"):
        assert personal_fields(doc_type, identity) == {
            "surname": "PERSON",
            "mrz_lines.0": "MRZ",
            "mrz_lines.1": "MRZ",
        }
    assert personal_fields("unknown", identity) == {}
