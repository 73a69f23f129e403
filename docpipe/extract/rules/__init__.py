"""The rules engine: Turkish label/layout extraction, no model needed.

It is the embedded default and the cross-check for model engines.
"""

from __future__ import annotations

from collections.abc import Callable

from docpipe.document import Document
from docpipe.extract.base import Extraction, UnsupportedDocType
from docpipe.extract.record import build_record, read_values
from docpipe.extract.rules.found import ENGINE, Fields
from docpipe.extract.rules.identity import extract_identity
from docpipe.extract.rules.invoice import extract_invoice
from docpipe.families import family_of_schema
from docpipe.schemas import SchemaModel

#: What a rules extractor returns: the fields read, and disagreements the extractor
#: found itself (path -> reason, e.g. printed vs MRZ), reported beside schema rejections.
Read = tuple[Fields, dict[str, str]]

#: family name -> rules extractor (document, document type) -> Read
EXTRACTORS: dict[str, Callable[[Document, str], Read]] = {
    "invoice": lambda doc, doc_type: (extract_invoice(doc), {}),
    "identity": extract_identity,
    "contract": lambda doc, doc_type: _contract_rules()(doc, doc_type),
}


def _contract_rules() -> Callable[[Document, str], Read]:
    """``contract.read_contract``, imported on first use: its modules (clauses, dates,
    parties, money, prose) compile many patterns at import, about a tenth of what a
    ``docpipe run`` fork server loads (measured with ``-X importtime``), which a batch
    of invoices never needs."""
    from docpipe.extract.rules.contract import read_contract

    return read_contract


class RulesEngine:
    name = ENGINE

    def __enter__(self) -> RulesEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def extract(self, doc: Document, doc_type: str, schema: type[SchemaModel]) -> Extraction:
        family = family_of_schema(schema)
        if family is None or family.name not in EXTRACTORS:
            raise UnsupportedDocType(f"the rules engine does not extract {doc_type} documents yet")
        fields, disagree = EXTRACTORS[family.name](doc, doc_type)
        data = fields.nested()
        read = read_values(data)  # before build_record drops what the schema rejects
        record, evidence, rejected = build_record(schema, data, fields.evidence())
        rejected = {**rejected, **disagree}
        return Extraction(
            record=record, evidence=evidence, engine=self.name, rejected=rejected, read=read
        )


__all__ = ["EXTRACTORS", "RulesEngine"]
