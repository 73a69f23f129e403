"""Data subjects: the documents that mention a person, found by keyed hash; erasure.

A T.C. kimlik no (or VKN) is looked up as its HMAC under a key derived from
the vault key (``docpipe.redact.protect.subject_digest``), so the index holds
no identifier. A search is audited by count; an erasure (KVKK Art. 7/11)
destroys the documents like a purge and logs it as ``erasure``.
"""

from __future__ import annotations

import re

from docpipe.errors import UsageError
from docpipe.kvkk.actor import current_actor
from docpipe.kvkk.keys import store_key
from docpipe.kvkk.retention import PurgeReport, category_of, destroy
from docpipe.redact.protect import subject_digest
from docpipe.settings import Settings
from docpipe.store import DocumentRow, Store


def subject_digests(identifier: str, key: bytes) -> list[str]:
    compact = re.sub(r"[\s.-]", "", identifier)
    if re.fullmatch(r"\d{11}", compact):
        return [subject_digest(compact, key, "tckn")]
    if re.fullmatch(r"\d{10}", compact):
        return [subject_digest(compact, key, "vkn")]
    raise UsageError("give a T.C. kimlik no (11 digits) or a VKN (10 digits)")


def find_subject(
    store: Store, settings: Settings, identifier: str, *, actor: str | None = None
) -> list[DocumentRow]:
    """Every stored document that mentions the person; audited (count only)."""
    rows = store.find_subject(subject_digests(identifier, store_key(store, settings)))
    store.add_audit(
        "subject_search", actor=actor or current_actor(), details={"documents": len(rows)}
    )
    return rows


def erase_subject(
    store: Store, settings: Settings, identifier: str, *, actor: str | None = None
) -> PurgeReport:
    """Destroy every document that mentions the person (a KVKK Art. 7/11 erasure request)."""
    rows = store.find_subject(subject_digests(identifier, store_key(store, settings)))
    report = PurgeReport(dry_run=False)
    by_type: dict[str, list[DocumentRow]] = {}
    for row in rows:
        by_type.setdefault(category_of(row), []).append(row)
    for category, docs in by_type.items():
        report.categories[category] = destroy(
            store, docs, category, "erasure", actor or current_actor()
        )
    return report
