"""A file onto the broker: a job row, its sealed bytes, one message with the job id.

``docpipe submit`` and ``docpipe watch`` (with a broker) both go through
``Enqueuer.enqueue``. The row and the bytes are committed before the message is
published, so a worker never receives a job it cannot read; a message lost
before it reached the broker leaves a queued job that ``resend`` publishes again
(a second message for one job is harmless: the job row and the content hash decide).
Messages carry the job id only: no file name, no content.
"""

from __future__ import annotations

from dataclasses import dataclass

from kombu.exceptions import OperationalError

from docpipe.distributed.app import TASK_NAME, broker_url, queue_for, sender
from docpipe.distributed.content import ContentSealer
from docpipe.errors import ConfigError
from docpipe.ingest import content_hash
from docpipe.redact.vault import settings_key
from docpipe.settings import Settings
from docpipe.store.jobs import JobQueue


@dataclass
class Enqueuer:
    """Puts the files of one job queue (an inbox, or one ``submit``) onto the broker."""

    settings: Settings
    queue: JobQueue

    def __post_init__(self) -> None:
        self.app = sender(self.settings)
        self.sealer = ContentSealer(settings_key(self.settings))
        self.target = queue_for(self.settings)

    def enqueue(
        self, name: str, data: bytes, mtime_ns: int, *, work_path: str | None = None
    ) -> int | None:
        """Queue ``data`` as job ``name``; None when that name is queued already."""
        job_id = self.queue.enqueue(
            name, len(data), mtime_ns, sha256=content_hash(data), work_path=work_path
        )
        if job_id is None:
            return None
        self.publish(job_id, data)
        return job_id

    def publish(self, job_id: int, data: bytes) -> None:
        """Store the job's bytes, sealed, then put its id on the broker."""
        self.queue.put_content(job_id, self.sealer.seal(data, job_id))
        self.send(job_id)

    def send(self, job_id: int) -> None:
        try:
            self.app.send_task(TASK_NAME, args=(job_id,), queue=self.target)
        except OperationalError as error:
            raise ConfigError(
                f"cannot reach the broker ({_safe(broker_url(self.settings))}): "
                f"{type(error).__name__}; check DOCPIPE_BROKER_URL and that it is running"
            ) from None

    def close(self) -> None:
        self.app.close()

    def resend(self) -> int:
        """Publish again every queued job of this queue that has its bytes stored (a
        submitter or daemon stopped between commit and publish); return how many."""
        jobs = self.queue.queued(with_content=True)
        for job in jobs:
            self.send(job.id)
        return len(jobs)


def _safe(url: str) -> str:
    """The broker URL without its password."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.partition(":")[0]
    return f"{scheme}{sep}{user}:***@{host}"
