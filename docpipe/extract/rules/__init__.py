"""The rules engine: Turkish label/layout extraction, no model needed.

It is the embedded default and the cross-check for model engines.
"""

from __future__ import annotations

from docpipe.document import Document
from docpipe.extract.base import Extraction, UnsupportedDocType
from docpipe.extract.record import build_record
from docpipe.extract.rules.contract import extract_contract
from docpipe.extract.rules.found import ENGINE
from docpipe.extract.rules.identity import extract_identity
from docpipe.extract.rules.invoice import extract_invoice
from docpipe.schemas import Contract, IdentityDocument, Invoice, SchemaModel


class RulesEngine:
    name = ENGINE

    def __enter__(self) -> RulesEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def extract(self, doc: Document, doc_type: str, schema: type[SchemaModel]) -> Extraction:
        disagree: dict[str, str] = {}
        if schema is Invoice:
            fields = extract_invoice(doc)
        elif schema is IdentityDocument:
            fields, disagree = extract_identity(doc, doc_type)
        elif schema is Contract:
            fields = extract_contract(doc)
        else:
            raise UnsupportedDocType(f"the rules engine does not extract {doc_type} documents yet")
        record, evidence, rejected = build_record(schema, fields.nested(), fields.evidence())
        rejected = {**rejected, **disagree}
        return Extraction(record=record, evidence=evidence, engine=self.name, rejected=rejected)


__all__ = ["RulesEngine"]
