"""Structures of further published templates (``samplegen.contracts.general_c``): a party's
caption numbered like an article ("2. TARAF (ALICI)"), a role defined as a term ("“Kiracı”
terimi, … için kullanılmıştır"), "Yetkili:" before the person who signs, "Vergi Dairesi /
No:" in prose, "Sivas doğumlu (…)", a date in the opening sentence beside a birth date with
the place only at the close, "Satılan, …" before the property's address, the service after a
participle or before "işini üstlenmiştir", a term counted twice ("2 yıl (24 ay) süreli").
The sentences are this file's own; the family's documents are read from fresh seeds."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from docpipe.evaluate import score_fields
from docpipe.extract.rules.contract import extract_contract
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from samplegen.contracts.general_c import general_c_spec
from tests.conftest import fresh_seed
from tests.test_contracts import _run_spec, _text_doc

FRESH = fresh_seed(__name__)
VKN_A, VKN_B = "2914177760", "3170669073"
TCKN_A, TCKN_B = "10000000146", "12345678950"


def _got(lines: list[str]) -> dict:
    return {k: v.value for k, v in extract_contract(_text_doc(lines)).items.items()}


def test_a_numbered_party_caption_is_no_article() -> None:
    got = _got([
        "TAŞINMAZ SATIŞ SÖZLEŞMESİ",
        "1. Taraflar",
        "1. TARAF (SATICI)",
        "ADI SOYADI : Deniz Arslan",
        f"T.C. NO : {TCKN_A}",
        "ADRES : Yenidoğan Mah. Lale Sk. No: 4 Tepebaşı / Eskişehir",
        "2. TARAF (ALICI)",
        "ADI SOYADI: Canan Yurt",
        f"TCKN: {TCKN_B}",
        "ADRESİ: Zafer Mah. Gül Cad. No: 12 Merkezefendi / Denizli",
        "2. Satılan",
        "Satılan, Cumhuriyet Mah. Çam Sk. No: 8 Daire: 3 Nilüfer / Bursa adresindeki dairedir.",
        "3. Bedel",
        "Satış bedeli 2.000.000,00 TL olup peşin ödenmiştir.",
    ])  # fmt: skip
    assert got["parties.0.name"] == "Deniz Arslan" and got["parties.0.role"] == "satıcı"
    assert got["parties.1.name"] == "Canan Yurt" and got["parties.1.role"] == "alıcı"
    assert got["parties.1.tckn"] == TCKN_B
    assert got["property_address"] == "Cumhuriyet Mah. Çam Sk. No: 8 Daire: 3 Nilüfer / Bursa"


def test_roles_defined_as_terms_with_a_yetkili_label() -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "MADDE 1 – TANIMLAR",
        "1.1. “Hizmet Veren” terimi, Moda Mah. Bahariye Cad. No: 10 Kadıköy / İstanbul "
        f"adresinde mukim Kadıköy Vergi Dairesi'nin {VKN_A} numaralı mükellefi Pera Yazılım "
        "A.Ş. (Yetkili: Selin Tunç (Genel Müdür), T.C. 10000000146) için kullanılmıştır.",
        "1.2. “Hizmet Alan” terimi, Kızılay Mah. Atatürk Blv. No: 5 Çankaya / Ankara adresinde "
        f"mukim Anka Gıda Ltd. Şti. (Vergi Dairesi / No: Çankaya / {VKN_B}) için kullanılmıştır.",
        "MADDE 2 – SÖZLEŞMENİN KONUSU",
        "Hizmet Veren, Hizmet Alan için muhasebe yazılımı bakım hizmetleri işini üstlenmiştir.",
    ])  # fmt: skip
    assert got["parties.0.name"] == "Pera Yazılım A.Ş."
    assert got["parties.0.tax_office"] == "Kadıköy" and got["parties.0.vkn"] == VKN_A
    assert got["parties.0.representatives.0.name"] == "Selin Tunç"
    assert got["parties.0.representatives.0.title"] == "Genel Müdür"
    assert got["parties.1.name"] == "Anka Gıda Ltd. Şti."
    assert got["parties.1.tax_office"] == "Çankaya"
    assert got["subject"] == "muhasebe yazılımı bakım hizmetleri"


def test_a_dated_opening_beside_a_birth_date_and_the_place_at_the_close() -> None:
    got = _got([
        "KİRA SÖZLEŞMESİ",
        "MADDE 1 - TARAFLAR",
        "İşbu sözleşme 01/08/2024 tarihinde “Moda Mah. Şair Sk. No: 3 Kadıköy / İstanbul” "
        f"adresinde ikamet eden Ayla Kaya (TCKN: {TCKN_A}; Sivas doğumlu (07/02/1994)) "
        "(Kısaca KİRAYA VEREN olarak anılacaktır) ile “Fatih Mah. Kale Sk. No: 5 Gebze / "
        f"Kocaeli” adresinde ikamet eden Ali Er (T.C. {TCKN_B}) (Kısaca KİRACI olarak "
        "anılacaktır) arasında aşağıdaki şartlarla imzalanmıştır.",
        "MADDE 2 - SÜRE",
        "Sözleşme 2 yıl (24 ay) süreli olup 15/08/2024 tarihinde başlar.",
        "MADDE 3 - YETKİLİ MAHKEME",
        "İşbu sözleşme Ankara'da iki nüsha halinde düzenlenmiştir.",
    ])  # fmt: skip
    assert str(got["contract_date"]) == "2024-08-01"
    assert got["place"] == "Ankara"
    assert got["parties.0.birth_place"] == "Sivas"
    assert str(got["parties.0.birth_date"]) == "1994-02-07"
    assert got["term_months"] == 24


def test_the_service_after_its_participle() -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ",
        "MADDE 1 – SÖZLEŞMENİN KONUSU",
        "İşbu sözleşmenin konusu, Yüklenici tarafından Müşteri'ye verilecek bina temizlik "
        "işinin şartlarının belirlenmesidir.",
    ])  # fmt: skip
    assert got["subject"] == "bina temizlik"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def test_general_c_contracts_from_fresh_seeds(pipe: Pipeline, tmp_path: Path) -> None:
    """Eight ``general_c`` contracts of every kind, drawn from fresh seeds: nearly every
    field read, none far off, and their parties named."""
    correct = total = 0
    poor = []
    for index in range(8):
        seed = FRESH + 104729 * (index + 1)
        rng = random.Random(seed)
        spec = general_c_spec(rng, index)
        truth, result = _run_spec(pipe, spec, rng, tmp_path, f"general-c-{index}")
        scored = score_fields(truth, result.record)
        good = sum(1 for o in scored.values() if o == "correct")
        correct, total = correct + good, total + len(scored)
        names = [p for p in scored if p.endswith(".name") and p.count(".") == 2]
        if good < 0.8 * len(scored) or any(scored[p] != "correct" for p in names):
            poor.append((seed, spec.kind, {p: o for p, o in scored.items() if o != "correct"}))
    assert correct >= 0.95 * total, (correct, total, poor)
    assert len(poor) <= 1, poor
