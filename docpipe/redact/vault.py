"""The vault: original values encrypted at rest, readable only with the key.

AES-256-GCM from the ``cryptography`` library. The key comes from the
settings: ``vault_key`` (``DOCPIPE_VAULT_KEY``, base64, 32 bytes, a secret
that never shows in a repr) or a key file (``vault_key_file``), never from
the database. Each ciphertext is bound to its document and field
(associated data), so a value copied to another record does not decrypt.
A missing or malformed key is a ``ConfigError`` that says how to create one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from docpipe.errors import ConfigError
from docpipe.settings import Settings

KEY_ENV = "DOCPIPE_VAULT_KEY"  # the environment variable of Settings.vault_key
_HINT = "create one with `docpipe keygen PATH` and set DOCPIPE_VAULT_KEY_FILE=PATH"


def derived_key(key: bytes, purpose: str) -> bytes:
    """A separate key per use (subject index, hash strategy, fingerprint) from the vault key."""
    return hmac.new(key, f"docpipe/{purpose}".encode(), hashlib.sha256).digest()


def key_fingerprint(key: bytes) -> str:
    """What the database stores to recognise its key: a derived value, never the key."""
    return derived_key(key, "key-fingerprint").hex()


def read_key_file(path: Path) -> bytes:
    """The key in a key file (``docpipe keygen``), checked like the configured one."""
    return _decode_key(None, path)


def new_key() -> str:
    """A fresh key, base64 text."""
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()


def _decode_key(raw: str | None, key_file: Path | None) -> bytes:
    source = KEY_ENV
    if raw is None and key_file is not None:
        try:
            raw = key_file.read_text(encoding="utf-8").strip()
        except OSError:
            raise ConfigError(f"the vault key file {key_file} cannot be read; {_HINT}") from None
        source = str(key_file)
    if raw is None:
        raise ConfigError(f"no vault key: set vault_key_file or {KEY_ENV}; {_HINT}")
    try:
        key = base64.b64decode(raw, validate=True)
    except ValueError:
        raise ConfigError(f"the vault key in {source} is not base64; {_HINT}") from None
    if len(key) != 32:
        raise ConfigError(f"the vault key in {source} is not 32 bytes; {_HINT}")
    return key


class Vault:
    """Encrypts and decrypts single values bound to (document, field)."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def seal(self, value: str, *, document: str, field: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, value.encode(), f"{document}|{field}".encode())
        return base64.b64encode(nonce + sealed).decode()

    def open(self, token: str, *, document: str, field: str) -> str:
        raw = base64.b64decode(token)
        try:
            plain = self._aead.decrypt(raw[:12], raw[12:], f"{document}|{field}".encode())
        except InvalidTag:
            raise ConfigError(
                f"vault entry for field {field} cannot be decrypted: wrong key or entry moved"
            ) from None
        return plain.decode()


def settings_key(settings: Settings) -> bytes:
    """The vault key the settings point at (``vault_key``, else ``vault_key_file``)."""
    raw = settings.vault_key.get_secret_value() if settings.vault_key is not None else None
    path = settings.vault_key_file
    return _decode_key(raw, Path(path).expanduser() if path else None)


def write_key_file(path: Path) -> None:
    """Create a new key file readable only by its owner; never overwrites one."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ConfigError(f"{path} exists already; a vault key is never overwritten") from None
    except OSError as error:
        raise ConfigError(f"cannot create {path}: {error.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(new_key() + "\n")
