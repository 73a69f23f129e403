"""The data lifecycle: reveal with a reason, find a data subject, purge past retention.

- ``reveal``: decrypt one vault entry; writes an audit event (who, when,
  which document and field, why) before the value is handed back; the value
  itself is never logged or audited.
- ``find_subject`` / ``erase_subject``: documents mentioning a person, found
  by the keyed hash of their T.C. kimlik no (or VKN); erasure destroys them.
- ``purge``: destroys documents past ``retention_days`` for their type (their
  records, redacted text, vault entries, subject rows and the original files
  docpipe holds: the watch daemon's done/ and failed/ copies) and writes one
  destruction-log entry per category: what, how many, when, how; never data.
  Destruction-log entries are kept ``destruction_log_days`` (≥ 3 years).

A file docpipe was pointed at with ``docpipe run`` stays where the user keeps
it: only copies docpipe itself moved are docpipe's to destroy.
"""

from __future__ import annotations

import getpass
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from docpipe.errors import UsageError
from docpipe.redact.protect import subject_digest
from docpipe.redact.vault import Vault, settings_key
from docpipe.settings import Settings
from docpipe.store import DocumentRow, Store
from docpipe.store.models import utcnow

log = logging.getLogger("docpipe.lifecycle")

REASON_SUFFIX = ".reason.txt"  # the watch daemon's note beside a failed file


def current_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in containers without passwd entries
        return "unknown"


# -- reveal --------------------------------------------------------------------------------


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
    key = settings_key(settings)
    entries = {e.field: e for e in store.vault_entries(document_id)}
    entry = entries.get(field_path)
    if entry is None:
        have = ", ".join(sorted(entries)) or "none"
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


# -- data subjects -------------------------------------------------------------------------


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
    rows = store.find_subject(subject_digests(identifier, settings_key(settings)))
    store.add_audit(
        "subject_search", actor=actor or current_actor(), details={"documents": len(rows)}
    )
    return rows


def erase_subject(
    store: Store, settings: Settings, identifier: str, *, actor: str | None = None
) -> PurgeReport:
    """Destroy every document that mentions the person (a KVKK Art. 7/11 erasure request)."""
    rows = store.find_subject(subject_digests(identifier, settings_key(settings)))
    report = PurgeReport(dry_run=False)
    by_type: dict[str, list[DocumentRow]] = {}
    for row in rows:
        by_type.setdefault(_category(row), []).append(row)
    for category, docs in by_type.items():
        report.categories[category] = _destroy(
            store, docs, category, "erasure", actor or current_actor()
        )
    return report


# -- retention -----------------------------------------------------------------------------


@dataclass
class CategoryCount:
    documents: int = 0
    vault_entries: int = 0
    files: int = 0


@dataclass
class PurgeReport:
    dry_run: bool
    categories: dict[str, CategoryCount] = field(default_factory=dict)
    log_entries_expired: int = 0

    @property
    def documents(self) -> int:
        return sum(c.documents for c in self.categories.values())


def purge(
    store: Store,
    settings: Settings,
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    actor: str | None = None,
) -> PurgeReport:
    """Destroy what is past retention (or, with ``dry_run``, only count it)."""
    now = now or utcnow()
    actor = actor or current_actor()
    report = PurgeReport(dry_run=dry_run)
    if not dry_run:
        keep = timedelta(days=max(settings.destruction_log_days, 1095))
        report.log_entries_expired = store.expire_destruction_log(now - keep)
    for category, days in sorted(settings.retention_days.items()):
        cutoff = now - timedelta(days=days)
        if category == "failed":
            docs = store.documents_created_before(cutoff, failed=True)
        else:
            docs = store.documents_created_before(cutoff, doc_type=category)
        if not docs:
            continue
        if dry_run:
            ids = [d.id for d in docs]
            report.categories[category] = CategoryCount(
                len(docs), store.count_vault_entries(ids), len(store.original_files(ids))
            )
        else:
            report.categories[category] = _destroy(store, docs, category, "retention", actor, now)
    return report


def _category(row: DocumentRow) -> str:
    return "failed" if row.status.value == "failed" else (row.doc_type or "unknown")


def _destroy(
    store: Store,
    docs: list[DocumentRow],
    category: str,
    reason: str,
    actor: str,
    at: datetime | None = None,
) -> CategoryCount:
    ids = [d.id for d in docs]
    vault_entries = store.count_vault_entries(ids)
    files = 0
    for name in store.original_files(ids):  # files first: never a file without its record
        files += _unlink(Path(name), category)
        _unlink(Path(name + REASON_SUFFIX), category)
    method = (
        f"deleted {len(ids)} document records with extractions, redacted text and "
        f"subject-index rows and {vault_entries} vault entries (SQL DELETE"
        f"{', SQLite secure_delete' if store.engine.dialect.name == 'sqlite' else ''}); "
        f"unlinked {files} original files"
    )
    deleted = store.destroy_documents(
        ids, log=[(category, len(ids), method)], reason=reason, actor=actor, at=at
    )
    log.info("destroyed %d %s documents (%s)", deleted, category, reason)
    return CategoryCount(deleted, vault_entries, files)


def _unlink(path: Path, category: str) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    except OSError as error:
        raise UsageError(
            f"cannot delete an original file of a {category} document "
            f"({error.strerror}); fix its permissions and purge again"
        ) from None
    return 1
