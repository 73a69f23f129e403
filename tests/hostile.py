"""A corpus of hostile and odd files for the watch daemon, made by code.

``python -m tests.hostile DIR`` (or ``make_corpus(DIR)``) writes about fifty
files: empty, truncated, corrupt and encrypted PDFs, PDFs with thousands of
pages, a JavaScript PDF, 1-pixel images, decompression-bomb PNGs, a
50 000-pixel-wide TIFF, wrong extensions, symlinks (outside, inside,
dangling), a hard link, a FIFO, a zero-permission file, Turkish and odd names,
XXE and billion-laughs XML, a ZIP bomb, deeply nested PDF objects, and a few
valid documents (one a byte-for-byte duplicate of another).

Each entry says what should become of it: ``done`` (processed; it is valid,
or at least harmless) or ``failed`` (refused with a reason). ``"either"``
marks the few whose fate depends on the libraries (e.g. whether MuPDF repairs
a damaged file); the test only asserts they end in exactly one of the two.
The file "still being written" is not made here: the test writes it itself.
Nothing is downloaded; everything is small on disk (bombs are compressed).
"""

from __future__ import annotations

import io
import os
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pymupdf
from PIL import Image, ImageDraw

OUTSIDE_TARGET = "outside-secret.txt"


@dataclass(frozen=True)
class Hostile:
    name: str
    expect: str  # "done", "failed" or "either"
    what: str


def text_pdf_bytes(
    lines: list[str], *, password: str | None = None, js: str | None = None
) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    writer = pymupdf.TextWriter(page.rect)
    font = pymupdf.Font("notos")
    for i, line in enumerate(lines):
        writer.append((50, 60 + 14 * i), line, font=font, fontsize=10)
    writer.write_text(page)
    if js is not None:
        xref = doc.get_new_xref()
        doc.update_object(xref, f"<< /S /JavaScript /JS ({js}) >>")
        doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{xref} 0 R")
    buffer = io.BytesIO()
    if password:
        doc.save(
            buffer,
            encryption=pymupdf.PDF_ENCRYPT_AES_256,
            user_pw=password,
            owner_pw=password + "-owner",
        )
    else:
        doc.save(buffer)
    return buffer.getvalue()


def _invoice(n: int) -> bytes:
    return text_pdf_bytes(
        [
            "e-Arşiv Fatura",
            f"Fatura No: HST2024{n:09d}",
            "Düzenleme Tarihi: 14.03.2024",
            "Satıcı VKN: 4540536920",
            "Mal Hizmet Toplam Tutarı: 100,00 TL",
            "KDV (%20): 20,00 TL",
            "Ödenecek Tutar: 120,00 TL",
        ]
    )


def _many_pages(count: int) -> bytes:
    doc = pymupdf.open()
    for _ in range(count):
        doc.new_page(width=200, height=200)
    return doc.tobytes(garbage=0, deflate=True)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _png_bomb(width: int, height: int, *, rows: int | None = None) -> bytes:
    """A grey PNG of ``width``×``height`` zeros; with ``rows``, only that many are stored."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    parts = [compressor.compress(row) for _ in range(height if rows is None else rows)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def _image(size: tuple[int, int], fmt: str, **save: object) -> bytes:
    image = Image.new("L", size, 255)
    if size[0] > 60 and size[1] > 15:
        ImageDraw.Draw(image).text((5, 2), "FATURA", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _tiff_frames(count: int) -> bytes:
    frames = [Image.new("L", (2, 2), 255) for _ in range(count)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


def _jpeg_huge_header() -> bytes:
    """A tiny JPEG whose frame header claims 65 000×65 000 pixels."""
    data = bytearray(_image((8, 8), "JPEG"))
    marker = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, marker + 5, 65000, 65000)
    return bytes(data)


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    chunk = b"\x00" * (1 << 20)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for index in range(2):
            with zf.open(f"layer{index}.bin", "w", force_zip64=True) as member:
                for _ in range(32):
                    member.write(chunk)
    return buffer.getvalue()


XXE = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"><ID>&xxe;</ID></Invoice>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def _nested_pdf(depth: int) -> bytes:
    body = b"[" * depth + b"]" * depth
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Deep "
        + body
        + b" >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def _launch_pdf() -> bytes:
    pdf = text_pdf_bytes(["Fatura No: LNC2024000000001", "Ödenecek Tutar: 10,00 TL"])
    doc = pymupdf.open(stream=pdf, filetype="pdf")
    xref = doc.get_new_xref()
    doc.update_object(xref, "<< /S /Launch /F (cmd.exe) /NewWindow true >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{xref} 0 R")
    return doc.tobytes()


def make_corpus(folder: Path, outside: Path) -> list[Hostile]:
    """Write the corpus into ``folder``; ``outside`` is a folder beyond the inbox."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / OUTSIDE_TARGET
    secret.write_text("not for the inbox\n", encoding="utf-8")
    valid = _invoice(1)
    zip_bomb = _zip_bomb()
    files: dict[str, tuple[bytes, str, str]] = {
        "empty.pdf": (b"", "failed", "0 bytes"),
        "truncated.pdf": (valid[: len(valid) // 3], "either", "a PDF cut to a third"),
        "corrupt.pdf": (
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + b"\x00garbage" * 40,
            "failed",
            "PDF header, then garbage",
        ),
        "random-bytes.pdf": (os.urandom(4096), "failed", "random bytes named .pdf"),
        "encrypted.pdf": (
            text_pdf_bytes(["Fatura No: ENC2024000000001"], password="gizli"),
            "failed",
            "AES-256 user password",
        ),
        "pages-5000.pdf": (_many_pages(5000), "failed", "5000 pages, over max_pages"),
        "pages-1200.pdf": (_many_pages(1200), "failed", "1200 pages, over max_pages"),
        "javascript.pdf": (
            text_pdf_bytes(["Fatura No: JSX2024000000001"], js="app.alert('x');"),
            "done",
            "OpenAction JavaScript (never run)",
        ),
        "launch-action.pdf": (_launch_pdf(), "done", "OpenAction /Launch (never run)"),
        "nested-objects.pdf": (_nested_pdf(20000), "either", "20 000 nested arrays"),
        "one-pixel.png": (_image((1, 1), "PNG"), "done", "a 1×1 image"),
        "one-pixel.jpg": (_image((1, 1), "JPEG"), "done", "a 1×1 JPEG"),
        "one-pixel.tif": (_image((1, 1), "TIFF"), "done", "a 1×1 TIFF"),
        "bomb-12000.png": (_png_bomb(12000, 12000), "failed", "144 MP of zeros, 150 KB"),
        "bomb-header.png": (
            _png_bomb(100000, 100000, rows=4),
            "failed",
            "header claims 10 GP; data is 4 rows",
        ),
        "wide-50000.tif": (
            _image((50000, 20), "TIFF", compression="tiff_deflate"),
            "either",
            "50 000×20 pixels (1 MP): within limits; OCR may or may not cope",
        ),
        "huge-header.jpg": (_jpeg_huge_header(), "failed", "JPEG header claims 65 000²"),
        "frames-1500.tif": (_tiff_frames(1500), "failed", "1500 TIFF frames, over max_pages"),
        "truncated.png": (_image((300, 200), "PNG")[:200], "failed", "PNG cut short"),
        "truncated.jpg": (_image((300, 200), "JPEG")[:300], "either", "JPEG cut short"),
        "pdf-named.jpg": (_invoice(2), "done", "a valid PDF named .jpg"),
        "png-named.pdf": (_image((400, 100), "PNG"), "done", "a valid PNG named .pdf"),
        "text-named.pdf": ("Bu bir metin dosyasıdır.\n".encode(), "failed", "text named .pdf"),
        "program-named.pdf": (b"MZ\x90\x00" + os.urandom(512), "failed", "a Windows program"),
        "html-named.pdf": (b"<html><script>alert(1)</script></html>", "failed", "HTML"),
        "gif-image.gif": (_image((10, 10), "GIF"), "failed", "GIF: unsupported"),
        "bitmap.bmp": (_image((10, 10), "BMP"), "failed", "BMP: unsupported"),
        "xxe.xml": (XXE, "failed", "XML with an external entity (never parsed)"),
        "billion-laughs.xml": (BILLION_LAUGHS, "failed", "entity expansion bomb (never parsed)"),
        "xxe-named.pdf": (XXE, "failed", "XXE XML named .pdf"),
        "zip-bomb.zip": (zip_bomb, "failed", "64 MiB of zeros zipped (never unpacked)"),
        "zip-named.pdf": (zip_bomb[:4096], "failed", "ZIP named .pdf"),
        "fatura-şğüıöç-İĞÜŞÖÇ.pdf": (_invoice(3), "done", "Turkish letters in the name"),
        "name with spaces & (parens) [1].pdf": (_invoice(4), "done", "spaces and brackets"),
        "semi;colon$dollar`tick'quote\".pdf": (_invoice(5), "done", "shell metacharacters"),
        "-leading-dash.pdf": (_invoice(6), "done", "looks like an option"),
        "new\nline.pdf": (_invoice(7), "done", "a newline in the name"),
        ("ş" * 110 + ".pdf"): (_invoice(8), "done", "a 224-byte name"),
        "valid-invoice.pdf": (valid, "done", "a valid text invoice"),
        "duplicate-of-valid.pdf": (valid, "done", "the same bytes again: a duplicate"),
        "no-extension": (_invoice(9), "done", "a valid PDF without an extension"),
        "zero-permission.pdf": (_invoice(10), "failed", "mode 000"),
    }
    made: list[Hostile] = []
    for name, (data, expect, what) in files.items():
        (folder / name).write_bytes(data)
        made.append(Hostile(name, expect, what))
    os.chmod(folder / "zero-permission.pdf", 0)

    os.symlink(secret, folder / "link-outside.pdf")
    made.append(Hostile("link-outside.pdf", "failed", "symlink to a file outside the inbox"))
    os.symlink("valid-invoice.pdf", folder / "link-inside.pdf")
    made.append(Hostile("link-inside.pdf", "failed", "symlink to a file in the inbox"))
    os.symlink(outside / "missing.pdf", folder / "link-dangling.pdf")
    made.append(Hostile("link-dangling.pdf", "failed", "symlink to nothing"))
    os.symlink("/etc", folder / "link-to-dir.pdf")
    made.append(Hostile("link-to-dir.pdf", "failed", "symlink to a folder"))
    linked = outside / "hardlinked.pdf"
    linked.write_bytes(_invoice(11))
    os.link(linked, folder / "hardlink.pdf")
    made.append(Hostile("hardlink.pdf", "failed", "hard link to a file outside"))
    os.mkfifo(folder / "pipe.pdf")
    made.append(Hostile("pipe.pdf", "failed", "a named pipe (reading it would block)"))
    return made


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for item in make_corpus(target / "inbox", target / "outside"):
        print(f"{item.expect:7} {item.name!r}: {item.what}")
