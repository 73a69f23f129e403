"""Raster images (PNG, JPEG, TIFF with several pages, WebP, HEIC/HEIF) into pages.

The header is read first and the pixel count checked against
``max_image_pixels`` before anything is decoded, so a decompression bomb is
refused without allocating its pixels. 16-bit and CMYK images are brought to
8-bit grey or RGB; transparent ones are laid on white (a page's paper).

A page with nothing on it (uniform, or smaller than a letter) is recognised on
a downscaled copy (``looks_blank``) and kept only as that small copy, marked
``blank``: a 9000×9000 white page costs one decode and no OCR, and a 300-frame
TIFF of empty pages holds 300 thumbnails, not 300 full frames.

HEIC/HEIF needs the ``pillow-heif`` plugin (a dependency); without it the file
is refused with the install command.
"""

from __future__ import annotations

import io
import math
import warnings
from functools import cache

import cv2
import numpy as np
from PIL import Image, ImageSequence, UnidentifiedImageError

from docpipe.document import Page
from docpipe.errors import CorruptFileError, DependencyError, TooLargeError
from docpipe.settings import Settings

#: Blank detection works on a copy of at most this many pixels (a pixel budget, not a
#: side: a long receipt keeps its lines legible, a 9000×9000 page shrinks 9×).
BLANK_CHECK_PIXELS = 1_000_000
#: Tesseract's limit on either side of an image (it refuses wider ones).
MAX_SIDE = 32767
#: A page narrower or lower than this (in pixels) cannot hold a readable letter.
MIN_CONTENT_SIDE = 16
#: A pixel counts as ink when it differs this much (0..255) from the page's median.
_INK_CONTRAST = 40
#: ... and the page is blank when fewer than this share of its pixels are ink
_INK_SHARE = 0.0001
#: ... and fewer than this share differ even mildly (a photo of a table, a wall, a
#: lit surface has texture: "no document found in the photo" is the better verdict).
_TEXTURE_CONTRAST = 20
_TEXTURE_SHARE = 0.01


def read_image(
    data: bytes, settings: Settings, media_type: str | None = None, *, number: int | None = None
) -> tuple[Page, ...]:
    """The image's pages (one per frame), or only page ``number`` (1-based): its frame
    alone is decoded (``Image.seek``), which a process reading one page of a long scan
    wants."""
    Image.MAX_IMAGE_PIXELS = None  # we apply our own, configurable limit below
    if media_type == "image/heif":
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
            if number is not None:
                return (_one_frame(image, number, settings),)
            pages = []
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index >= settings.max_pages:
                    raise _too_many_frames(settings)
                pages.append(_frame_to_page(frame, index + 1, settings))
    except (TooLargeError, CorruptFileError):
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise CorruptFileError(
            "the image is damaged or truncated and cannot be decoded; ask for a new copy"
        ) from None
    return tuple(pages)


def _one_frame(image: Image.Image, number: int, settings: Settings) -> Page:
    if number > settings.max_pages:
        raise _too_many_frames(settings)
    if number < 1:
        raise ValueError(f"no page {number}: pages are numbered from 1")
    image.seek(number - 1)  # EOFError past the last frame: a damaged file to the caller
    return _frame_to_page(image, number, settings)


def _too_many_frames(settings: Settings) -> TooLargeError:
    return TooLargeError(
        f"the image has more than max_pages={settings.max_pages} frames; "
        "split it or raise DOCPIPE_MAX_PAGES"
    )


@cache
def _register_heif() -> None:
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        raise DependencyError(
            "reading HEIC/HEIF photos needs the pillow-heif package; "
            "install it with `pip install pillow-heif`, or convert the photo to JPEG"
        ) from None
    register_heif_opener()


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
    if max(width, height) > MAX_SIDE:
        raise TooLargeError(
            f"page {number} is {width}×{height} pixels; Tesseract reads at most {MAX_SIDE} "
            "pixels a side: cut the image into pages or scan at a lower resolution"
        )
    dpi = _dpi(frame)
    factor = math.sqrt(width * height / BLANK_CHECK_PIXELS)
    if factor >= 2:  # a big page: look at a reduced copy before converting it at full size
        try:
            reduced = _eight_bit(frame.reduce(int(factor)))
        except (ValueError, NotImplementedError):  # a mode reduce() does not take
            reduced = None
        if reduced is not None and looks_blank(reduced):
            return _blank_page(number, *_thumbnail(reduced), dpi, int(factor))
    pixels = _eight_bit(frame)
    pixels, dpi = _square_pixels(pixels, frame, settings)
    small, shrunk = _thumbnail(pixels)
    if looks_blank(small):
        return _blank_page(number, small, shrunk, dpi, 1)
    return Page(
        number=number,
        width=float(pixels.shape[1]),
        height=float(pixels.shape[0]),
        unit="px",
        image=pixels,
        dpi=dpi,
    )


def _blank_page(
    number: int, small: np.ndarray, shrunk: float, dpi: float | None, reduced: int
) -> Page:
    """Keep only the small copy: nothing on the page is worth full resolution."""
    factor = shrunk * reduced
    return Page(
        number=number,
        width=float(small.shape[1]),
        height=float(small.shape[0]),
        unit="px",
        image=small,
        dpi=dpi / factor if dpi else None,
        blank=True,
    )


#: Resolutions further apart than this between the axes are stretched to square pixels.
_ANISOTROPY = 1.05
#: ... up to this ratio (a header claiming more is wrong, not a fax).
_MAX_ANISOTROPY = 4.0


def _square_pixels(
    pixels: np.ndarray, frame: Image.Image, settings: Settings
) -> tuple[np.ndarray, float | None]:
    """A page whose axes were sampled at different resolutions, stretched to square pixels.

    A fax in standard mode is 204 × 98 dpi: every letter is half as tall as it is in
    the image's columns, which Tesseract reads as garbage. The axis with the lower
    resolution is stretched (nearest neighbour, so a 1-bit page stays 1-bit for the
    preprocessing's bilevel handling) and the page gets the higher resolution.
    """
    try:
        xdpi, ydpi = (float(v) for v in frame.info["dpi"][:2])
    except (KeyError, TypeError, ValueError):
        return pixels, _dpi(frame)
    if not (xdpi > 0 and ydpi > 0):
        return pixels, _dpi(frame)
    ratio = max(xdpi, ydpi) / min(xdpi, ydpi)
    if ratio <= _ANISOTROPY or ratio > _MAX_ANISOTROPY:
        return pixels, xdpi
    height, width = pixels.shape[:2]
    size = (round(width * max(1.0, ydpi / xdpi)), round(height * max(1.0, xdpi / ydpi)))
    if size[0] * size[1] > settings.max_image_pixels or max(size) > MAX_SIDE:
        return pixels, xdpi
    return cv2.resize(pixels, size, interpolation=cv2.INTER_NEAREST), max(xdpi, ydpi)


def _dpi(frame: Image.Image) -> float | None:
    dpi = frame.info.get("dpi")
    try:
        return float(dpi[0]) if dpi and dpi[0] else None
    except (TypeError, ValueError, IndexError):
        return None


def _eight_bit(frame: Image.Image) -> np.ndarray:
    """Grey or RGB 8-bit pixels of any Pillow mode (16-bit, CMYK, palette, alpha)."""
    mode = frame.mode
    if mode in ("1", "L"):
        return np.asarray(frame.convert("L"))
    if mode.startswith("I") or mode == "F":  # 16/32-bit grey: scale to the range used
        values = np.asarray(frame, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        if high <= 255 and low >= 0:
            return values.astype(np.uint8)
        span = high - low or 1.0
        return ((values - low) * (255.0 / span)).astype(np.uint8)
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(paper, rgba).convert("RGB"))
    return np.asarray(frame.convert("RGB"))  # RGB, CMYK, YCbCr, P, LAB, HSV


def _thumbnail(pixels: np.ndarray) -> tuple[np.ndarray, float]:
    """A grey copy of at most ``BLANK_CHECK_PIXELS``, and the factor it was shrunk by."""
    grey = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    height, width = grey.shape[:2]
    factor = max(1.0, math.sqrt(height * width / BLANK_CHECK_PIXELS))
    if factor == 1.0:
        return np.ascontiguousarray(grey), 1.0
    size = (max(1, math.floor(width / factor)), max(1, math.floor(height / factor)))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA), factor


def looks_blank(image: np.ndarray) -> bool:
    """Whether a page image holds nothing to read: too small, or (almost) no ink.

    Works on a downscaled copy (``BLANK_CHECK_PIXELS``), so it costs the same for a
    9000×9000 page as for a receipt. Scanner noise and paper texture stay under
    ``_INK_CONTRAST``; one line of text is far above ``_INK_SHARE`` of the page; a
    photo of a surface without a document has texture and is not called blank.
    """
    if image.size == 0 or min(image.shape[:2]) < MIN_CONTENT_SIDE:
        return True
    small, _ = _thumbnail(image)
    away = np.abs(small.astype(np.int16) - int(np.median(small)))
    ink = np.count_nonzero(away > _INK_CONTRAST)
    texture = np.count_nonzero(away > _TEXTURE_CONTRAST)
    return bool(ink < _INK_SHARE * small.size and texture < _TEXTURE_SHARE * small.size)
