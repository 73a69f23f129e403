"""Pydantic record models, one per document family, and the type registry."""

from __future__ import annotations

from pydantic import BaseModel

from docpipe.schemas.common import Party, SchemaModel
from docpipe.schemas.contract import Contract, ContractParty, ContractType
from docpipe.schemas.identity import IdentityDocument, IdentityKind, Sex
from docpipe.schemas.invoice import Invoice, InvoiceKind, LineItem, TaxSubtotal, Withholding

# document type (as classified and as written in truth files) -> record model
SCHEMA_BY_DOC_TYPE: dict[str, type[SchemaModel]] = {
    "invoice": Invoice,
    "id_card": IdentityDocument,
    "passport": IdentityDocument,
    "contract": Contract,
}

DOC_TYPES: tuple[str, ...] = ("invoice", "id_card", "passport", "contract", "unknown")

EXPORTED: dict[str, type[BaseModel]] = {
    "invoice": Invoice,
    "identity_document": IdentityDocument,
    "contract": Contract,
}

__all__ = [
    "DOC_TYPES",
    "EXPORTED",
    "SCHEMA_BY_DOC_TYPE",
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
