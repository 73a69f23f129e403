"""Preprocessing steps on real pixels: each measured, each switchable, scans vs photos."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from docpipe.preprocess import STEP_NAMES, PageState, preprocess_image, steps
from docpipe.settings import Settings, load_settings
from samplegen import scan
from samplegen.photo import photograph, table
from tests.conftest import fresh_seed


def text_page(width: int = 1200, height: int = 900) -> np.ndarray:
    """A white page with rows of dark 'words' (OpenCV text), like a letter at 150 dpi."""
    page = np.full((height, width), 255, np.uint8)
    for row in range(12):
        y = 80 + row * 60
        cv2.putText(
            page, "Fatura No 12345 KDV Toplam", (60, y), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3
        )
    return page


def state(**kw: object) -> PageState:
    base = {"dpi": 300.0, "target_dpi": 300, "languages": "tur+eng", "timeout_s": 60.0}
    return PageState(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize("angle", [-4.0, -1.5, 2.5])
def test_deskew_measures_and_undoes_a_rotation(angle: float) -> None:
    tilted = scan.rotate(text_page(), angle)
    measured, _ = steps.skew_angle(tilted)
    assert measured == pytest.approx(-angle, abs=0.3)
    out, info = steps.deskew(tilted, state())
    assert info["rotated"] is True
    residual, _ = steps.skew_angle(out)
    assert abs(residual) <= 0.3


def test_straight_page_is_not_rotated() -> None:
    out, info = steps.deskew(text_page(), state())
    assert info["rotated"] is False and out.shape == (900, 1200)


def test_perspective_finds_the_page_in_a_photo_and_warps_it() -> None:
    card = np.full((540, 856, 3), 240, np.uint8)
    cv2.putText(card, "KIMLIK KARTI", (60, 200), cv2.FONT_HERSHEY_SIMPLEX, 2, (20, 20, 20), 4)
    photo = cv2.cvtColor(photograph(card, random.Random(1), fill=0.7), cv2.COLOR_RGB2GRAY)
    st = state(dpi=None)
    out, info = steps.perspective(photo, st)
    assert info["photo"] is True and info["quad_found"] is True
    assert len(info["quad"]) == 8
    h, w = out.shape
    assert w / h == pytest.approx(856 / 540, rel=0.1)  # the card's aspect ratio is recovered
    assert st.dpi and 200 < st.dpi < 500  # estimated from ID-1 size: 85.6 mm wide


def test_photo_without_a_document_is_flagged() -> None:
    grey = cv2.cvtColor(table(random.Random(2)), cv2.COLOR_RGB2GRAY)
    st = state(dpi=None)
    _, info = steps.perspective(grey, st)
    assert info == {"photo": True, "quad_found": False}
    assert st.document_found is False


def test_scan_is_not_treated_as_a_photo() -> None:
    _, info = steps.perspective(text_page(), state())
    assert info == {"photo": False}


def test_resample_to_target_dpi() -> None:
    st = state(dpi=150.0)
    out, info = steps.resample(text_page(600, 450), st)
    assert out.shape == (900, 1200) and info["scale"] == 2.0 and st.dpi == 300.0


def test_invert_regions_turns_a_dark_header_light() -> None:
    page = text_page()
    page[300:360, 100:1100] = 40
    cv2.putText(page, "ACIKLAMA MIKTAR", (150, 345), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 3)
    out, info = steps.invert_regions(page, state())
    assert info["regions"] == 1
    assert out[300:360, 100:1100].mean() > 180


def test_invert_regions_leaves_a_bold_title_dark() -> None:
    # heavy capitals close into one blob as solid as a band; the paper between the
    # letters opens onto the page, where a band encloses its white letters
    page = np.full((900, 1200), 255, np.uint8)
    cv2.putText(page, "HIZMET ALIM", (150, 200), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 11)
    out, info = steps.invert_regions(page, state())
    assert info["regions"] == 0
    assert (out == page).all()


def test_invert_regions_leaves_a_photos_deep_shadow_alone() -> None:
    """A hand's shadow across a photographed table leaves paper below 100 grey with its
    own black print on it: that is no band with light letters, and stays dark print on
    grey (inverted, the rows under it turned light on dark and went unread)."""
    page = np.full((900, 1200), 245, np.uint8)
    for y in range(60, 880, 32):  # a table's rows, running out of the shadow to the right
        cv2.putText(page, "3  Tavuk gogsu  198,73 KG  195 TL  %10,00  38.752,35 TL", (40, y),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.8, 20, 2)  # fmt: skip
    ys, xs = np.mgrid[0 : page.shape[0], 0 : page.shape[1]].astype(np.float32)
    deep = np.clip((0.3 - (xs / page.shape[1] + ys / page.shape[0]) / 2) / 0.08, 0, 1)
    shaded = (page * (1 - 0.62 * deep)).astype(np.uint8)  # paper ~93 where deepest
    assert steps._bands(cv2.medianBlur(shaded, 5), 100)  # the dark pass does see it
    out, info = steps.invert_regions(shaded, state())
    assert info["regions"] == 0 and (out == shaded).all()


def test_remove_rules_erases_table_lines_but_keeps_text() -> None:
    page = text_page()
    cv2.line(page, (20, 100), (1180, 100), 0, 3)
    cv2.line(page, (40, 20), (40, 880), 0, 3)
    ink_before = int((page < 128).sum())
    out, info = steps.remove_rules(page, state(dpi=150.0))
    assert info["pixels"] > 0
    assert out[100, 600] == 255 and out[500, 40] == 255
    assert (out < 128).sum() > 0.6 * ink_before  # the words are still there


def test_remove_rules_leaves_plain_text_alone() -> None:
    page = text_page()
    out, info = steps.remove_rules(page, state(dpi=150.0))
    assert info == {"pixels": 0} and out is page


def test_illumination_flattens_a_shadow() -> None:
    page = text_page().astype(np.float32)
    page *= np.linspace(0.5, 1.0, page.shape[1], dtype=np.float32)[None, :]
    out, info = steps.illumination(page.astype(np.uint8), state())
    assert info["background_spread"] > 50
    assert abs(float(out[:, :100].max()) - float(out[:, -100:].max())) < 20


def test_denoise_filters_only_noisy_pages() -> None:
    clean = text_page()
    _, info = steps.denoise(clean, state())
    assert info["filtered"] is False
    noisy = scan.noise(clean, random.Random(3), 20)
    out, info = steps.denoise(noisy, state())
    assert info["filtered"] is True and steps.noise_level(out) < info["sigma"]


def test_denoise_spares_a_full_page_the_filter_for_moderate_noise() -> None:
    """Non-local means on a full page costs more than reading it; Tesseract reads
    through moderate noise there, so only heavy noise is filtered. A card-sized page
    with the same noise is still filtered (cheap there)."""
    page = np.full((2100, 2000), 255, np.uint8)
    for row in range(28):
        cv2.putText(page, "Fatura No 12345 KDV", (60, 80 + row * 70),
                    cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 4)  # fmt: skip
    moderate = scan.noise(page, random.Random(3), 5)
    out, info = steps.denoise(moderate, state())
    assert 2.0 <= info["sigma"] < 6.0 and info["filtered"] is False and out is moderate
    _, info = steps.denoise(scan.noise(page, random.Random(3), 20), state())
    assert info["filtered"] is True
    card = scan.noise(text_page(), random.Random(3), 3)
    _, info = steps.denoise(card, state())
    assert 2.0 <= info["sigma"] < 6.0 and info["filtered"] is True


def test_every_step_is_recorded_and_switchable(settings: Settings) -> None:
    done = preprocess_image(text_page(), 300.0, settings)
    names = [s.name for s in done.steps]
    assert names == [n for n in STEP_NAMES if getattr(settings, f"preprocess_{n}")]
    assert all(isinstance(s.seconds, float) for s in done.steps)
    off = load_settings(preprocess_deskew=False, preprocess_orient=False)
    names_off = [s.name for s in preprocess_image(text_page(), 300.0, off).steps]
    assert "deskew" not in names_off and "orient" not in names_off


def test_orientation_turns_an_upside_down_scan(settings: Settings) -> None:
    """Real Tesseract OSD on a rendered invoice page turned 180°."""
    from pathlib import Path

    pdf = (Path(__file__).resolve().parent.parent / "samples/invoices/kagit_01.pdf").read_bytes()
    page = scan.rasterise(pdf, 150)
    out, info = steps.orient(scan.rotate(page, 180), state(dpi=150.0))
    assert info["rotated"] == 180
    assert np.abs(out.astype(int) - page.astype(int)).mean() < 5


@pytest.fixture(scope="module")
def card_back_scan() -> np.ndarray:
    """A generated ID-card back (MRZ zone included), scanned grey with sensor noise."""
    from samplegen import iddesign
    from samplegen.identity import random_person

    rng = random.Random("orient/card-back")
    rgb = iddesign.card_back(random_person(rng), iddesign.random_design(rng), rng, 300)
    return scan.noise(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), rng, 6)


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_a_card_back_comes_out_upright_however_it_was_turned(
    card_back_scan: np.ndarray, turned: int
) -> None:
    """OSD alone turns card backs by their MRZ zone; the readability check keeps them upright."""
    page = steps._turned(card_back_scan, turned)
    out, info = steps.orient(page, state(dpi=300.0))
    assert info["rotated"] == (360 - turned) % 360
    assert out.shape == card_back_scan.shape
    assert np.abs(out.astype(int) - card_back_scan.astype(int)).mean() < 1


def test_page_quad_is_found_when_a_shadow_darkens_a_corner() -> None:
    """A hand's shadow over a corner: the colour (paper is grey, the table brown) finds it."""
    from samplegen.photo import photograph_page

    page = cv2.cvtColor(text_page(850, 1200), cv2.COLOR_GRAY2RGB)
    photo = photograph_page(page, random.Random(3), light="hand")
    quad = steps.find_page_quad(steps.to_grey(photo), photo)
    assert quad is not None
    h, w = photo.shape[:2]
    # the page fills 80-88 % of the photo, centred: every corner is far from the middle
    for x, y in quad:
        assert abs(x - w / 2) > 0.3 * w and abs(y - h / 2) > 0.3 * h


def test_a4_and_passport_pages_are_told_apart_by_the_size_of_their_print() -> None:
    """Same shape (1.414 vs 1.42): small letters make an A4 page, large ones a passport."""
    assert round(steps._photo_dpi(2000, 2828, 0.007)) == 242  # A4: 297 mm long
    assert round(steps._photo_dpi(2000, 2828, 0.012)) == 575  # passport page: 125 mm long


def test_an_a4_page_cut_at_the_frame_is_no_card_by_its_shape() -> None:
    """A photo that cut a margin off leaves an A4 page shaped nearer an ID-1 card (1.586);
    its small print still makes it A4, and a card's large print a card."""
    rng = random.Random(fresh_seed(__name__))
    w = rng.randint(1200, 2200)
    h = round(w * rng.uniform(1.51, 1.6))
    assert round(steps._photo_dpi(w, h, rng.uniform(0.005, 0.0095))) == round(h / (297 / 25.4))
    assert round(steps._photo_dpi(w, h, 0.02)) == round(h / (85.6 / 25.4))


def test_page_quad_leaves_out_a_small_card_lying_close_beside_the_page() -> None:
    """A card a few pixels from the page's edge, partly out of the frame: the mask's
    closing must not join it to the page's outline."""
    rng = random.Random(fresh_seed(__name__))
    photo = np.full((3000, 2250, 3), (70, 50, 30), np.uint8)
    page = np.array([[300, 250], [1950, 280], [1930, 2700], [320, 2680]], np.int32)
    cv2.fillConvexPoly(photo, page, (235, 235, 230))
    y = rng.randint(600, 2200)
    gap = rng.randint(10, 25)
    card = np.array([[1950 + gap, y], [2300, y - 10], [2300, y + 90], [1945 + gap, y + 100]])
    cv2.fillConvexPoly(photo, card.astype(np.int32), (240, 240, 240))
    quad = steps.find_page_quad(steps.to_grey(photo), photo)
    assert quad is not None
    assert np.abs(quad - page).max() < 30


def test_a_one_bit_fax_is_smoothed_before_it_is_enlarged() -> None:
    fax = np.where(text_page() < 128, 0, 255).astype(np.uint8)
    assert steps.is_bilevel(fax) and not steps.is_bilevel(text_page())
    out, measured = steps.resample(fax, state(dpi=200.0))
    assert measured["bilevel"] and out.shape[1] == round(fax.shape[1] * 1.5)
    assert np.count_nonzero((out > 0) & (out < 255)) > 0.01 * out.size  # grey edges now


def test_a_standard_mode_fax_is_stretched_to_square_pixels() -> None:
    """204 × 98 dpi: letters are half as tall in pixels as they are wide; ingest stretches
    the rows so the page reads at 204 dpi both ways. Near-square fine mode is left as is."""
    import io

    from PIL import Image

    from docpipe.ingest.image import read_image

    sheet = scan.fax_sampled(text_page(), random.Random(1), "standard")
    fine = scan.fax_sampled(text_page(), random.Random(1), "fine")
    assert sheet.shape[0] == round(900 * 98 / 204)
    standard = read_image(scan.tiff_pages([sheet, sheet], (204, 98)), load_settings())
    assert len(standard) == 2
    assert standard[0].image.shape == (round(sheet.shape[0] * 204 / 98), 1200)
    assert standard[0].dpi == 204
    assert set(np.unique(standard[0].image)) <= {0, 255}  # still 1-bit for resample
    buf = io.BytesIO()
    Image.fromarray(fine).save(buf, "PNG", dpi=(204, 196))
    (page,) = read_image(buf.getvalue(), load_settings())
    assert page.image.shape == fine.shape and round(page.dpi or 0) == 204  # PNG: dots/metre


def test_baselines_tell_upright_from_upside_down_and_leave_sideways_to_osd() -> None:
    """Letters share their bottoms upright, their tops upside down; sideways stays undecided."""
    from pathlib import Path

    from docpipe.preprocess.baselines import upright_turn

    pdf = (Path(__file__).resolve().parent.parent / "samples/invoices/kagit_01.pdf").read_bytes()
    page = scan.noise(scan.rasterise(pdf, 300), random.Random(5), 4)
    assert upright_turn(page)[0] == 0
    assert upright_turn(scan.rotate(page, 180))[0] == 180
    assert upright_turn(scan.rotate(page, 90))[0] is None
    assert upright_turn(np.full((800, 600), 255, np.uint8))[0] is None


@pytest.mark.parametrize("tag", [None, 300.0])
def test_a_low_dpi_card_scan_with_no_or_a_wrong_dpi_tag_is_enlarged_as_a_card(
    tag: float | None,
) -> None:
    """A card scanned at 100-140 dpi whose file states no dpi, or the driver's 300 (at which
    it would be 1.3 inches wide): resampled at the dpi at which it is an ID-1 card."""
    from samplegen import iddesign
    from samplegen.identity import random_person

    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    rgb = iddesign.card_front(random_person(rng), iddesign.random_design(rng), rng, 300)
    dpi = rng.uniform(100, 140)
    grey = cv2.resize(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY), None, fx=dpi / 300, fy=dpi / 300,
                      interpolation=cv2.INTER_AREA)  # fmt: skip
    page = state(dpi=tag)
    out, measured = steps.resample(grey, page)
    assert measured["dpi_guessed"] and page.dpi == pytest.approx(300), seed
    assert out.shape[1] / 300 * 25.4 == pytest.approx(85.6, rel=0.03), (seed, dpi)


def test_an_a4_page_stating_no_dpi_is_not_taken_for_a_document() -> None:
    """An A4 page's shape is an ID-3 passport page's; its small print says it is a page."""
    page = np.full((1754, 1240), 255, np.uint8)
    for row in range(40):
        cv2.putText(page, "Fatura No 12345 KDV Toplam", (60, 60 + row * 40),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.5, 0, 1)  # fmt: skip
    out, measured = steps.resample(page, state(dpi=None))
    assert measured["dpi"] is None and out is page


def test_invert_regions_follows_a_band_a_photo_lit_from_one_side() -> None:
    # a coloured header band photographed with the light from the left (greys as on a tune
    # photo): darker than 100 at its left end, mid-grey at its right, on paper that is
    # itself grey there; its white column names must all come out dark on light, not
    # those of its left end alone
    page = np.full((900, 1200), 255, np.uint8)
    page[:, :] = np.linspace(230, 165, 1200, dtype=np.float32).astype(np.uint8)[None, :]
    page[300:360, 100:1100] = np.linspace(70, 110, 1000, dtype=np.float32).astype(np.uint8)
    for x in (150, 450, 750, 950):
        cv2.putText(page, "KDV", (x, 345), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 250, 3)
    out, info = steps.invert_regions(page, state())
    assert info["regions"] == 1
    band = out[305:355, 100:1100]
    for x in (100, 400, 700, 900):  # each quarter: paper-light fill, dark letters
        quarter = band[:, x - 100 + 40 : x - 100 + 200]
        assert np.median(quarter) > 200
        assert (quarter < 120).mean() > 0.03
    assert (out[400:, :] == page[400:, :]).all()  # nothing under the band is touched


def test_invert_regions_leaves_an_even_band_as_before() -> None:
    # an evenly dark band reaches no further along its rows: the one-fill stretch
    page = text_page()
    page[300:360, 100:1100] = 40
    cv2.putText(page, "ACIKLAMA MIKTAR", (150, 345), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 3)
    assert steps._grown_band(
        cv2.medianBlur(page, 5), 100, 300, 1000, 60, np.ones((60, 1000), bool),
        np.zeros(page.shape, bool),
    ) is None  # fmt: skip
