"""Recognise a file by its first bytes, never by its name."""

from __future__ import annotations

from docpipe.errors import EmptyFileError, UnsupportedFormatError

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
XML = "application/xml"  # UBL-TR e-Fatura / e-Arşiv (docpipe.ingest.ubl)
ZIP = "application/zip"  # GİB / integrator packages (docpipe.ingest.containers)
WEBP = "image/webp"
HEIF = "image/heif"  # HEIC (HEVC inside) and other HEIF files from phones
SUPPORTED = (PDF, PNG, JPEG, TIFF, WEBP, HEIF, XML, ZIP)

#: ISO base-media "ftyp" brands of HEIF still images (iPhone photos are "heic").
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"heif")

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)

# Formats we recognise but do not read (yet): say so instead of "corrupt".
_KNOWN_OTHER: tuple[tuple[bytes, str], ...] = (
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"RIFF", "a RIFF (AVI/WAV) file, not an image"),
)

_ACCEPTED = "docpipe reads PDF, PNG, JPEG, TIFF, WebP, HEIC/HEIF, UBL-TR XML and ZIP files"


def sniff(head: bytes) -> str:
    """Media type from the first bytes of a file (at least 1 KiB when available)."""
    if not head:
        raise EmptyFileError("the file is empty (0 bytes); check that the copy or upload finished")
    # The PDF header may follow some junk bytes; readers accept it within the first KiB.
    if b"%PDF-" in head[:1024]:
        return PDF
    for signature, media_type in _SIGNATURES:
        if head.startswith(signature):
            return media_type
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIF
    if head.startswith(b"PK\x03\x04"):
        return ZIP
    markup = _markup(head)
    if markup is not None:
        if markup.lower().startswith((b"<!doctype html", b"<html")):
            raise UnsupportedFormatError(f"this is an HTML page; {_ACCEPTED}")
        return XML
    for signature, description in _KNOWN_OTHER:
        if head.startswith(signature):
            raise UnsupportedFormatError(f"this is {description}; {_ACCEPTED}")
    if _looks_like_text(head):
        raise UnsupportedFormatError(f"this is plain text, whatever its name says; {_ACCEPTED}")
    raise UnsupportedFormatError(f"the content is not a format docpipe knows; {_ACCEPTED}")


def _markup(head: bytes) -> bytes | None:
    """The head from its first ``<`` when the file starts as XML (after a BOM and spaces)."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if text.startswith((b"<?xml", b"<!")) or (text[:1] == b"<" and text[1:2].isalpha()):
        return text
    return None


def _looks_like_text(head: bytes) -> bool:
    try:
        head[:1024].decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at the 1 KiB edge is still text.
        try:
            head[:1020].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head[:1024]
