"""Varied identity designs (``iddesign.random_design(varied=True)``): what the published
specimens vary beyond the label set-up, drawn so that plain designs stay as they were, and
read like the plain ones."""

from __future__ import annotations

import dataclasses
import random

from samplegen import idcorpus, iddesign
from tests.conftest import fresh_seed

_PLAIN = {
    "label_ink": None,
    "value_grey": 0.1,
    "mrz_panel": True,
    "mrz_pitch": 0.0,
    "ghost_over": False,
}


def test_a_varied_design_is_the_plain_one_with_its_variations_drawn_after() -> None:
    """The variations are drawn after every plain choice: the same seed gives the same
    plain design, varied or not, so documents measured before stay as they were."""
    seed = fresh_seed(__name__)
    layout = random.Random(seed).choice(("one_line", "two_lines", "wrapped"))
    plain = iddesign.random_design(random.Random(seed), label_layout=layout)
    varied = iddesign.random_design(random.Random(seed), label_layout=layout, varied=True)
    assert dataclasses.replace(varied, **_PLAIN) == plain, seed
    assert {k: getattr(plain, k) for k in _PLAIN} == _PLAIN, seed
    assert varied.label_ink in iddesign.LABEL_INKS and varied.mrz_pitch > 0, seed


def test_every_kind_is_varied_on_the_tune_split_and_none_held_out() -> None:
    seed = fresh_seed(__name__, 1, 10**4)
    tune = list(idcorpus.plan("tune", 48, seed))
    varied = {kind for _, kind, _, layout, _ in tune if layout.endswith(idcorpus.VARIED)}
    assert varied == set(idcorpus.KINDS), seed
    held = idcorpus.plan("heldout", 48, seed)
    assert not any(idcorpus.VARIED in layout for _, _, _, layout, _ in held), seed
