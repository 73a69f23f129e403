"""What every ``docpipe run`` worker loads, loaded once in the fork server the workers
are forked from (``docpipe.batch``), instead of once in every worker.

Importing this module is the load: the pipeline's modules (PyMuPDF, OpenCV, the
rules, the store's models), Presidio and spaCy without torch (``skip_torch``: the
server forks only workers that run no model), and Presidio's analyzer with docpipe's
recognizers (``redact.analyzer.analyzer``: compiling their patterns is most of a
worker's start-up). None of it depends on the settings or holds a document, a key or
a connection; each forked worker still reads its settings, its vault key and opens
its store itself. Measured on the digital-invoice benchmark: about 2 CPU seconds per
worker saved (``benchmarks/run_throughput.py``).
"""

from __future__ import annotations

import contextlib

from docpipe.workers import skip_torch

skip_torch()

import docpipe.pipeline  # noqa: E402
import docpipe.redact.protect  # noqa: E402, F401
from docpipe.redact.analyzer import analyzer  # noqa: E402

with contextlib.suppress(Exception):  # a worker building it meets the error and reports it
    analyzer()
