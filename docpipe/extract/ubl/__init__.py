"""The ``ubl`` engine: an e-Fatura / e-Arşiv invoice read from its UBL-TR XML.

The XML is the invoice itself, so nothing is guessed: each field comes from one
element, and its ``Evidence`` carries the element path (``element``) in place of
a page and box. Confidence is 1 when the XML's own totals are consistent (lines
add up to LineExtensionAmount, tax subtotals to TaxAmount, exclusive + taxes to
TaxInclusiveAmount, inclusive − withholding − prepaid to PayableAmount); when
they are not, money fields get 0.5 and a failed ``ubl_totals`` check sends the
record to review. The ordinary invoice validators run afterwards as for any
engine.

The engine reads ``Document.ubl`` (the XML file itself, or the UBL attachment
of a PDF); a document without one is declined. It never runs the embedded
XSLT (see ``docpipe.ingest.ubl_render``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from docpipe.document import Document, Evidence
from docpipe.extract.base import Extraction, UnsupportedDocType
from docpipe.extract.record import build_record, read_values
from docpipe.extract.ubl.checks import code_checks
from docpipe.extract.ubl.invoice import element_path, nest, read_invoice
from docpipe.extract.ubl.totals import MONEY_FIELDS, totals_problems
from docpipe.result import Check
from docpipe.schemas import Invoice, SchemaModel
from docpipe.settings import Settings

ENGINE = "ubl"


class UblOptions(BaseModel):
    kind: Literal["ubl"] = "ubl"

    @classmethod
    def from_settings(cls, settings: Settings) -> UblOptions:
        return cls()


class UblEngine:
    name = ENGINE

    def __enter__(self) -> UblEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def extract(self, doc: Document, doc_type: str, schema: type[SchemaModel]) -> Extraction:
        if doc.ubl is None:
            raise UnsupportedDocType(
                "the ubl engine reads e-Fatura/e-Arşiv UBL-TR XML; this document carries none"
            )
        if schema is not Invoice:
            raise UnsupportedDocType(f"the ubl engine extracts invoices, not {doc_type} documents")
        root = doc.ubl.root
        read = read_invoice(root)
        problems = totals_problems(root)
        consistent = not problems
        flat = {path: value for path, (value, _el) in read.values.items()}
        evidence = {
            path: Evidence(
                element=element_path(el),
                source_text=(el.text or "").strip()[:2000] or None,
                engine=ENGINE,
                confidence=1.0 if consistent or _leaf(path) not in MONEY_FIELDS else 0.5,
            )
            for path, (_value, el) in read.values.items()
        }
        data = nest(flat)
        values = read_values(data)  # before build_record drops what the schema rejects
        record, kept, rejected = build_record(schema, data, evidence)
        check = Check(
            name="ubl_totals",
            field="total_with_taxes",
            passed=consistent,
            reason=""
            if consistent
            else "the XML's own totals do not add up: " + "; ".join(problems),
        )
        codes = code_checks(record.model_dump(mode="json", exclude_none=True))
        return Extraction(
            record=record,
            evidence=kept,
            engine=ENGINE,
            rejected=rejected,
            checks=(check, *codes),
            read=values,
        )


def _leaf(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def ubl_engine(options: UblOptions) -> UblEngine:
    return UblEngine()


__all__ = ["ENGINE", "UblEngine", "UblOptions", "ubl_engine"]
