"""The watch daemon's job queue in the database: enqueue, claim, lease, finish.

Input: a ``Store`` (for its engine and error handling) and the inbox key (the
inbox's absolute path). Output: ``Job`` snapshots. Failure: ``StoreError``.

Exactly-once rests on the database, not on the file system:

- **enqueue**: a partial unique index allows one active (queued/processing) job
  per (inbox, name); a second daemon's insert of the same file fails and is
  ignored. A file whose name, size and mtime match a finished job is not
  enqueued again (it is the same drop, seen late).
- **claim**: PostgreSQL takes the oldest queued row with ``SELECT … FOR UPDATE
  SKIP LOCKED``; SQLite runs under ``BEGIN IMMEDIATE`` (one writer at a time)
  and the ``UPDATE … WHERE state='queued'`` must change exactly one row. Either
  way two workers never hold the same job.
- **lease**: a claim carries ``claimed_by`` (``host:pid`` of the worker) and
  ``lease_until``, renewed by the worker's daemon. A processing job whose lease
  ran out, or whose worker is a dead process on this host, is an orphan and is
  queued again (``requeue_orphans``); every later write by the old holder is
  conditional on still holding the claim, so it changes nothing.

Rows hold file names, sizes, hashes and reasons; never document content. Names
and paths are stored as keyed hashes plus the extension with the originals sealed
(``docpipe.store.names``) when the store has the vault key; ``Job`` snapshots
carry them opened, so the daemon moves files by their real names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, and_, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc

from docpipe.store import migrate
from docpipe.store.models import JobContentTable, JobTable, utcnow
from docpipe.store.names import original, redacted
from docpipe.store.repository import Store

_T = JobTable.__table__
_C = JobContentTable.__table__
FINISHED = ("done", "failed", "vanished")
ACTIVE = ("queued", "processing")


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    inbox: str
    name: str
    state: str
    size_bytes: int
    mtime_ns: int
    sha256: str | None
    attempts: int
    claimed_by: str | None
    lease_until: datetime | None
    work_path: str | None
    final_path: str | None
    outcome: str | None
    reason: str | None
    document_id: int | None
    peak_rss_kb: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class QueueStats:
    queued: int
    processing: int
    done_last_hour: int
    failed_last_hour: int
    finished_last_10_min: int
    oldest_queued_at: datetime | None

    @property
    def per_minute(self) -> float:
        """Throughput: files finished per minute over the last 10 minutes."""
        return self.finished_last_10_min / 10.0


class JobQueue:
    """Jobs of one inbox (or of all inboxes when ``inbox`` is None, for status)."""

    def __init__(self, store: Store, inbox: str | None) -> None:
        self.store = store
        self.inbox = inbox
        engine = store.engine
        self._pg = engine.dialect.name == "postgresql"
        self._writer = (
            engine
            if self._pg
            else engine.execution_options(**{migrate.SQLITE_BEGIN_OPTION: "BEGIN IMMEDIATE"})
        )

    # -- discovery -------------------------------------------------------------------

    def enqueue(self, name: str, size_bytes: int, mtime_ns: int, **values: Any) -> int | None:
        """Queue a stable file; None when it is already queued, running or finished.

        ``values``: further columns known already (``sha256``, ``work_path``)."""
        stored, sealed = redacted(self.store._names, name)
        for column in ("work_path", "final_path"):
            if column in values:  # paths name people as often as file names do
                values[column], values[_SEALED[column]] = redacted(
                    self.store._names, values[column]
                )
        with self.store._errors("queueing a file"), self._writer.begin() as conn:
            same = select(_T.c.id).where(_T.c.inbox == self.inbox, _T.c.name == stored)
            active = same.where(_T.c.state.in_(("queued", "processing")))
            seen = same.where(
                _T.c.state.in_(FINISHED), _T.c.size_bytes == size_bytes, _T.c.mtime_ns == mtime_ns
            )
            if conn.scalar(active.limit(1)) is not None or conn.scalar(seen.limit(1)) is not None:
                return None
            try:
                with conn.begin_nested():
                    return int(
                        conn.execute(
                            insert(_T)
                            .values(
                                inbox=self.inbox,
                                name=stored,
                                name_sealed=sealed,
                                state="queued",
                                size_bytes=size_bytes,
                                mtime_ns=mtime_ns,
                                attempts=0,
                                created_at=utcnow(),
                                **values,
                            )
                            .returning(_T.c.id)
                        ).scalar_one()
                    )
            except sa_exc.IntegrityError:
                return None  # another daemon queued it a moment ago

    # -- claiming --------------------------------------------------------------------

    def claim(self, worker: str, lease_s: float) -> Job | None:
        """Take the oldest queued job of this inbox for ``worker``, or None."""
        waiting = select(_T.c.id).where(_T.c.inbox == self.inbox, _T.c.state == "queued")
        with self.store._errors("claiming a job"):
            with self.store.engine.connect() as conn:  # cheap read first: idle workers poll
                if conn.scalar(waiting.limit(1)) is None:
                    return None
            for _ in range(5):
                with self._writer.begin() as conn:
                    query = (
                        select(_T.c.id)
                        .where(_T.c.inbox == self.inbox, _T.c.state == "queued")
                        .order_by(_T.c.id)
                        .limit(1)
                    )
                    if self._pg:
                        query = query.with_for_update(skip_locked=True)
                    job_id = conn.scalar(query)
                    if job_id is None:
                        return None
                    now = utcnow()
                    changed = conn.execute(
                        update(_T)
                        .where(_T.c.id == job_id, _T.c.state == "queued")
                        .values(
                            state="processing",
                            claimed_by=worker,
                            lease_until=now + timedelta(seconds=lease_s),
                            attempts=_T.c.attempts + 1,
                            started_at=now,
                        )
                    ).rowcount
                    if changed == 1:
                        return self._job(conn.execute(select(_T).where(_T.c.id == job_id)).one())
        return None

    def claim_job(self, job_id: int, worker: str, lease_s: float) -> Job | None:
        """Take job ``job_id`` for ``worker`` (a Celery worker, which the broker handed the
        job): None when it is finished or gone. A job still ``processing`` is taken over:
        the broker delivers it again only when its last holder died or was lost."""
        now = utcnow()
        with self.store._errors("claiming a job"), self._writer.begin() as conn:
            changed = conn.execute(
                update(_T)
                .where(_T.c.id == job_id, _T.c.state.in_(ACTIVE))
                .values(
                    state="processing",
                    claimed_by=worker,
                    lease_until=now + timedelta(seconds=lease_s),
                    attempts=_T.c.attempts + 1,
                    started_at=now,
                )
            ).rowcount
            if changed != 1:
                return None
            return self._job(conn.execute(select(_T).where(_T.c.id == job_id)).one())

    def update_held(self, job_id: int, worker: str | None, **values: Any) -> bool:
        """Set columns of a processing job, only while ``worker`` still holds it.

        ``worker=None`` is the daemon acting for a dead worker: it needs only the
        job to be processing.
        """
        for column in ("work_path", "final_path"):  # stored redacted, the original sealed
            if column in values:
                values[column], values[_SEALED[column]] = redacted(
                    self.store._names, values[column]
                )
        condition = and_(_T.c.id == job_id, _T.c.state == "processing")
        if worker is not None:
            condition = and_(condition, _T.c.claimed_by == worker)
        with self.store._errors("updating a job"), self._writer.begin() as conn:
            return conn.execute(update(_T).where(condition).values(**values)).rowcount == 1

    def finish(self, job_id: int, worker: str | None, state: str, **values: Any) -> bool:
        """Mark a held job done, failed or vanished; False when the claim was lost."""
        if state not in FINISHED:
            raise ValueError(f"not a final state: {state}")
        return self.update_held(
            job_id, worker, state=state, finished_at=utcnow(), lease_until=None, **values
        )

    def record_peak_rss(self, job_id: int, kilobytes: int) -> None:
        """Note the peak RSS of the worker that ran the job (any state)."""
        with self.store._errors("updating a job"), self._writer.begin() as conn:
            conn.execute(update(_T).where(_T.c.id == job_id).values(peak_rss_kb=kilobytes))

    def renew(self, workers: Iterable[str], lease_s: float) -> int:
        """Extend the lease of every job held by ``workers`` (the daemon's heartbeat)."""
        names = list(workers)
        if not names:
            return 0
        with self.store._errors("renewing leases"), self._writer.begin() as conn:
            return conn.execute(
                update(_T)
                .where(_T.c.state == "processing", _T.c.claimed_by.in_(names))
                .values(lease_until=utcnow() + timedelta(seconds=lease_s))
            ).rowcount

    def held_by(self, worker: str) -> list[Job]:
        query = select(_T).where(_T.c.state == "processing", _T.c.claimed_by == worker)
        with self.store._errors("reading jobs"), self.store.engine.connect() as conn:
            return [self._job(row) for row in conn.execute(query)]

    def requeue(self, job_id: int, holder: str) -> bool:
        """Give a processing job back to the queue (its holder stopped or died)."""
        with self.store._errors("requeueing a job"), self._writer.begin() as conn:
            return (
                conn.execute(
                    update(_T)
                    .where(_T.c.id == job_id, _T.c.state == "processing")
                    .where(_T.c.claimed_by == holder)
                    .values(state="queued", claimed_by=None, lease_until=None)
                ).rowcount
                == 1
            )

    def requeue_orphans(self, host: str, process_alive: Callable[[int], bool]) -> list[int]:
        """Queue again the processing jobs whose holder is gone; return their ids.

        A holder is gone when its lease ran out, or when it is a process of this
        host that no longer exists (found at once after a crash and restart).
        """
        now = utcnow()
        requeued: list[int] = []
        for job in self.jobs(states=("processing",)):
            expired = job.lease_until is None or job.lease_until < now
            holder_host, _, pid = (job.claimed_by or "").rpartition(":")
            dead_here = holder_host == host and pid.isdigit() and not process_alive(int(pid))
            if (expired or dead_here) and self.requeue(job.id, job.claimed_by or ""):
                requeued.append(job.id)
        return requeued

    # -- contents (a worker on another machine reads the file from here) ---------------

    def put_content(self, job_id: int, sealed: bytes) -> None:
        """Store (or replace: a hand-over retried after a crash) the job's sealed bytes."""
        with self.store._errors("storing a file for the workers"), self._writer.begin() as conn:
            conn.execute(delete(_C).where(_C.c.job_id == job_id))
            conn.execute(insert(_C).values(job_id=job_id, sealed=sealed, created_at=utcnow()))

    def queued(self, *, with_content: bool) -> list[Job]:
        """Queued jobs of this queue whose bytes are stored (handed to the broker), or not."""
        stored = select(_C.c.job_id).where(_C.c.job_id == _T.c.id).exists()
        query = (
            select(_T)
            .where(_T.c.inbox == self.inbox, _T.c.state == "queued")
            .where(stored if with_content else ~stored)
            .order_by(_T.c.id)
        )
        with self.store._errors("reading jobs"), self.store.engine.connect() as conn:
            return [self._job(row) for row in conn.execute(query)]

    def content(self, job_id: int) -> bytes | None:
        with self.store._errors("reading a queued file"), self.store.engine.connect() as conn:
            return conn.scalar(select(_C.c.sealed).where(_C.c.job_id == job_id))

    def drop_content(self, job_id: int) -> None:
        with self.store._errors("deleting a queued file"), self._writer.begin() as conn:
            conn.execute(delete(_C).where(_C.c.job_id == job_id))

    def unfiled(self) -> list[Job]:
        """Finished jobs whose file still waits in the inbox's work folder (a Celery worker
        finished them; the daemon that took the file moves it)."""
        query = (
            select(_T)
            .where(_T.c.inbox == self.inbox, _T.c.state.in_(FINISHED))
            .where(_T.c.work_path.is_not(None))
            .order_by(_T.c.id)
        )
        with self.store._errors("reading jobs"), self.store.engine.connect() as conn:
            return [self._job(row) for row in conn.execute(query)]

    def filed(self, job_id: int, final_path: str | None) -> None:
        """A finished job's file was moved to ``final_path`` (None: left in place)."""
        final, final_sealed = redacted(self.store._names, final_path)  # as update_held
        with self.store._errors("updating a job"), self._writer.begin() as conn:
            conn.execute(
                update(_T)
                .where(_T.c.id == job_id, _T.c.state.in_(FINISHED))
                .values(
                    final_path=final,
                    final_sealed=final_sealed,
                    work_path=None,
                    work_sealed=None,  # else ``_job`` opens the old work path again
                )
            )

    # -- reading ---------------------------------------------------------------------

    def jobs(self, *, states: Iterable[str] | None = None) -> list[Job]:
        query = select(_T).order_by(_T.c.id)
        if self.inbox is not None:
            query = query.where(_T.c.inbox == self.inbox)
        if states is not None:
            query = query.where(_T.c.state.in_(list(states)))
        with self.store._errors("reading jobs"), self.store.engine.connect() as conn:
            return [self._job(row) for row in conn.execute(query)]

    def inboxes(self) -> list[str]:
        """Every inbox the table knows (``docpipe status`` looks for their daemons)."""
        query = select(_T.c.inbox).distinct().order_by(_T.c.inbox)
        with self.store._errors("reading jobs"), self.store.engine.connect() as conn:
            return list(conn.scalars(query))

    def get(self, job_id: int) -> Job | None:
        with self.store._errors("reading a job"), self.store.engine.connect() as conn:
            row = conn.execute(select(_T).where(_T.c.id == job_id)).one_or_none()
            return None if row is None else self._job(row)

    def stats(self) -> QueueStats:
        now = utcnow()
        hour, ten = now - timedelta(hours=1), now - timedelta(minutes=10)
        with self.store._errors("reading queue statistics"), self.store.engine.connect() as conn:

            def count(*conditions: Any) -> int:
                query = select(func.count()).select_from(_T).where(*conditions)
                if self.inbox is not None:
                    query = query.where(_T.c.inbox == self.inbox)
                return int(conn.scalar(query) or 0)

            oldest = select(func.min(_T.c.created_at)).where(_T.c.state == "queued")
            if self.inbox is not None:
                oldest = oldest.where(_T.c.inbox == self.inbox)
            return QueueStats(
                queued=count(_T.c.state == "queued"),
                processing=count(_T.c.state == "processing"),
                done_last_hour=count(_T.c.state == "done", _T.c.finished_at >= hour),
                failed_last_hour=count(_T.c.state == "failed", _T.c.finished_at >= hour),
                finished_last_10_min=count(
                    _T.c.state.in_(("done", "failed")), _T.c.finished_at >= ten
                ),
                oldest_queued_at=conn.scalar(oldest),
            )

    def label(self, name: str) -> str:
        """How a file's name shows in a log line: as stored (never the name itself)."""
        return self.store.stored_name(name)

    def _job(self, row: Row[Any]) -> Job:
        """The row with its names opened (when this store has the key)."""
        values = {name: getattr(row, name) for name in Job.__dataclass_fields__}
        codec = self.store._names
        values["name"] = original(codec, row.name, row.name_sealed) or ""
        values["work_path"] = original(codec, row.work_path, row.work_sealed)
        values["final_path"] = original(codec, row.final_path, row.final_sealed)
        return Job(**values)


_SEALED = {"work_path": "work_sealed", "final_path": "final_sealed", "name": "name_sealed"}
