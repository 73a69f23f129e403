"""Preprocess: make a scan or photo of a page legible for OCR (OpenCV).

Input: a page image (grey or RGB ``ndarray``) and its dpi; output: the image
Tesseract should read plus a ``Preprocessing`` record of every step that ran
and what it measured (angle, quad, scale, …). Only pages without a usable text
layer come here; born-digital PDF pages are never touched. Each step is a
small function in ``steps.py`` switched on or off in ``Settings``; the order
is fixed: orientation → perspective → resample → deskew → contrast (washed-out
scans, ``contrast.py``) → inverted regions → illumination → denoise → binarise →
ruling lines (``perspective`` also follows a curled page's bowed edges,
``dewarp.py``). Measurements are numbers
and flags only, never text, so the record may be logged and stored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from docpipe.document import StepRecord
from docpipe.preprocess import steps
from docpipe.preprocess.contrast import contrast
from docpipe.preprocess.state import PageState
from docpipe.settings import Settings

Step = Callable[[np.ndarray, PageState], tuple[np.ndarray, dict]]


# (name, settings switch, function)
STEPS: tuple[tuple[str, str, Step], ...] = (
    ("orient", "preprocess_orient", steps.orient),
    ("perspective", "preprocess_perspective", steps.perspective),
    ("resample", "preprocess_resample", steps.resample),
    ("deskew", "preprocess_deskew", steps.deskew),
    ("contrast", "preprocess_contrast", contrast),
    ("invert_regions", "preprocess_invert_regions", steps.invert_regions),
    ("illumination", "preprocess_illumination", steps.illumination),
    ("denoise", "preprocess_denoise", steps.denoise),
    ("binarise", "preprocess_binarise", steps.binarise),
    ("remove_rules", "preprocess_remove_rules", steps.remove_rules),
)
STEP_NAMES = tuple(name for name, _, _ in STEPS)


@dataclass(frozen=True)
class Preprocessed:
    image: np.ndarray
    dpi: float | None
    steps: tuple[StepRecord, ...]
    document_found: bool = True


def preprocess_image(
    image: np.ndarray,
    dpi: float | None,
    settings: Settings,
    *,
    only: frozenset[str] | None = None,
) -> Preprocessed:
    """Run the switched-on steps (or exactly ``only``, for benchmarks) over ``image``."""

    def enabled(name: str, switch: str) -> bool:
        return (name in only) if only is not None else bool(getattr(settings, switch))

    state = PageState(
        dpi=dpi,
        target_dpi=settings.preprocess_target_dpi,
        languages=settings.ocr_languages,
        timeout_s=settings.ocr_timeout_s,
        colour=image if image.ndim == 3 else None,
        perspective_follows=enabled("perspective", "preprocess_perspective"),
    )
    records: list[StepRecord] = []
    grey = steps.to_grey(image)
    for name, switch, func in STEPS:
        if not enabled(name, switch):
            continue
        start = time.perf_counter()
        grey, measured = func(grey, state)
        records.append(
            StepRecord(
                name=name,
                seconds=round(time.perf_counter() - start, 4),
                measured=tuple(sorted(measured.items())),
            )
        )
    return Preprocessed(
        image=grey, dpi=state.dpi, steps=tuple(records), document_found=state.document_found
    )


__all__ = ["STEPS", "STEP_NAMES", "PageState", "Preprocessed", "preprocess_image"]
