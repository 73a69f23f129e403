"""Ingest: a file on disk into a ``Document`` (pages, words, pixels).

Input: a path. Output: a ``Document`` whose pages carry text-layer words when
the file has a usable text layer, and pixels for raster images. Failure:
an ``InputError`` subclass whose message says what is wrong and what to do,
without the file's content. Files are recognised by content, not by name.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from docpipe.document import Document
from docpipe.errors import (
    CorruptFileError,
    InputError,
    TooLargeError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from docpipe.ingest.image import read_image
from docpipe.ingest.pdf import read_pdf, read_pdf_and_attachments, xml_attachments
from docpipe.ingest.sniff import PDF, XML, ZIP, sniff
from docpipe.ingest.ubl import UblDocument, parse_ubl
from docpipe.settings import Settings

NOT_REGULAR = "this is not a regular file but {what}; docpipe reads only document files"


def check_regular(path: Path) -> os.stat_result:
    """``stat`` of ``path`` (symlinks followed), or ``UnsafeFileError`` unless it is a regular
    file: reading a FIFO blocks forever, a device never ends, a socket cannot be read."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFileError(NOT_REGULAR.format(what=_kind(info.st_mode)))
    return info


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def read_bytes(path: Path, settings: Settings) -> bytes:
    """The file's bytes, after the regular-file, size and readability checks.

    Never blocks: the path is checked with ``stat`` first, opened with
    ``O_NONBLOCK`` (a FIFO swapped in after the check opens at once instead of
    waiting for a writer) and checked again with ``fstat`` on the open handle;
    at most ``max_file_bytes`` + 1 bytes are read.
    """
    try:
        size = check_regular(path).st_size
        if size > settings.max_file_bytes:
            raise _too_large(size, settings)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise UnsafeFileError(NOT_REGULAR.format(what=_kind(info.st_mode)))
            with os.fdopen(fd, "rb", closefd=False) as stream:
                data = stream.read(min(info.st_size, settings.max_file_bytes) + 1)
                if len(data) > info.st_size:  # still growing: read on, up to the limit
                    data += stream.read(settings.max_file_bytes + 1 - len(data))
        finally:
            os.close(fd)
        if len(data) > settings.max_file_bytes:  # it grew after the check
            raise _too_large(len(data), settings)
        return data
    except PermissionError:
        raise InputError(
            "the file cannot be read (permission denied); fix its permissions"
        ) from None
    except IsADirectoryError:
        raise InputError("this is a directory, not a file") from None
    except FileNotFoundError:
        raise InputError("the file does not exist (moved or deleted before it was read)") from None


def _too_large(size: int, settings: Settings) -> TooLargeError:
    return TooLargeError(
        f"the file is {size} bytes, more than max_file_bytes={settings.max_file_bytes}; "
        "raise DOCPIPE_MAX_FILE_BYTES to accept it"
    )


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
    ubl = None
    if media_type == ZIP:
        raise UnsupportedFormatError(
            "this is a ZIP archive: give it to the pipeline (`docpipe run`, Pipeline.process), "
            "which unpacks e-invoice packages member by member"
        )
    if media_type == XML:
        pages: tuple = ()
        ubl = parse_ubl(data, settings)
    elif media_type == PDF:
        pages, attached = read_pdf_and_attachments(data, settings, xml_limit=settings.ubl_max_bytes)
        ubl = pdf_ubl(data, settings, attached)
    else:
        pages = read_image(data, settings, media_type)
    return _document(path, data, media_type, pages, ubl, sha256)


def ingest_page(path: Path, settings: Settings, number: int) -> Document:
    """Page ``number`` (1-based) of a PDF or (multi-frame) image ``path`` as a Document
    holding that page alone: only its frame is decoded, only its PDF page read, and no
    attached invoice is parsed. What a process reading one page of another's long scan
    needs (``docpipe.batch``); the page equals the same page of ``ingest``."""
    data = read_bytes(path, settings)
    media_type = sniff(data[:2048])
    if media_type in (ZIP, XML):
        raise UnsupportedFormatError("only a PDF or an image has pages to read one by one")
    if media_type == PDF:
        pages = read_pdf(data, settings, number=number)
    else:
        pages = read_image(data, settings, media_type, number=number)
    return _document(path, data, media_type, pages, None, None)


def _document(
    path: Path,
    data: bytes,
    media_type: str,
    pages: tuple,
    ubl: UblDocument | None,
    sha256: str | None,
) -> Document:
    return Document(
        path=str(path),
        sha256=sha256 or content_hash(data),
        media_type=media_type,
        size_bytes=len(data),
        pages=pages,
        data=data,
        ubl=ubl,
    )


def pdf_ubl(
    data: bytes, settings: Settings, attachments: list[tuple[str, bytes]] | None = None
) -> UblDocument | None:
    """The UBL-TR invoice attached to a PDF, if any (a hostile attachment fails the file);
    ``attachments``: its ``xml_attachments``, when they were read already."""
    if attachments is None:
        attachments = xml_attachments(data, settings.ubl_max_bytes)
    for _name, attached in attachments:
        try:
            return parse_ubl(attached, settings, what="the PDF's XML attachment")
        except (UnsupportedFormatError, CorruptFileError):
            continue  # another kind of XML (an order, a signature): not the invoice
    return None
