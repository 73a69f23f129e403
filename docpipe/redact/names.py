"""File names and source paths at rest: a keyed hash plus the extension, the original sealed.

People and scanners name files after their subject (``ahmet_yilmaz_kimlik.jpg``).
What the database keeps of a name or a path is ``stored(value)``: the first 20 hex
digits of an HMAC-SHA256 under a key derived from the vault key (the same key
hierarchy as the subject index, so ``docpipe vault rotate`` moves it too) followed by
the extension of the last path component (``3f9a0c1b2d4e5f607182.jpg``). The same
value always gives the same stored form, so the store can still find a path or a
watch job's file by equality. The original goes beside it, AES-GCM sealed
(``seal``); ``docpipe reveal DOC file_name`` opens it for a stated, audited reason.

``NameSealer`` satisfies ``docpipe.store.names.NameCodec`` (the store holds no
crypto of its own).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import PurePath

from docpipe.redact.vault import Vault, derived_key

#: Associated data of every sealed name: a name token cannot be opened as a field value.
_SEAL_DOCUMENT, _SEAL_FIELD = "docpipe/file-name", "original"
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
DIGITS = 20


def extension(value: str) -> str:
    """The extension of the last path component (lower case, dot included), or ""."""
    name = PurePath(value).name if value else ""
    match = _EXTENSION.search(name)
    return match.group(0).lower() if match and match.start() > 0 else ""


class NameSealer:
    """Keyed-hash stand-ins and sealed originals for file names and paths."""

    def __init__(self, key: bytes) -> None:
        self._hash_key = derived_key(key, "file-name")
        self._vault = Vault(key)

    def stored(self, value: str) -> str:
        """What the database keeps in the name's place (never the name)."""
        digest = hmac.new(self._hash_key, value.encode("utf-8", "surrogateescape"), hashlib.sha256)
        return digest.hexdigest()[:DIGITS] + extension(value)

    def seal(self, value: str) -> str:
        # The bytes as Latin-1 text: a name that is not valid UTF-8 (a file system
        # gives it as surrogate escapes) comes back exactly, so the file can be found.
        raw = value.encode("utf-8", "surrogateescape").decode("latin-1")
        return self._vault.seal(raw, document=_SEAL_DOCUMENT, field=_SEAL_FIELD)

    def open(self, token: str) -> str:
        raw = self._vault.open(token, document=_SEAL_DOCUMENT, field=_SEAL_FIELD)
        return raw.encode("latin-1").decode("utf-8", "surrogateescape")
