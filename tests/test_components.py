"""Components labelled on inked rows only: the same as OpenCV labelling the whole mask."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from docpipe.ocr.components import sparse_components
from docpipe.preprocess import steps
from docpipe.preprocess.state import PageState


def _opencv(mask: np.ndarray) -> tuple[list[tuple[int, ...]], np.ndarray, np.ndarray]:
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return sorted(map(tuple, stats[1:count].tolist())), labels, stats[:count]


@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("density", [0.0, 0.002, 0.03, 0.4])
def test_sparse_components_match_opencv_on_the_whole_mask(axis: int, density: float) -> None:
    rng = np.random.default_rng(17)
    for _ in range(20):
        h, w = (int(v) for v in rng.integers(1, 90, 2))
        mask = (rng.random((h, w)) < density).astype(np.uint8)
        mask[rng.integers(0, h, 3)] = 1  # a few full rows: bands that touch their neighbours
        expected, labels, stats = _opencv(mask)
        found = sparse_components(mask, axis)
        assert sorted(map(tuple, found.stats[1:].tolist())) == expected
        # every second component painted back is exactly that component's pixels
        keep = np.zeros(found.count, bool)
        keep[1::2] = True
        chosen = {tuple(row) for row in found.stats[1:][keep[1:]].tolist()}
        reference = np.isin(labels, [i for i in range(1, len(stats))
                                     if tuple(stats[i].tolist()) in chosen])  # fmt: skip
        assert np.array_equal(found.paint(keep), reference.astype(np.uint8))


def test_components_apart_by_one_empty_row_stay_apart() -> None:
    mask = np.zeros((7, 10), np.uint8)
    mask[1, 2:8] = 1
    mask[3, 2:8] = 1  # one empty row between: two components, each one row tall
    mask[5:7, 0] = 1
    found = sparse_components(mask)
    assert sorted(map(tuple, found.stats[1:, :4].tolist())) == [(0, 5, 1, 2), (2, 1, 6, 1),
                                                                (2, 3, 6, 1)]  # fmt: skip


def test_an_empty_mask_has_no_components() -> None:
    found = sparse_components(np.zeros((40, 30), np.uint8), axis=1)
    assert found.count == 1
    assert not found.paint(np.zeros(1, bool)).any()


def test_rule_removal_erases_what_the_full_page_labelling_erased() -> None:
    """The rules found on inked rows are the rules a labelling of the whole page finds."""
    page = np.full((600, 800), 255, np.uint8)
    for y in (100, 250, 400):
        cv2.line(page, (40, y), (760, y + 3), 0, 2)  # a slightly slanted ruling
    cv2.line(page, (400, 90), (400, 410), 0, 2)
    cv2.rectangle(page, (40, 450), (760, 520), 0, -1)  # a solid band: too thick for a rule
    cv2.putText(page, "KDV 12,50", (60, 200), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    out, info = steps.remove_rules(page, PageState(150.0, 300, "tur+eng", 60.0))
    ink = page < 200
    erased = ink & (out == 255)
    assert info["pixels"] == int(erased.sum()) > 0
    assert (out[450:521, 40:761] == 0).all()  # the band stays
    assert (out[100:106, 100:300] == 255).all()  # the ruling goes
    assert (out[170:205, 60:300] < 200).sum() > 500  # the text stays
