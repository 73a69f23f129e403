"""``ingest_page``: one page of a PDF or multi-frame image, equal to that page of ``ingest``."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pymupdf
import pytest
from PIL import Image, ImageDraw

from docpipe.document import Page
from docpipe.errors import CorruptFileError, TooLargeError, UnsupportedFormatError
from docpipe.ingest import ingest, ingest_page
from docpipe.settings import Settings, load_settings


def _frames() -> list[Image.Image]:
    """Frames as a scanner or fax writes them: colour, grey, bilevel, blank, sizes apart."""
    frames = []
    for index, (mode, size) in enumerate(
        [("RGB", (620, 410)), ("L", (500, 700)), ("1", (800, 300)), ("L", (2400, 1800))]
    ):
        image = Image.new(mode, size, "white")
        if index < 3:  # the last one stays blank, kept as a thumbnail
            draw = ImageDraw.Draw(image)
            for row in range(20, size[1] - 20, 40):
                draw.text((20 + index * 7, row), f"Fatura {index} satir {row}", fill="black")
            draw.rectangle((10, 10, size[0] - 10, size[1] - 10), outline="black", width=2)
        frames.append(image)
    return frames


def _tiff(path: Path) -> Path:
    frames = _frames()
    frames[0].save(
        path, save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(200, 200)
    )
    return path


def _same(one: Page, whole: Page) -> None:
    assert (one.number, one.width, one.height, one.unit, one.dpi, one.blank) == (
        whole.number,
        whole.width,
        whole.height,
        whole.unit,
        whole.dpi,
        whole.blank,
    )
    assert (one.words, one.text_source) == (whole.words, whole.text_source)
    if whole.image is None:
        assert one.image is None
    else:
        assert one.image is not None and one.image.dtype == whole.image.dtype
        assert np.array_equal(one.image, whole.image)


def test_each_tiff_frame_alone_equals_that_page_of_the_whole(
    tmp_path: Path, settings: Settings
) -> None:
    path = _tiff(tmp_path / "scan.tif")
    whole = ingest(path, settings)
    assert len(whole.pages) == 4 and whole.pages[3].blank
    assert len({p.image.shape for p in whole.pages if p.image is not None}) == 4
    for page in whole.pages:
        doc = ingest_page(path, settings, page.number)
        assert (doc.media_type, doc.sha256, doc.size_bytes) == (
            whole.media_type,
            whole.sha256,
            whole.size_bytes,
        )
        [one] = doc.pages
        _same(one, page)


def test_a_frame_past_the_last_is_a_damaged_file(tmp_path: Path, settings: Settings) -> None:
    path = _tiff(tmp_path / "scan.tif")
    with pytest.raises(CorruptFileError):
        ingest_page(path, settings, 5)
    with pytest.raises(TooLargeError, match="max_pages=2"):
        ingest_page(path, load_settings(max_pages=2), 3)


def test_a_single_image_has_its_one_page(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "photo.png"
    _frames()[1].save(path)
    [one] = ingest_page(path, settings, 1).pages
    _same(one, ingest(path, settings).pages[0])
    with pytest.raises(CorruptFileError):
        ingest_page(path, settings, 2)


def test_each_pdf_page_alone_equals_that_page_of_the_whole(
    tmp_path: Path, settings: Settings
) -> None:
    pdf = pymupdf.open()
    for number in range(1, 4):
        page = pdf.new_page()
        if number != 2:  # page 2 is a scan: an image, no text layer
            for row in range(8):
                page.insert_text(
                    (72, 72 + row * 20), f"Sayfa {number} satır {row}: tutar 1.250,00 TL"
                )
        else:
            buffer = io.BytesIO()
            _frames()[0].save(buffer, format="PNG")
            page.insert_image(page.rect, stream=buffer.getvalue())
    path = tmp_path / "mixed.pdf"
    pdf.save(path)
    whole = ingest(path, settings)
    assert [p.has_text for p in whole.pages] == [True, False, True]
    for page in whole.pages:
        doc = ingest_page(path, settings, page.number)
        assert (doc.media_type, doc.sha256, doc.data) == (
            whole.media_type,
            whole.sha256,
            whole.data,
        )
        [one] = doc.pages
        _same(one, page)
    with pytest.raises(CorruptFileError, match="no page 4"):
        ingest_page(path, settings, 4)


def test_xml_has_no_pages_to_pick(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "invoice.xml"
    path.write_text('<?xml version="1.0"?><Invoice/>')
    with pytest.raises(UnsupportedFormatError):
        ingest_page(path, settings, 1)
