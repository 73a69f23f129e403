"""Retention: destroy what is past its keeping time, and log the destruction.

- ``purge``: destroys documents past ``retention_days`` for their type (their
  records, redacted text, vault entries, subject rows and the original files
  docpipe holds: the watch daemon's done/ and failed/ copies) and writes one
  destruction-log entry per category: what, how many, when, how; never data.
  Destruction-log entries are kept ``destruction_log_days`` (≥ 3 years).
- ``destroy``: the one way documents are destroyed (purge and subject erasure).

A file docpipe was pointed at with ``docpipe run`` stays where the user keeps
it: only copies docpipe itself moved are docpipe's to destroy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from docpipe.errors import UsageError
from docpipe.kvkk.actor import current_actor
from docpipe.settings import Settings
from docpipe.store import DocumentRow, Store
from docpipe.store.models import utcnow

log = logging.getLogger("docpipe.kvkk")

REASON_SUFFIX = ".reason.txt"  # the watch daemon's note beside a failed file


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
            report.categories[category] = destroy(store, docs, category, "retention", actor, now)
    return report


def category_of(row: DocumentRow) -> str:
    return "failed" if row.status.value == "failed" else (row.doc_type or "unknown")


def destroy(
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
