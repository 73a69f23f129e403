"""Scans and photos end to end: limits, blank pages, no document, reproducible samples."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from docpipe.evaluate import evaluate
from docpipe.pipeline import Pipeline
from docpipe.settings import Settings
from samplegen.build import drift, generate
from samplegen.images import generate_images, rows
from samplegen.plan import DEFAULT_SEED

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def run(path: Path, settings: Settings):
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        return pipeline.process(path)


def test_huge_image_is_refused_before_decoding(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "huge.png"
    Image.new("1", (20000, 20000), 1).save(path)  # 400 Mpx, a few kB on disk
    result = run(path, settings)
    assert result.status.value == "failed"
    assert result.error is not None and result.error.category == "too_large"
    assert "20000×20000 pixels" in result.error.reason
    assert "DOCPIPE_MAX_IMAGE_PIXELS" in result.error.reason


def test_blank_page_fails_with_no_content(tmp_path: Path, settings: Settings) -> None:
    # issue 18: empty is not processed (it used to be a needs_review record with nothing in it)
    path = tmp_path / "blank.png"
    Image.fromarray(np.full((1754, 1240), 255, np.uint8)).save(path, dpi=(150, 150))
    result = run(path, settings)
    assert result.status.value == "failed" and result.error is not None
    assert result.error.category == "no_content" and result.error.stage == "read"
    assert result.error.reason.startswith("no content: every page is blank")


def test_photo_without_a_document(settings: Settings) -> None:
    result = run(SAMPLES / "photos/no_document.jpg", settings)
    assert result.status.value == "needs_review"
    assert [c.reason for c in result.failed_checks] == ["no document found in the photo"]


def test_raster_samples_match_the_generator() -> None:
    files = generate(DEFAULT_SEED)
    images = generate_images(files, DEFAULT_SEED)
    assert sorted(path for path, _ in rows()) == sorted(
        p for p in images if not p.endswith(".truth.json")
    )
    assert drift(SAMPLES, {**files, **images}) == [], "run: python -m samplegen"
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < 25 * 1024 * 1024


def test_raster_generation_is_deterministic() -> None:
    files = generate(DEFAULT_SEED)
    assert generate_images(files, DEFAULT_SEED) == generate_images(files, DEFAULT_SEED)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("DOCPIPE_RUN_SLOW"), reason="OCR of every raster sample; DOCPIPE_RUN_SLOW=1"
)
@pytest.mark.parametrize(("folder", "minimum"), [("id", 0.97), ("photos", 0.9), ("scans", 0.95)])
def test_eval_on_raster_samples(folder: str, minimum: float, settings: Settings) -> None:
    report = evaluate(SAMPLES / folder, settings)
    assert report.total.accuracy >= minimum
