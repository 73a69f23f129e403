"""Which record fields are personal data, and what each entity type becomes.

Input: a document type and its record (JSON, as stored). Output: the dotted
paths of the fields the extraction knows are personal, each with its entity
type. These are redacted (and their values found and redacted wherever they
appear in the text) whatever the recognizers think. Which fields those are is
not listed here: it is read from the KVKK marks on the family's schema fields
(``x-kvkk`` in ``schemas/*.json``; ``docpipe.schemas.marks``).

A party's kind comes from evidence (``is_person``): a T.C. kimlik no makes
it a person; a company marker (A.Ş., Ltd. Şti., Tic., San., a MERSİS, a tax
office with a VKN) a company, even when its VKN was not read and whatever
the extraction's ``kind`` says; otherwise the extraction's ``kind``, else a
name without a marker is a person (a sole proprietor trading under their
own name). A company's name, address, phone and e-mail
are not personal data and stay; a VKN identifies a taxpayer and stays (an
accounting office books by it) unless the settings say otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from docpipe.families import family_of
from docpipe.schemas import SchemaModel
from docpipe.schemas.marks import FieldMark, schema_marks
from docpipe.text.turkish import fold

SPECIAL = "SPECIAL_CATEGORY"  # entity type of a special-category value (KVKK Art. 6)

_COMPANY = re.compile(
    r"\b(a\.?\s?s|ltd|sti|sirketi|limited|anonim|holding|kooperatifi?|vakfi|dernegi|"
    r"belediyesi|mudurlugu|bakanligi|universitesi|bankasi|kollektif|komandit|inc|gmbh|llc|"
    r"san|tic|sanayi|ticaret)\b\.?"
)


def is_person(party: dict[str, Any]) -> bool:
    """Whether a party is a natural person, from the evidence on it (first row that applies):

    1. a T.C. kimlik no: a person (a company has none; a sole proprietor has one);
    2. company evidence: a marker in the name (A.Ş., Ltd. Şti., Tic., San., …), a
       MERSİS number, or a tax office with a VKN: a company, whatever the extraction's
       ``kind`` says and whether or not its VKN was read;
    3. the extraction's ``kind`` (contracts);
    4. a name: a person (a sole proprietor trading under their own name);
    5. no name: nothing here names a person.
    """
    if party.get("tckn"):
        return True
    if company_evidence(party):
        return False
    if party.get("kind") in ("person", "company"):
        return party["kind"] == "person"
    return bool(party.get("name"))


def company_evidence(party: dict[str, Any]) -> bool:
    """A company marker in the name, a MERSİS number, or a tax office with a VKN."""
    name = party.get("name")
    if name and _COMPANY.search(fold(str(name))) is not None:
        return True
    if party.get("mersis"):
        return True
    return bool(party.get("tax_office") and party.get("vkn"))


def personal_fields(doc_type: str | None, record: dict[str, Any] | None) -> dict[str, str]:
    """Dotted path -> entity type for every personal field present in ``record``.

    Derived from the marks on the family's schema fields: ``personal`` fields always,
    ``personal_if_person`` fields when their party is a person (the enclosing party
    object, or the party the mark names), ``special`` fields as ``SPECIAL_CATEGORY``.
    Fields marked ``clear`` (personal but identifying no one alone) stay as read.
    """
    family = family_of(doc_type)
    if not record or family is None:
        return {}
    found: dict[str, str] = {}
    _visit(_tree(family.schema), record, (), record, record, found, None)
    return found


def free_text_paths(doc_type: str | None, record: dict[str, Any] | None) -> list[str]:
    """Paths of the record's free-text fields (marked ``free_text``), list items expanded."""
    family = family_of(doc_type)
    if not record or family is None:
        return []
    texts: list[str] = []
    _visit(_tree(family.schema), record, (), record, record, None, texts)
    return texts


# -- the marks as a tree over the record ---------------------------------------------------

_Tree = dict[str, "_Tree | FieldMark"]


@cache
def _tree(schema: type[SchemaModel]) -> _Tree:
    """The schema's leaf marks nested by path (``*``: every list item), in schema order."""
    root: _Tree = {}
    for leaf in schema_marks(schema):
        node = root
        for key in leaf.path[:-1]:
            node = node.setdefault(key, {})  # type: ignore[assignment]
        node[leaf.path[-1]] = leaf
    return root


def _visit(
    tree: _Tree | FieldMark,
    value: Any,
    path: tuple[str, ...],
    parent: Any,
    record: dict[str, Any],
    found: dict[str, str] | None,
    texts: list[str] | None,
) -> None:
    if isinstance(tree, FieldMark):
        _leaf(tree, value, ".".join(path), parent, record, found, texts)
        return
    if "*" in tree:
        for i, item in enumerate(value if isinstance(value, list) else []):
            _visit(tree["*"], item, (*path, str(i)), value, record, found, texts)
        return
    if not isinstance(value, dict):
        return
    for key, sub in tree.items():
        _visit(sub, value.get(key), (*path, key), value, record, found, texts)


def _leaf(
    leaf: FieldMark,
    value: Any,
    path: str,
    parent: Any,
    record: dict[str, Any],
    found: dict[str, str] | None,
    texts: list[str] | None,
) -> None:
    if texts is not None:
        if leaf.mark == "free_text" and isinstance(value, str):
            texts.append(path)
        return
    if found is None or value is None or value == "" or leaf.clear:
        return
    if leaf.mark == "personal" and leaf.entity:
        found[path] = leaf.entity
    elif leaf.mark == "special":
        found[path] = leaf.entity or SPECIAL
    elif leaf.mark == "personal_if_person" and leaf.entity:
        if leaf.party is not None:
            person = _any_person(get_path(record, leaf.party))
        else:
            person = _any_person(parent)
        if person:
            found[path] = leaf.entity


def _any_person(party: Any) -> bool:
    """A party object that is a person, or a list of parties with a person among them."""
    if isinstance(party, list):
        return any(_any_person(p) for p in party)
    return isinstance(party, dict) and is_person(party)


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


# -- deny by default: documents not understood, values read but not kept -------------------


def personal_as_a_whole(
    doc_type: str | None, record: dict[str, Any] | None, failed_checks: Iterable[str] = ()
) -> bool:
    """Whether a document's text must be treated as personal data as a whole (sealed or
    not stored, never in clear): an identity document, or one extraction did not
    understand — no family (type unknown), no record, an extractor that declined, or a
    record without the fields its family needs (``Family.understood_when``)."""
    family = family_of(doc_type)
    if family is None or family.personal_as_a_whole or not record:
        return True
    if any(name in ("doc_type", "extractor") for name in failed_checks):
        return True
    return any(not record.get(key) for key in family.understood_when)


PERSONAL_MARKS = ("personal", "personal_if_person", "special")
MIN_READ_DIGITS = 5  # a shorter number read into a personal field would hide amounts too


def personal_reads(
    doc_type: str | None, record: dict[str, Any] | None, reads: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(value, entity type) of every value an engine read into a field marked personal,
    whether or not the record kept it (a TCKN the schema rejected, the reference
    engine's other reading of a name): each is then found and hidden in the text.

    A ``personal_if_person`` value is kept out only when its party is in the record and
    is a company; a party the record lost is a person until shown otherwise.
    """
    family = family_of(doc_type)
    if family is None:
        return []
    marks = {leaf.path: leaf for leaf in schema_marks(family.schema)}
    out: list[tuple[str, str]] = []
    for path, value in reads:
        keys = path.split(".")
        leaf = marks.get(tuple("*" if k.isdigit() else k for k in keys))
        marked = leaf is not None and not leaf.clear and leaf.mark in PERSONAL_MARKS
        if leaf is None or not marked:
            continue
        compact = "".join(value.split())
        if len(compact) < 3 or (compact.isdigit() and len(compact) < MIN_READ_DIGITS):
            continue
        if leaf.mark == "personal_if_person":
            party_path = leaf.party or ".".join(keys[:-1])
            party = get_path(record, party_path) if record and party_path else None
            if party is not None and not _any_person(party):
                continue
        out.append((value, SPECIAL if leaf.mark == "special" else leaf.entity or "PERSON"))
    return out


def string_leaves(doc_type: str | None, record: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(path, text) of the record's text fields not marked personal (marked ``none`` or
    ``free_text``): where a special category could sit unredacted (a clause heading)."""
    family = family_of(doc_type)
    if family is None or not record:
        return []
    marks = {leaf.path: leaf for leaf in schema_marks(family.schema)}
    out: list[tuple[str, str]] = []

    def walk(node: Any, keys: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            for key, inner in node.items():
                walk(inner, (*keys, key))
        elif isinstance(node, list):
            for i, inner in enumerate(node):
                walk(inner, (*keys, str(i)))
        elif isinstance(node, str) and node:
            leaf = marks.get(tuple("*" if k.isdigit() else k for k in keys))
            if leaf is not None and leaf.mark in ("none", "free_text"):
                out.append((".".join(keys), node))

    walk(record, ())
    return out
