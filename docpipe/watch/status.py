"""``docpipe status``: the watch queue as numbers, from the database.

Input: a ``Store`` and optionally an inbox. Output: a ``StatusReport`` with
queue depth, jobs in flight, done and failed in the last hour, throughput
(files per minute over the last 10 minutes), the oldest waiting file's age,
and the last failures (file name, category-free reason; never content).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from docpipe.store import Store
from docpipe.store.jobs import JobQueue
from docpipe.store.models import utcnow


@dataclass(frozen=True, slots=True)
class StatusReport:
    inbox: str | None
    queued: int
    processing: int
    done_last_hour: int
    failed_last_hour: int
    per_minute: float
    oldest_queued_s: float | None
    recent_failures: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def collect_status(store: Store, inbox: str | None = None, *, failures: int = 5) -> StatusReport:
    queue = JobQueue(store, inbox)
    stats = queue.stats()
    now = utcnow()
    recent = [
        {"job": j.id, "name": j.name, "finished_at": j.finished_at, "reason": j.reason}
        for j in sorted(
            (j for j in queue.jobs(states=("failed",)) if j.finished_at is not None),
            key=lambda j: j.finished_at or now,
            reverse=True,
        )
        if j.finished_at and now - j.finished_at <= timedelta(hours=1)
    ][:failures]
    oldest = stats.oldest_queued_at
    return StatusReport(
        inbox=inbox,
        queued=stats.queued,
        processing=stats.processing,
        done_last_hour=stats.done_last_hour,
        failed_last_hour=stats.failed_last_hour,
        per_minute=round(stats.per_minute, 2),
        oldest_queued_s=None if oldest is None else round((now - oldest).total_seconds(), 1),
        recent_failures=recent,
    )
