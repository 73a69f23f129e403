"""Employment and service contracts as published templates print them
(``samplegen.contracts.general_forms``): parties as blocks of "label : value" lines
("Adı Soyadı (Unvanı)", "Vatandaşlık Numarası", "SSK No", "Temsilen", a capitalised
"İLE" between them), parties in running prose ("… adresinde mukim …", "… Vergi
Dairesi'nin … vergi numaralı mükellefi", "… SGK sicil numaralı", "… doğumlu, doğum yeri
…"), the job and pay as labels ("Görevi / Unvanı", "Çalışma yeri", "Ücret"), and the court
in the genitive ("… Mahkemelerinin yetkili olduğunu kabul ederler")."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from docpipe.evaluate import score_fields
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from samplegen.contracts.general import general_spec
from samplegen.contracts.general_forms import (
    court_mukim,
    job_lines,
    parties_mukim,
    party_lines,
)
from samplegen.contracts.spec import ContractSpec
from tests.conftest import fresh_seed
from tests.test_contract_wordings import PERSON_B, _got
from tests.test_contracts import _run_spec

FRESH = fresh_seed(__name__)
TITLES = {"employment_fixed": "İŞ SÖZLEŞMESİ", "employment_indefinite": "İŞ SÖZLEŞMESİ",
          "service": "HİZMET SÖZLEŞMESİ"}  # fmt: skip


def _specs(rng: random.Random, count: int) -> list[ContractSpec]:
    """``count`` general_a employment and service contracts (indices 2, 6, 7 of its kinds)."""
    return [general_spec(rng, (2, 6, 7)[i % 3]) for i in range(count)]


def _want(spec: ContractSpec) -> dict[str, object]:
    want: dict[str, object] = {}
    for i, p in enumerate(spec.parties):
        path = f"parties.{i}"
        want[f"{path}.name"] = p.name
        want[f"{path}.address"] = p.address
        for key in ("tckn", "vkn", "mersis", "sgk_no"):
            if getattr(p, key) and not (key == "sgk_no" and not p.person):
                want[f"{path}.{key}"] = getattr(p, key)
        if p.passport:
            want[f"{path}.passport_no"] = p.passport
        if p.birth_date:
            want[f"{path}.birth_date"] = p.birth_date
            want[f"{path}.birth_place"] = p.birth_place
        for k, r in enumerate(p.representatives):
            want[f"{path}.representatives.{k}.name"] = r.name
            want[f"{path}.representatives.{k}.title"] = r.title
            if r.tckn:
                want[f"{path}.representatives.{k}.tckn"] = r.tckn
    return want


def _misses(got: dict, want: dict) -> list[tuple[str, object, object]]:
    return [(k, v, got.get(k)) for k, v in want.items() if got.get(k) != v]


def test_party_blocks_of_label_lines_from_fresh_seeds() -> None:
    """Both parties as label lines under their role word, "ile"/"İLE" between them."""
    rng = random.Random(FRESH)
    wrong = []
    for spec in _specs(rng, 24):
        first, second = (party_lines(p, rng) for p in spec.parties)
        lines = [TITLES[spec.kind], "MADDE 1 – TARAFLAR", *first, rng.choice(("ile", "İLE")),
                 *second]  # fmt: skip
        if miss := _misses(_got(lines), _want(spec)):
            wrong.append((lines, miss))
    assert not wrong, wrong[:2]


def test_parties_in_mukim_prose_from_fresh_seeds() -> None:
    """Parties in the running prose of published templates, ids before their cue words."""
    rng = random.Random(FRESH + 1)
    wrong = []
    for spec in _specs(rng, 24):
        text = parties_mukim(spec, rng)
        if miss := _misses(_got([TITLES[spec.kind], "1. TARAFLAR", text]), _want(spec)):
            wrong.append((text, miss))
    assert not wrong, wrong[:2]


def test_job_title_ends_at_the_next_label_from_fresh_seeds() -> None:
    rng = random.Random(FRESH + 2)
    for spec in _specs(rng, 30):
        if not spec.kind.startswith("employment"):
            continue
        lines = job_lines(spec, rng, "45.000,00 TL")
        got = _got(["İŞ SÖZLEŞMESİ", "MADDE 3 – İŞ VE ÜCRET", " ".join(lines)])
        assert got.get("subject") == spec.subject, lines
        assert got.get("amount") is not None, lines
        if spec.payment_day:
            assert got.get("payment_day") == spec.payment_day, lines


@pytest.mark.parametrize(
    "sentence, court",
    [
        ("Taraflar, uyuşmazlıklarda İzmir Mahkemeleri ve İcra Dairelerinin yetkili olduğunu "
         "kabul ederler.", "İzmir Mahkemeleri ve İcra Daireleri"),
        ("Anlaşmazlıklarda Ankara İş Mahkemelerinin yetkili olduğu kabul edilmiştir.",
         "Ankara İş Mahkemeleri"),
        ("İhtilaflarda Bursa Mahkemesinin yetkisi kabul edilmiştir.", "Bursa Mahkemesi"),
        ("Uyuşmazlıklarda Adana Mahkemeleri ve İcra Daireleri yetkilidir.",
         "Adana Mahkemeleri ve İcra Daireleri"),
    ],
)  # fmt: skip
def test_court_in_the_genitive_keeps_its_name(sentence: str, court: str) -> None:
    got = _got(["HİZMET SÖZLEŞMESİ", f"{PERSON_B} (“Hizmet Alan”)", "MADDE 9 – YETKİ", sentence])
    assert got["governing_court"] == court


def test_court_wordings_from_fresh_seeds() -> None:
    rng = random.Random(FRESH + 3)
    for spec in _specs(rng, 12):
        sentence = court_mukim(spec, rng)
        got = _got([TITLES[spec.kind], "MADDE 9 – YETKİLİ MAHKEME", sentence])
        assert got["governing_court"] == spec.court, sentence


def test_a_representatives_title_after_a_comma() -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ", "MADDE 1 – TARAFLAR", "HİZMET VEREN",
        "Unvanı : Deniz Yazılım A.Ş.", "Vergi Dairesi : Kozyatağı", "VKN : 1234567890",
        "Adres : Fatih Mah. Ak Sk. No: 3 Ataşehir / İstanbul",
        "Şirket Yetkilisi : Can Ak, Genel Müdür, T.C. Kimlik No: 10000000146", "İLE",
        "HİZMET ALAN", "Adı Soyadı : Zehra Doğan", "Vatandaşlık Numarası : 12345678950",
        "Adresi : Atatürk Mah. Çam Cad. No: 7 Kadıköy / İstanbul",
    ])  # fmt: skip
    assert got["parties.0.representatives.0.name"] == "Can Ak"
    assert got["parties.0.representatives.0.title"] == "Genel Müdür"
    assert got["parties.0.representatives.0.tckn"] == "10000000146"
    assert "parties.0.representatives.1.name" not in got  # "İLE" is no one
    assert got["parties.1.tckn"] == "12345678950"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def test_employment_and_service_contracts_read_whole_from_fresh_seeds(
    pipe: Pipeline, tmp_path: Path
) -> None:
    """Six general_a employment/service contracts from fresh seeds, rendered to PDF (the
    template wordings drawn at their rates): every field at ≥ 99 % and the expected status."""
    outcomes: Counter[str] = Counter()
    wrong = []
    for i in range(6):
        seed = FRESH + 7919 * (i + 1)
        rng = random.Random(seed)
        spec = general_spec(rng, (2, 6, 7)[i % 3])
        truth, result = _run_spec(pipe, spec, rng, tmp_path, f"form-{i}")
        for path, outcome in score_fields(truth, result.record).items():
            outcomes[outcome] += 1
            if outcome != "correct":
                wrong.append((seed, spec.kind, path))
        assert result.status.value == truth.expect_status, (seed, spec.kind)
    assert outcomes["correct"] / sum(outcomes.values()) >= 0.99, wrong


@pytest.mark.parametrize(
    "fee, included",
    [
        ("Hizmet bedeli aylık 25.000,00 TL olup bu bedele KDV dahil değildir.", False),
        ("Hizmet bedeli aylık 25.000,00 TL (KDV dahil) olarak belirlenmiştir.", True),
        ("Hizmet bedeli KDV hariç aylık 25.000,00 TL'dir.", False),
    ],
)
def test_kdv_dahil_degildir_is_not_included(fee: str, included: bool) -> None:
    got = _got(["HİZMET SÖZLEŞMESİ", f"{PERSON_B} (“Hizmet Alan”)", "MADDE 4 – BEDEL", fee])
    assert got["kdv_included"] is included


def test_representative_adina_ve_hesabina_imzaya_yetkili() -> None:
    got = _got([
        "HİZMET SÖZLEŞMESİ", "MADDE 1 – TARAFLAR",
        "Deniz Yazılım A.Ş. (Kozyatağı V.D. 1234567890, Fatih Mah. Ak Sk. No: 3 Ataşehir / "
        "İstanbul) adına ve hesabına imzaya yetkili Genel Müdür Can Ak (bundan sonra 'Hizmet "
        f"Veren' olarak anılacaktır) ile {PERSON_B} (“Hizmet Alan”) arasında imzalanmıştır.",
    ])  # fmt: skip
    assert got["parties.0.name"] == "Deniz Yazılım A.Ş."
    assert got["parties.0.representatives.0.name"] == "Can Ak"
    assert got["parties.0.representatives.0.title"] == "Genel Müdür"


@pytest.mark.parametrize("first, second", [("(İŞVEREN)", "(İŞÇİ)"), ("(İşveren)", "( İşçi )")])
def test_role_word_alone_in_brackets_designates_a_party(first: str, second: str) -> None:
    got = _got([
        "İŞ SÖZLEŞMESİ", "MADDE 1 – TARAFLAR",
        "Bir tarafta Deniz Yazılım A.Ş. (Kozyatağı Vergi Dairesi, VKN 1234567890; merkezi Fatih "
        f"Mah. Ak Sk. No: 3 Ataşehir / İstanbul) {first}, diğer tarafta {PERSON_B} {second} "
        "arasında aşağıdaki şartlarla akdedilmiştir.",
    ])  # fmt: skip
    assert got["parties.0.role"] == "işveren" and got["parties.1.role"] == "işçi"
    assert got["parties.0.name"] == "Deniz Yazılım A.Ş."
    assert got["parties.1.name"] == "Zehra Doğan"
    assert got["parties.1.tckn"] == "12345678950"
