"""The KVKK services over a store: reveal, data subjects, retention, redacted export.

The public Python API for what a data controller does with stored documents
(the ``docpipe reveal|subject|purge|export --redacted-pdf`` commands are thin
shells over it). Each function takes an open ``Store`` and the ``Settings``:

- ``reveal``: one original value out of the vault, for a reason, audited;
- ``find_subject`` / ``erase_subject``: documents mentioning a person (by keyed
  hash of a T.C. kimlik no or VKN), and their destruction (KVKK Art. 7/11);
- ``purge``: destruction past ``retention_days``, with the destruction log;
- ``store_key`` / ``rotate_key``: the one vault key of a database, and moving to a new one;
- ``audit_log`` / ``destruction_log``: the two logs as rows (no personal values in either);
- ``export_redacted``: redacted PDFs and burned page images of stored documents.

The redaction itself (detection, strategies, the vault) is the pipeline stage
``docpipe.redact``; these services run above it and the store.
"""

from docpipe.kvkk.actor import current_actor
from docpipe.kvkk.export import ExportReport, export_redacted
from docpipe.kvkk.keys import RotationReport, rotate_key, store_key
from docpipe.kvkk.logs import audit_log, destruction_log
from docpipe.kvkk.retention import CategoryCount, PurgeReport, purge
from docpipe.kvkk.reveal import reveal
from docpipe.kvkk.subjects import erase_subject, find_subject

__all__ = [
    "CategoryCount",
    "ExportReport",
    "PurgeReport",
    "RotationReport",
    "audit_log",
    "current_actor",
    "destruction_log",
    "erase_subject",
    "export_redacted",
    "find_subject",
    "purge",
    "reveal",
    "rotate_key",
    "store_key",
]
