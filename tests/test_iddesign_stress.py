"""Stressed identity documents (``idcorpus.STRESS``): what real cards and passports add
over the fields and how they are captured, drawn on the tune split only (the held-out split's
documents stay as they were drawn), a design's stress after its other choices; and read
like the plain ones."""

from __future__ import annotations

import dataclasses
import difflib
import random
from pathlib import Path

from docpipe.extract.rules.identity import mrz_name_of
from docpipe.pipeline import Pipeline
from docpipe.settings import Settings
from samplegen import idcorpus, iddesign
from samplegen.identity import random_person, truth
from samplegen.images import FRONT
from tests.conftest import fresh_seed

_UNSTRESSED = {
    "given_first": False,
    "name_break": False,
    "hologram": False,
    "portrait_over": 0.0,
    "mrz_guilloche": False,
}


def test_a_stressed_design_is_the_drawn_one_with_its_stress_on_top() -> None:
    seed = fresh_seed(__name__)
    layout = random.Random(seed).choice(("one_line", "two_lines", "wrapped"))
    varied = random.Random(seed).random() < 0.5
    plain = iddesign.random_design(random.Random(seed), label_layout=layout, varied=varied)
    stressed = iddesign.random_design(
        random.Random(seed), label_layout=layout, varied=varied, stress=random.Random(seed + 1)
    )
    back = dataclasses.replace(stressed, **_UNSTRESSED, mrz_panel=plain.mrz_panel)
    assert back == plain, seed
    assert {k: getattr(plain, k) for k in _UNSTRESSED} == _UNSTRESSED, seed
    if stressed.mrz_guilloche:  # the rosette is the zone's background: no plain panel
        assert not stressed.mrz_panel, seed


def test_every_kind_is_stressed_on_the_tune_split_and_none_held_out() -> None:
    seed = fresh_seed(__name__, 1, 10**4)
    tune = list(idcorpus.plan("tune", 48, seed))
    stressed = {kind for _, kind, _, layout, _ in tune if idcorpus.STRESS in layout}
    assert stressed == set(idcorpus.KINDS), seed
    assert all(layout.endswith(idcorpus.VARIED) for _, _, _, layout, _ in tune
               if idcorpus.VARIED in layout), seed  # fmt: skip
    held = idcorpus.plan("heldout", 48, seed)
    assert not any(idcorpus.STRESS in layout for _, _, _, layout, _ in held), seed


def test_names_in_the_other_order_and_broken_over_two_lines_are_read(
    tmp_path: Path, settings: Settings
) -> None:
    """A card front with the given names' row above the surname's, two given names on two
    lines: each name is read under its own label, the two lines as one value (its words
    counted, its letters compared loosely in the zone's alphabet: a front has no zone to
    correct a letter OCR misread, KARAAĞAÇ read KARAAGAG, seed 9206)."""
    seed = fresh_seed(__name__)
    rng = random.Random(seed)
    design = dataclasses.replace(
        iddesign.random_design(rng, label_layout="one_line"), given_first=True, name_break=True
    )
    person = random_person(rng)
    first = person.given_names.split(" ")[0]
    second = next(n for n in ("AYŞE", "NUR", "ELİF", "EMRE", "CAN") if n != first)
    person = dataclasses.replace(person, given_names=f"{first} {second}")
    image = iddesign.card_front(person, design, rng, 300)
    path = tmp_path / "front.jpg"
    path.write_bytes(idcorpus._encode(image, 300, 90))
    with Pipeline(settings.model_copy(update={"store_results": False})) as pipeline:
        record = pipeline.process(path).record or {}
    expected = truth("id_card", person, FRONT, [])["fields"]
    for name in ("surname", "given_names"):  # the order and the break, not a letter's OCR
        read, want = mrz_name_of(str(record.get(name))), mrz_name_of(expected[name])
        assert len(read.split()) == len(want.split()), (seed, name)
        assert difflib.SequenceMatcher(None, read, want).ratio() >= 0.8, (seed, name)
