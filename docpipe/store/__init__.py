"""The store: documents, extractions and the audit log in SQLite or PostgreSQL.

Callers use ``Store`` and the frozen views; the ORM models and the migrations
stay inside this package.
"""

from docpipe.result import Protection  # re-exported: what the store saves beside a result
from docpipe.store.privacy import VaultEntry
from docpipe.store.repository import Store
from docpipe.store.views import (
    AuditEventView,
    DestructionView,
    DocumentRow,
    DocumentView,
    ExtractionView,
)

__all__ = [
    "AuditEventView",
    "DestructionView",
    "DocumentRow",
    "DocumentView",
    "ExtractionView",
    "Protection",
    "Store",
    "VaultEntry",
]
