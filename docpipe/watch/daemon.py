"""``docpipe watch INBOX``: find stable files, queue them, keep workers running.

Input: an inbox folder and ``Settings``. Output: every file dropped into the
inbox ends in ``done/`` or ``failed/`` exactly once (see ``inbox.py``), with
one document row each; the exit code (0 after SIGTERM/SIGINT).

The daemon is a shell around the job table (``docpipe.store.jobs``):

1. discover: watchdog events plus a full scan every ``watch_poll_s`` (events
   never fire for files written by another machine on an SMB/NFS share);
2. settle: ``FileStabilityTracker`` plus "no process here holds it open";
3. queue: one row per file, guarded by a unique index, so two daemons on one
   inbox queue it once;
4. run: ``watch_workers`` worker processes claim rows themselves
   (``worker.py``); a long document holds one worker, the others go on;
5. supervise: renew the leases of our workers' jobs, kill a job over
   ``watch_job_timeout_s``, quarantine the job of a worker that died (memory
   limit, crash, timeout) and start a new worker, requeue orphans of dead
   daemons, write the health file.

On start, jobs a killed daemon left in ``processing`` are queued again (its
workers died with it); a job interrupted ``watch_max_attempts`` times is
quarantined instead. SIGTERM stops discovery, lets workers finish their
current documents and exits 0.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.context import SpawnProcess
from pathlib import Path
from types import FrameType
from typing import Any

from docpipe.errors import ConfigError
from docpipe.settings import Settings
from docpipe.store import Store
from docpipe.store.jobs import JobQueue
from docpipe.watch.health import default_health_path, write_health
from docpipe.watch.inbox import InboxLayout, wanted
from docpipe.watch.jobs import quarantine
from docpipe.watch.stability import FileStabilityTracker, open_elsewhere
from docpipe.watch.worker import worker_id, worker_main
from docpipe.workers import WORKER_ENVIRONMENT, process_alive, signal_name
from docpipe.workers import kill_group as _kill_group

log = logging.getLogger("docpipe.watch")
_TICK_S = 0.25


@dataclass
class _Worker:
    process: SpawnProcess
    started: float
    kill_reason: str | None = None

    @property
    def name(self) -> str:
        return worker_id(self.process.pid)


@dataclass
class WatchDaemon:
    inbox: Path
    settings: Settings
    layout: InboxLayout = field(init=False)
    stopping: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if not self.settings.store_results:
            raise ConfigError(
                "docpipe watch keeps its job state in the database; set DOCPIPE_STORE_RESULTS=true"
            )
        if not self.inbox.is_dir():
            raise ConfigError(f"{self.inbox}: the inbox is not a folder")
        self.layout = InboxLayout.at(self.inbox, keep_in_place=self.settings.watch_keep_in_place)
        self.host = socket.gethostname()
        self.health_path = (
            Path(self.settings.watch_health_file)
            if self.settings.watch_health_file
            else default_health_path(self.layout.root)
        )
        self._context = multiprocessing.get_context("spawn")
        self._worker_stop = self._context.Event()
        self._workers: list[_Worker] = []
        self._tracker = FileStabilityTracker(self.settings.watch_stable_s)
        self._hinted: set[str] = set()
        self._hint_lock = threading.Lock()
        self._wake = threading.Event()
        self._started_at = time.time()
        self._next_spawn = 0.0
        self._celery: Any = None  # a CeleryHandOver when a broker is configured

    # -- lifecycle -------------------------------------------------------------------

    def run(self) -> int:
        for name, value in WORKER_ENVIRONMENT.items():
            os.environ.setdefault(name, value)  # inherited by the workers we spawn
        self.layout.ensure()
        self._install_signals()
        with Store(self.settings.database_url) as store:
            if self.settings.redact:  # job names stored as keyed hashes, originals sealed
                from docpipe.kvkk.keys import store_key

                store_key(store, self.settings)
            queue = JobQueue(store, self.layout.key)
            self._health(queue, "starting")
            self._recover(queue, store)
            if self.settings.broker_url is not None:  # Celery runs the documents
                from docpipe.watch.handover import CeleryHandOver

                self._celery = CeleryHandOver(self.settings, queue, self.layout, store)
                self._celery.recover()
            observer = self._start_observer()
            try:
                self._loop(queue, store)
            finally:
                if observer is not None:
                    observer.stop()
                    observer.join(5)
                self._shutdown(queue)
                if self._celery is not None:
                    self._celery.close()
                self._health(queue, "stopped")
        log.info("daemon stopped", extra={"inbox": self.layout.key})
        return 0

    def stop(self) -> None:
        self.stopping.set()
        self._wake.set()

    def _install_signals(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def _on_signal(signum: int, frame: FrameType | None) -> None:
            log.info("signal %d: finishing current documents, then stopping", signum)
            self.stop()

        signal.signal(signal.SIGTERM, _on_signal)
        signal.signal(signal.SIGINT, _on_signal)

    def _loop(self, queue: JobQueue, store: Store) -> None:
        last_scan = last_lease = last_health = float("-inf")
        last_orphans = time.monotonic()  # _recover just ran
        lease_every = max(0.5, self.settings.watch_lease_s / 3)
        while not self.stopping.is_set():
            now = time.monotonic()
            if self._celery is not None:
                self._celery.tick()  # hand new jobs to Celery, file finished ones away
            else:
                self._supervise(queue, store)
            if now - last_scan >= self.settings.watch_poll_s:
                names = {entry.name for entry in self.layout.scan()}
                last_scan = now
            else:
                names = set(self._tracker.tracked())
            with self._hint_lock:
                names |= self._hinted
                self._hinted.clear()
            self._settle(queue, names)
            if now - last_lease >= lease_every:
                queue.renew([w.name for w in self._workers], self.settings.watch_lease_s)
                last_lease = now
            if self._celery is None and now - last_orphans >= self.settings.watch_lease_s:
                self._requeue_orphans(queue)
                last_orphans = now
            if now - last_health >= 1.0:
                self._health(queue, "running")
                last_health = now
            self._wake.wait(_TICK_S)
            self._wake.clear()

    # -- discovery -------------------------------------------------------------------

    def _settle(self, queue: JobQueue, names: set[str]) -> None:
        for name in sorted(names):
            entry = self.layout.entry(name)
            if entry is None:
                self._tracker.forget(name)
                continue
            if not self._tracker.observe(name, entry.size, entry.mtime_ns):
                continue
            if entry.regular and open_elsewhere(self.layout.source(name)):
                continue  # a writer on this machine still holds it
            self._tracker.forget(name)
            job_id = queue.enqueue(name, entry.size, entry.mtime_ns)
            if job_id is not None:
                log.info("queued job %d: %s", job_id, queue.label(name), extra={"job_id": job_id})

    def _start_observer(self) -> Any:
        if not self.settings.watch_events:
            return None
        try:
            from watchdog.events import FileSystemEvent, FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            log.warning("watchdog is not installed; polling only")
            return None
        daemon = self

        class _Hints(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                for raw in (event.src_path, getattr(event, "dest_path", "")):
                    path = Path(os.fsdecode(raw)) if raw else None
                    if path and path.parent == daemon.layout.root and wanted(path.name):
                        with daemon._hint_lock:
                            daemon._hinted.add(path.name)
                        daemon._wake.set()

        observer = Observer()
        observer.daemon = True
        observer.schedule(_Hints(), str(self.layout.root), recursive=False)
        try:
            observer.start()
        except OSError as error:
            log.warning("file-system events unavailable (%s); polling only", error.strerror)
            return None
        return observer

    # -- workers ---------------------------------------------------------------------

    def _worker_count(self) -> int:
        return self.settings.watch_workers or os.cpu_count() or 1

    def _spawn(self) -> None:
        process = self._context.Process(
            target=worker_main,
            args=(
                self.settings.model_dump(),
                self.layout.key,
                os.getpid(),
                self._worker_stop,
            ),
            name="docpipe-worker",
            daemon=False,
        )
        process.start()
        self._workers.append(_Worker(process, time.monotonic()))
        log.info("started worker %s", worker_id(process.pid))

    def _supervise(self, queue: JobQueue, store: Store) -> None:
        for worker in list(self._workers):
            if worker.process.is_alive():
                self._enforce_timeout(queue, worker)
                continue
            worker.process.join()
            self._workers.remove(worker)
            code = worker.process.exitcode
            if code != 0 and time.monotonic() - worker.started < 5.0:
                self._next_spawn = time.monotonic() + 5.0  # dying at start: do not spin
            for job in queue.held_by(worker.name):
                reason = worker.kill_reason or _death_reason(code, self.settings)
                log.warning(
                    "worker %s died (exit %s) during job %d: %s",
                    worker.name,
                    code,
                    job.id,
                    queue.label(job.name),
                    extra={"job_id": job.id},
                )
                try:
                    quarantine(job, queue, self.layout, store, None, "worker_died", reason)
                except OSError as error:  # e.g. failed/ is not writable: retried as an orphan
                    log.error("cannot quarantine job %d: %s", job.id, error.strerror)
        while (
            not self.stopping.is_set()
            and len(self._workers) < self._worker_count()
            and time.monotonic() >= self._next_spawn
        ):
            self._spawn()

    def _enforce_timeout(self, queue: JobQueue, worker: _Worker) -> None:
        limit = self.settings.watch_job_timeout_s
        for job in queue.held_by(worker.name):
            if job.started_at is None:
                continue
            running = time.time() - job.started_at.timestamp()
            if running > limit and worker.kill_reason is None:
                worker.kill_reason = (
                    f"processing took longer than watch_job_timeout_s={limit:g} seconds and "
                    "was stopped; check the file, or raise DOCPIPE_WATCH_JOB_TIMEOUT_S"
                )
                log.warning("job %d over time; killing worker %s", job.id, worker.name)
                _kill_group(worker.process)

    def _shutdown(self, queue: JobQueue) -> None:
        self._worker_stop.set()
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.terminate()  # SIGTERM: finish the current job, then exit
        deadline = time.monotonic() + self.settings.watch_job_timeout_s
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                _kill_group(worker.process)
                worker.process.join()
            for job in queue.held_by(worker.name):
                queue.requeue(job.id, worker.name)  # the next start takes it again
        self._workers.clear()

    # -- recovery and health ---------------------------------------------------------

    def _recover(self, queue: JobQueue, store: Store) -> None:
        requeued = queue.requeue_orphans(self.host, process_alive)
        if requeued:
            log.info("requeued %d job(s) left in processing by a stopped daemon", len(requeued))

    def _requeue_orphans(self, queue: JobQueue) -> None:
        requeued = queue.requeue_orphans(self.host, process_alive)
        if requeued:
            log.info("requeued %d orphaned job(s)", len(requeued))

    def _health(self, queue: JobQueue, status: str) -> None:
        try:
            stats = queue.stats()
            write_health(
                self.health_path,
                {
                    "status": status,
                    "pid": os.getpid(),
                    "host": self.host,
                    "inbox": self.layout.key,
                    "started_at": time.strftime(
                        "%Y-%m-%dT%H:%M:%SZ", time.gmtime(self._started_at)
                    ),
                    "workers": [w.process.pid for w in self._workers if w.process.is_alive()],
                    "queued": stats.queued,
                    "processing": stats.processing,
                    "done_last_hour": stats.done_last_hour,
                    "failed_last_hour": stats.failed_last_hour,
                    "per_minute": stats.per_minute,
                },
            )
        except OSError as error:
            log.warning("cannot write the health file %s: %s", self.health_path, error.strerror)


def _death_reason(exitcode: int | None, settings: Settings) -> str:
    name = signal_name(exitcode)
    if name is not None:
        return (
            f"the worker processing this file was killed ({name}), most likely by the memory "
            f"limit watch_worker_memory_mb={settings.watch_worker_memory_mb} or the system's "
            "out-of-memory killer; check the file (a decompression bomb?) before retrying"
        )
    return (
        f"the worker processing this file stopped unexpectedly (exit code {exitcode}); "
        "check the file and the daemon's log, then drop it into the inbox again"
    )


def run_daemon(inbox: Path, settings: Settings) -> int:
    """Run ``docpipe watch`` in the foreground until SIGTERM or SIGINT; return 0."""
    from docpipe.watch.logs import configure_logging

    configure_logging(json_lines=settings.watch_log_json)
    if settings.redact and settings.store_results:
        from docpipe.kvkk.keys import store_key
        from docpipe.store import Store

        with Store(settings.database_url) as store:  # no vault key, or another database's:
            store_key(store, settings)  # one line now, not a failure per file
    daemon = WatchDaemon(inbox, settings)
    if settings.broker_url is not None:
        log.info("watching %s; documents go to Celery", daemon.layout.key)
    else:
        log.info(
            "watching %s with %d worker(s)",
            daemon.layout.key,
            daemon._worker_count(),
            extra={"inbox": daemon.layout.key},
        )
    return daemon.run()
