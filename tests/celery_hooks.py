"""Stand-ins for what a hostile document does to a Celery worker, loaded into test
workers with ``docpipe worker … -I tests.celery_hooks`` (never in production).

Real worker processes, the real broker and the real store; only the cause is staged,
keyed by the submitted file's name, so that each test can say exactly when it happens:

- ``hold-*``: the worker process writes ``HOOKS_DIR/held-PID`` and waits until
  ``HOOKS_DIR/release`` exists (a document in flight that the test can look at, or
  kill the worker under);
- ``kill-*``: the worker process SIGKILLs itself (a segfault, the OOM killer);
- ``slow-*``: the worker process sleeps far beyond any time limit (a page that never
  finishes);
- ``stored-*``: the first time, the worker process SIGKILLs itself right after the
  document was stored, before its job is finished.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from docpipe.pipeline import Pipeline

HOOKS_DIR_ENV = "CELERY_TEST_HOOKS_DIR"
_process_data = Pipeline.process_data


def _staged(self: Pipeline, path: str | Path, data: bytes):  # type: ignore[no-untyped-def]
    name = Path(path).name
    hooks = Path(os.environ.get(HOOKS_DIR_ENV, "/nonexistent"))
    if name.startswith("kill-"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("slow-"):
        time.sleep(3600)
    if name.startswith("hold-"):
        (hooks / f"held-{os.getpid()}").write_text(name)
        while not (hooks / "release").exists():
            time.sleep(0.05)
    result = _process_data(self, path, data)
    if name.startswith("stored-") and not (hooks / f"stored-{name}").exists():
        (hooks / f"stored-{name}").write_text("")
        os.kill(os.getpid(), signal.SIGKILL)
    return result


Pipeline.process_data = _staged  # type: ignore[method-assign]
