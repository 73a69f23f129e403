"""``docpipe status``: the watch queue as numbers, from the database.

Input: a ``Store``, optionally an inbox, and the health files daemons write.
Output: a ``StatusReport`` with queue depth, jobs in flight, done and failed in
the last hour, throughput (files per minute over the last 10 minutes), the
oldest waiting file's age, the last failures (file name, category-free reason;
never content), the documents waiting for review, and the daemons that run.

A daemon runs when its health file (``watch_health_file``, or each known inbox's
``.docpipe/health-HOST.json``) says ``starting`` or ``running``, was rewritten in
the last ``HEARTBEAT_S`` seconds, and, on this host, its pid is alive.
"""

from __future__ import annotations

import socket
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from docpipe.result import Status
from docpipe.store import Store
from docpipe.store.jobs import JobQueue
from docpipe.store.models import utcnow
from docpipe.watch.health import read_health
from docpipe.workers import process_alive

#: A health file older than this is a daemon that stopped or hangs (it is rewritten
#: every second).
HEARTBEAT_S = 60.0


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
    needs_review: int = 0
    daemons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def daemon_running(self) -> bool:
        return bool(self.daemons)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "daemon_running": self.daemon_running}


def collect_status(
    store: Store,
    inbox: str | None = None,
    *,
    failures: int = 5,
    health_file: str | None = None,
) -> StatusReport:
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
    inboxes = [inbox] if inbox is not None else queue.inboxes()
    return StatusReport(
        inbox=inbox,
        queued=stats.queued,
        processing=stats.processing,
        done_last_hour=stats.done_last_hour,
        failed_last_hour=stats.failed_last_hour,
        per_minute=round(stats.per_minute, 2),
        oldest_queued_s=None if oldest is None else round((now - oldest).total_seconds(), 1),
        recent_failures=recent,
        needs_review=store.count_documents(status=Status.needs_review),
        daemons=running_daemons(inboxes, health_file, only=inbox, now=now),
    )


def running_daemons(
    inboxes: list[str],
    health_file: str | None = None,
    *,
    only: str | None = None,
    now: datetime | None = None,
) -> list[dict[str, Any]]:
    """The daemons whose health files show them alive: pid, host, inbox, status."""
    paths = [Path(health_file)] if health_file else []
    for inbox in inboxes:
        folder = Path(inbox) / ".docpipe"
        if folder.is_dir():
            paths += sorted(folder.glob("health-*.json"))
    now = now or utcnow()
    host = socket.gethostname()
    found = []
    for path in dict.fromkeys(paths):
        data = read_health(path)
        if not data or data.get("status") not in ("starting", "running"):
            continue
        try:
            updated = datetime.fromisoformat(str(data.get("updated_at")))
        except ValueError:
            continue
        if (now - updated).total_seconds() > HEARTBEAT_S:
            continue
        pid = data.get("pid")
        if data.get("host") == host and (not isinstance(pid, int) or not process_alive(pid)):
            continue
        if only is not None and data.get("inbox") != only:
            continue  # another inbox's daemon (a shared watch_health_file)
        found.append({k: data.get(k) for k in ("pid", "host", "inbox", "status", "updated_at")})
    return found
