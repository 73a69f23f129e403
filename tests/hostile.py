"""A corpus of hostile and odd files for the watch daemon, made by code.

``python -m tests.hostile DIR`` (or ``make_corpus(DIR)``) writes about fifty
files: empty, truncated, corrupt and encrypted PDFs, PDFs with thousands of
pages, a JavaScript PDF, 1-pixel images, decompression-bomb PNGs, a
50 000-pixel-wide TIFF, wrong extensions, symlinks (outside, inside,
dangling), a hard link, a FIFO, a zero-permission file, Turkish and odd names,
XXE and billion-laughs XML, a ZIP bomb, deeply nested PDF objects, and a few
valid documents (one a byte-for-byte duplicate of another).

Also: a 300-page TIFF (one page with text, the rest blank A4 frames), a
9000×9000 blank page, truncated PDFs whose pages render blank, WebP and HEIC
photos, 16-bit and CMYK images, and file names that are spreadsheet formulas,
terminal escape sequences, bidi overrides or a person's name and TCKN.
``make_batch_extras`` adds what only ``docpipe run`` walks into: a folder
named like a document and a socket.

Each entry says what should become of it: ``done`` (processed; it is valid,
or at least harmless) or ``failed`` (refused with a reason); ``batch`` says it
for ``docpipe run`` where that differs (the batch follows symbolic links the
user put there, and reads a file only root can read when run as root). ``"either"``
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
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pymupdf
from PIL import Image, ImageDraw, ImageFont

OUTSIDE_TARGET = "outside-secret.txt"


@dataclass(frozen=True)
class Hostile:
    name: str
    expect: str  # "done", "failed" or "either"
    what: str
    batch: str | None = None  # the expectation in `docpipe run` where it differs

    @property
    def expect_in_batch(self) -> str:
        return self.batch or self.expect


#: A file name holding a (checksum-valid, made-up) TCKN and a common Turkish name.
PERSONAL_NAME = "10000000146 Ayşe Yılmaz kimlik.pdf"
#: File names that are spreadsheet formulas or terminal escape sequences.
FORMULA_NAMES = ("@SUM(1+1)*cmd|calc.pdf", "=HYPERLINK(evil).pdf", "+1+1.pdf")
ESCAPE_NAMES = ("\x1b[31mred\x1b[0m.pdf", "\x1b]0;pwned\x07title.pdf", "bidi\u202efdp.exe.pdf")


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


def _png_bomb(width: int, height: int, *, rows: int | None = None, striped: bool = False) -> bytes:
    """A grey PNG of ``width``×``height`` zeros; with ``rows``, only that many are stored.

    ``striped``: black and white stripes instead, so the page is not blank and has to be
    decoded at full size (a blank page is recognised on a reduced copy, cheaply).
    """
    compressor = zlib.compressobj(9)
    pixels = bytes(0 if (x // 8) % 2 else 255 for x in range(width)) if striped else None
    row = b"\x00" + (pixels if pixels is not None else b"\x00" * width)
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


def _text_image(size: tuple[int, int], mode: str = "L") -> Image.Image:
    """An image with a few lines of large dark text (OCR reads it in well under a second)."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(12, size[1] // 14))
    for i, line in enumerate(("FATURA", "Toplam 120,00 TL")):
        draw.text((size[0] // 12, size[1] // 6 + i * size[1] // 4), line, fill=0, font=font)
    if mode == "I;16":
        return Image.fromarray((np.asarray(image, dtype=np.uint16) * 257).astype(np.uint16))
    return image.convert(mode)


def _encoded(image: Image.Image, fmt: str, **save: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def _heic(image: Image.Image) -> bytes:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return _encoded(image.convert("RGB"), "HEIF", quality=80)


def _long_scan(count: int) -> bytes:
    """A ``count``-page A4 TIFF at 150 dpi: page 1 has text, the others are blank paper."""
    first = _text_image((1240, 1754))
    blank = Image.new("L", (1240, 1754), 250)
    buffer = io.BytesIO()
    first.save(
        buffer,
        format="TIFF",
        save_all=True,
        append_images=[blank] * (count - 1),
        compression="tiff_deflate",
        dpi=(150, 150),
    )
    return buffer.getvalue()


def _blank_giant(side: int) -> bytes:
    """A white ``side``×``side`` grey PNG, compressed to a few kilobytes."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * side
    parts = [compressor.compress(row) for _ in range(side)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


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


def make_corpus(folder: Path, outside: Path, only: Collection[str] | None = None) -> list[Hostile]:
    """Write the corpus into ``folder``; ``outside`` is a folder beyond the inbox.

    ``only``: make just these names (the slow ones are generated only when asked for).
    """
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    secret = outside / OUTSIDE_TARGET
    secret.write_text("not for the inbox\n", encoding="utf-8")
    valid = _invoice(1)
    zip_bomb = _zip_bomb()
    files: dict[str, tuple[bytes | Callable[[], bytes], str, str]] = {
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
        "pages-5000.pdf": (lambda: _many_pages(5000), "failed", "5000 pages, over max_pages"),
        "pages-1200.pdf": (lambda: _many_pages(1200), "failed", "1200 pages, over max_pages"),
        "javascript.pdf": (
            text_pdf_bytes(["Fatura No: JSX2024000000001"], js="app.alert('x');"),
            "done",
            "OpenAction JavaScript (never run)",
        ),
        "launch-action.pdf": (_launch_pdf(), "done", "OpenAction /Launch (never run)"),
        "nested-objects.pdf": (_nested_pdf(20000), "either", "20 000 nested arrays"),
        "one-pixel.png": (_image((1, 1), "PNG"), "failed", "a 1×1 image: no content"),
        "one-pixel.jpg": (_image((1, 1), "JPEG"), "failed", "a 1×1 JPEG: no content"),
        "one-pixel.tif": (_image((1, 1), "TIFF"), "failed", "a 1×1 TIFF: no content"),
        "tiny-12x12.png": (_image((12, 12), "PNG"), "failed", "12×12: too small for a letter"),
        "blank-9000.png": (
            lambda: _blank_giant(9000),
            "failed",
            "9000×9000 white: no content, fast",
        ),
        "scan-300-pages.tif": (
            lambda: _long_scan(300),
            "done",
            "300 A4 pages, one with text: read page by page, blank ones skipped",
        ),
        "truncated-10pct.pdf": (valid[: len(valid) // 10], "failed", "cut to 10 %: blank page"),
        "truncated-50pct.pdf": (valid[: len(valid) // 2], "failed", "cut in half: blank page"),
        "photo.webp": (_encoded(_text_image((800, 400), "RGB"), "WEBP"), "done", "WebP photo"),
        "photo.heic": (_heic(_text_image((800, 400))), "done", "HEIC photo (iPhone)"),
        "grey-16bit.png": (_encoded(_text_image((800, 400), "I;16"), "PNG"), "done", "16-bit"),
        "cmyk.jpg": (_encoded(_text_image((800, 400), "CMYK"), "JPEG"), "done", "CMYK JPEG"),
        "transparent.png": (_encoded(_text_image((800, 400), "LA"), "PNG"), "done", "alpha"),
        "bomb-12000.png": (lambda: _png_bomb(12000, 12000), "failed", "144 MP of zeros, 150 KB"),
        "bomb-header.png": (
            _png_bomb(100000, 100000, rows=4),
            "failed",
            "header claims 10 GP; data is 4 rows",
        ),
        "wide-50000.tif": (
            _image((50000, 20), "TIFF", compression="tiff_deflate"),
            "failed",
            "50 000×20 pixels (1 MP): wider than Tesseract reads, refused with the reason",
        ),
        "huge-header.jpg": (_jpeg_huge_header(), "failed", "JPEG header claims 65 000²"),
        "frames-1500.tif": (
            lambda: _tiff_frames(1500),
            "failed",
            "1500 TIFF frames, over max_pages",
        ),
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
        PERSONAL_NAME: (_invoice(12), "done", "a TCKN and a person's name in the file name"),
    }
    for index, name in enumerate(FORMULA_NAMES + ESCAPE_NAMES):
        files[name] = (_invoice(20 + index), "done", "a formula or escape sequence as name")
    files["\x1b[2J\x1b[Hcleared.pdf"] = (
        b"\x00\x01escape",
        "failed",
        "an escape sequence in a failure line",
    )
    batch_only = {"zero-permission.pdf": "either"}  # root reads mode 000 files
    made: list[Hostile] = []
    for name, (data, expect, what) in files.items():
        if only is not None and name not in only:
            continue
        (folder / name).write_bytes(data() if callable(data) else data)
        made.append(Hostile(name, expect, what, batch_only.get(name)))
    if only is None or "zero-permission.pdf" in only:
        os.chmod(folder / "zero-permission.pdf", 0)
    if only is not None:
        if "pipe.pdf" in only:
            os.mkfifo(folder / "pipe.pdf")
            made.append(Hostile("pipe.pdf", "failed", "a named pipe (reading it would block)"))
        return made

    os.symlink(secret, folder / "link-outside.pdf")
    made.append(Hostile("link-outside.pdf", "failed", "symlink to a file outside the inbox"))
    # (the batch follows it: the target is a text file, refused as such)
    os.symlink("valid-invoice.pdf", folder / "link-inside.pdf")
    made.append(Hostile("link-inside.pdf", "failed", "symlink to a file in the inbox", "done"))
    os.symlink(outside / "missing.pdf", folder / "link-dangling.pdf")
    made.append(Hostile("link-dangling.pdf", "failed", "symlink to nothing"))
    os.symlink("/etc", folder / "link-to-dir.pdf")
    made.append(Hostile("link-to-dir.pdf", "failed", "symlink to a folder"))
    linked = outside / "hardlinked.pdf"
    linked.write_bytes(_invoice(11))
    os.link(linked, folder / "hardlink.pdf")
    made.append(Hostile("hardlink.pdf", "failed", "hard link to a file outside", "done"))
    os.mkfifo(folder / "pipe.pdf")
    made.append(Hostile("pipe.pdf", "failed", "a named pipe (reading it would block)"))
    return made


def make_batch_extras(folder: Path) -> list[Hostile]:
    """What only ``docpipe run FOLDER`` meets: a folder named like a document, a socket."""
    import socket

    made: list[Hostile] = []
    (folder / "folder-named.pdf").mkdir()
    (folder / "folder-named.pdf" / "inside.txt").write_text("x", encoding="utf-8")
    made.append(Hostile("folder-named.pdf", "failed", "a folder named like a document"))
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(folder / "socket.pdf"))
    finally:
        server.close()
    made.append(Hostile("socket.pdf", "failed", "a Unix socket named like a document"))
    return made


if __name__ == "__main__":  # pragma: no cover - a developer's tool
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for item in make_corpus(target / "inbox", target / "outside"):
        print(f"{item.expect:7} {item.name!r}: {item.what}")
