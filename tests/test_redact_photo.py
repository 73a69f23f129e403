"""The ID-photo detector on every identity sample, on photographed cards, and on pages
that hold no photo.

The truth box is what samplegen draws: its ``_Card.photo`` call is recorded while a
card is rendered (the layout does not depend on the person or the dpi), and for
photographed cards the perspective matrix ``photograph`` computes is recorded too.
Nothing here is tuned to pixel positions: the detector never sees these boxes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pymupdf
import pytest

from docpipe.redact.photo import find_photo_regions
from samplegen import idcard
from samplegen.identity import random_person
from samplegen.photo import photograph

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED = 1923  # samples/README.md: python -m samplegen --seed 1923

Rect = tuple[float, float, float, float]


def _rgb(path: Path) -> np.ndarray:
    return cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)


def _drawn_photo(monkeypatch: pytest.MonkeyPatch, draw: Callable[..., object]) -> Rect:
    """The photo rectangle (x0, y0, x1, y1, in PDF points) samplegen draws on a document."""
    seen: list[Rect] = []
    original = idcard._Card.photo

    def spy(self: idcard._Card, x: float, y: float, w: float, h: float) -> None:
        seen.append((x, y, x + w, y + h))
        original(self, x, y, w, h)

    with monkeypatch.context() as m:
        m.setattr(idcard._Card, "photo", spy)
        draw(random_person(random.Random("layout")), dpi=36)
    assert len(seen) == 1
    return seen[0]


def _iou(a: Rect, b: Rect) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area


def _covers(found: Rect, truth: Rect) -> float:
    ix = max(0.0, min(found[2], truth[2]) - max(found[0], truth[0]))
    iy = max(0.0, min(found[3], truth[3]) - max(found[1], truth[1]))
    return ix * iy / ((truth[2] - truth[0]) * (truth[3] - truth[1]))


def _assert_one_photo(image: np.ndarray, truth: Rect) -> None:
    regions = find_photo_regions(image)
    assert len(regions) == 1, f"{len(regions)} regions"
    assert _iou(regions[0], truth) >= 0.6, f"IoU {_iou(regions[0], truth):.2f}"
    assert _covers(regions[0], truth) >= 0.95, f"covers {_covers(regions[0], truth):.2f}"


DOCUMENTS = {
    "id/kimlik_01_front.jpg": (idcard.card_front, idcard.CARD),
    "id/kimlik_02_front.jpg": (idcard.card_front, idcard.CARD),
    "id/pasaport_01.jpg": (idcard.passport_page, idcard.PASSPORT),
    "id/nufus_cuzdani_01.jpg": (idcard.nufus_cuzdani, idcard.CUZDAN),
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_finds_the_photo_on_every_identity_sample(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw, size = DOCUMENTS[name]
    image = _rgb(SAMPLES / name)
    scale = image.shape[1] / size[0]
    x0, y0, x1, y1 = _drawn_photo(monkeypatch, draw)
    _assert_one_photo(image, (x0 * scale, y0 * scale, x1 * scale, y1 * scale))


def _photographed(
    document: np.ndarray, rng: random.Random, monkeypatch: pytest.MonkeyPatch, **kwargs: object
) -> tuple[np.ndarray, np.ndarray]:
    """``photograph(document)`` and the perspective matrix it used."""
    matrices: list[np.ndarray] = []
    original = cv2.getPerspectiveTransform

    def spy(src: np.ndarray, dst: np.ndarray, *args: object) -> np.ndarray:
        matrix = original(src, dst, *args)
        matrices.append(matrix)
        return matrix

    with monkeypatch.context() as m:
        m.setattr(cv2, "getPerspectiveTransform", spy)
        photo = photograph(document, rng, **kwargs)
    return photo, matrices[0]


def _mapped(rect: Rect, matrix: np.ndarray) -> Rect:
    x0, y0, x1, y1 = rect
    corners = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], dtype=np.float32)
    pts = cv2.perspectiveTransform(corners, matrix)[0]
    return (pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max())


@pytest.mark.parametrize(
    ("name", "seed"),
    [(n, s) for n in sorted(DOCUMENTS) if "kimlik_02" not in n for s in ("a", "b")],
)
def test_finds_the_photo_on_photographed_documents(
    name: str, seed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each identity sample photographed on a table at two random perspectives."""
    draw, size = DOCUMENTS[name]
    document = _rgb(SAMPLES / name)
    scale = document.shape[1] / size[0]
    x0, y0, x1, y1 = _drawn_photo(monkeypatch, draw)
    photo, matrix = _photographed(document, random.Random(seed), monkeypatch, fill=0.75)
    truth = _mapped((x0 * scale, y0 * scale, x1 * scale, y1 * scale), matrix)
    _assert_one_photo(photo, truth)


@pytest.mark.parametrize(
    ("name", "person", "draw", "dpi", "fill", "passport"),
    [
        ("kimlik_03_front_photo", "kimlik_03", idcard.card_front, 400, 0.8, False),
        ("pasaport_02_photo", "pasaport_02", idcard.passport_page, 300, 0.85, True),
    ],
)
def test_finds_the_photo_on_the_phone_photo_samples(
    name: str,
    person: str,
    draw: Callable[..., np.ndarray],
    dpi: int,
    fill: float,
    passport: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The photo samples, with the truth box from re-running their generator."""
    p = random_person(random.Random(f"{SEED}/{person}"), passport=passport)
    document = draw(p, dpi)
    rng = random.Random(f"{SEED}/{name}")
    regenerated, matrix = _photographed(document, rng, monkeypatch, fill=fill)
    sample = _rgb(SAMPLES / "photos" / f"{name}.jpg")
    drift = np.abs(regenerated.astype(np.int16) - sample.astype(np.int16)).mean()
    assert drift < 3, "the sample no longer matches its generator"
    x0, y0, x1, y1 = _drawn_photo(monkeypatch, draw)
    scale = dpi / 72
    _assert_one_photo(sample, _mapped((x0 * scale, y0 * scale, x1 * scale, y1 * scale), matrix))


NO_PHOTO = [
    "id/kimlik_01_back.jpg",
    "id/kimlik_02_back.jpg",
    "photos/kimlik_03_back_photo.jpg",
    "photos/no_document.jpg",
    *(f"scans/{p.name}" for p in sorted((SAMPLES / "scans").glob("*.jpg"))),
    *(f"photos/{p.name}" for p in sorted((SAMPLES / "photos").glob("e*_photo.jpg"))),
]


@pytest.mark.parametrize("name", NO_PHOTO)
def test_no_photo_where_there_is_none(name: str) -> None:
    assert find_photo_regions(_rgb(SAMPLES / name)) == []


def test_no_photo_on_an_invoice_page_or_in_grey() -> None:
    with pymupdf.open(SAMPLES / "invoices" / "earsiv_01.pdf") as pdf:
        pix = pdf[0].get_pixmap(dpi=150, alpha=False)
    page = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, 3)
    assert find_photo_regions(page) == []
    grey_card = cv2.cvtColor(_rgb(SAMPLES / "id" / "kimlik_01_front.jpg"), cv2.COLOR_RGB2GRAY)
    assert len(find_photo_regions(grey_card)) == 1  # burn-in may hand over grey pages


def test_empty_and_tiny_images_give_nothing() -> None:
    assert find_photo_regions(np.zeros((0, 0, 3), np.uint8)) == []
    assert find_photo_regions(np.full((8, 8), 255, np.uint8)) == []
