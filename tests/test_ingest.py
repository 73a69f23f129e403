"""Ingest: content sniffing, PDF text layers, images, and every kind of bad file."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image

from docpipe.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    TooLargeError,
    UnsupportedFormatError,
)
from docpipe.ingest import ingest
from docpipe.ingest.sniff import JPEG, PDF, PNG, TIFF, XML, ZIP, sniff
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
