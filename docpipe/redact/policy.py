"""Which record fields are personal data, and what each entity type becomes.

Input: a document type and its record (JSON, as stored). Output: the dotted
paths of the fields the extraction knows are personal, each with its entity
type. These are redacted (and their values found and redacted wherever they
appear in the text) whatever the recognizers think.

A party is a person when the extraction says so (``kind``), when it has a
T.C. kimlik no, or when its name carries
no company marker (A.Ş., Ltd. Şti., …): a sole proprietor trading under
their own name is a person too. A company's name, address, phone and e-mail
are not personal data and stay; a VKN identifies a taxpayer and stays (an
accounting office books by it) unless the settings say otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from docpipe.text.turkish import fold

PARTY_FIELDS = {
    "name": "PERSON",
    "tckn": "TR_NATIONAL_ID",
    "vkn": "TR_TAX_ID",
    "address": "TR_ADDRESS",
    "phone": "PHONE_NUMBER",
    "email": "EMAIL_ADDRESS",
}
IDENTITY_FIELDS = {
    "tckn": "TR_NATIONAL_ID",
    "surname": "PERSON",
    "given_names": "PERSON",
    "mother_name": "PERSON",
    "father_name": "PERSON",
    "birth_date": "DATE_OF_BIRTH",
    "birth_place": "PLACE_OF_BIRTH",
    "document_number": "TR_ID_DOCUMENT_NUMBER",
}
#: Free-text fields that may mention people: searched with the recognizers.
FREE_TEXT = {
    "invoice": ("notes", "line_items.*.description"),
    "contract": ("title", "subject"),
}

_COMPANY = re.compile(
    r"\b(a\.?\s?s|ltd|sti|sirketi|limited|anonim|holding|kooperatifi?|vakfi|dernegi|"
    r"belediyesi|mudurlugu|bakanligi|universitesi|bankasi|kollektif|komandit|inc|gmbh|llc|"
    r"san|tic|sanayi|ticaret)\b\.?"
)


def is_person(party: dict[str, Any]) -> bool:
    if party.get("kind") in ("person", "company"):  # the extraction said so (contracts)
        return party["kind"] == "person" or bool(party.get("tckn"))
    if party.get("tckn"):
        return True
    name = party.get("name")
    if not name:
        return False
    return _COMPANY.search(fold(str(name))) is None


def personal_fields(doc_type: str | None, record: dict[str, Any] | None) -> dict[str, str]:
    """Dotted path -> entity type for every personal field present in ``record``."""
    if not record:
        return {}
    found: dict[str, str] = {}
    if doc_type == "invoice":
        people = [role for role in ("seller", "buyer") if _party(record, role, found)]
        if "seller" in people and record.get("iban"):
            found["iban"] = "IBAN_CODE"
    elif doc_type in ("id_card", "passport"):
        for name, entity in IDENTITY_FIELDS.items():
            if record.get(name):
                found[name] = entity
        for i, _ in enumerate(record.get("mrz_lines") or []):
            found[f"mrz_lines.{i}"] = "MRZ"
    elif doc_type == "contract":
        people = [
            i
            for i, party in enumerate(record.get("parties") or [])
            if isinstance(party, dict) and _party_fields(party, f"parties.{i}", found)
        ]
        if people:
            for name, entity in (("iban", "IBAN_CODE"), ("property_address", "TR_ADDRESS")):
                if record.get(name):
                    found[name] = entity
    return found


def _party(record: dict[str, Any], role: str, found: dict[str, str]) -> bool:
    party = record.get(role)
    return isinstance(party, dict) and _party_fields(party, role, found)


def _party_fields(party: dict[str, Any], prefix: str, found: dict[str, str]) -> bool:
    """Add the party's personal fields; True when the party is a person."""
    person = is_person(party)
    for name, entity in PARTY_FIELDS.items():
        if party.get(name) and (person or name == "tckn"):
            found[f"{prefix}.{name}"] = entity
    return person


def free_text_paths(doc_type: str | None, record: dict[str, Any] | None) -> list[str]:
    """Paths of the record's free-text fields (``*`` expanded over list items)."""
    out: list[str] = []
    for pattern in FREE_TEXT.get(doc_type or "", ()):
        head, _, tail = pattern.partition(".*.")
        if not tail:
            if record and isinstance(record.get(head), str):
                out.append(head)
            continue
        for i, item in enumerate((record or {}).get(head) or []):
            if isinstance(item, dict) and isinstance(item.get(tail), str):
                out.append(f"{head}.{i}.{tail}")
    return out


def get_path(record: dict[str, Any], path: str) -> Any:
    node: Any = record
    for key in path.split("."):
        node = node[int(key)] if isinstance(node, list) else node.get(key)
        if node is None:
            return None
    return node


def set_path(record: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node: Any = record
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def drop_path(record: dict[str, Any], path: str) -> None:
    """Remove a field (a list item becomes None's place-holder is not allowed: the
    item is kept and the field inside it removed)."""
    *parents, last = path.split(".")
    node: Any = record
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node.get(key)
        if node is None:
            return
    if isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(node, list) and int(last) < len(node):
        node[int(last)] = None
