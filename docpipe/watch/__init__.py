"""The watched-directory daemon: every file dropped into an inbox, exactly once.

``run_daemon(inbox, settings)`` is what ``docpipe watch`` runs; ``daemon.py``
explains the flow, ``inbox.py`` the folders, ``docpipe.store.jobs`` the
claiming. Nothing here reads document content except through ``Pipeline``.
"""

from docpipe.watch.daemon import WatchDaemon, run_daemon
from docpipe.watch.stability import FileStabilityTracker
from docpipe.watch.status import StatusReport, collect_status

__all__ = ["FileStabilityTracker", "StatusReport", "WatchDaemon", "collect_status", "run_daemon"]
