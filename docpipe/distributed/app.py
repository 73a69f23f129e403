"""The Celery app: broker, queues and delivery semantics, all from ``Settings``.

Queues (``celery_queue_prefix``, default ``docpipe``):

- ``PREFIX.cpu``: documents read, OCR'd and extracted by rules (CPU-bound); prefork
  workers, one process per core;
- ``PREFIX.model``: documents extracted by a model server (the ``openai`` engine:
  I/O-bound requests to vLLM); a worker on a thread pool;
- ``PREFIX.dead``: the dead letters of both (a document that killed its worker
  ``celery_delivery_limit`` times); every worker consumes it and records the
  document ``failed`` with the reason.

On RabbitMQ the work queues are quorum queues (replicated, and they count
deliveries: ``x-delivery-limit`` dead-letters a message that was returned too
often). The job table counts attempts too, which covers Redis and classic queues.

Delivery: acks late (a message is acknowledged after its document is stored),
rejected and requeued when its worker process is lost, prefetch 1 (a worker holds
only the message it works on, so a killed worker returns one document, and a long
document never holds others back), a hard time limit per document
(``doc_timeout_s``), worker processes replaced after ``celery_max_tasks_per_child``
documents or over ``celery_max_memory_mb``. No result backend: the store holds the
results, and the job table says when a document is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from celery import Celery
from kombu import Exchange, Queue

from docpipe.errors import ConfigError
from docpipe.settings import Settings

app = Celery("docpipe", set_as_current=False)
#: Where ``celery worker`` finds the task (``docpipe.distributed.tasks``).
app.conf.imports = ("docpipe.distributed.tasks",)
TASK_NAME = "docpipe.process"


@dataclass(frozen=True, slots=True)
class QueueNames:
    cpu: str
    model: str
    dead: str

    @property
    def exchange(self) -> str:
        return self.cpu.rpartition(".")[0]


def queue_names(settings: Settings) -> QueueNames:
    prefix = settings.celery_queue_prefix
    return QueueNames(cpu=f"{prefix}.cpu", model=f"{prefix}.model", dead=f"{prefix}.dead")


def broker_url(settings: Settings) -> str:
    if settings.broker_url is None:
        raise ConfigError(
            "no broker: set DOCPIPE_BROKER_URL, e.g. amqp://docpipe:PASSWORD@rabbit:5672/docpipe"
        )
    return settings.broker_url.get_secret_value()


def is_rabbitmq(url: str) -> bool:
    return url.split("://", 1)[0] in ("amqp", "amqps", "pyamqp")


def celery_config(settings: Settings) -> dict[str, Any]:
    """The Celery settings docpipe runs with (``app.conf``)."""
    url = broker_url(settings)
    names = queue_names(settings)
    work = Exchange(names.exchange, type="direct", durable=True)
    dead = Exchange(names.dead, type="direct", durable=True)
    work_args: dict[str, Any] = {}
    dead_args: dict[str, Any] = {}
    if is_rabbitmq(url):
        work_args = {
            "x-queue-type": "quorum",
            # returned more than this many times: dead-lettered (kills = limit)
            "x-delivery-limit": settings.celery_delivery_limit - 1,
            "x-dead-letter-exchange": names.dead,
            "x-dead-letter-routing-key": names.dead,
        }
        dead_args = {"x-queue-type": "quorum"}
    transport: dict[str, Any] = {}
    if not is_rabbitmq(url):  # Redis: a message unacknowledged this long is delivered again
        transport["visibility_timeout"] = int(settings.doc_timeout_s * 2 + 300)
    return {
        "broker_url": url,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": transport,
        "task_queues": (
            Queue(names.cpu, work, routing_key=names.cpu, queue_arguments=work_args),
            Queue(names.model, work, routing_key=names.model, queue_arguments=work_args),
            Queue(names.dead, dead, routing_key=names.dead, queue_arguments=dead_args),
        ),
        "task_default_queue": names.cpu,
        "task_default_exchange": names.exchange,
        "task_default_routing_key": names.cpu,
        "task_create_missing_queues": False,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "task_acks_on_failure_or_timeout": True,
        "worker_prefetch_multiplier": 1,
        "task_ignore_result": True,
        "task_store_errors_even_if_ignored": False,
        "result_backend": None,
        "task_time_limit": settings.doc_timeout_s,
        "worker_max_tasks_per_child": settings.celery_max_tasks_per_child,
        "worker_max_memory_per_child": settings.celery_max_memory_mb * 1024 or None,
        # loading Presidio and the recognizers in a new worker process takes seconds
        "worker_proc_alive_timeout": 300.0,
        "worker_cancel_long_running_tasks_on_connection_loss": True,
        "worker_send_task_events": False,
        "worker_hijack_root_logger": False,
    }


def configure(settings: Settings) -> Celery:
    """Point the worker's app at the settings' broker and queues (once, before it starts)."""
    app.conf.update(celery_config(settings))
    return app


def sender(settings: Settings) -> Celery:
    """An app of its own for publishing under these settings (a submitter may use other
    queues than the last one did; Celery fixes an app's queues at first use)."""
    publisher = Celery("docpipe-submit", set_as_current=False)
    publisher.conf.update(celery_config(settings))
    return publisher


def queue_for(settings: Settings) -> str:
    """The queue a document goes to: ``model`` when a model server extracts it."""
    from docpipe.settings import resolve_kind

    names = queue_names(settings)
    return names.model if resolve_kind(settings) == "openai" else names.cpu
