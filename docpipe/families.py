"""Document families: one record per kind of document docpipe understands.

A family is what every stage agrees on about a kind of document: its record
schema, the document types the classifier gives it, the label a model prompt
uses, how long it is kept, and the cue phrases the classifier scores. Stages
keep their own per-family tables keyed by ``Family.name`` (the rules
extractors in ``docpipe.extract.rules``, the validators in
``docpipe.validate``); which fields are personal data is marked on the schema
fields themselves (``docpipe.schemas.common.kvkk``).

Adding a family (README, "Adding a document family"): a schema in
``docpipe/schemas/`` with a KVKK mark on every field, one ``Family`` here, an
extractor entry in ``docpipe.extract.rules.EXTRACTORS`` and a validator entry
in ``docpipe.validate.VALIDATORS``; then ``docpipe schemas`` to export it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from docpipe.schemas import Contract, IdentityDocument, Invoice, SchemaModel

Cues = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Family:
    """What every stage needs to know about one kind of document."""

    name: str  # key of the stages' per-family tables
    schema: type[SchemaModel]  # listed in docpipe.schemas.EXPORTED: schemas/<name>.json
    #: document type (as classified and as written in truth files) -> prompt label,
    #: "Türkçe / English"; a family covers one or more document types
    labels: Mapping[str, str]
    retention_days: int  # default of Settings.retention_days for each of its types
    #: document type -> weighted regexes on folded text (no diacritics, lower case);
    #: each matches at most 3 times (docpipe.classify)
    cues: Mapping[str, Cues]
    #: KVKK: a document of this family is personal data as a whole (an identity
    #: document): its text, evidence quotes and page images are sealed or not stored
    personal_as_a_whole: bool = False
    #: top-level record fields without which extraction did not understand the document;
    #: such a document is then personal as a whole too (``redact.policy.personal_as_a_whole``)
    understood_when: tuple[str, ...] = ()

    @property
    def doc_types(self) -> tuple[str, ...]:
        return tuple(self.labels)


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


INVOICE = Family(
    name="invoice",
    schema=Invoice,
    labels=_frozen({"invoice": "fatura / invoice"}),
    # TTK Art. 82 keeps commercial papers 10 years, longer than VUK Art. 253's 5
    retention_days=3653,
    understood_when=("seller",),
    cues=_frozen(
        {
            "invoice": (
                (r"\be-?fatura\b", 3),
                (r"\be-?arsiv\b", 3),
                (r"\bfatura\b", 2),
                (r"\bettn\b", 3),
                (r"\bkdv\b", 1.5),
                (r"\bvergi dairesi\b", 1),
                # a matbu form's abbreviations: "Vergi D./No", "B.FİYAT", "G. TOPLAM"
                (r"\bvergi d\.", 1),
                (r"\bb\. ?fiyat", 1.5),
                (r"\bg\. ?toplam\b", 1),
                (r"\bmal hizmet\b", 2),
                (r"\bodenecek\b", 1.5),
                (r"\bbirim fiyat", 1.5),
                (r"\bgenel toplam\b", 1),
                (r"\bfatura (no|tarihi)\b", 2),
                (r"\byalniz\b", 1),
                (r"\bmatrah", 1),
            )
        }
    ),
)

IDENTITY = Family(
    name="identity",
    schema=IdentityDocument,
    labels=_frozen({"id_card": "kimlik kartı / identity card", "passport": "pasaport / passport"}),
    retention_days=365,  # KVKK: no longer than needed
    personal_as_a_whole=True,
    cues=_frozen(
        {
            "id_card": (
                (r"kimlik karti", 4),
                (r"identity card", 4),
                (r"\bi<tur", 5),
                (r"soyadi\s*/\s*surname", 3),
                (r"dogum tarihi\s*/\s*date of birth", 3),
                (r"seri no\s*/\s*document no", 3),
                (r"nufus cuzdani", 4),
                (r"anne adi", 1.5),
                (r"baba adi", 1.5),
                (r"\bt\.?c\.? kimlik no\b", 1),
                # the back of the 2017+ card: parents, issuer, a TD1 zone whose fillers OCR misread
                (r"mother'?s?\s?name", 2),
                (r"father'?s?\s?name", 2),
                (r"veren\s?makam", 2),
                (r"\bi[kx«]tur", 4),
                # the old nüfus cüzdanı's own fields
                (r"\bana adi", 1.5),
                (r"medeni hali", 2),
                (r"verildigi yer", 2),
                (r"verilis nedeni", 2),
                (r"cilt no", 2),
                (r"aile sira no", 2),
            ),
            "passport": (
                (r"\bpasaport\b", 4),
                (r"\bpassport\b", 4),
                (r"\bp<tur", 5),
                (r"\bp<[a-z]{3}", 3),
                (r"date of expiry", 1.5),
                (r"place of birth", 1),
            ),
        }
    ),
)

CONTRACT = Family(
    name="contract",
    schema=Contract,
    labels=_frozen({"contract": "sözleşme / contract"}),
    retention_days=3653,  # commercial papers, as invoices
    understood_when=("parties",),
    cues=_frozen(
        {
            "contract": (
                (r"\bsozlesme", 3),
                (r"\bmadde\s*\d", 2),
                (r"\btaraflar\b", 2),
                (r"\bkiraya veren\b", 3),
                (r"\bkiraci\b", 2),
                (r"\bisveren\b", 2),
                (r"\bhizmet veren\b", 2),
                (r"\byetkili mahkeme", 2),
                (r"\bfesih\b", 1.5),
                (r"\bisbu\b", 1.5),
            )
        }
    ),
)

#: Every family, in the classifier's tie-break order.
FAMILIES: tuple[Family, ...] = (INVOICE, IDENTITY, CONTRACT)

#: Retention of what belongs to no family: unrecognised documents and failed files.
UNKNOWN_RETENTION_DAYS = 180
FAILED_RETENTION_DAYS = 90

_BY_DOC_TYPE: dict[str, Family] = {t: f for f in FAMILIES for t in f.doc_types}
_BY_SCHEMA: dict[type[SchemaModel], Family] = {f.schema: f for f in FAMILIES}

#: Every document type the classifier can give, ``unknown`` last.
DOC_TYPES: tuple[str, ...] = (*_BY_DOC_TYPE, "unknown")
#: document type -> record model
SCHEMA_BY_DOC_TYPE: dict[str, type[SchemaModel]] = {t: f.schema for t, f in _BY_DOC_TYPE.items()}


def family_of(doc_type: str | None) -> Family | None:
    """The family a document type belongs to; None for ``unknown`` (or no type)."""
    return _BY_DOC_TYPE.get(doc_type or "")


def family_of_schema(schema: type[SchemaModel]) -> Family | None:
    return _BY_SCHEMA.get(schema)


def prompt_label(doc_type: str) -> str:
    family = family_of(doc_type)
    return family.labels[doc_type] if family is not None else doc_type


def default_retention_days() -> dict[str, int]:
    """Document type (or ``unknown``, ``failed``) -> days kept before ``docpipe purge``."""
    days = {t: f.retention_days for f in FAMILIES for t in f.doc_types}
    return {**days, "unknown": UNKNOWN_RETENTION_DAYS, "failed": FAILED_RETENTION_DAYS}


__all__ = [
    "CONTRACT",
    "DOC_TYPES",
    "FAMILIES",
    "IDENTITY",
    "INVOICE",
    "SCHEMA_BY_DOC_TYPE",
    "Family",
    "default_retention_days",
    "family_of",
    "family_of_schema",
    "prompt_label",
]
