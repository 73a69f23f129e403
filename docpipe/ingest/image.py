"""Raster images (PNG, JPEG, TIFF with several pages) into pages with pixels.

The header is read first and the pixel count checked against
``max_image_pixels`` before anything is decoded, so a decompression bomb is
refused without allocating its pixels.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from docpipe.document import Page
from docpipe.errors import CorruptFileError, TooLargeError
from docpipe.settings import Settings


def read_image(data: bytes, settings: Settings) -> tuple[Page, ...]:
    Image.MAX_IMAGE_PIXELS = None  # we apply our own, configurable limit below
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            pages = []
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= settings.max_pages:
                    raise TooLargeError(
                        f"the image has more than max_pages={settings.max_pages} frames; "
                        "split it or raise DOCPIPE_MAX_PAGES"
                    )
                pages.append(_frame_to_page(frame, index + 1, settings))
    except (TooLargeError, CorruptFileError):
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise CorruptFileError(
            "the image is damaged or truncated and cannot be decoded; ask for a new copy"
        ) from None
    return tuple(pages)


def _frame_to_page(frame: Image.Image, number: int, settings: Settings) -> Page:
    width, height = frame.size
    if width < 1 or height < 1:
        raise CorruptFileError("the image has no pixels")
    if width * height > settings.max_image_pixels:
        raise TooLargeError(
            f"page {number} is {width}×{height} pixels, more than "
            f"max_image_pixels={settings.max_image_pixels}; scan at a lower resolution "
            "or raise DOCPIPE_MAX_IMAGE_PIXELS"
        )
    dpi = frame.info.get("dpi")
    pixels = np.asarray(frame.convert("L" if frame.mode in ("1", "L", "I;16") else "RGB"))
    return Page(
        number=number,
        width=float(width),
        height=float(height),
        unit="px",
        image=pixels,
        dpi=float(dpi[0]) if dpi and dpi[0] else None,
    )
