"""A queued file's bytes in the database, sealed: how files reach workers elsewhere.

The bytes travel through the store (``job_contents``), not a shared folder: every
worker reaches the database already, it is backed up and access-controlled in one
place, and a submitter's folders need not be mounted anywhere. They are sealed
(AES-256-GCM, a key derived from the vault key, bound to the job id), so an
original with personal data is never at rest in clear, and deleted once the job
finishes. Workers need the vault key anyway to redact.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from docpipe.errors import ConfigError
from docpipe.redact.vault import derived_key

_PURPOSE = "job-content"


class ContentSealer:
    """Seals and opens a job's file bytes with a key derived from the vault key."""

    def __init__(self, vault_key: bytes) -> None:
        self._aead = AESGCM(derived_key(vault_key, _PURPOSE))

    def seal(self, data: bytes, job_id: int) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, _bound(job_id))

    def open(self, sealed: bytes, job_id: int) -> bytes:
        try:
            return self._aead.decrypt(sealed[:12], sealed[12:], _bound(job_id))
        except InvalidTag:
            raise ConfigError(
                f"the queued file of job {job_id} cannot be decrypted: this worker's vault key "
                "is not the submitter's; give every worker the same DOCPIPE_VAULT_KEY_FILE"
            ) from None


def _bound(job_id: int) -> bytes:
    return f"docpipe/job/{job_id}".encode()
