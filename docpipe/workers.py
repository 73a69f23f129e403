"""The fences around a worker process, shared by ``docpipe watch`` and ``docpipe run``.

A document that misbehaves (a decompression bomb, a library crash, a page that
never finishes) must take down one worker process, never the shell that
started it. These functions are the fence, used by the watch daemon's workers
(``docpipe.watch.worker``) and the batch pool (``docpipe.batch``):

- ``WORKER_ENVIRONMENT``: one thread per library inside a worker (parallelism
  comes from processes) and fewer malloc arenas;
- ``limit_memory``: ``RLIMIT_DATA`` on the worker (a ``MemoryError`` or a
  failed allocation instead of the machine swapping);
- ``die_with``: the kernel SIGKILLs the worker when its parent dies;
- ``kill_group``: a worker runs in its own process group, so a timeout kills
  it together with the Tesseract it started;
- ``peak_rss_kb``: what the worker's peak memory was;
- ``process_alive``: whether a pid still runs (a zombie does not): orphaned jobs, a
  worker's parent;
- ``skip_torch``: a worker that runs no model never imports torch;
- ``import_spacy_without_cli``: spaCy without its command line (which docpipe never runs).
"""

from __future__ import annotations

import ctypes
import importlib
import logging
import os
import resource
import signal
import sys
import types
from multiprocessing.process import BaseProcess
from pathlib import Path

log = logging.getLogger("docpipe.workers")
_PR_SET_PDEATHSIG = 1

#: Parallelism comes from worker processes; threads inside each would only compete
#: and inflate the memory the worker's limit counts. The operator's own values win.
WORKER_ENVIRONMENT = {
    "OMP_THREAD_LIMIT": "1",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "OPENCV_FOR_THREADS_NUM": "1",  # OpenCV's own pool (2 threads here), deaf to OMP_*
    "MALLOC_ARENA_MAX": "2",
}
#: ``WORKER_ENVIRONMENT`` and, for a batch worker's libraries, no torch device probing and
#: no advisory banners on stderr (``docpipe.batch``, ``docpipe.batch_server``, Celery workers).
BATCH_ENVIRONMENT = {
    **WORKER_ENVIRONMENT,
    "PRESIDIO_DEVICE": "cpu",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
}


def peak_rss_kb() -> int:
    """This process's peak resident set size in KiB (Linux ``ru_maxrss``)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` of this host still runs (a zombie does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:  # a killed worker whose reaper never reaps it stays a zombie: dead all the same
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def limit_memory(megabytes: int) -> None:
    """Cap this process's heap at ``megabytes`` MiB (0: no cap)."""
    if megabytes <= 0:
        return
    limit = megabytes * 1024 * 1024
    try:
        # RLIMIT_DATA (heap and private writable mappings, Linux >= 4.7), not RLIMIT_AS:
        # an installed CUDA build of torch, which spaCy's thinc imports when present,
        # reserves gigabytes of address space it never touches and would trip RLIMIT_AS.
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    except (ValueError, OSError):
        log.warning("could not set a %d MiB memory limit on the worker", megabytes)


def die_with(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(0)


def kill_group(process: BaseProcess) -> None:
    """SIGKILL a worker and whatever it started (Tesseract), via its process group."""
    try:
        os.killpg(process.pid or 0, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


def skip_torch() -> None:
    """Make ``import torch`` fail in this process (call only where no model runs).

    spaCy (under Presidio) imports thinc, which imports torch whenever it is
    installed, only to offer GPU layers docpipe's redaction never uses: 600 MB of
    resident memory and seconds of start-up. thinc and Presidio fall back cleanly.
    """
    sys.modules.setdefault("torch", None)  # type: ignore[arg-type]


_SPACY_CLI = ("spacy.cli", "spacy.cli.info")


class _DeferredModule(types.ModuleType):
    """A stand-in for one of ``_SPACY_CLI``: the real module is imported when first used."""

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):  # what the import system and tools probe for
            raise AttributeError(name)
        return getattr(_real_spacy_cli(self.__name__), name)


def _real_spacy_cli(name: str) -> types.ModuleType:
    for stub in _SPACY_CLI:
        if isinstance(sys.modules.get(stub), _DeferredModule):
            del sys.modules[stub]
    return importlib.import_module(name)  # also puts the real ``spacy.cli`` on ``spacy``


def _spacy_info(*args: object, **kwargs: object) -> object:
    return _real_spacy_cli("spacy.cli.info").info(*args, **kwargs)


def import_spacy_without_cli() -> None:
    """Import spaCy, leaving its command line unimported until something uses it.

    ``import spacy`` imports ``spacy.cli.info`` for ``spacy.info``, and with it every
    spaCy command (typer, weasel, jinja2 templates): 0.2 CPU seconds of a worker's
    start-up for commands docpipe never runs. Stand-ins take their place and import
    the real modules on first use (an attribute of ``spacy.cli``, a call of
    ``spacy.info``). A no-op when spaCy is imported already.
    """
    if "spacy" in sys.modules:
        return
    stubs = {name: _DeferredModule(name) for name in _SPACY_CLI}
    stubs["spacy.cli"].__path__ = []  # a package, so ``spacy.cli.info`` is its member
    stubs["spacy.cli.info"].info = _spacy_info  # type: ignore[attr-defined]
    sys.modules.update(stubs)
    try:
        spacy = importlib.import_module("spacy")
    except BaseException:
        for name in _SPACY_CLI:
            if sys.modules.get(name) is stubs[name]:
                del sys.modules[name]
        raise
    if sys.modules.get("spacy.cli") is stubs["spacy.cli"]:
        spacy.cli = stubs["spacy.cli"]  # type: ignore[attr-defined]


def signal_name(exitcode: int | None) -> str | None:
    """``SIGKILL`` for a process that died of signal 9 (exit code -9), else None."""
    if exitcode is None or exitcode >= 0:
        return None
    return signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else "?"
