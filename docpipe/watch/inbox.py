"""The inbox on disk: where files wait, run, and end up.

::

    INBOX/                 files dropped by scanners and mail gateways (top level only)
    INBOX/processing/ID/   a job's file while a worker runs it (one folder per job)
    INBOX/done/            finished files (ok, duplicate)
    INBOX/needs_review/    files whose record needs a person's look (a check failed)
    INBOX/failed/          refused files, each with NAME.reason.txt beside it

All five lie on one file system, so every move is an atomic ``rename``: a file
is always in exactly one place, whatever moment the daemon is killed. Names
that collide in ``done/``, ``needs_review/`` or ``failed/`` get the job id added
(``fatura.pdf`` → ``fatura.17.pdf``). Hidden files, temporary names of
copies in progress and sidecars are never picked up. With ``keep_in_place``
nothing moves: results are recorded in the database and failed files get
their ``.reason.txt`` beside them in the inbox.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docpipe.safe_text import terminal_safe

STATE_DIRS = ("processing", "done", "needs_review", "failed")
REASON_SUFFIX = ".reason.txt"
#: Names that copy programs, browsers and Office use while a file is incomplete.
_IN_PROGRESS_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".filepart", ".download")
_SIDECAR_SUFFIXES = (REASON_SUFFIX, ".truth.json")


@dataclass(frozen=True, slots=True)
class Entry:
    """A candidate found in the inbox; ``lstat`` values, links are not followed."""

    name: str
    size: int
    mtime_ns: int
    regular: bool


@dataclass(frozen=True, slots=True)
class InboxLayout:
    root: Path
    keep_in_place: bool = False

    @classmethod
    def at(cls, inbox: Path, *, keep_in_place: bool = False) -> InboxLayout:
        return cls(inbox.resolve(), keep_in_place)

    @property
    def key(self) -> str:
        """How the job table names this inbox."""
        return str(self.root)

    @property
    def processing(self) -> Path:
        return self.root / "processing"

    @property
    def done(self) -> Path:
        return self.root / "done"

    @property
    def needs_review(self) -> Path:
        return self.root / "needs_review"

    @property
    def failed(self) -> Path:
        return self.root / "failed"

    def ensure(self) -> None:
        if self.keep_in_place:
            return
        for name in STATE_DIRS:
            (self.root / name).mkdir(mode=0o750, exist_ok=True)

    # -- discovery -------------------------------------------------------------------

    def scan(self) -> Iterator[Entry]:
        """Candidate files at the top level of the inbox (links included, unfollowed)."""
        try:
            entries = list(os.scandir(self.root))
        except OSError:
            return
        for entry in entries:
            if not wanted(entry.name) or (entry.name in STATE_DIRS and entry.is_dir()):
                continue
            found = self.entry(entry.name)
            if found is not None:
                yield found

    def entry(self, name: str) -> Entry | None:
        try:
            info = os.lstat(self.root / name)
        except OSError:
            return None
        if stat.S_ISDIR(info.st_mode):
            return None
        return Entry(name, info.st_size, info.st_mtime_ns, stat.S_ISREG(info.st_mode))

    # -- moves -----------------------------------------------------------------------

    def source(self, name: str) -> Path:
        return self.root / name

    def work_path(self, job_id: int, name: str) -> Path:
        return self.source(name) if self.keep_in_place else self.processing / str(job_id) / name

    def take(self, job_id: int, name: str) -> Path | None:
        """Move the dropped file into ``processing/ID/``; None when it is gone.

        Idempotent: a job resumed after a crash finds its file already moved.
        """
        work = self.work_path(job_id, name)
        if self.keep_in_place:
            return work if os.path.lexists(work) else None
        if os.path.lexists(work):
            return work
        work.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            os.rename(self.source(name), work)
        except FileNotFoundError:
            self.remove_job_dir(job_id)
            return None
        return work

    def destination(self, job_id: int, name: str, failed: bool, *, review: bool = False) -> Path:
        """Where a finished file goes: ``done/``, ``needs_review/`` (``review``) or
        ``failed/``, never over another file."""
        if self.keep_in_place:
            return self.source(name)
        folder = self.failed if failed else self.needs_review if review else self.done
        target = folder / _fit(name)
        if os.path.lexists(target) or os.path.lexists(_reason_path(target)):
            stem, dot, suffix = _fit(name).partition(".")
            target = folder / (f"{stem}.{job_id}.{suffix}" if dot else f"{stem}.{job_id}")
        return target

    def finish(self, job_id: int, work: Path, final: Path, reason: str | None) -> None:
        """Write the reason (for failures) beside ``final``, then move the file there."""
        if reason is not None:
            write_reason(final, reason)
        if work != final and os.path.lexists(work):
            os.rename(work, final)
        self.remove_job_dir(job_id)

    def remove_job_dir(self, job_id: int) -> None:
        """Remove ``processing/ID/`` once empty (a crash can leave it behind)."""
        if self.keep_in_place:
            return
        with contextlib.suppress(OSError):
            (self.processing / str(job_id)).rmdir()


def printable(name: str) -> str:
    """A file name fit for one log line: control characters escaped (``\\n``, ``\\x1b``)."""
    return terminal_safe(name)


def wanted(name: str) -> bool:
    """Whether a top-level name is a document to take (not hidden, temporary or sidecar)."""
    lower = name.lower()
    if name.startswith((".", "~$")) or lower.endswith(_IN_PROGRESS_SUFFIXES):
        return False
    return not lower.endswith(_SIDECAR_SUFFIXES)


def _fit(name: str, limit: int = 200) -> str:
    """``name`` shortened (keeping its extension) so that a job id and ``.reason.txt``
    still fit in the file system's 255-byte name limit."""
    if len(name.encode("utf-8", "surrogateescape")) <= limit:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 16:
        stem, suffix = name, ""
    keep = limit - len(suffix.encode("utf-8", "surrogateescape")) - 2
    short = stem.encode("utf-8", "surrogateescape")[:keep].decode("utf-8", "ignore")
    return f"{short}~.{suffix}" if suffix else f"{short}~"


def _reason_path(final: Path) -> Path:
    return final.with_name(final.name + REASON_SUFFIX)


def write_reason(final: Path, reason: str) -> Path:
    """``NAME.reason.txt`` beside ``final``: one line, what is wrong and what to do."""
    path = _reason_path(final)
    line = " ".join(reason.split()) + "\n"
    temporary = path.with_name("." + path.name + ".tmp")
    temporary.write_text(line, encoding="utf-8")
    os.replace(temporary, path)
    return path
