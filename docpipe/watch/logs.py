"""Logging for the daemon and its workers: plain lines, or one JSON object a line.

Input: ``json_lines`` (the ``watch_log_json`` setting). Output: a handler on
the ``docpipe`` logger writing to stderr (journald picks it up under systemd).
JSON records carry ``ts``, ``level``, ``logger``, ``pid``, ``msg`` and the
``extra`` fields the code passes (job ids, outcomes, categories). Messages
name files and ids only, never document content.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
            "msg": record.getMessage(),
        }
        data.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        return json.dumps(data, ensure_ascii=False, default=str)


def configure_logging(*, json_lines: bool, level: int = logging.INFO) -> None:
    """Send ``docpipe.*`` logs to stderr, as JSON lines or as plain text."""
    logger = logging.getLogger("docpipe")
    for handler in list(logger.handlers):
        if getattr(handler, "_docpipe_watch", False):
            logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler._docpipe_watch = True  # type: ignore[attr-defined]
    if json_lines:
        handler.setFormatter(JsonLineFormatter())
    else:
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s[%(process)d] %(message)s")
        )
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
