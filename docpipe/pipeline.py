"""The pipeline: every stage in order, timed, with failures turned into results.

    bytes → hash → (duplicate?) → ingest → read → (same ETTN?) → classify → extract
      → validate → redact → store

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
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from docpipe.classify import classify
from docpipe.document import Document
from docpipe.errors import DocpipeError, NoContentError, StoreError
from docpipe.extract import Engine, UnsupportedDocType, build_engine
from docpipe.ingest import content_hash, ingest, read_bytes
from docpipe.read import read_text_until
from docpipe.result import Check, ErrorInfo, Result, Status
from docpipe.schemas import SCHEMA_BY_DOC_TYPE
from docpipe.settings import Settings, load_settings
from docpipe.store import DocumentRow, Protection, Store
from docpipe.validate import validate_record

if TYPE_CHECKING:
    from docpipe.redact.protect import Redactor

log = logging.getLogger("docpipe.pipeline")
#: Share of ``doc_timeout_s`` reading may use; the rest is for extraction, redaction, storing.
READ_BUDGET = 0.8


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

    def __init__(self, settings: Settings | None = None, *, store: Store | None = None) -> None:
        self.settings = settings or load_settings()
        self._store = store
        self._owns_store = store is None
        self._engine: Engine | None = None
        self._redactor: Redactor | None = None

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
            from docpipe.redact.protect import Redactor  # Presidio: loaded only when used
            from docpipe.redact.vault import settings_key

            self._redactor = Redactor(self.settings, settings_key(self.settings))
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
            yield self.process(path)

    def process(self, path: str | Path) -> Result:
        """Run every stage on one file; never raises for a problem with the file."""
        path = Path(path)
        timer = _Timer()
        read_deadline = time.monotonic() + self.settings.doc_timeout_s * READ_BUDGET
        sha256: str | None = None
        redactor = self.redactor  # outside the try: a missing vault key stops the batch
        protection: Protection | None = None
        try:
            with timer("read_bytes"):
                data = read_bytes(path, self.settings)
                sha256 = content_hash(data)
            store = self.store
            if store is not None:
                existing = store.find_by_sha256(sha256)
                if existing is not None and existing.status is not Status.failed:
                    return _duplicate(path, sha256, existing, existing.page_count or 0, timer)
            with timer("ingest"):
                doc = ingest(path, self.settings, data)
            with timer("read"):
                doc, stopped_at = read_text_until(doc, self.settings, read_deadline)
            if all(p.blank for p in doc.pages):
                raise NoContentError(
                    "no content: every page is blank or too small to hold text "
                    "(a truncated file or an empty scan?); check the file"
                )
            ettn = single_uuid(doc) if store is not None else None
            known = store.find_by_ettn(ettn) if store is not None and ettn else None
            if known is not None and known.sha256 != sha256:  # a re-scan of a known invoice
                return _duplicate(path, sha256, known, doc.page_count, timer)
            result = self._understand(doc, timer)
            if stopped_at is not None:
                result = _stopped_reading(result, stopped_at, self.settings)
            if redactor is not None:
                with timer("redact"):
                    protected = redactor.protect(result, doc)
                result, protection = protected.result, protected.protection
            elif store is not None:  # redaction switched off: the text as read
                protection = Protection(text=doc.text(), text_redacted=False)
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
        return self._save(path, result, timer, protection)

    def _understand(self, doc: Document, timer: _Timer) -> Result:
        with timer("classify"):
            doc_type, type_conf = classify(doc)
        checks: list[Check] = []
        record: dict | None = None
        evidence = {}
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
            engine = self.engine
            engine_name = engine.name
            schema_name, schema_version = schema.__name__, schema.schema_version
            try:
                with timer("extract"):
                    extraction = engine.extract(doc, doc_type, schema)
                with timer("validate"):
                    record = extraction.record.model_dump(mode="json", exclude_none=True)
                    evidence = extraction.evidence
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
        self, path: Path, result: Result, timer: _Timer, protection: Protection | None = None
    ) -> Result:
        store = self.store
        if store is None or result.status is Status.duplicate:
            return result
        with timer("store"):
            size = path.stat().st_size if path.is_file() else None
            doc_id = store.save_result(
                result,
                source_path=str(path),
                file_name=path.name,
                size_bytes=size,
                protection=protection,
            )
        return result.model_copy(update={"document_id": doc_id, "durations": timer.durations})


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


SIDECAR_SUFFIXES = (".truth.json", ".md", ".reason.txt")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursively, sorted).

    Inside folders, hidden files and sidecars (``*.truth.json``, ``*.md``)
    are skipped; a file named explicitly is always processed. Pipes, sockets and
    devices inside folders, and folders named like documents (``x.pdf/``), are
    yielded too, so that ingest refuses each with one line instead of the batch
    passing over them in silence (or blocking on a pipe).
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                if not _skipped(child.relative_to(path)):
                    yield child
        else:
            yield path


#: Suffixes of the files docpipe reads: a folder named like this is refused, not entered.
DOCUMENT_SUFFIXES = frozenset(".pdf .png .jpg .jpeg .tif .tiff .webp .heic .heif .xml .zip".split())


def _walk(folder: Path) -> Iterator[Path]:
    """Every entry under ``folder`` (sorted) but the folders it descends into.

    Folders named like documents and links to folders are yielded, not entered.
    """
    for child in sorted(folder.iterdir()):
        if (
            child.is_dir()
            and not child.is_symlink()
            and child.suffix.lower() not in DOCUMENT_SUFFIXES
        ):
            yield from _walk(child)
        else:
            yield child


def _skipped(relative: Path) -> bool:
    if any(part.startswith(".") for part in relative.parts):
        return True
    return relative.name.lower().endswith(SIDECAR_SUFFIXES)


def process(path: str | Path, settings: Settings | None = None) -> Result:
    """Process one file with default (or given) settings and return its Result."""
    with Pipeline(settings) as pipeline:
        return pipeline.process(path)
