"""Ingest: a file on disk into a ``Document`` (pages, words, pixels).

Input: a path. Output: a ``Document`` whose pages carry text-layer words when
the file has a usable text layer, and pixels for raster images. Failure:
an ``InputError`` subclass whose message says what is wrong and what to do,
without the file's content. Files are recognised by content, not by name.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docpipe.document import Document
from docpipe.errors import InputError, TooLargeError
from docpipe.ingest.image import read_image
from docpipe.ingest.pdf import read_pdf
from docpipe.ingest.sniff import PDF, sniff
from docpipe.settings import Settings


def read_bytes(path: Path, settings: Settings) -> bytes:
    """The file's bytes, after the size limit and readability checks."""
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise TooLargeError(
                f"the file is {size} bytes, more than max_file_bytes={settings.max_file_bytes}; "
                "raise DOCPIPE_MAX_FILE_BYTES to accept it"
            )
        return path.read_bytes()
    except PermissionError:
        raise InputError(
            "the file cannot be read (permission denied); fix its permissions"
        ) from None
    except IsADirectoryError:
        raise InputError("this is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError("the file does not exist (moved or deleted before it was read)") from None


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ingest(
    path: Path, settings: Settings, data: bytes | None = None, *, sha256: str | None = None
) -> Document:
    """Read ``path`` (or its already-read ``data``, whose ``content_hash`` a caller that
    computed it passes as ``sha256``, so the bytes are hashed once) into a Document."""
    if data is None:
        data = read_bytes(path, settings)
    media_type = sniff(data[:2048])
    pages = read_pdf(data, settings) if media_type == PDF else read_image(data, settings)
    return Document(
        path=str(path),
        sha256=sha256 or content_hash(data),
        media_type=media_type,
        size_bytes=len(data),
        pages=pages,
        data=data,
    )
