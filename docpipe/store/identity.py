"""One invoice, many forms: the identity of an invoice and the forms attached to it.

An invoice is its ETTN or, without one (paper), (seller VKN/TCKN, invoice number,
issue date). The first form stored is the record; a later PDF, XML, scan or photo
of the same invoice becomes a row of ``document_sources``, never a second record.
When the later form can be trusted more (``rank``: XML > text layer with karekod >
text layer > OCR with karekod > OCR), the record is upgraded: its new extraction
is added to the original document and an ``upgrade`` audit event names the fields
that changed (names, never values).

An OCR'd ETTN one or two characters off a stored one still matches when the seller
and the total agree (an ETTN is random: two invoices of one seller with one total
and near-identical ETTNs do not happen by chance).

Nothing here sees a clear personal value: the seller's id is kept as a keyed hash
(the vault key's derived key; plain SHA-256 only when redaction is off, and the
values are then stored in clear anyway), evidence arrives redacted.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from docpipe.document import Document
from docpipe.result import Result, Status
from docpipe.store.core import (
    DOCUMENT_BY_SHA256,
    DOCUMENT_SOURCES,
    DOCUMENTS,
    SOURCE_ID,
    SOURCE_OWNER,
    connection,
    insert_audit,
    insert_row,
)
from docpipe.store.models import (
    AuditEventTable,
    DocumentSourceTable,
    DocumentTable,
    ExtractionTable,
    utcnow,
)
from docpipe.store.names import redacted
from docpipe.store.rows import document_row

if TYPE_CHECKING:
    from docpipe.result import Protection
    from docpipe.store.repository import Store
    from docpipe.store.views import DocumentRow
    from docpipe.text.karekod import Karekod

FORM_RANK = {"xml": 40, "text_layer": 20, "ocr": 10}
KAREKOD_BONUS = 5  # a self-consistent karekod vouches for the key fields of its form
MAX_ETTN_EDITS = 2


@dataclass(frozen=True)
class SourceInfo:
    """What identifies one form of an invoice, and how far it can be trusted."""

    sha256: str
    file_name: str
    media_type: str | None
    form: str
    karekod: bool
    ettn: str | None = None
    seller_digest: str | None = None
    invoice_number: str | None = None
    issue_date: str | None = None
    total: str | None = None

    @property
    def rank(self) -> int:
        return FORM_RANK.get(self.form, 0) + (KAREKOD_BONUS if self.karekod else 0)


@dataclass(frozen=True)
class SourceView:
    id: int
    document_id: int
    file_name: str
    form: str
    karekod: bool
    rank: int
    matched_by: str


def form_of(doc: Document, engine: str | None = None) -> str:
    if engine == "ubl" or "xml" in (doc.media_type or ""):
        return "xml"
    if doc.pages and all(p.text_source == "text_layer" for p in doc.pages):
        return "text_layer"
    return "ocr"


def seller_digest(value: str | None, key: bytes | None) -> str | None:
    """``key`` is the redaction stage's ``identity_key`` (derived from the vault key)."""
    if not value:
        return None
    if key is None:
        return hashlib.sha256(value.encode()).hexdigest()
    return hmac.new(key, f"docpipe/invoice-identity/{value}".encode(), hashlib.sha256).hexdigest()


def source_info(
    doc: Document,
    *,
    file_name: str,
    karekod: Karekod | None,
    record: dict[str, Any] | None,
    engine: str | None,
    key: bytes | None,
    ettn: str | None = None,
) -> SourceInfo:
    """The identity of one form, from its (original, not yet redacted) record or karekod."""
    record = record or {}
    seller = record.get("seller") or {}
    payload = karekod.payload if karekod is not None else None
    seller_id = seller.get("vkn") or seller.get("tckn") or (payload.seller_id if payload else None)
    total = record.get("total_with_taxes") or record.get("payable_amount")
    if total is None and payload is not None and payload.payable_amount is not None:
        total = str(payload.payable_amount)
    found_ettn = record.get("ettn") or (payload.ettn if payload else None) or ettn
    return SourceInfo(
        sha256=doc.sha256,
        file_name=file_name[:512],
        media_type=doc.media_type,
        form=form_of(doc, engine),
        karekod=karekod is not None,
        ettn=str(found_ettn).lower()[:40] if found_ettn else None,
        seller_digest=seller_digest(seller_id, key),
        invoice_number=(record.get("invoice_number") or "")[:40] or None,
        issue_date=record.get("issue_date"),
        total=str(total) if total is not None else None,
    )


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, stopping early past ``limit`` (36-character UUIDs: tiny)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def find_by_source(store: Store, sha256: str) -> int | None:
    """The invoice record a file with these bytes was attached to, if any."""
    with store._errors("looking up a document source"), store._read() as session:
        return _source_owner(session, sha256)


def find_stored(store: Store, sha256: str) -> tuple[DocumentRow | None, int | None]:
    """(the document stored with these bytes, the record they were attached to as a form),
    each or both None: ``Store.find_by_sha256`` and ``find_by_source`` in one session."""
    with store._errors("looking up a document"), store._read() as session:
        conn = session.connection()
        row = conn.execute(DOCUMENT_BY_SHA256, {"sha256": sha256}).first()
        owner = conn.scalar(SOURCE_OWNER, {"sha256": sha256})
        return (None if row is None else document_row(row)), owner


def _source_owner(session: Session, sha256: str) -> int | None:
    return session.connection().scalar(SOURCE_OWNER, {"sha256": sha256})


@dataclass(frozen=True)
class Match:
    document_id: int
    matched_by: str  # ettn, ettn_near, keys
    ettn: str | None  # the record's ETTN (for ettn_near: not the misread one)


def find_invoice(store: Store, info: SourceInfo) -> Match | None:
    """The stored invoice ``info`` is a form of, and how it matched.

    The ETTN decides when both forms have a well-formed one: equal, or (OCR) at most
    two characters apart with the same seller and total. (seller, number, date)
    decides only where one of them has none (a paper form, or an ETTN OCR garbled).
    """
    with store._errors("looking up an invoice"), store._read() as session:
        conn = session.connection()
        if info.ettn:
            doc_id = conn.scalar(_ETTN_RECORD, {"ettn": info.ettn}) or conn.scalar(
                _ETTN_FORM, {"ettn": info.ettn}
            )
            if doc_id is not None:
                return Match(doc_id, "ettn", info.ettn)
        if info.seller_digest is None:
            return None
        # Of the seller's forms, the first (by id) that matches either way; the keys are
        # compared by the database (an index), so only an ETTN a few characters off is
        # looked for here, among the forms before that one.
        seller = {"seller": info.seller_digest}
        match: Match | None = None
        bound = None
        if info.invoice_number and info.issue_date:
            keys = {**seller, "number": info.invoice_number, "date": info.issue_date}
            for row in conn.execute(_SAME_KEYS, keys):
                if not (_uuid_shaped(info.ettn) and _uuid_shaped(row.ettn)):
                    match, bound = Match(row.document_id, "keys", row.ettn), row.id
                    break
        if info.ettn and info.total is not None:
            near = _NEAR_ETTN if bound is None else _NEAR_ETTN.where(_SOURCES.c.id <= bound)
            for row in conn.execute(near, seller):
                if (
                    _same_amount(info.total, row.total)
                    and _edits(info.ettn, row.ettn, MAX_ETTN_EDITS) <= MAX_ETTN_EDITS
                ):
                    return Match(row.document_id, "ettn_near", row.ettn)
        return match


_SOURCES = DOCUMENT_SOURCES
#: the oldest stored, not failed record with this ETTN
_ETTN_RECORD = (
    select(DOCUMENTS.c.id)
    .where(DOCUMENTS.c.ettn == bindparam("ettn"), DOCUMENTS.c.status != "failed")
    .order_by(DOCUMENTS.c.id)
    .limit(1)
)
#: a record one of whose forms has this ETTN
_ETTN_FORM = select(_SOURCES.c.document_id).where(_SOURCES.c.ettn == bindparam("ettn")).limit(1)
#: the seller's forms with this invoice number and date
_SAME_KEYS = (
    select(_SOURCES.c.id, _SOURCES.c.document_id, _SOURCES.c.ettn)
    .where(
        _SOURCES.c.seller_digest == bindparam("seller"),
        _SOURCES.c.invoice_number == bindparam("number"),
        _SOURCES.c.issue_date == bindparam("date"),
    )
    .order_by(_SOURCES.c.id)
)
#: the seller's forms with an ETTN and a total (the columns compared, never the evidence)
_NEAR_ETTN = (
    select(_SOURCES.c.id, _SOURCES.c.document_id, _SOURCES.c.ettn, _SOURCES.c.total)
    .where(
        _SOURCES.c.seller_digest == bindparam("seller"),
        _SOURCES.c.ettn.is_not(None),
        _SOURCES.c.total.is_not(None),
    )
    .order_by(_SOURCES.c.id)
)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _uuid_shaped(ettn: str | None) -> bool:
    """A well-formed ETTN; a garbled OCR reading does not count as having one."""
    return bool(ettn and _UUID.match(ettn))


def _same_amount(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return False


def add_source(
    store: Store,
    document_id: int,
    info: SourceInfo,
    matched_by: str,
    evidence: dict[str, Any] | None = None,
) -> int:
    """Attach one form to an invoice record (idempotent on the form's bytes)."""
    with store._errors("attaching a document source"), store._write.begin() as session:
        return attach_source(session, store, document_id, info, matched_by, evidence)


def attach_source(
    session: Session,
    store: Store,
    document_id: int,
    info: SourceInfo,
    matched_by: str,
    evidence: dict[str, Any] | None = None,
) -> int:
    """``add_source`` inside the caller's write transaction (``Store.save_result``'s
    ``attach``: a new invoice and its first form in one commit)."""
    conn = connection(session)
    existing = conn.scalar(SOURCE_ID, {"sha256": info.sha256})
    if existing is not None:
        return int(existing)
    stored_name, name_sealed = redacted(store._names, info.file_name)
    values = {
        "document_id": document_id,
        "sha256": info.sha256,
        "file_name": (stored_name or "")[:512],
        "name_sealed": name_sealed,
        "media_type": info.media_type,
        "form": info.form,
        "karekod": info.karekod,
        "rank": info.rank,
        "matched_by": matched_by,
        "ettn": info.ettn,
        "seller_digest": info.seller_digest,
        "invoice_number": info.invoice_number,
        "issue_date": info.issue_date,
        "total": info.total,
        "evidence": evidence or {},
    }
    source_id = insert_row(conn, DOCUMENT_SOURCES, values)
    if matched_by != "first":
        details = {"source_id": source_id, "form": info.form, "matched_by": matched_by}
        insert_audit(
            conn,
            actor="docpipe",
            action="attach_source",
            document_id=document_id,
            details=details,
        )
    return source_id


def best_rank(store: Store, document_id: int) -> int:
    query = select(func.max(DocumentSourceTable.rank)).where(
        DocumentSourceTable.document_id == document_id
    )
    with store._errors("reading document sources"), store._read() as session:
        return int(session.scalar(query) or 0)


def sources(store: Store, document_id: int) -> list[SourceView]:
    query = (
        select(DocumentSourceTable)
        .where(DocumentSourceTable.document_id == document_id)
        .order_by(DocumentSourceTable.id)
    )
    with store._errors("reading document sources"), store._read() as session:
        return [
            SourceView(r.id, r.document_id, r.file_name, r.form, r.karekod, r.rank, r.matched_by)
            for r in session.scalars(query)
        ]


def upgrade(
    store: Store, document_id: int, result: Result, protection: Protection | None
) -> list[str]:
    """Make ``result`` (a better form) the record's current extraction; audit the change.

    Returns the top-level fields whose value changed (names only).
    """
    if result.record is None or result.engine is None or result.schema_name is None:
        return []
    with store._errors("upgrading an invoice record"), store._write.begin() as session:
        doc = session.get(DocumentTable, document_id)
        if doc is None:
            return []
        before = session.scalars(
            select(ExtractionTable)
            .where(ExtractionTable.document_id == document_id)
            .order_by(ExtractionTable.id.desc())
        ).first()
        old = before.record if before is not None else {}
        changed = sorted(
            k for k in set(old) | set(result.record) if old.get(k) != result.record.get(k)
        )
        extraction = ExtractionTable(
            document_id=document_id,
            engine=result.engine[:64],
            model=None,
            schema_name=result.schema_name[:128],
            schema_version=result.schema_version or "",
            status=result.status.value,
            record=result.record,
            evidence={k: v.model_dump(mode="json") for k, v in result.evidence.items()},
            checks=[c.model_dump(mode="json") for c in result.checks],
            durations=dict(result.durations),
        )
        session.add(extraction)
        if result.status is not Status.failed:
            doc.status = result.status.value
        doc.updated_at = utcnow()
        session.flush()
        if protection is not None:
            store._save_protection(session, document_id, protection, keep_text=True)
        session.add(
            AuditEventTable(
                actor="docpipe",
                action="upgrade",
                document_id=document_id,
                details={"extraction_id": extraction.id, "fields": changed},
            )
        )
        return changed
