"""``docpipe run``'s pool: every document processed in a worker process, under limits.

Input: file paths and ``Settings``. Output: one ``Result`` per path, in the
order given, each also stored (when ``store_results``) exactly like
``Pipeline.process`` stores it, by the worker that read it; the result handed back
has no ``evidence`` (it is in the store). Failure: only what stops the whole batch
escapes (no store, no vault key, a worker that cannot even start); everything
one document can do wrong ends as that document's failed ``Result``.

The limits per document (each a setting, each named in the reason it gives):

- memory: the worker runs under ``RLIMIT_DATA`` = ``doc_memory_mb``
  (``docpipe.workers``, the same fence as the watch daemon's workers). An
  allocation that fails becomes a failed document; a worker the kernel kills
  becomes one too, and a fresh worker takes the next document;
- wall time: ``Pipeline`` stops reading pages at 80 % of ``doc_timeout_s``
  (the pages read are kept, the document ends ``needs_review`` saying so);
  at 100 % this pool kills the worker with everything it started;
- pages, pixels, bytes: ``max_pages``, ``max_image_pixels``, ``max_file_bytes``
  (ingest).

The parent never loads a document, a model or Presidio: its memory stays that
of a small Python process, and the batch's peak is that of its workers, each
under its own limit. A worker that runs no model never imports torch (spaCy's
thinc would import it, 600 MB).

``jobs`` workers run side by side (``docpipe run --jobs N``, default one per
core), each with its own pipe and one thread per library (``WORKER_ENVIRONMENT``:
Tesseract under ``OMP_THREAD_LIMIT=1``, OpenCV under ``OPENCV_FOR_THREADS_NUM=1``);
results are yielded in input order.
Workers that run no model are forked from a fork server that has loaded what they
all need once (``docpipe.batch_preload``: the pipeline, Presidio and its analyzer),
instead of each loading it again: start-up is paid once per batch, not per worker.
The pool starts the server first and, while it loads on another core, brings the
store's schema to head here, once; the workers open the store as it is. What the
server loaded is frozen out of the collector's reach, so a worker's collections
never walk it (nor copy its pages), and the server ends with ``os._exit``.
The server is a fresh single-threaded process (``multiprocessing``'s forkserver), so
forking it is safe where forking this process (threads: the progress bar) is not;
it is stopped with the pool, and the kernel kills a worker whose server dies, as
the server ends when this process does.
Two files with the same bytes, or an e-invoice's ``X.xml`` and ``X.pdf``, are
never in flight at once, so the store sees each content once and the later file
ends ``duplicate``.

A long scan is split by page: a worker that finds two pages or more to OCR offers
them (``docpipe.read.PageShare``); idle workers read pages of it before taking a new
document, each decoding its page alone (``docpipe.ingest.ingest_page``); the owner
reads the pages it claims, gathers the others (each sent back pickled with its
cleaned image, which the owner's karekod, re-reads and burn-in redaction use: 2 ms
to pickle, against the preprocessing it would cost to derive again; relayed by the
parent unopened) and goes on alone: classification, extraction, redaction and the
store see the document once, from its owner. A helper that dies loses its page
only: the owner reads it itself.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import math
import multiprocessing
import os
import pickle
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType
from typing import Any

from docpipe import errors
from docpipe.batch_server import (
    PRELOAD,
    forkserver_available,
    main_not_rerun,
    start_fork_server,
)
from docpipe.errors import DocpipeError, ExitCode
from docpipe.result import ErrorInfo, Result, Status
from docpipe.settings import Settings, load_settings, resolve_kind
from docpipe.workers import (
    BATCH_ENVIRONMENT,
    die_with,
    kill_group,
    limit_memory,
    process_alive,
    signal_name,
    skip_torch,
)

log = logging.getLogger("docpipe.batch")

#: A worker is replaced after this many documents (fragmentation never accumulates).
MAX_DOCS_PER_WORKER = 200
#: The collector's thresholds in a worker, set once start-up is frozen: a digital invoice
#: allocates some 100,000 objects that reference counting frees, and Python's default
#: (700, 10, 10) walked the young ones 2 times a document, 2.3 ms of its 37 ms CPU; these
#: walk them once every 20 documents or so, 0.4 ms a document (``benchmarks/
#: run_throughput.py``). What a cycle holds waits a little longer: a few MiB at most.
WORKER_GC_THRESHOLDS = (50_000, 20, 100)
#: Loading the pipeline (Presidio, recognizers, the vault key) is not a document's time.
STARTUP_TIMEOUT_S = 300.0


class WorkerStartError(DocpipeError):
    """The worker process could not load the pipeline."""

    exit_code = ExitCode.config_error
    category = "config"


@dataclass
class _Job:
    index: int
    path: Path
    #: What no two workers may hold at once (see ``_holds``); None until looked at.
    keys: frozenset[str] | None = None


@dataclass
class _Split:
    """A document whose pages its owner offered to other workers."""

    owner: _Worker
    path: Path
    waiting: deque[int]
    #: page number -> the helper reading it
    out: dict[int, _Worker] = field(default_factory=dict)
    read: list[bytes] = field(default_factory=list)  # pickled pages, relayed unopened
    lost: list[int] = field(default_factory=list)
    gathering: bool = False


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    handled: int = 0
    ready: bool = False
    job: _Job | None = None
    #: a page of another worker's document being read here
    page: tuple[_Split, int] | None = None

    @property
    def idle(self) -> bool:
        return self.job is None and self.page is None

    #: When the worker is over its time: loading until ready, then its document's.
    deadline: float = math.inf


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity, which containers and
    ``taskset`` narrow), else ``os.cpu_count()``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass
class BatchPool:
    """Processes documents in ``jobs`` worker processes; a context manager.

    ``jobs=0`` means one worker per core. A worker is started only when a document
    waits for it (two files never start eight workers), and an in-process model
    (``vlm``) always runs in one worker: its weights are loaded once.

    >>> with BatchPool(load_settings(), jobs=2) as pool:  # doctest: +SKIP
    ...     for result in pool.run([Path("invoices/a.pdf"), Path("scans/b.png")]):
    ...         print(result.status)
    """

    settings: Settings
    jobs: int = 1
    #: process stored files again: their record is replaced (``Pipeline(reprocess=True)``)
    reprocess: bool = False
    #: the files stay where they are once stored (``docpipe run``), so a SQLite store may
    #: commit without waiting for the disk (``Store(durable_commits=False)``)
    inputs_stay: bool = False
    _workers: list[_Worker] = field(default_factory=list, init=False)
    _store: Any = field(default=None, init=False)
    _splits: list[_Split] = field(default_factory=list, init=False)
    _started: bool = field(default=False, init=False)
    _key_checked: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        if self.jobs < 0:
            raise ValueError("jobs must be 0 (one per core) or more")
        self.jobs = self.jobs or default_jobs()
        if self.jobs > 1 and _runs_model(self.settings):
            log.info("an in-process model runs in one worker: --jobs %d ignored", self.jobs)
            self.jobs = 1
        self._context = multiprocessing.get_context("spawn")
        if not _runs_model(self.settings) and forkserver_available():
            self._context = multiprocessing.get_context("forkserver")
            self._context.set_forkserver_preload([PRELOAD])

    def __enter__(self) -> BatchPool:
        return self

    @property
    def forks(self) -> bool:
        """Whether the workers are forked from the fork server (else spawned: a model)."""
        return self._context.get_start_method() == "forkserver"

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        while self._workers:
            worker = self._workers.pop()
            if worker.job is not None or worker.page is not None:  # interrupted: do not wait
                kill_group(worker.process)
            self._retire(worker)
        if self._store is not None:
            self._store.close()
            self._store = None
        self._started = self._key_checked = False
        # The fork server is one per process and shared by every pool in it (the API's
        # upload thread and a reprocess run side by side): a pool never stops it; the
        # process that owns the whole run does (``stop_fork_server``), or its exit does.

    def process(self, path: Path) -> Result:
        """One document, in a worker."""
        [result] = list(self.run([path]))
        return result

    def run(
        self, paths: Iterable[Path], on_done: Callable[[], None] | None = None
    ) -> Iterator[Result]:
        """One result per path, in the order given; ``on_done`` is called as each
        document finishes (in whatever order they finish: for a progress bar).

        Two files with the same bytes (or ``X.xml`` and ``X.pdf``) are never in flight
        at once: the second waits for the first, then finds it in the store and ends
        ``duplicate`` (the store's unique hash stays the last word for anything else
        racing it, ZIP members included).
        """
        self._start()
        pending = [_Job(index, Path(path)) for index, path in enumerate(paths)]
        total = len(pending)
        done: dict[int, Result] = {}
        in_flight: set[str] = set()
        given = 0
        while given < total:
            self._dispatch(pending, in_flight)
            for job, result in self._collect():
                in_flight.difference_update(job.keys or ())
                done[job.index] = result
                if on_done is not None:
                    on_done()
            while given in done:
                yield done.pop(given)
                given += 1

    def _start(self) -> None:
        """Before the first worker: start the fork server loading (2 CPU seconds, on
        another core), then, meanwhile, open the store here, which brings its schema to
        head once for the batch: the workers open it as it is (``worker_main``)."""
        if self._started:
            return
        self._started = True
        for name, value in BATCH_ENVIRONMENT.items():
            os.environ.setdefault(name, value)  # inherited by the server and the workers
        if self._context.get_start_method() == "forkserver":
            start_fork_server()  # running already when ``docpipe run`` started it early
        if self.settings.store_results:
            self._open_store()

    def _open_store(self) -> Any:
        if self._store is None:
            from docpipe.store import Store

            self._store = Store(self.settings.database_url)
        return self._store

    # -- scheduling --------------------------------------------------------------------

    def _dispatch(self, pending: list[_Job], in_flight: set[str]) -> None:
        """Start the workers the waiting documents and pages need; hand each idle one a
        page of a split scan, else a document."""
        busy = sum(1 for w in self._workers if not w.idle)
        wanted = min(self.jobs, busy + len(pending) + self._pages_waiting())
        while len(self._workers) < wanted:
            self._workers.append(self._spawn())
        for worker in self._workers:
            if not worker.ready or not worker.idle:
                continue
            if self._give_page(worker):
                continue
            job = self._next_job(pending, in_flight)
            if job is None:
                return
            worker.conn.send(str(job.path))
            worker.handled += 1
            worker.job = job
            worker.deadline = time.monotonic() + self.settings.doc_timeout_s

    # -- long scans split by page ------------------------------------------------------

    def _pages_waiting(self) -> int:
        return sum(len(s.waiting) for s in self._splits if not s.gathering)

    def _give_page(self, worker: _Worker) -> bool:
        for split in self._splits:
            if split.waiting and not split.gathering:
                number = split.waiting.popleft()
                split.out[number] = worker
                worker.page = (split, number)
                worker.deadline = split.owner.deadline
                worker.conn.send(("page", str(split.path), number))
                return True
        return False

    def _split_message(self, worker: _Worker, kind: str, payload: Any) -> None:
        """A worker's side of a split scan: its owner offering, claiming and gathering
        pages, or a helper handing back the page it read (pickled, or None: lost)."""
        if kind == "page_read":
            assert worker.page is not None, "a page from a worker that read none"
            split, number = worker.page
            worker.page, worker.deadline = None, math.inf
            del split.out[number]
            if payload is None:
                split.lost.append(number)
            else:
                split.read.append(payload)
            self._maybe_gathered(split)
            return
        split = next((s for s in self._splits if s.owner is worker), None)
        if kind == "pages":
            assert worker.job is not None and split is None, "pages offered twice"
            self._splits.append(_Split(worker, worker.job.path, deque(payload)))
        elif kind == "claim":
            waiting = split.waiting if split is not None else None
            worker.conn.send(("claimed", waiting.popleft() if waiting else None))
        elif kind == "gather" and split is not None:
            split.gathering = True
            split.waiting.clear()  # what no one started stays unread (the owner's deadline)
            self._maybe_gathered(split)

    def _maybe_gathered(self, split: _Split) -> None:
        if not split.gathering or split.out or split not in self._splits:
            return
        self._splits.remove(split)
        with contextlib.suppress(OSError, ValueError):
            split.owner.conn.send(("gathered", (split.read, split.lost)))

    def _drop_split(self, owner: _Worker) -> None:
        """The owner is gone: its pages are no one's business any more."""
        for split in [s for s in self._splits if s.owner is owner]:
            self._splits.remove(split)
            for helper in split.out.values():
                helper.page = None  # its answer, when it comes, is dropped
                helper.deadline = math.inf

    def _next_job(self, pending: list[_Job], in_flight: set[str]) -> _Job | None:
        """The first waiting document that no document before it holds back (``_holds``):
        neither one in flight nor one still waiting, so related files keep their order."""
        held = set(in_flight)
        for position, job in enumerate(pending):
            if job.keys is None:
                job.keys = self._holds(job.path) if self.jobs > 1 else frozenset()
            if job.keys & held:
                held.update(job.keys)
                continue
            in_flight.update(job.keys)
            return pending.pop(position)
        return None

    def _holds(self, path: Path) -> frozenset[str]:
        """What a document shares with others that must not run beside it: its bytes (the
        store keeps one record, the later file must find it and end ``duplicate``) and
        its form (``X.xml`` and ``X.pdf`` in one folder: the e-invoice and its print, read
        XML first, so that the PDF is found as that invoice, as ``iter_files`` orders them).
        """
        keys = {f"form:{path.parent / path.stem.lower()}"}
        sha256 = _hash(path, self.settings.max_file_bytes)
        if sha256 is not None:
            keys.add(f"sha256:{sha256}")
        return frozenset(keys)

    def _collect(self) -> list[tuple[_Job, Result]]:
        """Wait until a worker answers, dies or runs out of time; what finished."""
        deadline = min(w.deadline for w in self._workers)
        timeout = max(0.0, deadline - time.monotonic()) if deadline < math.inf else None
        handles = [h for w in self._workers for h in (w.conn, w.process.sentinel)]
        woken = set(wait(handles, timeout))
        finished: list[tuple[_Job, Result]] = []
        for worker in list(self._workers):
            if worker.conn in woken or worker.process.sentinel in woken:
                finished += self._read(worker)
            elif worker.deadline <= time.monotonic():
                finished += self._end(worker, timed_out=True)
        return finished

    def _read(self, worker: _Worker) -> list[tuple[_Job, Result]]:
        """Everything the worker has sent; its death when it has gone."""
        finished: list[tuple[_Job, Result]] = []
        while True:
            try:
                if not worker.conn.poll():
                    break
                kind, payload = worker.conn.recv()
            except (EOFError, OSError):  # its end of the pipe closed: it is exiting
                worker.process.join(5)
                break
            if kind == "log":
                _relay(payload)
            elif kind in _SPLIT_KINDS:
                if kind != "page_read" or worker.page is not None:
                    self._split_message(worker, kind, payload)
                else:  # the page of a document that has ended meanwhile
                    worker.deadline = math.inf
            elif kind == "ready":
                worker.ready, worker.deadline = True, math.inf
            elif kind == "fatal":
                self._drop(worker)
                raise _rebuild(payload)
            else:
                job, worker.job, worker.deadline = worker.job, None, math.inf
                assert job is not None, "a result from an idle worker"
                finished.append((job, Result.model_validate_json(payload)))
                if kind == "result_retire" or worker.handled >= MAX_DOCS_PER_WORKER:
                    self._drop(worker)
                    return finished
        if not worker.process.is_alive():
            finished += self._end(worker, timed_out=False)
        return finished

    def _end(self, worker: _Worker, *, timed_out: bool) -> list[tuple[_Job, Result]]:
        """A worker over its time, or dead (memory limit, OOM killer, a library crash):
        kill it with its OCR children; its document fails alone, or, while it was still
        loading, the batch stops (a worker that cannot load fails every document)."""
        self._workers.remove(worker)
        kill_group(worker.process)
        worker.process.join()
        worker.conn.close()
        self._drop_split(worker)
        if worker.page is not None:  # a helper: its page is lost, the owner reads it
            split, number = worker.page
            del split.out[number]
            split.lost.append(number)
            self._maybe_gathered(split)
            return []
        if not worker.ready:
            raise WorkerStartError(
                f"the document worker stopped while loading ({self._death_reason(worker)})"
            )
        job = worker.job
        if job is None:
            return []
        if timed_out:
            reason = (
                f"processing took longer than doc_timeout_s={self.settings.doc_timeout_s:g} "
                "seconds and was stopped; check the file, or raise DOCPIPE_DOC_TIMEOUT_S"
            )
            return [(job, self._record_failure(job.path, "timeout", reason))]
        reason = self._death_reason(worker)
        return [(job, self._record_failure(job.path, "worker_died", reason))]

    # -- workers -----------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=worker_main,
            args=(
                self.settings.model_dump(),
                child,
                os.getpid(),
                logging.getLogger().getEffectiveLevel(),
                self.reprocess,
                self.inputs_stay,
            ),
            name="docpipe-batch-worker",
            daemon=True,
        )
        with main_not_rerun():  # its target is in this module, not in the main script
            process.start()
        child.close()
        return _Worker(process, parent, deadline=time.monotonic() + STARTUP_TIMEOUT_S)

    def _drop(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        self._drop_split(worker)
        self._retire(worker)

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
        worker.process.join(10)
        if worker.process.is_alive():
            kill_group(worker.process)
            worker.process.join()
        worker.conn.close()

    def _death_reason(self, worker: _Worker) -> str:
        code = worker.process.exitcode
        name = signal_name(code)
        limit = self.settings.doc_memory_mb
        if name is not None or code == _EXIT_MEMORY:
            return (
                f"the worker was stopped ({name or 'out of memory'}), most likely by the memory "
                f"limit doc_memory_mb={limit} or the system's out-of-memory killer; check the "
                "file (a decompression bomb?), or raise DOCPIPE_DOC_MEMORY_MB if it is genuine"
            )
        return (
            f"the worker processing this file stopped unexpectedly (exit code {code}); "
            "check the file, then run it again on its own"
        )

    # -- failures the worker could not record ------------------------------------------

    def _record_failure(self, path: Path, category: str, reason: str) -> Result:
        result = Result(
            path=str(path),
            sha256=_hash(path, self.settings.max_file_bytes),
            status=Status.failed,
            error=ErrorInfo(stage="batch", category=category, reason=reason),
        )
        if not self.settings.store_results:
            return result
        store = self._open_store()
        if self.settings.redact and not self._key_checked:
            from docpipe.kvkk.keys import store_key

            store_key(store, self.settings)  # the file name stored as a keyed hash, original sealed
            self._key_checked = True
        if result.sha256 is not None:
            existing = store.find_by_sha256(result.sha256)
            if existing is not None and existing.status is not Status.failed:
                result = result.model_copy(update={"sha256": None})  # keep the good record
        document_id = store.save_result(
            result, source_path=str(path), file_name=path.name, size_bytes=_size(path)
        )
        return result.model_copy(update={"document_id": document_id})


_EXIT_MEMORY = 5
#: What a worker leaves out of the result it hands back: the evidence (where each value
#: was read: 80 % of the JSON) is stored with the record, and no caller of the pool
#: reads it from the result; parsing it cost the parent 3 ms a document, CPU time the
#: workers on the other cores wait for.
_NOT_HANDED_BACK: dict[str, Any] = {"evidence": True, "parts": {"__all__": {"evidence"}}}
#: Messages of a split scan (``_split_message``).
_SPLIT_KINDS = frozenset({"pages", "claim", "gather", "page_read"})


def stop_fork_server(wait_s: float = 10.0) -> None:
    """Stop the fork server (Presidio and the pipeline loaded: 200 MB) and wait up to
    ``wait_s`` for it, so that its CPU time is counted as this process's children's. Only
    for a process whose pools are all closed (``docpipe run`` at its end): the server is
    shared. ``multiprocessing`` has no public call for it, and its private ``_stop`` waits
    for ever when a child forked from this process still holds the server's "alive" pipe;
    so this closes the pipe itself and waits with a bound. A server that does not end
    ends with this process; the next pool starts a new one."""
    from multiprocessing import forkserver, util

    server = forkserver._forkserver
    with server._lock:
        pid = server._forkserver_pid
        if pid is None:
            return
        os.close(server._forkserver_alive_fd)
        address = server._forkserver_address
        server._forkserver_alive_fd = server._forkserver_pid = None
        server._forkserver_address = None
        if address and not util.is_abstract_socket_namespace(address):
            with contextlib.suppress(OSError):
                os.unlink(address)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        except ChildProcessError:  # not ours to wait for (already reaped)
            return
        time.sleep(0.02)
    log.debug("the fork server is still running; it ends with this process")


def _relay(payload: tuple[str, int, str]) -> None:
    """A worker's log record, logged in this process where it logs."""
    name, level, text = payload
    logger = logging.getLogger(name)
    if logger.isEnabledFor(level):
        logger.handle(
            logging.makeLogRecord(
                {
                    "name": name,
                    "levelno": level,
                    "levelname": logging.getLevelName(level),
                    "msg": text,
                }
            )
        )


def _rebuild(payload: tuple[str, str]) -> DocpipeError:
    """The worker's batch-stopping error as the same class here (StoreError, ConfigError…)."""
    name, message = payload
    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, DocpipeError):
        return cls(message)
    return WorkerStartError(message)


def _hash(path: Path, limit: int) -> str | None:
    try:
        if not path.is_file() or path.stat().st_size > limit:
            return None
        digest = hashlib.sha256()
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size if path.is_file() else None
    except OSError:
        return None


# -- the worker process ----------------------------------------------------------------


class _PipeLogHandler(logging.Handler):
    """Sends the worker's log records to the parent, which logs them where it logs."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(("log", (record.name, record.levelno, record.getMessage())))


class _PipeShare:
    """A worker's ``PageShare``: the parent hands the offered pages to idle workers."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def offer(self, numbers: Sequence[int]) -> None:
        self.conn.send(("pages", list(numbers)))

    def claim(self) -> int | None:
        self.conn.send(("claim", None))
        return self._answer("claimed")

    def gather(self) -> tuple[list[Any], list[int]]:
        self.conn.send(("gather", None))
        read, lost = self._answer("gathered")
        return [pickle.loads(page) for page in read], lost

    def _answer(self, kind: str) -> Any:
        got, payload = self.conn.recv()
        assert got == kind, f"expected {kind}, got {got}"
        return payload


def _read_one_page(pipeline: Any, path: Path, number: int) -> bytes | None:
    """Page ``number`` of ``path`` read for the worker that owns the document, pickled;
    None when it cannot be (the owner then reads it itself and meets the error)."""
    from docpipe.ingest import ingest_page
    from docpipe.read import read_page

    settings = pipeline.settings
    try:  # that page alone is decoded: a TIFF's other frames are the owner's and others'
        doc = ingest_page(path, settings, number)
        return pickle.dumps(read_page(doc, number, settings), pickle.HIGHEST_PROTOCOL)
    except Exception:  # any failure is the owner's to meet and report
        return None


def worker_main(
    settings_values: dict[str, Any],
    conn: Connection,
    parent_pid: int,
    log_level: int,
    reprocess: bool = False,
    inputs_stay: bool = False,
) -> None:
    """Entry point of a batch worker: load the pipeline, then process paths sent to it
    (and pages of other workers' long scans)."""
    die_with(os.getppid())  # this process (spawned) or the fork server (forked)
    if os.getppid() != parent_pid and not process_alive(parent_pid):
        os._exit(0)  # the pool's process has gone already
    os.setpgid(0, 0)  # own process group: a timeout kills the worker and its OCR children
    root = logging.getLogger()
    root.handlers[:] = [_PipeLogHandler(conn)]
    root.setLevel(log_level)
    settings = load_settings(**settings_values)
    if _runs_model(settings):
        log.info("an in-process model runs here: no doc_memory_mb limit on this worker")
    else:
        skip_torch()
        limit_memory(settings.doc_memory_mb)
    from docpipe.pipeline import Pipeline
    from docpipe.store import Store

    store: Store | None = None
    try:
        if settings.store_results:  # migrated by the pool (``BatchPool._start``)
            store = Store(
                settings.database_url, migrate_schema=False, durable_commits=not inputs_stay
            )
        with Pipeline(settings, store=store, reprocess=reprocess) as pipeline:
            pipeline.page_share = _PipeShare(conn)
            pipeline.prepare()
            gc.freeze()  # what start-up built stays out of every collection (batch_preload)
            gc.set_threshold(*WORKER_GC_THRESHOLDS)
            gc.enable()  # off while the fork server loaded (batch_preload)
            conn.send(("ready", None))
            while (task := conn.recv()) is not None:
                if isinstance(task, tuple):  # ("page", path, number) of another's scan
                    _, path, number = task
                    conn.send(("page_read", _read_one_page(pipeline, Path(path), number)))
                    continue
                result = pipeline.process(Path(task))
                retire = result.error is not None and result.error.category == "memory"
                result = _printable(result, settings, pipeline)
                payload = result.model_dump_json(exclude=_NOT_HANDED_BACK)
                conn.send(("result_retire" if retire else "result", payload))
                if retire:  # after a failed allocation the heap may be in pieces: start fresh
                    break
    except DocpipeError as error:  # stops the batch: no store, no vault key, …
        conn.send(("fatal", (type(error).__name__, error.message)))
    except MemoryError:
        sys.exit(_EXIT_MEMORY)
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        pass  # the parent went away or was interrupted
    finally:
        if store is not None:
            store.close()


def _printable(result: Result, settings: Settings, pipeline: Any) -> Result:
    """Stored results are redacted already; without a store, redact what is handed back."""
    if not settings.redact or pipeline.redactor is not None or result.record is None:
        return result
    from docpipe.redact.protect import Redactor

    return Redactor(settings, None, seal=False).protect(result, None).result


def _runs_model(settings: Settings) -> bool:
    """Whether the worker holds an in-process model (``vlm``): gigabytes of weights no
    per-document limit can count; documents are then fenced by time only."""
    return resolve_kind(settings) == "vlm"
