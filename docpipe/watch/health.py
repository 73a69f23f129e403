"""The health file an operator (or a monitoring check) can watch.

Input: the daemon's state. Output: a small JSON file, replaced atomically
about once a second::

    {"status": "running", "pid": 4711, "host": "scan-01", "inbox": "/srv/inbox",
     "updated_at": "2026-12-02T10:00:00+00:00", "workers": [4712, 4713],
     "queued": 3, "processing": 2, "done_last_hour": 120, "failed_last_hour": 2,
     "per_minute": 11.4, "started_at": "..."}

``status`` is ``starting``, ``running``, ``stopping`` or ``stopped``. A file
whose ``updated_at`` is older than a minute means the daemon is hung or dead.
No file names or content go here.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def default_health_path(inbox: Path) -> Path:
    return inbox / ".docpipe" / f"health-{socket.gethostname()}.json"


def write_health(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` plus ``updated_at`` to ``path`` atomically (never half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**data, "updated_at": datetime.now(UTC).isoformat(timespec="seconds")}
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(payload, default=str) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def read_health(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
