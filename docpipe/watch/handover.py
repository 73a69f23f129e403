"""``docpipe watch`` with a broker: the daemon hands its jobs to Celery workers.

Discovery, the job table and the inbox are the daemon's as without a broker (one
job row per dropped file, the file taken into ``processing/ID/`` and filed into
``done/`` or ``failed/``); only who runs the pipeline changes:

1. hand over: the daemon claims a queued job while it takes the file, runs the
   inbox checks and reads it, stores its sealed bytes and gives the job back to
   the queue with no attempt counted, then publishes its id
   (``docpipe.distributed.enqueue``, the path ``docpipe submit`` takes);
2. a Celery worker on any machine claims the job, runs the pipeline and finishes
   the job (``docpipe.distributed.tasks``), exactly as for ``docpipe submit``;
3. file away: a finished job whose file still waits in ``processing/`` is moved to
   ``done/`` or ``failed/`` (with ``NAME.reason.txt``) by the daemon.

A file that vanished or fails the inbox checks ends as it does without a broker
(``docpipe.watch.jobs``). On start, jobs whose bytes were stored but perhaps not
published (a daemon stopped in between) are published again: a second message for
a job is harmless.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

from docpipe.distributed.enqueue import Enqueuer
from docpipe.errors import DocpipeError
from docpipe.ingest import read_bytes
from docpipe.settings import Settings
from docpipe.store import Store
from docpipe.store.jobs import Job, JobQueue
from docpipe.watch.inbox import InboxLayout
from docpipe.watch.jobs import _vanished, quarantine
from docpipe.watch.security import check_inbox_file

log = logging.getLogger("docpipe.watch")


class CeleryHandOver:
    """The daemon's side of the Celery path for one inbox."""

    def __init__(
        self, settings: Settings, queue: JobQueue, layout: InboxLayout, store: Store
    ) -> None:
        self.settings = settings
        self.queue = queue
        self.layout = layout
        self.store = store
        self.enqueuer = Enqueuer(settings, queue)
        self.me = f"{socket.gethostname()}:{os.getpid()}"

    def recover(self) -> None:
        resent = self.enqueuer.resend()
        if resent:
            log.info("published %d queued job(s) again after a restart", resent)

    def tick(self) -> None:
        for job in self.queue.queued(with_content=False):
            self._hand_over(job)
        for job in self.queue.unfiled():
            self._file_away(job)

    def close(self) -> None:
        self.enqueuer.close()

    def _hand_over(self, job: Job) -> None:
        held = self.queue.claim_job(job.id, self.me, self.settings.watch_lease_s)
        if held is None:
            return
        work = self.layout.take(held.id, held.name)
        if work is None:
            _vanished(held, self.queue, self.layout, self.me)
            return
        try:
            check_inbox_file(work, self.layout.root)
            data = read_bytes(work, self.settings)
        except DocpipeError as error:
            quarantine(
                held, self.queue, self.layout, self.store, self.me, error.category, error.message
            )
            return
        self.queue.update_held(held.id, self.me, work_path=str(work))
        self.queue.put_content(held.id, self.enqueuer.sealer.seal(data, held.id))
        self.queue.update_held(
            held.id, self.me, state="queued", claimed_by=None, lease_until=None, attempts=0
        )
        self.enqueuer.send(held.id)
        log.info("job %d handed to Celery: %s", held.id, self.queue.label(held.name))

    def _file_away(self, job: Job) -> None:
        work = Path(job.work_path or "")
        if not os.path.lexists(work):  # moved before a crash: only the bookkeeping is left
            self.layout.remove_job_dir(job.id)
            self.queue.filed(job.id, job.final_path)
            return
        failed = job.state == "failed"
        final = self.layout.destination(job.id, job.name, failed)
        self.layout.finish(job.id, work, final, job.reason if failed else None)
        self.queue.filed(job.id, str(final))
        log.info(
            "job %d %s: %s (document %s)",
            job.id,
            job.state,
            self.queue.label(job.name),
            job.document_id,
            extra={"job_id": job.id, "outcome": job.outcome},
        )
