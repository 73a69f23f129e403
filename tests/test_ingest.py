"""Ingest: content sniffing, PDF text layers, images, and every kind of bad file."""

from __future__ import annotations

import io
import os
import signal
import socket
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from docpipe.document import Document, Page
from docpipe.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    TooLargeError,
    UnsafeFileError,
    UnsupportedFormatError,
)
from docpipe.files import iter_files
from docpipe.ingest import ingest, read_bytes
from docpipe.ingest.image import looks_blank
from docpipe.ingest.sniff import HEIF, JPEG, PDF, PNG, TIFF, WEBP, XML, ZIP, sniff
from docpipe.read import read_text_until
from docpipe.settings import Settings, load_settings
from tests.conftest import text_pdf


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (b"%PDF-1.7\n", PDF),
        (b"\r\n  junk %PDF-1.4", PDF),
        (b"\x89PNG\r\n\x1a\n....", PNG),
        (b"\xff\xd8\xff\xe0", JPEG),
        (b"II*\x00abcd", TIFF),
        (b"MM\x00*abcd", TIFF),
        (b"PK\x03\x04", ZIP),
        (b"<?xml version='1.0'?>", XML),
        (b"\xef\xbb\xbf\n  <Invoice xmlns='x'/>", XML),
    ],
)
def test_sniff_known(head: bytes, media_type: str) -> None:
    assert sniff(head) == media_type


@pytest.mark.parametrize(
    ("head", "needle"),
    [
        (b"<!DOCTYPE html><html></html>", "HTML"),
        (b"Merhaba, bu bir not.\n", "plain text"),
        (b"\x00\x01\x02\x03\xfe\xfe", "not a format"),
    ],
)
def test_sniff_refuses_with_reason(head: bytes, needle: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=needle):
        sniff(head)


def test_sniff_empty() -> None:
    with pytest.raises(EmptyFileError):
        sniff(b"")


def test_pdf_words_keep_turkish_letters(tmp_path: Path, settings: Settings) -> None:
    path = text_pdf(
        ["Satıcı: ÇAĞRI ÖZTÜRK İNŞAAT ŞİRKETİ", "Vergi Dairesi: Üsküdar" * 2], tmp_path / "a.pdf"
    )
    doc = ingest(path, settings)
    assert doc.media_type == PDF and doc.page_count == 1
    page = doc.pages[0]
    assert page.text_source == "text_layer" and page.unit == "pt"
    texts = [w.text for w in page.words]
    assert "ÇAĞRI" in texts and "İNŞAAT" in texts and "Satıcı:" in texts
    assert all(
        0 <= w.x0 < w.x1 <= page.width and 0 <= w.y0 < w.y1 <= page.height for w in page.words
    )


def test_pdf_without_enough_text_has_no_words(tmp_path: Path, settings: Settings) -> None:
    doc = ingest(text_pdf(["x"], tmp_path / "a.pdf"), settings)
    assert doc.pages[0].words == () and doc.pages[0].text_source == "none"


def test_name_does_not_decide_format(tmp_path: Path, settings: Settings) -> None:
    path = text_pdf(["Fatura No: ABC2024000000001 ve başka metin"], tmp_path / "scan.jpg")
    assert ingest(path, settings).media_type == PDF


def _image_bytes(fmt: str, size: tuple[int, int] = (40, 30), frames: int = 1) -> bytes:
    buffer = io.BytesIO()
    images = [Image.new("RGB", size, (255, 255 - i * 40, 255)) for i in range(frames)]
    images[0].save(buffer, format=fmt, save_all=frames > 1, append_images=images[1:])
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "media_type"), [("PNG", PNG), ("JPEG", JPEG), ("TIFF", TIFF)])
def test_images(tmp_path: Path, settings: Settings, fmt: str, media_type: str) -> None:
    path = tmp_path / "img.bin"
    path.write_bytes(_image_bytes(fmt))
    doc = ingest(path, settings)
    assert doc.media_type == media_type
    page = doc.pages[0]
    assert (page.width, page.height, page.unit) == (40, 30, "px")
    assert isinstance(page.image, np.ndarray) and page.image.shape[:2] == (30, 40)


def test_multipage_tiff(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "fax.tif"
    path.write_bytes(_image_bytes("TIFF", frames=3))
    doc = ingest(path, settings)
    assert [p.number for p in doc.pages] == [1, 2, 3]


def test_image_pixel_limit_checked_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(_image_bytes("PNG", size=(3000, 2000)))
    with pytest.raises(TooLargeError, match="max_image_pixels"):
        ingest(path, load_settings(max_image_pixels=1_000_000))


def test_file_size_limit(tmp_path: Path) -> None:
    path = text_pdf(["Fatura No: ABC2024000000001"], tmp_path / "a.pdf")
    with pytest.raises(TooLargeError, match="DOCPIPE_MAX_FILE_BYTES"):
        ingest(path, load_settings(max_file_bytes=100))


def test_page_limit(tmp_path: Path) -> None:
    doc = pymupdf.open()
    for _ in range(3):
        doc.new_page()
    doc.save(tmp_path / "three.pdf")
    with pytest.raises(TooLargeError, match="max_pages=2"):
        ingest(tmp_path / "three.pdf", load_settings(max_pages=2))


def test_bad_files(bad_files: dict[str, Path], settings: Settings) -> None:
    expected = {
        "empty": (EmptyFileError, "empty"),
        "corrupt": (CorruptFileError, "damaged"),
        "encrypted": (EncryptedFileError, "password"),
        "text_named_pdf": (UnsupportedFormatError, "plain text"),
    }
    for name, (error, needle) in expected.items():
        with pytest.raises(error, match=needle):
            ingest(bad_files[name], settings)


def test_truncated_png(tmp_path: Path, settings: Settings) -> None:
    data = _image_bytes("PNG", size=(200, 200))
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError):
        ingest(path, settings)


# -- hostile input: only regular files, formats phones send, blank pages ------------------


def _no_hang(seconds: int = 20) -> None:
    """Fail (instead of hanging the suite) if the code under test blocks."""

    def _alarm(signum: int, frame: object) -> None:
        raise TimeoutError("blocked")

    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path, settings: Settings) -> None:
    fifo = tmp_path / "x.pdf"
    os.mkfifo(fifo)
    _no_hang()
    try:
        with pytest.raises(UnsafeFileError, match="named pipe"):
            read_bytes(fifo, settings)
    finally:
        signal.alarm(0)


def test_sockets_and_folders_named_like_documents_are_refused(
    tmp_path: Path, settings: Settings
) -> None:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(tmp_path / "s.pdf"))
    server.close()
    (tmp_path / "d.pdf").mkdir()
    with pytest.raises(UnsafeFileError, match="a socket"):
        read_bytes(tmp_path / "s.pdf", settings)
    with pytest.raises(UnsafeFileError, match="a folder"):
        read_bytes(tmp_path / "d.pdf", settings)
    with pytest.raises(UnsafeFileError, match="a device"):
        read_bytes(Path("/dev/zero"), settings)


def test_iter_files_yields_special_files_so_they_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "folder.pdf").mkdir()
    (tmp_path / "folder.pdf" / "inner.pdf").write_bytes(b"%PDF-")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.pdf").write_bytes(b"%PDF-")
    (tmp_path / "a.truth.json").write_text("{}", encoding="utf-8")
    names = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert names == ["folder.pdf", "pipe.pdf", "sub/a.pdf"]


def _text_picture(mode: str, size: tuple[int, int] = (600, 300)) -> Image.Image:
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 100), "FATURA 120,00 TL", fill=0, font=ImageFont.load_default(size=40))
    if mode == "I;16":
        return Image.fromarray(np.asarray(image, dtype=np.uint16) * 257)
    return image.convert(mode)


def _saved(image: Image.Image, fmt: str) -> bytes:
    if fmt == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("mode", "fmt", "media_type", "channels"),
    [
        ("RGB", "WEBP", WEBP, 3),
        ("RGB", "HEIF", HEIF, 3),
        ("I;16", "PNG", PNG, 1),
        ("CMYK", "JPEG", JPEG, 3),
        ("LA", "PNG", PNG, 3),
    ],
)
def test_formats_phones_and_scanners_send(
    tmp_path: Path, settings: Settings, mode: str, fmt: str, media_type: str, channels: int
) -> None:
    path = tmp_path / "photo"
    path.write_bytes(_saved(_text_picture(mode), fmt))
    doc = ingest(path, settings)
    page = doc.pages[0]
    assert doc.media_type == media_type and not page.blank
    assert page.image is not None and page.image.dtype == np.uint8
    assert page.image.shape[:2] == (300, 600) and (page.image.ndim == 3) == (channels == 3)
    assert page.image.min() < 60 and page.image.max() > 200  # ink and paper both kept


def test_heif_brands_are_sniffed() -> None:
    assert sniff(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00") == HEIF
    assert sniff(b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00") == HEIF
    assert sniff(b"RIFF\x10\x00\x00\x00WEBPVP8 ") == WEBP
    with pytest.raises(UnsupportedFormatError, match="RIFF"):
        sniff(b"RIFF\x10\x00\x00\x00WAVEfmt ")


def test_a_giant_blank_page_is_kept_small(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "blank.png"
    Image.new("L", (6000, 6000), 250).save(path, compress_level=1)
    page = ingest(path, settings).pages[0]
    assert page.blank and page.image is not None and page.image.size <= 1_000_000


@pytest.mark.parametrize(
    ("image", "blank"),
    [
        (np.full((1, 1), 255, np.uint8), True),
        (np.zeros((12, 400), np.uint8), True),  # lower than a letter
        (np.full((3000, 2000), 240, np.uint8), True),
        (np.asarray(_text_picture("L")), False),
        (np.asarray(_text_picture("L", (800, 9000))), False),  # a long receipt, one line
    ],
)
def test_looks_blank(image: np.ndarray, blank: bool) -> None:
    assert looks_blank(image) is blank


def test_reading_stops_at_the_deadline_and_says_where(settings: Settings) -> None:
    pages = tuple(
        Page(number=n, width=600, height=300, unit="px", image=np.asarray(_text_picture("L")))
        for n in (1, 2)
    )
    doc = Document(path="x", sha256="0", media_type=PNG, size_bytes=1, pages=pages)
    read, stopped_at = read_text_until(doc, settings, deadline=0.0)
    assert stopped_at == 1 and read.pages == doc.pages
