"""The audit log and the destruction log, as rows an operator can read or a tool can parse.

Both logs hold no personal values by construction (the audit log: ids, field
names, counts and the operator's stated reasons; the destruction log:
categories, counts and methods). These functions only shape them for the
``docpipe audit`` and ``docpipe destruction-log`` commands and the Python API.
"""

from __future__ import annotations

from typing import Any

from docpipe.store import Store


def audit_log(
    store: Store, *, document_id: int | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Audit events, newest first: when, who, what, which document, details."""
    return [
        {
            "id": e.id,
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "document_id": e.document_id,
            "details": dict(e.details or {}),
        }
        for e in store.list_audit(document_id=document_id, limit=limit)
    ]


def destruction_log(store: Store, *, limit: int = 100) -> list[dict[str, Any]]:
    """Destruction-log entries, newest first: when, who, why, what category, how many, how."""
    return [
        {
            "id": e.id,
            "at": e.at.isoformat(),
            "actor": e.actor,
            "reason": e.reason,
            "category": e.category,
            "count": e.count,
            "method": e.method,
        }
        for e in store.list_destruction_log(limit=limit)
    ]
