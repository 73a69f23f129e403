"""Party blocks that print their numbers bare, one per line, with no label (invoice viewers
that print the stored values as they are): ten digits are the VKN, eleven the T.C. kimlik
no, and eleven opening with 0 the phone with its trunk prefix (a TCKN never starts with 0).
Randomised tests draw a fresh seed every run (``DOCPIPE_TEST_SEED`` replays one).
"""

from __future__ import annotations

import random

import pytest

from docpipe.extract.rules.parties import party_fields
from docpipe.text.layout import page_lines
from samplegen.identifiers import random_tckn, random_vkn
from tests.conftest import fresh_seed
from tests.text_pages import text_page as _page

FRESH = fresh_seed(__name__)


@pytest.mark.parametrize("offset", range(4))
def test_a_bare_phone_with_its_trunk_prefix_is_no_kimlik_no(offset: int) -> None:
    rng = random.Random(f"{FRESH}/bare/{offset}")
    vkn = random_vkn(rng)
    phone = f"0{rng.choice((212, 216, 222, 232, 312, 342))}{rng.randint(0, 10**7 - 1):07d}"
    person_id = random_tckn(rng)
    cells = [
        (40, 60, "Satıcı Bilgileri"),
        (40, 75, person_id),
        (40, 88, "Hürriyet Mah. Ihlamur Cad. No: 196/4 Şahinbey/Gaziantep"),
        (40, 101, "yagmur.cinar@example.com"),
        (40, 114, "Yağmur Çınar"),
        (40, 160, "Alıcı Bilgileri"),
        (40, 175, vkn),
        (40, 188, "Sönmezler Temizlik Hizmetleri San. Tic. A.Ş."),
        (40, 201, "Kızılırmak Mah. Söğüt Sok. No 203 Odunpazarı / Eskişehir"),
        (40, 214, phone),
        (40, 227, "destek@sonmezler.com.tr"),
    ]
    found = party_fields(page_lines(_page(cells)), 596.0)
    seller, buyer = found["seller"], found["buyer"]
    assert seller["tckn"].value == person_id
    assert buyer["vkn"].value == vkn
    assert "tckn" not in buyer, f"seed {FRESH}"
    assert buyer["phone"].value == phone
