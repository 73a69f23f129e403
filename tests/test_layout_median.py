"""``layout.median_height`` is ``statistics.median`` of the words' heights, value for value."""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import pytest

from docpipe.document import Word
from docpipe.ingest import ingest
from docpipe.settings import load_settings
from docpipe.text.layout import median_height, page_lines
from tests.conftest import fresh_seed

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _word(y0: float, y1: float) -> Word:
    return Word("x", (0.0, y0, 10.0, y1))


def test_same_value_as_statistics_median_on_random_heights() -> None:
    rng = random.Random(fresh_seed(__name__))
    for _ in range(2000):
        words = [
            _word(y0 := rng.uniform(0, 800), y0 + rng.choice([rng.uniform(0, 30), 9.5, 12.0]))
            for _ in range(rng.randint(1, 12))
        ]
        expected = statistics.median(w.height for w in words)
        assert median_height(words) == expected
        assert median_height(tuple(words)) == expected


def test_no_words_raises_like_statistics() -> None:
    with pytest.raises(statistics.StatisticsError):
        median_height([])


def test_every_line_and_segment_of_the_samples() -> None:
    settings = load_settings()
    checked = 0
    for path in sorted([*SAMPLES.glob("invoices/*.pdf"), *SAMPLES.glob("designs/*.pdf")]):
        for page in ingest(path, settings).pages:
            for line in page_lines(page):
                for run in [line, *line.segments()]:
                    assert run.height == statistics.median(w.height for w in run.words)
                    checked += 1
    assert checked > 500
