"""Personal data (KVKK): detection, redaction in the pipeline, the vault, the lifecycle.

- ``analyzer.find_pii`` / ``special.find_special_categories``: what is personal in text;
- ``policy``: which record fields are personal; ``protect.Redactor``: the pipeline step;
- ``strategies``, ``vault``: what replaces a value, where the original goes;
- ``lifecycle``: ``reveal``, ``find_subject``/``erase_subject``, ``purge``;
- ``outputs``: redacted PDFs and burned page images (``docpipe export --redacted-pdf``).

Heavy modules (Presidio, OpenCV) load on first use.
"""

from docpipe.redact.analyzer import find_pii

__all__ = ["find_pii"]
