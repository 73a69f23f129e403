"""What the daemon refuses to take from an inbox, before any byte is read.

Input: a path inside the inbox (or inside ``processing/`` after the move) and
the inbox root. Output: nothing, or ``UnsafeFileError`` (an ``InputError``)
whose one-line message says what is wrong and what to do.

Refused: symbolic links (wherever they point: inside, outside, nowhere),
anything that is not a regular file (directories, pipes, sockets, devices),
files that resolve outside the inbox, files with more than one hard link (the
same bytes could be changed through a name outside the inbox), and files
whose mode grants nobody read permission (mode 000: usually a copy in
progress or a file somebody locked on purpose; root could still read it, so
we refuse it explicitly rather than depend on who runs the daemon).

Residual risks (not covered here):

- time of check to time of use: between ``check_inbox_file`` and the read, a
  process with write access to ``processing/<job>/`` could swap the file. The
  daemon creates those folders itself, so only its own user (or root) can.
- a writer on another machine (SMB/NFS) can keep appending after the stability
  window; see ``stability.py``.
- hostile *content* (bombs, corrupt or encrypted files) is ingest's business:
  it enforces size, page and pixel limits; the worker's memory limit and job
  timeout catch the rest by killing the worker, never the daemon.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from docpipe.errors import InputError, UnsafeFileError

__all__ = ["UnsafeFileError", "check_inbox_file"]


def check_inbox_file(path: Path, inbox: Path) -> None:
    """Raise ``UnsafeFileError`` unless ``path`` is a plain, readable file in ``inbox``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise InputError("the file disappeared before it could be read") from None
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFileError(
            "this is a symbolic link, which docpipe never follows; "
            "copy the file itself into the inbox"
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFileError(
            "this is not a regular file (a folder, pipe, socket or device); "
            "drop only document files into the inbox"
        )
    try:
        inside = path.resolve(strict=True).is_relative_to(inbox.resolve(strict=True))
    except OSError:
        inside = False
    if not inside:
        raise UnsafeFileError(
            "the file resolves to a place outside the inbox; copy the file itself into the inbox"
        )
    if info.st_nlink > 1:
        raise UnsafeFileError(
            "the file has other hard links (its content can change through another name); "
            "copy the file into the inbox instead of linking it"
        )
    if info.st_mode & 0o444 == 0:
        raise UnsafeFileError(
            "the file has no read permission for anyone (mode 000); "
            "fix its permissions (chmod 644) and drop it into the inbox again"
        )
