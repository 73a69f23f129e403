"""The redaction stage (KVKK): detection, strategies, and sealing originals into the vault.

- ``analyzer.find_pii`` / ``special.find_special_categories``: what is personal in text;
- ``policy``: which record fields are personal (read from the schema's KVKK marks);
- ``protect.Redactor``: the pipeline step;
- ``strategies``, ``vault``: what replaces a value, where the original goes;
- ``pdf``, ``photo``: removing text under boxes, finding ID photos and faces.

It knows nothing of the store: the services over stored documents (reveal,
data subjects, retention, redacted export) are ``docpipe.kvkk``.

Heavy modules (Presidio, OpenCV) load on first use; spaCy and Presidio load
without torch (``docpipe.libraries``).
"""

from docpipe import libraries

libraries.load_presidio()

from docpipe.redact.analyzer import find_pii  # noqa: E402

__all__ = ["find_pii"]
