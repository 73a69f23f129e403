"""Real Celery workers for the tests: ``docpipe worker`` subprocesses on the local
RabbitMQ, a fresh PostgreSQL database, queues named uniquely per test."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from kombu import Connection

from docpipe.settings import Settings, load_settings
from docpipe.store import Store
from docpipe.store.jobs import ACTIVE, Job, JobQueue
from tests.celery_hooks import HOOKS_DIR_ENV
from tests.hostile import text_pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
BROKER_URL = os.environ.get("DOCPIPE_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
#: Generous bounds for waits on real processes (a worker loads Presidio in seconds); a
#: test that reaches one has failed, it never passes by waiting.
WAIT_S = 240.0


def broker_or_skip() -> None:
    try:
        with Connection(BROKER_URL, connect_timeout=3) as conn:
            conn.connect()
    except Exception as error:  # any failure to connect means: not here
        pytest.skip(f"RabbitMQ unreachable at {BROKER_URL.split('@')[-1]}: {error}")


def invoice_pdf(number: int) -> bytes:
    """A small digital invoice of its own (number and total): a document of its own for
    the store's one-record-per-invoice rule, and its own content hash. A paper-style
    invoice (no ETTN): no page is rendered to look for a karekod, the lean case."""
    net = 100 + number
    return text_pdf_bytes(
        [
            "FATURA",
            "Satıcı: Deneme Kırtasiye Ticaret A.Ş.",
            "Vergi Dairesi: Kadıköy  VKN: 1234567890",
            f"Fatura No: TST2026{number:09d}",
            "Fatura Tarihi: 06.12.2026",
            f"Mal Hizmet Toplam Tutarı: {net},00 TL",
            f"Hesaplanan KDV (%20): {net // 5},00 TL",
            f"Ödenecek Tutar: {net + net // 5},00 TL",
        ]
    )


def write_invoices(folder: Path, count: int, *, start: int = 0, prefix: str = "inv") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(start, start + count):
        path = folder / f"{prefix}-{number:04d}.pdf"
        path.write_bytes(invoice_pdf(number))
        paths.append(path)
    return paths


class Cluster:
    """Workers on queues of their own (``celery_queue_prefix``) over one database."""

    def __init__(self, tmp: Path, database_url: str) -> None:
        self.tmp = tmp
        self.database_url = database_url
        self.prefix = f"dptest-{secrets.token_hex(4)}"
        self.hooks = tmp / "hooks"
        self.hooks.mkdir()
        self.workers: list[subprocess.Popen[bytes]] = []
        self.prefixes = {self.prefix}
        self._logs = 0

    def settings(self, queues: str = "", **overrides: object) -> Settings:
        """Settings of a submitter; ``queues``: a suffix for queues of their own."""
        return load_settings(
            database_url=self.database_url,
            broker_url=BROKER_URL,
            celery_queue_prefix=self.prefix + queues,
            **overrides,
        )

    def start(self, *args: str, queues: str = "", **env: str) -> subprocess.Popen[bytes]:
        """``docpipe worker -c 1`` in a process group of its own (killed as one);
        ``env``: settings of this worker (``DOCPIPE_…``)."""
        self.prefixes.add(self.prefix + queues)
        self._logs += 1
        log = (self.tmp / f"worker-{self._logs}.log").open("wb")
        environment = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DOCPIPE_DATABASE_URL": self.database_url,
            "DOCPIPE_BROKER_URL": BROKER_URL,
            "DOCPIPE_CELERY_QUEUE_PREFIX": self.prefix + queues,
            HOOKS_DIR_ENV: str(self.hooks),
            **env,
        }
        command = [sys.executable, str(ROOT / "cli.py"), "worker", "-c", "1"]
        command += ["-I", "tests.celery_hooks", *args]
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        self.workers.append(process)
        return process

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker with its pool processes."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def close(self) -> None:
        for process in self.workers:  # the tests are over: no warm shutdown to wait for
            self.kill(process)
        with contextlib.suppress(Exception), Connection(BROKER_URL) as conn:
            channel = conn.default_channel
            for prefix in self.prefixes:
                for name in ("cpu", "model", "dead"):
                    channel.queue_delete(f"{prefix}.{name}")
                channel.exchange_delete(prefix)
                channel.exchange_delete(f"{prefix}.dead")

    def logs(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in self.tmp.glob("*.log"))

    def ready_messages(self, queue: str) -> int:
        """Messages waiting in the broker's queue (not those a worker holds)."""
        with Connection(BROKER_URL) as conn:
            _, count, _ = conn.default_channel.queue_declare(f"{self.prefix}.{queue}", passive=True)
            return int(count)

    def wait_for(self, what: str, condition: Callable[[], bool]) -> None:
        deadline = time.monotonic() + WAIT_S
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {what}\n{self.logs()}")
            if any(p.poll() not in (None, -signal.SIGKILL) for p in self.workers):
                codes = [p.poll() for p in self.workers]
                raise AssertionError(f"a worker exited ({codes}) waiting for {what}\n{self.logs()}")
            time.sleep(0.1)

    def held(self) -> list[int]:
        """Pids of worker processes holding a ``hold-*`` document."""
        return [int(p.name.split("-")[1]) for p in self.hooks.glob("held-*")]

    def release(self) -> None:
        (self.hooks / "release").write_text("")

    def finished(self, store: Store, inbox: str, count: int) -> list[Job]:
        queue = JobQueue(store, inbox)

        def done() -> bool:
            jobs = queue.jobs()
            return len(jobs) == count and not any(job.state in ACTIVE for job in jobs)

        self.wait_for(f"{count} finished jobs", done)
        return queue.jobs()


@contextlib.contextmanager
def cluster(tmp: Path, database_url: str) -> Iterator[Cluster]:
    running = Cluster(tmp, database_url)
    try:
        yield running
    finally:
        running.close()
