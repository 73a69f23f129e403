"""Pydantic record models, one per document family (``docpipe.families`` maps types to them)."""

from __future__ import annotations

from docpipe.schemas.common import Party, SchemaModel
from docpipe.schemas.contract import Contract, ContractParty, ContractType
from docpipe.schemas.identity import IdentityDocument, IdentityKind, Sex
from docpipe.schemas.invoice import Invoice, InvoiceKind, LineItem, TaxSubtotal, Withholding

#: schemas/<name>.json -> record model (``docpipe schemas`` writes them)
EXPORTED: dict[str, type[SchemaModel]] = {
    "invoice": Invoice,
    "identity_document": IdentityDocument,
    "contract": Contract,
}

__all__ = [
    "EXPORTED",
    "Contract",
    "ContractParty",
    "ContractType",
    "IdentityDocument",
    "IdentityKind",
    "Invoice",
    "InvoiceKind",
    "LineItem",
    "Party",
    "SchemaModel",
    "Sex",
    "TaxSubtotal",
    "Withholding",
]
