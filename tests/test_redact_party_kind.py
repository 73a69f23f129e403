"""Party kind from evidence (issue 15, item 6): a company name stays clear when any company
marker is present, even when its VKN was not read; a person's name is masked."""

from __future__ import annotations

import pytest

from docpipe.redact.policy import is_person, personal_fields

# (party as extracted, is a person?, why)
CASES = [
    ({"name": "Deniz Gıda A.Ş."}, False, "A.Ş. in the name, no VKN read"),
    ({"name": "DENİZ GIDA ANONİM ŞİRKETİ"}, False, "anonim şirketi spelled out"),
    ({"name": "Yıldız Yapı Ltd. Şti.", "kind": "person"}, False, "marker beats a wrong kind"),
    ({"name": "Kaya Tic."}, False, "Tic."),
    ({"name": "Ege Plastik San."}, False, "San."),
    ({"name": "Ege Plastik", "mersis": "0123456789000015"}, False, "a MERSİS number"),
    (
        {"name": "Ege Plastik", "tax_office": "Kadıköy", "vkn": "0123456789"},
        False,
        "tax office+VKN",
    ),
    ({"name": "Ayşe Yılmaz"}, True, "a name without markers"),
    ({"name": "Ayşe Yılmaz", "vkn": "1234567890"}, True, "a sole proprietor's VKN alone"),
    ({"name": "Ayşe Yılmaz", "tax_office": "Kadıköy"}, True, "a tax office without a VKN"),
    ({"name": "Ayşe Yılmaz Tic.", "tckn": "10000000146"}, True, "a TCKN: a sole proprietor"),
    ({"name": "Ayşe Yılmaz", "kind": "company"}, False, "the extraction said company"),
    ({"name": "Ege Plastik", "kind": "person"}, True, "the extraction said person"),
    ({"vkn": "0123456789"}, False, "nothing names a person"),
]


@pytest.mark.parametrize(("party", "person", "why"), CASES, ids=[c[2] for c in CASES])
def test_party_kind_from_evidence(party: dict, person: bool, why: str) -> None:
    assert is_person(party) is person, why


def test_a_company_whose_vkn_was_not_read_keeps_its_name_in_a_contract() -> None:
    record = {
        "parties": [
            {"role": "işveren", "kind": "person", "name": "Yıldız Yapı Ltd. Şti.", "address": "X"},
            {"role": "işçi", "kind": "person", "name": "Ayşe Yılmaz", "tckn": "10000000146"},
        ]
    }
    assert personal_fields("contract", record) == {
        "parties.1.name": "PERSON",
        "parties.1.tckn": "TR_NATIONAL_ID",
    }
