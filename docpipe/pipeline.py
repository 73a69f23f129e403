"""The pipeline: every stage in order, timed, with failures turned into results.

    bytes → hash → (duplicate?) → ingest → karekod → (same ETTN?) → read → classify
      → extract → karekod check → validate → (a form of a stored invoice?) → redact → store

An invoice is stored once whatever its form (``docpipe.store.identity``): a later
PDF, scan or photo of it is attached to the record as a further source and
reported as a duplicate, or, when it can be trusted more, upgrades the record.

Validation runs on the values read; the redaction step (``docpipe.redact.protect``)
then replaces personal data in what is stored (record, evidence, text), seals the
originals into the vault and indexes data subjects by keyed hash. Without a store
nothing is persisted and the caller gets the values read.

Each stage is a function from one value to the next; ``Pipeline`` only wires
them, measures them and turns a ``DocpipeError`` into a failed ``Result``
(unexpected exceptions too, by type only: their text may hold document
content). The batch always goes on; only a store failure stops it, because
then nothing could be recorded. Nothing here logs a field value.
"""

from __future__ import annotations

import errno
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from docpipe.classify import classify
from docpipe.document import Document
from docpipe.errors import DocpipeError, NoContentError, StoreError
from docpipe.extract import Engine, UnsupportedDocType, build_engine, reads_ubl
from docpipe.extract.ubl import UblEngine
from docpipe.families import SCHEMA_BY_DOC_TYPE
from docpipe.files import iter_files
from docpipe.ingest import content_hash, ingest, read_bytes
from docpipe.ingest.containers import is_zip, unpack_zip
from docpipe.ocr.karekod import Karekod, find_karekod
from docpipe.packages import container_result, rendition_result
from docpipe.read import read_text_until
from docpipe.result import Check, ErrorInfo, Protection, Result, Status
from docpipe.settings import Settings, load_settings
from docpipe.store import DocumentRow, Store, identity
from docpipe.text.layout import document_text
from docpipe.validate import validate_record
from docpipe.validate.karekod import cross_check

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from docpipe.read import PageShare
    from docpipe.redact.protect import Redactor

log = logging.getLogger("docpipe.pipeline")
#: Share of ``doc_timeout_s`` reading may use; the rest is for extraction, redaction, storing.
READ_BUDGET = 0.8


#: XML invoices a pipeline remembers for an ``X.pdf`` beside them: far more than a folder
#: holds between the two, bounded for a worker or daemon that runs for months
XML_TWINS_KEPT = 4096


class _Timer:
    def __init__(self) -> None:
        self.durations: dict[str, float] = {}
        self.stage = "start"

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        self.stage = stage
        start = time.perf_counter()
        try:
            yield
        finally:
            self.durations[stage] = round(time.perf_counter() - start, 6)


class Pipeline:
    """Processes files one by one with one engine and one store.

    >>> with Pipeline(load_settings(database_url="sqlite:///x.db")) as pipe:  # doctest: +SKIP
    ...     for result in pipe.process_many(["invoices/"]):
    ...         print(result.status, result.doc_type)
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        store: Store | None = None,
        reprocess: bool = False,
    ) -> None:
        self.settings = settings or load_settings()
        #: process a stored file again (``docpipe run --force``, the review's reprocess):
        #: its bytes are not a duplicate of themselves, and the new record replaces the
        #: document's current extraction; still one document per content hash and ETTN
        self.reprocess = reprocess
        self._store = store
        self._owns_store = store is None
        self._engine: Engine | None = None
        self._redactor: Redactor | None = None
        # X.xml read in this session, by (folder, stem): X.pdf beside it is the same invoice;
        # what its rendition needs only (a worker reads thousands), the newest XML_TWINS_KEPT
        self._xml_read: dict[tuple[str, str], Result] = {}
        #: other processes that read pages of a long scan beside this one (``docpipe.batch``)
        self.page_share: PageShare | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> Pipeline:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.__exit__(None, None, None)
            self._engine = None
        if self._store is not None and self._owns_store:
            self._store.close()
            self._store = None

    @property
    def store(self) -> Store | None:
        if self._store is None and self.settings.store_results:
            self._store = Store(self.settings.database_url)
        return self._store

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = build_engine(self.settings).__enter__()
        return self._engine

    @property
    def redactor(self) -> Redactor | None:
        """The redaction step, when results are stored and ``redact`` is on.

        Loading it loads the vault key: a missing key is a ConfigError (one line).
        """
        if self._redactor is None and self.settings.redact and self.store is not None:
            from docpipe.redact.names import NameSealer
            from docpipe.redact.protect import Redactor  # Presidio: loaded only when used
            from docpipe.redact.vault import key_fingerprint, settings_key

            key = settings_key(self.settings)
            # another key: one line, stop; file names are stored as keyed hashes from now on
            self.store.use_vault_key(key_fingerprint(key), NameSealer(key))
            self._redactor = Redactor(self.settings, key)
        return self._redactor

    def prepare(self) -> None:
        """Load now what the first document would pay for (vault key, recognizers), so a
        worker's job timeout measures documents, not start-up."""
        if self.redactor is not None:
            from docpipe.redact.analyzer import find_pii

            find_pii("")

    # -- processing ------------------------------------------------------------------------
    def process_many(self, paths: Iterable[str | Path]) -> Iterator[Result]:
        for path in iter_files(paths):
            yield from self.process_all(path)

    def process(self, path: str | Path) -> Result:
        """Run every stage on one file; never raises for a problem with the file.

        A ZIP package gives a summary result; its members are processed (and
        stored) one by one, and their results are the summary's ``parts``.
        """
        path = Path(path)
        timer = _Timer()
        self.redactor  # noqa: B018 - outside the try: a missing vault key stops the batch
        try:
            with timer("read_bytes"):
                data = read_bytes(path, self.settings)
        except DocpipeError as exc:
            return self._save(
                path, self._failed(path, None, timer, exc.category, exc.message), timer
            )
        if is_zip(data):
            return self._process_container(path, data, timer)
        key = (str(path.parent), path.stem.casefold())
        twin = self._xml_read.get(key)
        if twin is not None and path.suffix.lower() != ".xml":
            return rendition_result(path, content_hash(data), twin)
        result = self._with_original(self._process_bytes(path, data, timer))
        if result.engine == "ubl" and result.status is not Status.failed:
            self._xml_read[key] = Result(
                path=result.path,
                sha256=result.sha256,
                status=result.status,
                document_id=result.document_id,
                doc_type=result.doc_type,
            )
            if len(self._xml_read) > XML_TWINS_KEPT:
                del self._xml_read[next(iter(self._xml_read))]  # the oldest
        return result

    def process_data(self, path: str | Path, data: bytes) -> Result:
        """One document whose bytes were read elsewhere (a Celery worker gets them from the
        database): ``path`` names it in the store; nothing is read from this disk."""
        path, timer = Path(path), _Timer()
        if is_zip(data):
            return self._process_container(path, data, timer)
        return self._process_bytes(path, data, timer, size=len(data))

    def process_all(self, path: str | Path) -> list[Result]:
        """The results of one file: its members' for a ZIP package, else its own."""
        result = self.process(path)
        return result.parts or [result]

    def _process_container(self, path: Path, data: bytes, timer: _Timer) -> Result:
        try:
            with timer("unpack"):
                members = unpack_zip(data, self.settings)
        except DocpipeError as exc:
            failed = self._failed(path, content_hash(data), timer, exc.category, exc.message)
            return self._save(path, failed, timer)
        parts: list[Result] = []
        primary: dict[str, Result] = {}
        for member in members:
            member_path = path / member.name
            first = primary.get(member.rendition_of or "")
            if first is not None and first.status is not Status.failed:
                parts.append(rendition_result(member_path, content_hash(member.data), first))
                continue
            if is_zip(member.data):
                reason = "a ZIP inside the ZIP is not unpacked; unpack the outer one first"
                nested = self._failed(
                    member_path, content_hash(member.data), _Timer(), "unsupported", reason
                )
                parts.append(self._save(member_path, nested, _Timer(), size=len(member.data)))
                continue
            result = self._process_bytes(member_path, member.data, _Timer(), size=len(member.data))
            result = self._with_original(result)
            primary[member.name] = result
            parts.append(result)
        return container_result(path, content_hash(data), parts, timer.durations)

    def _process_bytes(
        self, path: Path, data: bytes, timer: _Timer, size: int | None = None
    ) -> Result:
        read_deadline = time.monotonic() + self.settings.doc_timeout_s * READ_BUDGET
        sha256: str | None = None
        redactor = self.redactor
        protection: Protection | None = None
        try:
            with timer("hash"):
                sha256 = content_hash(data)
            store = self.store
            if store is not None:
                # the document stored with these bytes, and a form already attached
                existing, attached = identity.find_stored(store, sha256)
                if (
                    existing is not None
                    and existing.status is not Status.failed
                    and not self.reprocess
                ):
                    return _duplicate(path, sha256, existing, existing.page_count or 0, timer)
                if existing is not None and attached == existing.id:
                    attached = None  # its own first form: the file is being reprocessed
                owner = store.get_document(attached) if attached is not None else None
                if owner is not None:
                    return _duplicate(path, sha256, owner, owner.page_count or 0, timer)
            with timer("ingest"):
                doc = ingest(path, self.settings, data, sha256=sha256)
            karekod = self._read_karekod(doc, timer) if doc.ubl is None else None
            ettn = doc.ubl.ettn if doc.ubl is not None else None
            ettn = ettn or (karekod.payload.ettn if karekod and karekod.payload.ettn else None)
            stopped_at: int | None = None
            if ettn is None or store is None:  # a known ETTN is looked up before OCR
                with timer("read"):
                    doc, stopped_at = read_text_until(
                        doc, self.settings, read_deadline, self.page_share
                    )
                ettn = ettn or (single_uuid(doc) if store is not None else None)
            known = store.find_by_ettn(ettn) if store is not None and ettn else None
            if known is not None and known.sha256 != sha256:  # another form of a known invoice
                if not self._better_form(known, path, doc, karekod, ettn):
                    return _duplicate(path, sha256, known, doc.page_count, timer)
            else:
                known = None
            if "read" not in timer.durations:
                with timer("read"):
                    doc, stopped_at = read_text_until(
                        doc, self.settings, read_deadline, self.page_share
                    )
            if doc.ubl is None and all(p.blank for p in doc.pages):
                raise NoContentError(
                    "no content: every page is blank or too small to hold text "
                    "(a truncated file or an empty scan?); check the file"
                )
            result = self._understand(doc, timer, karekod)
            if stopped_at is not None:
                result = _stopped_reading(result, stopped_at, self.settings)
            info, upgrade_of, attached = self._identify(path, doc, karekod, result, known)
            if attached and upgrade_of is not None:
                return _duplicate(path, sha256, upgrade_of, doc.page_count, timer)
            if redactor is not None:
                with timer("redact"):
                    bound = result  # an upgrade's vault entries are bound to the record's file
                    if upgrade_of is not None and upgrade_of.sha256:
                        bound = result.model_copy(update={"sha256": upgrade_of.sha256})
                    protected = redactor.protect(bound, doc)
                result = protected.result.model_copy(update={"sha256": sha256})
                protection = protected.protection
            elif store is not None:  # redaction switched off: the text as read
                protection = Protection(text=document_text(doc), text_redacted=False)
            if store is not None and info is not None:
                return self._one_invoice(store, path, result, info, upgrade_of, protection, timer)
        except StoreError:
            raise
        except DocpipeError as exc:
            result = self._failed(path, sha256, timer, exc.category, exc.message)
        except Exception as exc:  # a bug or a library failure: report by type, not text
            if _out_of_memory(exc):  # under a worker's limit (doc_memory_mb, watch_…_mb)
                result = self._failed(
                    path,
                    sha256,
                    timer,
                    "memory",
                    f"out of memory (MemoryError) in stage {timer.stage}: the document needs "
                    f"more memory than doc_memory_mb={self.settings.doc_memory_mb} allows; "
                    "check the file, or raise DOCPIPE_DOC_MEMORY_MB if it is genuine",
                )
            else:
                log.debug(
                    "unexpected %s in stage %s", type(exc).__name__, timer.stage, exc_info=False
                )
                result = self._failed(
                    path,
                    sha256,
                    timer,
                    "internal",
                    f"unexpected {type(exc).__name__} in stage {timer.stage}; please report it",
                )
        return self._save(path, result, timer, protection, size)

    def _with_original(self, result: Result) -> Result:
        """A duplicate carries the stored record it duplicates (redacted as stored, with
        its checks), so ``typed_record()`` works on the second run of a script too."""
        store = self.store
        if result.status is not Status.duplicate or result.duplicate_of is None or not store:
            return result
        original = store.get_document(result.duplicate_of)
        if original is None or original.extraction is None:
            return result
        ex = original.extraction
        redactions: dict[str, str] = {}
        if self.redactor is not None:
            from docpipe.redact.policy import personal_fields

            for path, entity in personal_fields(original.doc_type, ex.record).items():
                if (strategy := self.redactor.strategy(entity)) != "keep":
                    redactions[path] = strategy
        return result.model_copy(
            update={
                "doc_type": original.doc_type,
                "doc_type_confidence": original.doc_type_confidence,
                "engine": ex.engine,
                "schema_name": ex.schema_name,
                "schema_version": ex.schema_version,
                "record": ex.record,
                "checks": [Check.model_validate(c) for c in ex.checks],
                "redactions": redactions,
            }
        )

    # -- one invoice, many forms (issue 14): docpipe.store.identity -------------------------
    def _source_info(
        self,
        path: Path,
        doc: Document,
        karekod: Karekod | None,
        record: dict | None,
        engine: str | None,
        ettn: str | None = None,
    ) -> identity.SourceInfo:
        redactor = self.redactor  # seller ids as keyed hashes, under a key derived for it
        key = redactor.identity_key if redactor is not None else None
        return identity.source_info(
            doc, file_name=path.name, karekod=karekod, record=record, engine=engine,
            key=key, ettn=ettn,
        )  # fmt: skip

    def _better_form(
        self,
        known: DocumentRow,
        path: Path,
        doc: Document,
        karekod: Karekod | None,
        ettn: str | None,
    ) -> bool:
        """Whether this form ranks above the known record's; if not, attach it (cheaply)."""
        store = self.store
        assert store is not None
        info = self._source_info(path, doc, karekod, None, None, ettn)
        if info.rank > identity.best_rank(store, known.id):
            return True
        identity.add_source(store, known.id, info, "ettn")
        return False

    def _identify(
        self,
        path: Path,
        doc: Document,
        karekod: Karekod | None,
        result: Result,
        known: DocumentRow | None,
    ) -> tuple[identity.SourceInfo | None, DocumentRow | None, bool]:
        """(this form's identity, the record it is a form of, whether it was just attached)."""
        store = self.store
        if store is None or result.doc_type != "invoice" or result.record is None:
            return None, known, False
        info = self._source_info(path, doc, karekod, result.record, result.engine)
        if known is not None:
            return info, known, False
        match = identity.find_invoice(store, info)
        if match is not None and self.reprocess and match.document_id == _own_id(store, info):
            match = None  # reprocessing: the record found is this file's own
        if match is None:
            return info, None, False
        record = store.get_document(match.document_id)
        if match.matched_by == "ettn_near":
            info = replace(info, ettn=match.ettn)  # the record's ETTN, not the misread one
        if record is not None and info.rank <= identity.best_rank(store, record.id):
            identity.add_source(store, record.id, info, match.matched_by)
            return info, record, True
        return info, record, False

    def _one_invoice(
        self,
        store: Store,
        path: Path,
        result: Result,
        info: identity.SourceInfo,
        upgrade_of: DocumentRow | None,
        protection: Protection | None,
        timer: _Timer,
    ) -> Result:
        """Store a new invoice with its first form, or upgrade the record it is a form of."""
        if upgrade_of is None:  # the record and its first form in one transaction

            def first(session: Session, document_id: int) -> int:
                return identity.attach_source(session, store, document_id, info, "first")

            failed = result.status is Status.failed
            return self._save(path, result, timer, protection, attach=None if failed else first)
        with timer("store"):
            identity.upgrade(store, upgrade_of.id, result, protection)
            identity.add_source(store, upgrade_of.id, info, "upgrade")
        return _duplicate(Path(result.path), info.sha256, upgrade_of, result.page_count, timer)

    # -- karekod (issue 14): decoded before OCR, checked against the page after extraction --
    def _read_karekod(self, doc: Document, timer: _Timer) -> Karekod | None:
        if not self.settings.karekod:
            return None
        with timer("karekod"):
            return find_karekod(doc, self.settings.karekod_dpi)

    def _understand(self, doc: Document, timer: _Timer, karekod: Karekod | None = None) -> Result:
        with timer("classify"):  # a UBL-TR Invoice is an invoice by its root element
            doc_type, type_conf = ("invoice", 1.0) if doc.ubl is not None else classify(doc)
        if doc_type == "unknown" and karekod is not None:  # a GİB karekod: an invoice
            doc_type, type_conf = "invoice", 0.9
        checks: list[Check] = []
        record: dict | None = None
        evidence = {}
        read: tuple[tuple[str, str], ...] = ()
        engine_name = schema_name = schema_version = None
        schema = SCHEMA_BY_DOC_TYPE.get(doc_type)
        if doc_type == "unknown":
            if any(p.has_text for p in doc.pages):
                reason = "the document type could not be recognised"
            elif not all(p.document_found for p in doc.pages):
                reason = "no document found in the photo"
            else:
                reason = "no text could be read"
            checks.append(Check(name="doc_type", field="doc_type", passed=False, reason=reason))
        elif schema is not None:
            engine = UblEngine() if reads_ubl(self.settings, doc) else self.engine
            engine_name = engine.name
            schema_name, schema_version = schema.__name__, schema.schema_version
            try:
                with timer("extract"):
                    extraction = engine.extract(doc, doc_type, schema)
                with timer("validate"):
                    record = extraction.record.model_dump(mode="json", exclude_none=True)
                    evidence = extraction.evidence
                    read = extraction.read
                    if karekod is not None and doc_type == "invoice":
                        merged = cross_check(record, evidence, doc, karekod)
                        record, evidence = merged.record, merged.evidence
                        checks += merged.checks
                    checks += validate_record(doc_type, record, extraction.rejected)
                    checks += extraction.checks  # e.g. model vs rules disagreements
            except UnsupportedDocType as exc:
                checks.append(
                    Check(name="extractor", field="record", passed=False, reason=exc.message)
                )
        status = Status.ok if all(c.passed for c in checks) else Status.needs_review
        return Result(
            path=doc.path,
            sha256=doc.sha256,
            status=status,
            doc_type=doc_type,
            doc_type_confidence=type_conf,
            media_type=doc.media_type,
            page_count=doc.page_count,
            engine=engine_name,
            schema_name=schema_name,
            schema_version=schema_version,
            record=record,
            evidence=evidence,
            checks=checks,
            durations=timer.durations,
            read_values=list(read),
        )

    def _failed(
        self, path: Path, sha256: str | None, timer: _Timer, category: str, reason: str
    ) -> Result:
        log.info("document failed in stage %s: %s", timer.stage, category)
        return Result(
            path=str(path),
            sha256=sha256,
            status=Status.failed,
            error=ErrorInfo(stage=timer.stage, category=category, reason=reason),
            durations=timer.durations,
        )

    def _save(
        self,
        path: Path,
        result: Result,
        timer: _Timer,
        protection: Protection | None = None,
        size: int | None = None,
        attach: Callable[[Session, int], object] | None = None,
    ) -> Result:
        store = self.store
        if store is None or result.status is Status.duplicate:
            return result
        with timer("store"):
            if size is None:
                size = path.stat().st_size if path.is_file() else None
            doc_id = store.save_result(
                result,
                source_path=str(path),
                file_name=path.name,
                size_bytes=size,
                protection=protection,
                reprocess=self.reprocess,
                attach=attach,
            )
        return result.model_copy(update={"document_id": doc_id, "durations": timer.durations})


def _own_id(store: Store, info: identity.SourceInfo) -> int | None:
    own = store.find_by_sha256(info.sha256)
    return own.id if own is not None else identity.find_by_source(store, info.sha256)


def _duplicate(path: Path, sha256: str, original: DocumentRow, pages: int, timer: _Timer) -> Result:
    return Result(
        path=str(path),
        sha256=sha256,
        status=Status.duplicate,
        document_id=original.id,
        duplicate_of=original.id,
        doc_type=original.doc_type,
        page_count=pages,
        durations=timer.durations,
    )


def _out_of_memory(exc: Exception) -> bool:
    """A failed allocation, however the library reports it: ``MemoryError`` (numpy,
    Pillow), ``cv2.error`` "Insufficient memory", ``ENOMEM`` starting Tesseract."""
    if isinstance(exc, MemoryError):
        return True
    if isinstance(exc, OSError):
        return exc.errno == errno.ENOMEM
    return type(exc).__module__.startswith("cv2") and "Insufficient memory" in str(exc)


def _stopped_reading(result: Result, page: int, settings: Settings) -> Result:
    """Reading hit its time budget before ``page``: keep what was read, say why it stops."""
    check = Check(
        name="time_limit",
        field="pages",
        passed=False,
        reason=(
            f"reading stopped before page {page} of {result.page_count} to stay within "
            f"doc_timeout_s={settings.doc_timeout_s:g} seconds; the pages read are kept; "
            "raise DOCPIPE_DOC_TIMEOUT_S to read them all"
        ),
    )
    return result.model_copy(
        update={"status": Status.needs_review, "checks": [*result.checks, check]}
    )


_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)


def single_uuid(doc: Document) -> str | None:
    """The one UUID in the document's text (an invoice's ETTN), or None.

    Cheap, before extraction. A document with two UUIDs (a return invoice citing
    the original's ETTN) is not matched here: it goes through extraction.
    """
    found = {m.lower() for p in doc.pages for m in _UUID.findall(" ".join(w.text for w in p.words))}
    return found.pop() if len(found) == 1 else None


def process(path: str | Path, settings: Settings | None = None) -> Result:
    """Process one file with default (or given) settings and return its Result."""
    with Pipeline(settings) as pipeline:
        return pipeline.process(path)
