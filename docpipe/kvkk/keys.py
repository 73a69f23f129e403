"""The one vault key of a database: checking it, and rotating to a new one.

The database keeps a fingerprint of its key (``docpipe.redact.vault.key_fingerprint``,
a value derived from the key, never the key). Every KVKK service loads the key
through ``store_key``, so a second key is refused with one line instead of
sealing or searching half of the documents under it. ``rotate_key`` re-seals
every vault entry, the sealed file names and paths, and rebuilds the subject
index (keyed hashes from the same key hierarchy) under the new key in one
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from docpipe.errors import UsageError
from docpipe.kvkk.actor import current_actor
from docpipe.redact.names import NameSealer
from docpipe.redact.protect import subject_digest
from docpipe.redact.vault import Vault, key_fingerprint, settings_key
from docpipe.settings import Settings
from docpipe.store import Store, VaultEntry

#: Vault entities whose originals are subject identifiers, and their index kind
#: (the same pairs ``docpipe.redact.protect.Redactor`` indexes).
SUBJECT_KINDS = {"TR_NATIONAL_ID": "tckn", "TR_TAX_ID": "vkn"}


def store_key(store: Store, settings: Settings) -> bytes:
    """The settings' vault key, refused (ConfigError, one line) if the database has another."""
    key = settings_key(settings)
    store.use_vault_key(key_fingerprint(key), NameSealer(key))
    return key


@dataclass(frozen=True)
class RotationReport:
    vault_entries: int
    subject_rows: int


def rotate_key(
    store: Store, settings: Settings, new_key: bytes, *, actor: str | None = None
) -> RotationReport:
    """Move the database from the settings' key to ``new_key``; all or nothing, audited."""
    old_key = settings_key(settings)
    if new_key == old_key:
        raise UsageError("the new vault key is the key in use; create one with `docpipe keygen`")
    old_vault, new_vault = Vault(old_key), Vault(new_key)

    def rekey(entries: list[VaultEntry]) -> tuple[list[str], list[tuple[str, str]]]:
        tokens: list[str] = []
        subjects: list[tuple[str, str]] = []
        for entry in entries:
            value = old_vault.open(entry.token, document=entry.sha256, field=entry.field)
            tokens.append(new_vault.seal(value, document=entry.sha256, field=entry.field))
            kind = SUBJECT_KINDS.get(entry.entity)
            if kind is not None:
                subjects.append((subject_digest(value, new_key, kind), kind))
        return tokens, subjects

    sealed, indexed = store.rotate_vault_key(
        key_fingerprint(old_key),
        key_fingerprint(new_key),
        rekey,
        names=(NameSealer(old_key), NameSealer(new_key)),
    )
    store.add_audit(
        "vault_rotate",
        actor=actor or current_actor(),
        details={"vault_entries": sealed, "subject_rows": indexed},
    )
    return RotationReport(sealed, indexed)
