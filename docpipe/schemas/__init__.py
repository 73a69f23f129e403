"""Pydantic record models, one per document family (``docpipe.families`` maps types to them)."""

from __future__ import annotations

from docpipe.schemas.common import Party, SchemaModel
from docpipe.schemas.contract import Contract, ContractParty, ContractType
from docpipe.schemas.identity import IdentityDocument, IdentityKind, Sex
from docpipe.schemas.invoice import Invoice, InvoiceKind, LineItem, TaxSubtotal, Withholding

__all__ = [
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
