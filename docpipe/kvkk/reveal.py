"""Reveal: one original value out of the vault, for a stated reason, audited.

The audit event (who, when, which document and field, why) is written before
the value is handed back; the value itself is never logged or audited. Besides
the record's fields, ``file_name`` and ``source_path`` reveal the name and path
the document was read from (stored as keyed hashes, the originals sealed).
"""

from __future__ import annotations

import logging

from docpipe.errors import UsageError
from docpipe.kvkk.actor import current_actor
from docpipe.kvkk.keys import store_key
from docpipe.redact.vault import Vault
from docpipe.settings import Settings
from docpipe.store import Store

log = logging.getLogger("docpipe.kvkk")

#: What ``reveal`` opens besides the vault's fields: where the document came from.
FILE_FIELDS = ("file_name", "source_path")


def reveal(
    store: Store,
    settings: Settings,
    document_id: int,
    field_path: str,
    *,
    reason: str,
    actor: str | None = None,
) -> str:
    """The original value of ``field_path`` of a document, audited; needs the vault key."""
    reason = " ".join(reason.split())
    if len(reason) < 3:
        raise UsageError("give the reason for revealing a value with --reason (it is audited)")
    key = store_key(store, settings)
    if field_path in FILE_FIELDS:
        names = store.original_names(document_id)
        if names is None:
            raise UsageError(f"there is no document {document_id}")
        value = names[FILE_FIELDS.index(field_path)]
    else:
        entries = {e.field: e for e in store.vault_entries(document_id)}
        entry = entries.get(field_path)
        if entry is None:
            have = ", ".join([*sorted(entries), *FILE_FIELDS])
            raise UsageError(
                f"document {document_id} has no vault entry for {field_path}; entries: {have}"
            )
        value = Vault(key).open(entry.token, document=entry.sha256, field=entry.field)
    store.add_audit(
        "reveal",
        document_id=document_id,
        actor=actor or current_actor(),
        details={"field": field_path, "reason": reason[:500]},
    )
    log.info("revealed field %s of document %d", field_path, document_id)
    return value
