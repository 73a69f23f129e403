"""When is a dropped file complete? Size and mtime stable, and no writer holding it.

Input: observations of ``(path, size, mtime_ns)`` from the daemon's scans.
Output: ``True`` once a file's size and mtime have not changed for
``window_s`` seconds (by the tracker's clock). ``open_elsewhere`` adds the
check that no process on this machine holds the file open.

Failure modes and residual risks: a writer on another machine (an SMB or NFS
client) is invisible to ``open_elsewhere``; only the stability window
protects against it, so choose ``watch_stable_s`` longer than the longest
pause of the slowest scanner or mail gateway. Nothing here reads file content.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(slots=True)
class _Seen:
    size: int
    mtime_ns: int
    since: float


class FileStabilityTracker:
    """Remembers each file's last size and mtime and since when they held."""

    def __init__(self, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.window_s = window_s
        self._clock = clock
        self._seen: dict[str, _Seen] = {}

    def observe(self, path: str, size: int, mtime_ns: int) -> bool:
        """Record an observation; True when the file has been unchanged for the window."""
        now = self._clock()
        seen = self._seen.get(path)
        if seen is None or seen.size != size or seen.mtime_ns != mtime_ns:
            self._seen[path] = _Seen(size, mtime_ns, now)
            return False  # new or changed: a file is never taken on its first sighting
        return now - seen.since >= self.window_s

    def forget(self, path: str) -> None:
        self._seen.pop(path, None)

    def tracked(self) -> list[str]:
        return list(self._seen)


def open_elsewhere(path: Path, proc: Path = Path("/proc")) -> bool:
    """Whether another process on this machine has ``path`` open (Linux ``/proc``).

    Returns False where ``/proc`` is missing. Processes we may not inspect are
    skipped, so run the daemon as the user that owns the writers, or as root.
    """
    if not proc.is_dir():
        return False
    try:
        target = os.path.realpath(path)
    except OSError:
        return False
    me = str(os.getpid())
    try:
        pids = [entry.name for entry in os.scandir(proc) if entry.name.isdigit()]
    except OSError:
        return False
    for pid in pids:
        if pid == me:
            continue
        fd_dir = proc / pid / "fd"
        try:
            fds = os.listdir(fd_dir)
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(fd_dir / fd) == target:
                    return True
            except OSError:
                continue
    return False
